"""The texts of the stored documents linked to a library entry, for the rules that read sources (read-only)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from refcheck.corpus.store import Store
from refcheck.errors import UsageError


@dataclass(frozen=True)
class LinkedSource:
    name: str  # the stored document, as the user can open it
    method: str  # how it was linked: manual, file, doi, url, title
    body: str  # running text: footnote blocks and the reference list removed, page breaks re-joined
    text: str  # the document as read


@lru_cache(maxsize=4)
def _open(db: str, root: str, stamp: tuple[int, int]) -> Store | None:
    try:
        return Store.open(db, root, readonly=True)
    except UsageError:
        return None


def _store(db: str, root: str | None) -> Store | None:
    try:
        st = os.stat(db)
    except OSError:
        return None
    return _open(db, root or os.getcwd(), (st.st_mtime_ns, st.st_size))


def linked_sources(db: str | None, key: str, root: str | None = None) -> list[LinkedSource]:
    """The documents linked to `key` in the store at `db` (paths relative to `root`); none without store or link."""
    store = _store(db, root) if db else None
    if store is None:
        return []
    rows = store.conn.execute(
        "SELECT d.id, d.path, l.method FROM links l JOIN documents d ON d.id = l.doc "
        "WHERE l.entry = ? ORDER BY l.pinned DESC, d.path", (key,)).fetchall()
    return [LinkedSource(store.shown(path), method, *reversed(store.text(doc))) for doc, path, method in rows]
