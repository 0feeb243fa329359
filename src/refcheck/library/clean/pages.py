"""Page ranges with BibTeX's en dash: `267-283`, `267 – 283` and `267—283` become `267--283`."""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT
from refcheck.library.clean.state import CleanState

_PAGE = r"(?:[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_DASH = r"(?:-+|–|—|‒|−|\\text(?:en|em)dash(?:\{\}|\s*)|\{\\text(?:en|em)dash\})"
_ONE = re.compile(rf"\s*{_PAGE}\s*")
_RANGE = re.compile(rf"\s*({_PAGE})\s*{_DASH}\s*({_PAGE})\s*")


def page_range(value: str) -> str:
    """`value` with `--` between the first and last page of each range, if it is a list of pages and ranges.

    Only the dashes change: `1,120` (no range) and the spacing around commas stay as written.
    """
    parts = value.split(",")
    ranges = [_RANGE.fullmatch(p) for p in parts]
    if not any(ranges) or not all(m or _ONE.fullmatch(p) for m, p in zip(ranges, parts)):
        return value
    out = []
    for m, part in zip(ranges, parts):
        if m:
            lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()) :]
            part = f"{lead}{m.group(1)}--{m.group(2)}{trail}"
        out.append(part)
    return ",".join(out).strip()


def run(state: CleanState) -> None:
    if not state.options.pages:
        return
    n = 0
    for e in state.entries():
        for f in e.fields:
            if f.name == "pages" and f.kind == TEXT and f.value:
                new = page_range(f.value)
                if new != f.value:
                    f.value = new
                    n += 1
    state.report.counts["pages"] += n
