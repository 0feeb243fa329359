"""The corpus store: one SQLite file (WAL journal), opened, migrated, and queried by document.

Every document is written in one transaction, so a store whose writer was
killed holds whole documents only. Paths are stored relative to the project
folder (the configuration's) so that the store moves with the repository.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from refcheck.corpus import schema
from refcheck.errors import UsageError

CHILD_TABLES = ("pages", "footnotes", "citations", "claims", "paragraphs", "refs")
COUNTED = ("pages", "footnotes", "citations", "claims", "refs")
MMAP_BYTES = 256 * 2**20  # an upper bound: SQLite maps no more than the file holds
CACHE_KIB = 32 * 1024


@dataclass(frozen=True)
class StoredDocument:
    id: int
    path: str  # relative to the store's root, or absolute when outside it
    hash: str
    format: str
    size: int
    title: str | None
    added: float
    pages: int
    footnotes: int
    citations: int
    claims: int
    refs: int

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "format": self.format, "title": self.title, "hash": self.hash,
                "size": self.size, "added": self.added, "pages": self.pages, "footnotes": self.footnotes,
                "citations": self.citations, "claims": self.claims, "references": self.refs}


_DOC_COLUMNS = "id, path, hash, format, size, title, added, pages, footnotes, citations, claims, refs"


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, root: Path) -> None:
        self.conn = conn
        self.path = path
        self.root = root
        self._shown_from: str | None = None
        self._root_shown = "."

    @classmethod
    def open(cls, path: str | Path, root: str | Path | None = None, *, create: bool = True, readonly: bool = False) -> Store:
        """Open (creating it and its folder when `create`) and migrate the store at `path`."""
        path = Path(path)
        root = Path(root) if root is not None else Path.cwd()
        shown = str(path)
        if not path.exists():
            if not create or readonly:
                raise UsageError("no corpus store here yet: run `refcheck corpus add PATH...` first", shown)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create the store's folder: {exc.strerror or exc}", shown) from None
        elif path.is_dir():
            raise UsageError("is a folder; the corpus store is a file", shown)
        try:
            if readonly:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA foreign_keys = ON")
            # reads through the OS's page cache (no copy per page) and a larger cache of our own: a common word's
            # doclist spans many pages, and search reads the same FTS5 pages query after query
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if readonly:
                if version != schema.VERSION:
                    raise UsageError(f"the corpus store has schema version {version}, not {schema.VERSION}: "
                                     "run `refcheck corpus stats` once to bring it up to date", shown)
            else:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # WAL: safe against a killed process, not power loss
                schema.migrate(conn, shown)
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"not a corpus store ({exc})", shown) from None
        return cls(conn, path, root.resolve())

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is stored, or none (also when the process is killed)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- paths -------------------------------------------------------------------------------------------

    def key_of(self, file: str | Path) -> str:
        """How a file is named in the store: relative to the root when inside it, else absolute."""
        absolute = Path(os.path.abspath(file))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def file_of(self, stored: str) -> Path:
        return Path(stored) if os.path.isabs(stored) else self.root / stored

    def shown(self, stored: str) -> str:
        """A stored path as the user can open it from the working directory."""
        if not os.path.isabs(stored):
            # the root's relative path once per working directory: relpath per hit was a tenth of a search
            here = os.getcwd()
            if self._shown_from != here:
                try:
                    self._root_shown = os.path.relpath(self.root)
                except ValueError:
                    self._root_shown = str(self.root)
                self._shown_from = here
            return stored if self._root_shown == "." else os.path.normpath(os.path.join(self._root_shown, stored))
        try:
            return os.path.relpath(stored)
        except ValueError:
            return stored

    # -- documents ---------------------------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY path").fetchall()
        return [StoredDocument(*r) for r in rows]

    def by_path(self, stored: str) -> StoredDocument | None:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE path = ?", (stored,)).fetchone()
        return StoredDocument(*row) if row else None

    def by_id(self, doc_id: int) -> StoredDocument | None:
        row = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return StoredDocument(*row) if row else None

    def by_hash(self, digest: str) -> list[StoredDocument]:
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE hash = ?", (digest,)).fetchall()
        return [StoredDocument(*r) for r in rows]

    def find(self, ident: str) -> StoredDocument:
        """A document by path (as stored or as given), file name or stem, id (`3`, `#3`) or a unique name prefix."""
        text = ident.strip()
        for candidate in (text, self.key_of(text)):
            if doc := self.by_path(candidate):
                return doc
        docs = self.documents()
        tail = text.replace(os.sep, "/")
        found = [d for d in docs if d.path.endswith("/" + tail) or Path(d.path).name == tail or Path(d.path).stem == tail]
        number = text.removeprefix("#")
        if not found and number.isdigit() and not number.startswith("0") and (doc := self.by_id(int(number))):
            return doc
        if not found:
            found = [d for d in docs if Path(d.path).name.startswith(tail)]
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"'{ident}' names {len(found)} stored documents: "
                             + ", ".join(d.path for d in found[:5]) + ("…" if len(found) > 5 else ""))
        raise UsageError(f"no stored document '{ident}' (see `refcheck corpus list`)")

    def text(self, doc_id: int) -> tuple[str, str]:
        """The document's text as read, and its body (footnote blocks and reference list removed)."""
        row = self.conn.execute(
            "SELECT coalesce(d.text, (SELECT p.text FROM pages p WHERE p.doc = d.id ORDER BY p.id LIMIT 1)), d.body "
            "FROM documents d WHERE d.id = ?", (doc_id,)).fetchone()
        return (row[0] or "", row[1]) if row else ("", "")

    def remove(self, doc_id: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- figures -------------------------------------------------------------------------------------------

    def stats(self) -> dict:
        c = self.conn
        totals = c.execute("SELECT count(*), coalesce(sum(pages),0), coalesce(sum(footnotes),0), "
                           "coalesce(sum(citations),0), coalesce(sum(claims),0), coalesce(sum(refs),0), "
                           "coalesce(sum(size),0) FROM documents").fetchone()
        formats = dict(c.execute("SELECT format, count(*) FROM documents GROUP BY format ORDER BY format").fetchall())
        links = dict(c.execute("SELECT method, count(*) FROM links GROUP BY method ORDER BY method").fetchall())
        size = sum(os.path.getsize(p) for p in (self.path, Path(f"{self.path}-wal")) if os.path.exists(p))
        keys = ("documents", "pages", "footnotes", "citations", "claims", "references", "source_bytes")
        return {**dict(zip(keys, totals)), "formats": formats, "links": links,
                "linked_entries": c.execute("SELECT count(DISTINCT entry) FROM links").fetchone()[0],
                "store": str(self.path), "store_bytes": size, "schema": schema.VERSION}

    def verify(self) -> list[str]:
        """What is wrong with the store: SQLite's integrity check, the index's, and documents missing parts."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            self.conn.execute("INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        for name in COUNTED:
            rows = self.conn.execute(
                f"SELECT d.path, d.{name}, (SELECT count(*) FROM {name} t WHERE t.doc = d.id) FROM documents d"
            ).fetchall()
            problems += [f"{path}: {have} {name} stored, {want} expected" for path, want, have in rows if want != have]
        return problems

    def extra(self, doc_id: int) -> dict:
        row = self.conn.execute("SELECT extra FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else {}
