"""Fields with no value (`note = {}`, `pages = ""`) are removed, each reported."""

from __future__ import annotations

from refcheck.library.clean import report as R
from refcheck.library.clean.state import CleanState


def run(state: CleanState) -> None:
    if not state.options.remove_empty:
        return
    for e in state.entries():
        if not any(f.empty for f in e.fields):
            continue
        for f in e.fields:
            if f.empty:
                state.report.add(R.EMPTY, e.path, e.line, e.key, f"'{e.key}': empty {f.name} removed", field=f.name)
        e.fields = [f for f in e.fields if not f.empty]
