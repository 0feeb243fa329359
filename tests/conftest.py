"""Shared fixtures: paths to the sample corpus and fixture documents, and a cached extractor."""

from __future__ import annotations

from functools import lru_cache
import pytest

from support import DOCS


@lru_cache(maxsize=None)
def extract_path(path: str, blank: bool = False):
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import read_document

    return extract(read_document(path), load_pipeline(blank=blank))


@pytest.fixture
def extract_doc():
    """extract_doc("name.md") -> the Extraction of tests/fixtures/docs/name.md."""

    def run(name: str, blank: bool = False):
        return extract_path(str(DOCS / name), blank)

    return run
