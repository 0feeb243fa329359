"""Which transform changed which value: each field's value before and after every step of the clean stack.

The stack's transforms edit fields in place; the trail compares each entry's
fields before and after a transform, so every changed, added or removed value
is named with the transform that changed it (`refcheck bib clean --report
FILE.json` lists them under `values`), without each transform keeping its own
books.
"""

from __future__ import annotations

from operator import attrgetter

from refcheck.library.clean.report import ValueChange
from refcheck.library.clean.state import CleanState

_VALUE = attrgetter("value")
_NAME = attrgetter("name")

Snapshot = dict[int, tuple[list, list[str]]]


def snapshot(state: CleanState) -> Snapshot:
    """Each entry's fields (the objects) and their values, by the entry's identity (C-speed copies: 13 per run)."""
    return {id(e): (e.fields[:], list(map(_VALUE, e.fields))) for e in state.entries()}


def record(transform: str, before: Snapshot, state: CleanState) -> None:
    """Add to the report one `ValueChange` per field value `transform` changed, added or removed."""
    for e in state.entries():
        old = before.get(id(e))
        if old is None or (e.fields == old[0] and list(map(_VALUE, e.fields)) == old[1]):
            continue
        was: dict[str, str] = {}
        for name, value in zip(map(_NAME, old[0]), old[1]):
            was.setdefault(name, value)
        now: dict[str, str] = {}
        for f in e.fields:
            now.setdefault(f.name, f.value)
        for name in dict.fromkeys(list(was) + list(now)):
            a, b = was.get(name), now.get(name)
            if a != b:
                state.report.values.append(ValueChange(transform, e.path, e.line, e.key, name, a, b))
