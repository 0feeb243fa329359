"""Shared fixtures: paths to the sample corpus and fixture documents, and a cached extractor."""

from __future__ import annotations

import pytest

from support import DOCS, extract_path


@pytest.fixture
def extract_doc():
    """extract_doc("name.md") -> the Extraction of tests/fixtures/docs/name.md."""

    def run(name: str, blank: bool = False):
        return extract_path(str(DOCS / name), blank)

    return run
