"""The local snapshot: records a user or an institution keeps (an OpenAlex, Crossref or DBLP subset, a library),
built into one SQLite file that answers a lookup in a millisecond, offline."""

from refcheck.verify.snapshot.store import SnapshotStore, build_snapshot, open_snapshot

__all__ = ["SnapshotStore", "build_snapshot", "open_snapshot"]
