"""The local snapshot as a source: offline, and asked first by default."""

from __future__ import annotations

from refcheck.verify.snapshot.store import SnapshotStore, open_snapshot
from refcheck.verify.record import Record
from refcheck.verify.sources.base import Query, Source


class Snapshot(Source):
    name = "snapshot"
    online = False

    def __init__(self, path: str | None = None, store: SnapshotStore | None = None) -> None:
        self.store = store or open_snapshot(path)

    def search(self, query: Query) -> list[Record]:
        return self.store.lookup(query.doi, query.title, query.first_author)

    def close(self) -> None:
        self.store.close()
