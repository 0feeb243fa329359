"""A field written twice in one entry: one is kept (the first, unless it is empty); a dropped different value is reported."""

from __future__ import annotations

from refcheck.library.clean import report as R
from refcheck.library.clean.state import CleanState
from refcheck.library.clean.values import same_value


def run(state: CleanState) -> None:
    for e in state.entries():
        if len(e.fields) < 2 or len({f.name for f in e.fields}) == len(e.fields):
            continue
        kept: dict[str, int] = {}
        out = []
        stale = False
        for f in e.fields:
            i = kept.get(f.name)
            if i is None:
                kept[f.name] = len(out)
                out.append(f)
                continue
            first = out[i]
            if same_value(f.name, first, f):
                state.report.add(R.REPEATED, e.path, e.line, e.key, f"'{e.key}': {f.name} written twice with the same value; one kept", field=f.name)
            elif first.empty:
                out[i] = f
                stale = True  # the loaded view read the empty one: duplicates must see this value
                state.report.add(R.REPEATED, e.path, e.line, e.key, f"'{e.key}': {f.name} written twice; the empty one dropped", field=f.name)
            elif f.empty:
                state.report.add(R.REPEATED, e.path, e.line, e.key, f"'{e.key}': {f.name} written twice; the empty one dropped", field=f.name)
            else:
                state.report.add(
                    R.REPEATED, e.path, e.line, e.key,
                    f"'{e.key}': {f.name} written twice; kept {first.value!r}, dropped {f.value!r}",
                    field=f.name, value=f.value,
                )
        e.fields = out
        if stale:
            from refcheck.library.clean.merge import refresh_view

            refresh_view(e)
