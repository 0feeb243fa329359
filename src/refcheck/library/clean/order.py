"""Fields in a chosen order (the known ones first, in that order; the others after them, as they were)."""

from __future__ import annotations

from refcheck.library.clean.state import CleanState


def run(state: CleanState) -> None:
    order = state.options.field_order
    if not order:
        return
    rank = {name: i for i, name in enumerate(order)}
    last = len(order)
    for e in state.entries():
        e.fields.sort(key=lambda f: rank.get(f.name, last))
