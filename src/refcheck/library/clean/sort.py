"""Entries sorted by key, year, author, title, type or any field (`-year` descending); comments travel with the entry after them.

@string and @preamble blocks go first (an entry may use a macro only after its
definition); a comment goes with the entry it precedes, text on an entry's own
last line with that entry, and comments after the last entry stay last. An
entry that others cross-reference goes after the last of them, as BibTeX needs.
"""

from __future__ import annotations

from refcheck.library.clean.model import CleanEntry, Item, Verbatim
from refcheck.library.clean.state import CleanState
from refcheck.library.latex import decode
from refcheck.textnorm import fold

_HEAD = ("string", "preamble")
_LOOSE = ("text", "comment")


def _sort_value(item: Item, name: str):
    """(missing, value): entries that lack the value sort after the others either way."""
    if not isinstance(item, CleanEntry):
        return (0, (item.key or "").lower()) if name == "key" and item.key else (1, "")
    view = item.view
    if name == "key":
        value = item.key.lower()
    elif name == "type":
        value = item.type
    elif name == "year":
        value = (view.year if view else None) or ""
    elif name == "author":
        people = (view.authors or view.editors) if view else ()
        value = " ".join(fold(p.literal or f"{p.family or ''} {p.given or ''}") for p in people)
    elif name == "title" and view is not None:
        value = fold(view.title or "")
    else:
        value = fold(decode(item.text(name)))
    return (0, value) if value else (1, "")


def _units(items: list[Item]) -> tuple[list[Item], list[list[Item]], list[Item]]:
    """Head blocks, one unit per entry (its comments, the entry, text on its line), and the trailing comments."""
    head: list[Item] = []
    units: list[list[Item]] = []
    pending: list[Item] = []
    for item in items:
        if isinstance(item, Verbatim) and item.kind in _HEAD:
            head += pending + [item]
            pending = []
        elif isinstance(item, Verbatim) and item.kind in _LOOSE:
            if item.gap == 0 and units and not pending:
                units[-1].append(item)
            else:
                pending.append(item)
        else:
            units.append(pending + [item])
            pending = []
    return head, units, pending


def _anchor(unit: list[Item]) -> Item:
    return next(i for i in unit if not (isinstance(i, Verbatim) and i.kind in _LOOSE))


def _parents_last(units: list[list[Item]]) -> list[list[Item]]:
    """Move each cross-referenced entry after the last entry that names it: BibTeX reads a crossref only forwards."""
    last_child: dict[str, int] = {}
    for n, unit in enumerate(units):
        anchor = _anchor(unit)
        if isinstance(anchor, CleanEntry) and (parent := anchor.text("crossref").strip().lower()):
            last_child[parent] = n
    if not last_child:
        return units
    moved: dict[int, list[list[Item]]] = {}
    out_of_place = set()
    for n, unit in enumerate(units):
        key = (getattr(_anchor(unit), "key", None) or "").lower()
        if key in last_child and last_child[key] > n:
            moved.setdefault(last_child[key], []).append(unit)
            out_of_place.add(n)
    result: list[list[Item]] = []
    for n, unit in enumerate(units):
        if n not in out_of_place:
            result.append(unit)
        result += moved.get(n, [])
    return result


def sort_items(items: list[Item], spec: tuple[str, ...]) -> list[Item]:
    head, units, tail = _units(items)
    for field in reversed(spec):  # stable sorts, last criterion first
        name = field.lstrip("-").lower()
        descending = field.startswith("-")
        units.sort(key=lambda u: _sort_value(_anchor(u), name), reverse=descending)
        if descending:  # missing values still last
            units.sort(key=lambda u: _sort_value(_anchor(u), name)[0])
    return head + [i for u in _parents_last(units) for i in u] + tail


def run(state: CleanState) -> None:
    spec = state.options.sort
    if not spec:
        return
    if state.options.combine:
        state.items = sort_items(state.items, spec)
        return
    by_path: dict[str, list[Item]] = {}
    for item in state.items:
        by_path.setdefault(item.path, []).append(item)
    state.items = [i for items in by_path.values() for i in sort_items(items, spec)]
