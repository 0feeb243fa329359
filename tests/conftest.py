"""Shared fixtures: paths to the sample corpus and fixture documents, and a cached extractor."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from support import DOCS, extract_path

# Every test run (each xdist worker) gets a cache folder of its own, empty at the start: no test reads what a
# development run or an earlier test session left in ~/.cache/refcheck (parsed libraries, terms, names,
# embeddings), and none writes there. Subprocesses inherit it. A test that needs another folder sets its own.
_CACHE = tempfile.mkdtemp(prefix="refcheck-test-cache-")
os.environ["REFCHECK_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture
def extract_doc():
    """extract_doc("name.md") -> the Extraction of tests/fixtures/docs/name.md."""

    def run(name: str, blank: bool = False):
        return extract_path(str(DOCS / name), blank)

    return run
