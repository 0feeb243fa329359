"""Which transform changed which value: each field's value before and after every step of the clean stack.

The stack's transforms edit fields in place; the trail compares each entry's
fields before and after a transform, so every changed, added or removed value
is named with the transform that changed it (`refcheck bib clean --report
FILE.json` lists them under `values`), without each transform keeping its own
books.
"""

from __future__ import annotations

from refcheck.library.clean.report import ValueChange
from refcheck.library.clean.state import CleanState

Snapshot = dict[int, tuple[tuple[str, ...], tuple[str, ...]]]


def snapshot(state: CleanState) -> Snapshot:
    """Each entry's field names and values, by the entry's identity."""
    return {id(e): (tuple(f.name for f in e.fields), tuple(f.value for f in e.fields)) for e in state.entries()}


def record(transform: str, before: Snapshot, state: CleanState) -> None:
    """Add to the report one `ValueChange` per field value `transform` changed, added or removed."""
    for e in state.entries():
        old = before.get(id(e))
        if old is None:
            continue
        names, values = tuple(f.name for f in e.fields), tuple(f.value for f in e.fields)
        if values == old[1] and names == old[0]:
            continue
        was: dict[str, str] = {}
        for name, value in zip(*old):
            was.setdefault(name, value)
        now: dict[str, str] = {}
        for name, value in zip(names, values):
            now.setdefault(name, value)
        for name in dict.fromkeys(list(was) + list(now)):
            a, b = was.get(name), now.get(name)
            if a != b:
                state.report.values.append(ValueChange(transform, e.path, e.line, e.key, name, a, b))
