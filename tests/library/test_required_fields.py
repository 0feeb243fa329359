"""Required fields per entry type, which drive the incomplete-entry rule."""

from __future__ import annotations

import pytest

from refcheck.library import REQUIRED_FIELDS, Entry, missing_fields


def entry(type_: str, **fields: str) -> Entry:
    return Entry(key="k", type=type_, fields=fields, path="lib.bib", line=1)


@pytest.mark.parametrize(
    ("type_", "fields", "missing"),
    [
        ("article", {"author": "A", "title": "T", "journal": "J", "year": "2000"}, []),
        ("article", {"author": "A", "title": "T", "year": "2000"}, ["journal"]),
        ("article", {"author": "A", "title": "T", "journaltitle": "J", "date": "2000-01"}, []),
        ("article", {"author": " ", "title": "T", "journal": "J", "year": "2000"}, ["author"]),
        ("book", {"editor": "E", "title": "T", "publisher": "P", "year": "2000"}, []),
        ("book", {"title": "T", "year": "2000"}, ["author or editor", "publisher"]),
        ("inproceedings", {"author": "A", "title": "T", "year": "2000"}, ["booktitle"]),
        ("incollection", {"author": "A", "title": "T", "booktitle": "B", "year": "1"}, ["publisher"]),
        ("phdthesis", {"author": "A", "title": "T", "institution": "U", "year": "2000"}, []),
        ("mastersthesis", {"author": "A", "title": "T", "year": "2000"}, ["school"]),
        ("techreport", {"author": "A", "title": "T", "year": "2000"}, ["institution"]),
        ("misc", {}, []),
        ("online", {"title": "T"}, ["url or doi"]),
        ("online", {"title": "T", "doi": "10.1/x"}, []),
        ("electronic", {"url": "http://x"}, ["title"]),
        ("unknowntype", {}, []),
    ],
)
def test_missing_fields(type_, fields, missing):
    assert missing_fields(entry(type_, **fields)) == missing


def test_every_requirement_has_a_label_and_fields():
    for type_, requirements in REQUIRED_FIELDS.items():
        assert type_ == type_.lower()
        for label, names in requirements:
            assert label and names
