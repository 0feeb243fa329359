"""Runs of spaces and line breaks inside a value become one space (a blank line, a paragraph break, stays)."""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT, VERBATIM_FIELDS
from refcheck.library.clean.state import CleanState

_PARAGRAPH = re.compile(r"[ \t\r]*\n(?:[ \t\r]*\n)+[ \t\r]*")
_SPACE = re.compile(r"[ \t\r\n]+")


def tidy(value: str) -> str:
    """`value` with its whitespace folded; paragraph breaks kept as one blank line."""
    if "\n" in value and _PARAGRAPH.search(value):
        return "\n\n".join(_SPACE.sub(" ", p) for p in _PARAGRAPH.split(value.strip()))
    return _SPACE.sub(" ", value).strip()


def run(state: CleanState) -> None:
    n = 0
    for e in state.entries():
        for f in e.fields:
            v = f.value
            if f.kind != TEXT or not v:
                continue
            if f.name in VERBATIM_FIELDS:
                new = v.strip()
            elif "\n" in v or "  " in v or "\t" in v or "\r" in v or v[0] == " " or v[-1] == " ":
                new = tidy(v)
            else:
                continue
            if new != v:
                f.value = new
                n += 1
    state.report.counts["whitespace"] += n
