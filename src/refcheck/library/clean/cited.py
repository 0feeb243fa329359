"""`--cited-by`: only the entries the documents cite are kept (with the parents they cross-reference); the others are listed."""

from __future__ import annotations

from refcheck.library.clean import report as R
from refcheck.library.clean.model import CleanEntry, Verbatim
from refcheck.library.clean.state import CleanState

_PARENTS = ("crossref", "xref", "xdata")


def run(state: CleanState) -> None:
    cited = state.options.cited
    if cited is None:
        return
    entries = state.entries()
    by_key: dict[str, CleanEntry] = {}
    for e in entries:
        by_key.setdefault(e.key.lower(), e)  # BibTeX finds keys whatever their case
    keep: set[str] = set()
    todo = [state.aliases.get(k, k).lower() for k in cited]
    while todo:
        key = todo.pop()
        if key in keep:
            continue
        keep.add(key)
        e = by_key.get(key)
        if e is not None:
            for name in _PARENTS:
                todo += [k.strip().lower() for k in e.text(name).split(",") if k.strip()]
    out = []
    for item in state.items:
        key = item.key if isinstance(item, (CleanEntry, Verbatim)) else None
        is_entry = isinstance(item, CleanEntry) or (isinstance(item, Verbatim) and item.kind in ("entry", "failed"))
        if is_entry and key and key.lower() not in keep:
            state.report.add(R.UNCITED, item.path, item.line, key, f"'{key}' is cited by none of the documents: left out")
            continue
        out.append(item)
    state.items = out
