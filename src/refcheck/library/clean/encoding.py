"""Accented letters as Unicode (`--encoding unicode`) or as LaTeX macros (`--encoding latex`); `keep` leaves them."""

from __future__ import annotations

from refcheck.library.clean.accents import to_latex, to_unicode
from refcheck.library.clean.model import TEXT, VERBATIM_FIELDS
from refcheck.library.clean.state import CleanState


def run(state: CleanState) -> None:
    mode = state.options.encoding
    if mode == "keep":
        return
    convert = to_unicode if mode == "unicode" else to_latex
    n = 0
    for e in state.entries():
        for f in e.fields:
            if f.kind == TEXT and f.name not in VERBATIM_FIELDS:
                new = convert(f.value)
                if new is not f.value and new != f.value:
                    f.value = new
                    n += 1
    state.report.counts["encoding"] += n
