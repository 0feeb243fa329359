"""RIS libraries (EndNote, Mendeley, Zotero and database exports) as BibTeX-shaped entries.

RIS is a line format (`TY  - JOUR` ... `ER  -`); it has no citation keys, so
an entry's key is its `ID` tag when present, else the form reference managers
use: the first author's family name, the year and the first title word
(`smith2019deep`), with `a`, `b` ... added when two would clash.
"""

from __future__ import annotations

import re
import unicodedata

from refcheck.library.bibfile import Block, ParsedFile, RawEntry
from refcheck.library.problems import LibraryProblem

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_TYPES = {
    "JOUR": "article", "JFULL": "article", "MGZN": "article", "NEWS": "article", "EJOUR": "article",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "incollection", "ECHAP": "incollection",
    "CONF": "inproceedings", "CPAPER": "inproceedings", "THES": "phdthesis", "RPRT": "techreport",
    "ELEC": "online", "WEB": "online", "UNPB": "unpublished", "DATA": "dataset", "COMP": "software",
}
_AUTHORS = ("AU", "A1")
_EDITORS = ("A2", "ED", "A3")
_TITLE = ("TI", "T1")
_CONTAINER = ("T2", "JF", "JO", "JA", "J2", "BT", "J1")
_YEAR = ("PY", "Y1", "DA")
_SPECIAL = re.compile(r"([%&#$_{}])")
_STOP = {"a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from"}


def parse_ris(text: str, path: str) -> ParsedFile:
    entries: list[RawEntry] = []
    problems: list[LibraryProblem] = []
    blocks: list[Block] = []
    record: dict[str, list[str]] | None = None
    start_line = 0
    start_offset = 0
    last_tag = None
    offset = 0
    used: set[str] = set()
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        here = offset
        offset += len(line)
        line = line.rstrip("\r\n").lstrip("\ufeff")
        m = _TAG.match(line)
        if not m:
            if record is not None and last_tag and line.strip():
                record[last_tag][-1] += " " + line.strip()  # a wrapped value
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if record is not None:
                problems.append(LibraryProblem("malformed", path, start_line, "RIS record without its 'ER  -' line"))
            record, start_line, start_offset, last_tag = {"TY": [value]}, number, here, "TY"
            continue
        if record is None:
            problems.append(LibraryProblem("malformed", path, number, f"RIS tag '{tag}' outside a record (no 'TY  -' before it)"))
            continue
        if tag == "ER":
            raw_text = text[start_offset:offset]
            entry = _entry(record, path, start_line, raw_text, used)
            entries.append(entry)
            blocks.append(Block("entry", raw_text.rstrip("\n"), start_line, start_offset, offset, 1 if blocks else 0, entry))
            record, last_tag = None, None
            continue
        record.setdefault(tag, []).append(value)
        last_tag = tag
    if record is not None:
        problems.append(LibraryProblem("malformed", path, start_line, "RIS record without its 'ER  -' line"))
    return ParsedFile(entries, problems, blocks)


def _first(record: dict[str, list[str]], tags: tuple[str, ...]) -> str | None:
    for tag in tags:
        for value in record.get(tag, ()):
            if value:
                return value
    return None


def _escape(value: str) -> str:
    return _SPECIAL.sub(r"\\\1", value)


def _entry(record: dict[str, list[str]], path: str, line: int, raw_text: str, used: set[str]) -> RawEntry:
    fields: dict[str, str] = {}
    authors = [a for tag in _AUTHORS for a in record.get(tag, ()) if a]
    editors = [a for tag in _EDITORS for a in record.get(tag, ()) if a]
    if authors:
        fields["author"] = " and ".join(_escape(a) for a in authors)
    if editors:
        fields["editor"] = " and ".join(_escape(a) for a in editors)
    title = _first(record, _TITLE)
    if title:
        fields["title"] = _escape(title)
    kind = _TYPES.get(record["TY"][0].upper(), "misc")
    container = _first(record, _CONTAINER)
    if container:
        fields["booktitle" if kind in ("incollection", "inproceedings") else "journal"] = _escape(container)
    year = re.search(r"\d{4}", _first(record, _YEAR) or "")
    if year:
        fields["year"] = year.group(0)
    for tag, name in (("VL", "volume"), ("IS", "number"), ("PB", "publisher"), ("CY", "address"), ("SN", "issn"),
                      ("AB", "abstract"), ("N2", "abstract"), ("N1", "note"), ("DO", "doi"), ("UR", "url")):
        value = _first(record, (tag,))
        if value and name not in fields:
            fields[name] = _escape(value)
    first, last = _first(record, ("SP",)), _first(record, ("EP",))
    if first:
        fields["pages"] = f"{first}--{last}" if last and last != first else first
    key = _first(record, ("ID",)) or _generated_key(authors, fields.get("year"), title)
    base, n = key, 0
    while key in used:
        key = base + chr(ord("a") + n)
        n += 1
    used.add(key)
    return RawEntry(key, kind, fields, path, line, raw_text, [(k, "{" + v + "}") for k, v in fields.items()])


def _ascii(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if c.isascii() and c.isalnum()).lower()


def _generated_key(authors: list[str], year: str | None, title: str | None) -> str:
    family = authors[0].split(",")[0] if authors else ""
    words = [_ascii(w) for w in re.findall(r"\w+", title or "")]
    word = next((w for w in words if w and w not in _STOP), "")
    return (_ascii(family.split()[-1] if family.split() else "") or "anon") + (year or "") + word
