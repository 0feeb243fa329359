"""Helpers for the clean tests: load a library from text, run one transform or the whole stack."""

from __future__ import annotations

import textwrap

from refcheck.library import load_library
from refcheck.library.clean import CleanOptions, clean_items
from refcheck.library.clean.model import CleanEntry, Field, items_from_library
from refcheck.library.clean.state import CleanState
from refcheck.library.write import write_items


def bib(tmp_path, text: str, name: str = "lib.bib") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


def state_of(tmp_path, text: str, **options) -> CleanState:
    library = load_library([bib(tmp_path, text)])
    return CleanState(items_from_library(library), CleanOptions(**options), distinct=set(library.distinct))


def entry(key: str = "k", type: str = "article", **fields: str) -> CleanEntry:
    return CleanEntry(type, key, [Field(name, value) for name, value in fields.items()])


def state_with(*entries: CleanEntry, **options) -> CleanState:
    return CleanState(list(entries), CleanOptions(**options))


def cleaned(tmp_path, text: str, **options) -> str:
    library = load_library([bib(tmp_path, text)])
    result = clean_items(items_from_library(library), CleanOptions(**options), set(library.distinct))
    return write_items(result.items)
