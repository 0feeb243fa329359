"""Numeric citations in brackets — [3], [3, 5], [3–5] — resolved through the numbered reference list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.extract.patterns import SIGNAL
from refcheck.model import CitationKind
from refcheck.regexcache import cached_compile

# [3], [3, 5], [3–5], IEEE's [2, p. 570], and with a signal before the numbers: [see 3], (cf. 5, 6, 7)
_NUMBERS = r"(\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,12})"
_BRACKETS = cached_compile(
    r"(?<![\^\w\]])\[(?i:" + SIGNAL + r")?" + _NUMBERS
    + r"(?:,\s*(?:pp?\.|ch\.|sec\.|§|fig\.)\s*[\w.–-]+)?\](?![(:\[])"
)


# Vancouver's (3), (3, 5), (3–5): a number in parentheses right after a word or punctuation
_PARENS = cached_compile(r"(?<=[\w.,;:”’\"')\]])\s?\((?i:" + SIGNAL + r")?" + _NUMBERS + r"\)")


def find_numeric(text: str, in_running_text, list_labels: set[str]) -> Iterator[RawCitation]:
    """Only when the document has a numbered reference list: a lone [3] means nothing otherwise.

    Brackets first; numbers in parentheses only in a document with no bracketed ones,
    and only where every number is a label of the list.
    """
    if not list_labels:
        return
    found = False
    for m in _BRACKETS.finditer(text):
        if not in_running_text(m.start()):
            continue
        found = True
        for number in _expand(m.group(1)):
            yield RawCitation(CitationKind.NUMERIC, number, m.start(), m.end(), number=number)
    if found:
        return
    for m in _PARENS.finditer(text):
        numbers = _expand(m.group(1))
        if not in_running_text(m.start()) or not numbers or not set(numbers) <= list_labels:
            continue
        start = text.index("(", m.start())
        for number in numbers:
            yield RawCitation(CitationKind.NUMERIC, number, start, m.end(), number=number)


def _expand(numbers: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*,\s*", numbers):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 30:
            out.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        elif bounds[0]:
            out.append(bounds[0])
    return out
