"""Fixtures of the corpus tests: a project with the sample corpus added to its store once per module."""

from __future__ import annotations

import shutil

import pytest
from corpus_support import project, run


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A project whose store holds corpus/ (blank pipeline: the store, not spaCy, is under test)."""
    folder = project(tmp_path_factory.mktemp("added"))
    from refcheck.cli import main
    from corpus_support import inside

    with inside(folder):
        try:
            main(["corpus", "add", "corpus", "--blank-pipeline"])
        except SystemExit as e:
            assert not e.code
    return folder


@pytest.fixture
def fresh_copy(added, tmp_path):
    """A private copy of the added project, for tests that change it."""
    target = tmp_path / "project"
    shutil.copytree(added, target)
    return target


__all__ = ["run"]
