"""Footnote markers in running text: <sup>6</sup>, Unicode superscripts ⁶, Markdown [^6]."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract import patterns as P
from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

# letters before a superscript that make it an exponent, not a marker (km², m³, cm²)
_UNIT_BEFORE = re.compile(r"(?:\b(?:k?m|cm|mm|µm|ft|in|s|m/s|kg|g|l|°)|\d)$")


def _expand(numbers: str) -> list[str]:
    """'1, 3–5' -> ['1', '3', '4', '5']."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*", numbers.strip()):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit() and 0 < int(bounds[1]) - int(bounds[0]) < 20:
            out.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        elif part:
            out.append(part)
    return out


def find_markers(text: str, in_running_text) -> Iterator[RawCitation]:
    for m in P.SUP_MARKER.finditer(text):
        if not in_running_text(m.start()) or _at_line_start(text, m.start()):
            continue
        for number in _expand(P.without_locators(m.group(1))):
            yield RawCitation(CitationKind.FOOTNOTE, number, m.start(), m.end(), number=number)
    for m in P.UNICODE_MARKER.finditer(text):
        if not in_running_text(m.start()) or _UNIT_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        number = P.superscript_to_digits(m.group(1))
        yield RawCitation(CitationKind.FOOTNOTE, number, m.start(), m.end(), number=number)
    for m in P.MARKDOWN_MARKER.finditer(text):
        if not in_running_text(m.start()):
            continue
        yield RawCitation(CitationKind.FOOTNOTE, m.group(1), m.start(), m.end(), number=m.group(1))


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()
