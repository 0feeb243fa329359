"""Months as BibTeX's macros: `{January}`, `"Jan."`, `{1}` and `JAN` become `jan`, which every style prints in its own way."""

from __future__ import annotations

from refcheck.library.clean.model import BARE, TEXT
from refcheck.library.clean.state import CleanState

_NAMES = "january february march april may june july august september october november december".split()
MACROS: dict[str, str] = {}
for _i, _name in enumerate(_NAMES, 1):
    _m = _name[:3]
    MACROS.update({_name: _m, _m: _m, f"{_m}.": _m, str(_i): _m, f"{_i:02d}": _m})
MACROS["sept"] = MACROS["sept."] = "sep"


def month_macro(value: str) -> str | None:
    """The macro for a month written as a name, abbreviation or number; None for anything else."""
    return MACROS.get(value.strip().strip("{}").strip().lower())


def run(state: CleanState) -> None:
    if not state.options.months:
        return
    n = 0
    for e in state.entries():
        for f in e.fields:
            if f.name == "month" and f.kind in (TEXT, BARE):
                macro = month_macro(f.value)
                if macro and (f.kind, f.value) != (BARE, macro):
                    f.value, f.kind = macro, BARE
                    n += 1
    state.report.counts["month"] += n
