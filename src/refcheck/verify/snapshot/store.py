"""The snapshot file: SQLite with the records, a DOI index, an inverted index of title words and author names,
each record's weight in that index, and the DOIs marked retracted.

A lookup takes the DOI's records, then blocks on the query's rarest terms
(title words, the first author's family name): the records sharing at least
two of them are ranked by their weighted overlap with the query (the shared
terms' inverse document frequency against the query's and the record's own
weight, a weighted Jaccard), so that "Quantum mechanics" by Dirac finds
that work before Dirac's longer titles with the same two words, and a typo in
one word or one name still leaves the others. Postings are packed uint32
arrays and the record weights one float32 array, built once with the snapshot
and scored with numpy: a million records answer over a thousand lookups a
second.
"""

from __future__ import annotations

import json
from dataclasses import replace
import os
import sqlite3
from array import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from refcheck.errors import InputError
from refcheck.match.names import name_key
from refcheck.textnorm import normalize_doi, title_tokens
from refcheck.verify.record import Record

SCHEMA_VERSION = "2"
RAREST = 4  # query terms looked up, rarest first
CANDIDATES = 8  # records handed to the verifier per lookup: the best ranked by weighted overlap
DF_KEPT = 200_000  # document frequencies kept per open snapshot
DECODED = 20_000  # decoded records kept per open snapshot: a work cited by many papers is read once
_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE records (id INTEGER PRIMARY KEY, doi TEXT, data TEXT NOT NULL);
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, ids BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE retracted (doi TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE weights (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
"""


def idf(df, records: int):
    """A term's weight: log((N + 1) / df); a term no record has (a typo) weighs as a term of one record."""
    return np.log((records + 1) / np.maximum(df, 1))


def record_terms(title: str | None, families: Iterable[str]) -> set[str]:
    """The index terms of a work: its title's content words and '@' + each author's family-name key."""
    terms = set(title_tokens(title)) if title else set()
    terms.update("@" + k for f in families if f and (k := name_key(f)))
    return terms


def _families(record: Record) -> list[str]:
    return [a.literal or a.family or "" for a in record.authors[:5]]


class SnapshotStore:
    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self.db, self.path = db, path
        # read through the OS page cache (mmap) with a larger page cache: lookups touch scattered pages
        db.execute("PRAGMA mmap_size = 4294967296")
        db.execute("PRAGMA cache_size = -262144")
        self.size = db.execute("SELECT count(*) FROM records").fetchone()[0]
        # each record's weight (the sum of its terms' idf), by record id - 1, read once
        blob = b"".join(r[0] for r in db.execute("SELECT data FROM weights ORDER BY id"))
        self.weights = np.frombuffer(blob, dtype=np.float32)
        self._decoded: dict[int, Record] = {}
        self._dfs: dict[str, int] = {}

    def lookup(self, doi: str | None, title: str | None, first_author: str | None) -> list[Record]:
        ids: list[int] = []
        if doi and (d := normalize_doi(doi)):
            ids += [r[0] for r in self.db.execute("SELECT id FROM records WHERE doi = ?", (d,))]
        terms = record_terms(title, [first_author] if first_author else [])
        if terms:
            ids += [i for i in self._blocked(terms) if i not in ids]
        return self._records(ids)

    def _blocked(self, terms: set[str]) -> list[int]:
        """The CANDIDATES records that share the most weight with `terms` (at least two of the rarest)."""
        known = self._df(terms)
        if not known:
            return []
        chosen = sorted(known, key=lambda t: (known[t], t))[:RAREST]
        unknown = idf(0, self.size)
        query_weight = sum(idf(known[t], self.size) if t in known else unknown for t in terms)
        rows = self.db.execute(f"SELECT term, ids FROM terms WHERE term IN ({','.join('?' * len(chosen))})",
                               chosen).fetchall()
        postings = [np.frombuffer(b, dtype=np.uint32) for _t, b in rows]
        ids = np.concatenate(postings)
        w = np.repeat(idf(np.array([known[t] for t, _b in rows]), self.size).astype(np.float32),
                      [len(p) for p in postings])
        order = np.argsort(ids, kind="stable")
        ids, w = ids[order], w[order]
        boundary = np.empty(len(ids), dtype=bool)
        boundary[0] = True
        np.not_equal(ids[1:], ids[:-1], out=boundary[1:])
        starts = np.flatnonzero(boundary)
        counts = np.empty(len(starts), dtype=np.intp)
        counts[:-1] = starts[1:] - starts[:-1]
        counts[-1] = len(ids) - starts[-1]
        keep = counts >= min(2, len(chosen))
        values, shared = ids[starts][keep], np.add.reduceat(w, starts)[keep]
        if len(values) > CANDIDATES:
            score = shared / (query_weight + self.weights[values - 1] - shared)
            values = values[np.lexsort((values, -score))[:CANDIDATES]]
        return values.tolist()

    def _df(self, terms: set[str]) -> dict[str, int]:
        """The document frequency of each of `terms` the snapshot has, remembered: references share words."""
        missing = [t for t in terms if t not in self._dfs]
        if missing:
            if len(self._dfs) > DF_KEPT:
                self._dfs.clear()
            self._dfs.update(dict.fromkeys(missing, 0))
            self._dfs.update(self.db.execute(f"SELECT term, df FROM terms WHERE term IN ({','.join('?' * len(missing))})",
                                             missing).fetchall())
        return {t: df for t in terms if (df := self._dfs[t])}

    def _records(self, ids: list[int]) -> list[Record]:
        if len(self._decoded) >= DECODED:
            self._decoded.clear()
        missing = [i for i in ids if i not in self._decoded]
        if missing:
            rows = self.db.execute(f"SELECT id, data FROM records WHERE id IN ({','.join('?' * len(missing))})",
                                   missing).fetchall()
            decoded = {i: Record.from_json(json.loads(data), "snapshot") for i, data in rows}
            dois = [r.doi for r in decoded.values() if r.doi and not r.retracted]
            if dois:
                marked = {r[0] for r in self.db.execute(
                    f"SELECT doi FROM retracted WHERE doi IN ({','.join('?' * len(dois))})", dois)}
                decoded = {i: replace(r, retracted=True) if r.doi in marked else r for i, r in decoded.items()}
            self._decoded.update(decoded)
        return [self._decoded[i] for i in ids]

    def close(self) -> None:
        self.db.close()


class SnapshotWriter:
    """Records and retracted DOIs in, a snapshot database out (`finish` writes the inverted index)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        self.postings: dict[str, array] = {}
        self.count = 0
        self.retracted = 0
        self._batch: list[tuple[int, str | None, str]] = []

    def add(self, record: Record) -> None:
        self.count += 1
        rid = self.count
        doi = normalize_doi(record.doi)
        self._batch.append((rid, doi, record.dumps()))
        if len(self._batch) >= 20_000:
            self._flush()
        for term in record_terms(record.title, _families(record)):
            ids = self.postings.get(term)
            if ids is None:
                ids = self.postings[term] = array("I")
            ids.append(rid)

    def mark_retracted(self, doi: str) -> None:
        if d := normalize_doi(doi):
            self.retracted += 1
            self.db.execute("INSERT OR IGNORE INTO retracted VALUES (?)", (d,))

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO records VALUES (?, ?, ?)", self._batch)
        self._batch = []

    def _weights(self) -> np.ndarray:
        """Each record's weight: the idf of its terms summed (one bincount over every posting)."""
        if not self.postings:
            return np.zeros(self.count)
        ids = np.concatenate([np.frombuffer(p, dtype=np.uint32) for p in self.postings.values()])
        df = np.fromiter((len(p) for p in self.postings.values()), dtype=np.int64, count=len(self.postings))
        return np.bincount(ids, weights=np.repeat(idf(df, self.count), df), minlength=self.count + 1)[1:]

    def finish(self) -> None:
        self._flush()
        self.db.executemany("INSERT INTO terms VALUES (?, ?, ?)",
                            ((t, len(ids), ids.tobytes()) for t, ids in self.postings.items()))
        weights = self._weights()
        self.postings = {}
        data = weights.astype(np.float32).tobytes()
        chunk = 1 << 24  # one row per 16 MiB: SQLite's blob limit is 1 GB
        self.db.executemany("INSERT INTO weights VALUES (?, ?)",
                            ((n, data[n * chunk:(n + 1) * chunk]) for n in range(max(1, -(-len(data) // chunk)))))
        self.db.execute("CREATE INDEX records_doi ON records (doi) WHERE doi IS NOT NULL")
        self.db.execute("INSERT INTO meta VALUES ('records', ?)", (str(self.count),))
        self.db.commit()


def build_snapshot(inputs: list[str], output: str, on_file=None) -> tuple[int, int]:
    """Build the snapshot `output` from dumps and libraries, atomically; (records, retracted DOIs)."""
    from refcheck.verify.snapshot.readers import read_items

    target = os.path.realpath(output)  # through a symlink: the link stays, its target is replaced
    folder = os.path.dirname(os.path.abspath(target))
    temporary = os.path.join(folder, f".{os.path.basename(target)}.refcheck-{os.getpid()}.tmp")
    try:
        db = sqlite3.connect(temporary)
    except sqlite3.Error as exc:
        raise InputError(f"cannot write the snapshot: {exc}", output) from None
    try:
        writer = SnapshotWriter(db)
        for path in inputs:
            for item in read_items(path):
                if isinstance(item, Record):
                    writer.add(item)
                else:
                    writer.mark_retracted(item)
            if on_file:
                on_file(path)
        writer.finish()
        db.close()
        os.replace(temporary, target)
    except BaseException:
        db.close()
        Path(temporary).unlink(missing_ok=True)
        raise
    return writer.count, writer.retracted


def open_snapshot(path: str) -> SnapshotStore:
    """A built snapshot (SQLite) read-only, or a dump / library file indexed in memory for this run."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise InputError(f"cannot read the snapshot: {exc.strerror or exc}", path) from None
    if head == _MAGIC:
        try:
            db = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True, check_same_thread=False)
            if db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() != (SCHEMA_VERSION,):
                raise InputError("not a refcheck snapshot of this version (rebuild it with `refcheck verify snapshot build`)", path)
        except sqlite3.Error:
            raise InputError("not a refcheck snapshot (build one with `refcheck verify snapshot build`)", path) from None
        return SnapshotStore(db, path)
    from refcheck.verify.snapshot.readers import read_items

    db = sqlite3.connect(":memory:", check_same_thread=False)
    writer = SnapshotWriter(db)
    for item in read_items(path):
        writer.add(item) if isinstance(item, Record) else writer.mark_retracted(item)
    writer.finish()
    return SnapshotStore(db, path)
