"""Exact text edits for findings whose suggestion replaces a value written in the document (SARIF `fixes`).

A finding points at its citation; the wrong value (a year, a misspelled name)
is written in the note or the citation text after it. An edit is made only when
that value is found verbatim, as a whole word, in the text the citation's
reference was read from; otherwise the finding keeps its suggestion and no fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.model import CitationKind, Finding
from refcheck.report.base import TextEdit

# How far past the start of a note (or a citation) the written value is looked for.
WINDOW = 600


def _replacements(code: str, resolution, entry) -> list[tuple[str, str]]:
    """(as written, as in the library) for the rules whose suggestion is a literal replacement."""
    from refcheck.checks.rules.citations.common import cited_people, cited_year

    if code == "RC103":
        year = cited_year(resolution)
        return [(year, entry.year)] if year and entry.year else []
    if code == "RC102":
        from refcheck.match.authors import compare_authors

        people, et_al = cited_people(resolution)
        verdict = compare_authors(people, et_al, entry.authors or entry.editors, entry.et_al)
        return list(verdict.typos)
    return []


def _starts(extraction, citation) -> list[tuple[int, int]]:
    """Where the text the citation's reference was read from begins: its note, else the citation itself."""
    if citation.kind is CitationKind.FOOTNOTE:
        return [(n.location.line, n.location.column) for n in extraction.footnotes if n.label == citation.label]
    return [(citation.location.line, citation.location.column)]


def _locate(lines: list[str], start: tuple[int, int], old: str) -> tuple[int, int, int] | None:
    """(line, column, end column) of the first whole-word `old` within WINDOW characters of `start`."""
    line, column = start
    if not 1 <= line <= len(lines):
        return None
    text = "\n".join(lines[line - 1 :])[column - 1 : column - 1 + WINDOW]
    m = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", text)
    if m is None:
        return None
    before = text[: m.start()]
    found_line = line + before.count("\n")
    found_col = (column + m.start()) if "\n" not in before else len(before) - before.rfind("\n")
    return found_line, found_col, found_col + len(old)


def _is_about(f: Finding, r) -> bool:
    """Whether resolution `r` is the citation (and entry) finding `f` reports."""
    where = (r.citation.location.line, r.citation.location.column)
    return r.key == f.entry and r.citation.label == f.citation and where == (f.line, f.column)


def edits(findings: list[Finding], audits, library) -> dict[str, tuple[TextEdit, ...]]:
    """fingerprint -> the edits that apply a finding's suggestion, for the findings where they are exact."""
    from refcheck.ingest.decoding import decode_text

    out: dict[str, tuple[TextEdit, ...]] = {}
    texts: dict[str, list[str] | None] = {}
    by_path = {a.path: a for a in audits}
    for f in findings:
        audit = by_path.get(f.path)
        entry = library.by_key.get(f.entry) if f.entry else None
        if audit is None or entry is None or f.code not in ("RC102", "RC103") or not f.fingerprint:
            continue
        resolution = next((r for r in audit.resolutions if _is_about(f, r)), None)
        if resolution is None or resolution.citation.location.page is not None:  # a PDF's text is not its file's
            continue
        if f.path not in texts:
            try:
                texts[f.path] = decode_text(Path(f.path).read_bytes(), f.path)[0].split("\n")
            except Exception:  # unreadable now: no fix, the finding stands
                texts[f.path] = None
        lines = texts[f.path]
        if lines is None:
            continue
        found = []
        for old, new in _replacements(f.code, resolution, entry):
            starts = _starts(audit.extraction, resolution.citation)
            place = next((p for s in starts if (p := _locate(lines, s, old))), None)
            if place is None:
                found = []
                break
            found.append(TextEdit(f.path, place[0], place[1], place[2], old, new))
        if found:
            out[f.fingerprint] = tuple(found)
    return out
