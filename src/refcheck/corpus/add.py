"""`refcheck corpus add`: documents read and extracted by the existing stages, stored whole, keyed by content hash.

An unchanged file (same bytes, and for LaTeX the same included files) is not
read again and nothing is written; a changed one is replaced in one
transaction, keeping its id and so its links; a file moved elsewhere keeps its
record; a file that fails is reported and the others go on.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from refcheck.corpus import cjk
from refcheck.corpus.codec import dumps, encode, text_of
from refcheck.corpus.store import CHILD_TABLES, Store
from refcheck.errors import InputError
from refcheck.ingest import SUFFIXES, Document, Format, read_document
from refcheck.model import Extraction

BATCH_SECONDS = 0.25  # a killed run loses at most this much work; long enough that commits cost little


@dataclass(frozen=True)
class Outcome:
    path: str  # as shown to the user
    status: str  # "added", "replaced", "unchanged", "moved", "failed"
    message: str = ""
    counts: tuple[int, int, int] = (0, 0, 0)  # footnotes, citations, claims

    def line(self) -> str:
        if self.status == "failed":
            return f"failed    {self.path}: {self.message}"
        if self.status in ("added", "replaced"):
            f, c, s = self.counts
            return f"{self.status:<9} {self.path} ({f} footnotes, {c} citations, {s} claims)"
        return f"{self.status:<9} {self.path}" + (f" ({self.message})" if self.message else "")


def list_files(paths: list[str]) -> Iterator[str | InputError]:
    """The document files under `paths`, in the order `refcheck audit` reads them (folders recursively, sorted).

    Listed before reading so that unchanged files are skipped unread and the
    progress bar knows its total; reading itself is `refcheck.ingest.read_document`.
    """
    for given in paths:
        p = Path(given)
        if not p.exists():
            yield InputError("no such file or folder", given)
        elif p.is_file():
            yield given
        else:
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            included = {i for f in files if f.suffix.lower() in (".tex", ".ltx") for i in _included(f)}
            files = [f for f in files if f.resolve() not in included]
            if not files:
                yield InputError(f"no documents in this folder (looked for {', '.join(SUFFIXES)})", given)
            for f in files:
                yield str(Path(given) / f.relative_to(p))


def _included(tex: Path) -> set[Path]:
    """The files a LaTeX document includes; asked twice per file (listing, hashing), parsed once per version."""
    try:
        stamp = tex.stat().st_mtime_ns
    except OSError:
        return set()
    return _included_at(tex.resolve(), stamp)


@lru_cache(maxsize=4096)
def _included_at(tex: Path, stamp: int) -> frozenset[Path]:
    from refcheck.ingest.latex import included_files

    return frozenset(included_files(tex))


def content_hash(path: str) -> tuple[str, int]:
    """SHA-256 of the file's bytes (and of the files a LaTeX document includes), and the size in bytes."""
    digest = hashlib.sha256()
    files = [Path(path)]
    if Path(path).suffix.lower() in (".tex", ".ltx"):
        files += sorted(_included(Path(path)))
    size = 0
    for f in files:
        data = f.read_bytes()
        size += len(data)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest(), size


def add_paths(store: Store, paths: list[str], nlp, on_outcome: Callable[[Outcome], None] | None = None,
              on_files: Callable[[int], None] | None = None) -> list[Outcome]:
    """Add every document under `paths`; `on_files(n)` is told how many files there are before work starts.

    A document's outcome is told once it is committed, so that what the user
    saw is what the store holds even if the run is killed.
    """
    from refcheck.extract import extract

    items = list(list_files(paths))
    if on_files:
        on_files(len(items))
    outcomes: list[Outcome] = []
    told = 0

    def tell() -> None:
        nonlocal told
        for outcome in outcomes[told:]:
            if on_outcome:
                on_outcome(outcome)
        told = len(outcomes)

    with Batch(store, on_commit=tell) as batch:
        for item in items:
            outcomes.append(_add_one(batch, item, nlp, extract))
            if not batch.pending:
                tell()
    tell()
    return outcomes


def _add_one(batch: Batch, item: str | InputError, nlp, extract) -> Outcome:
    if isinstance(item, InputError):
        return Outcome(item.path or "?", "failed", item.message)
    store = batch.store
    shown = _shown(item)
    try:
        digest, size = content_hash(item)
    except OSError as exc:
        return Outcome(shown, "failed", f"cannot read: {exc.strerror or exc}")
    key = store.key_of(item)
    existing = store.by_path(key)
    if existing and existing.hash == digest:
        return Outcome(shown, "unchanged")
    if existing is None:
        moved = [d for d in store.by_hash(digest) if not store.file_of(d.path).exists()]
        if moved:
            batch.move(moved[0].id, key)
            return Outcome(shown, "moved", f"was {moved[0].path}")
    try:
        document = read_document(shown)
        extraction = extract(document, nlp)
    except InputError as exc:
        return Outcome(shown, "failed", exc.message)
    except Exception as exc:  # one document that breaks extraction must not stop the others
        return Outcome(shown, "failed", f"cannot extract: {type(exc).__name__}: {exc}")
    batch.write(key, document, extraction, digest, size, existing.id if existing else None)
    counts = (len(extraction.footnotes), len(extraction.citations), len(extraction.claims))
    return Outcome(shown, "replaced" if existing else "added", counts=counts)


class Batch:
    """Documents written together: one transaction for up to `seconds` of work, each document in a savepoint.

    A commit per document cost about 3 ms (FTS5 flushes its pending terms as a
    new segment at every commit, and each commit is a WAL frame set); batched,
    that share of `corpus add` falls to a fraction. A killed run still leaves
    whole documents only (a transaction is all or nothing), and losing the
    last batch costs at most `seconds` of work, redone by the next run.
    """

    def __init__(self, store: Store, seconds: float = BATCH_SECONDS, on_commit: Callable[[], None] | None = None):
        self.store = store
        self.seconds = seconds
        self.on_commit = on_commit
        self.pending = 0  # documents written since the last commit
        self._since: float | None = None

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        # whole documents written before an error (or Ctrl-C) are kept: each is complete in itself
        self.commit(tell=kind is None)

    def _begin(self) -> None:
        if self._since is None:
            self.store.conn.execute("BEGIN IMMEDIATE")
            self._since = time.monotonic()

    def commit(self, tell: bool = True) -> None:
        if self._since is None:
            return
        self.store.conn.execute("COMMIT")
        self._since, self.pending = None, 0
        if tell and self.on_commit:
            self.on_commit()

    def _done(self) -> None:
        self.pending += 1
        if time.monotonic() - self._since >= self.seconds:
            self.commit()

    def write(self, key: str, document: Document, extraction: Extraction, digest: str, size: int,
              doc_id: int | None = None) -> int:
        self._begin()
        c = self.store.conn
        c.execute("SAVEPOINT document")
        try:
            doc_id = _write(c, key, document, extraction, digest, size, doc_id)
        except BaseException:
            c.execute("ROLLBACK TO document")
            c.execute("RELEASE document")
            raise
        c.execute("RELEASE document")
        self._done()
        return doc_id

    def move(self, doc_id: int, key: str) -> None:
        self._begin()
        self.store.conn.execute("UPDATE documents SET path = ? WHERE id = ?", (key, doc_id))
        self._done()


def _shown(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def title_of(text: str) -> str | None:
    """The first line with words in it, without Markdown marks: what a reader takes for the title."""
    for line in text.splitlines()[:40]:
        clean = line.strip().lstrip("#").strip().strip("*_ ").strip()[:300]
        if sum(ch.isalnum() for ch in clean) >= 3:  # within the title kept: a plain-text paragraph is one long line
            return clean
    return None


def _pages(document: Document) -> list[tuple[int | None, str]]:
    if document.format is Format.PDF:
        pages = [(o.page, o.text) for o in document.source.origins]
        if pages:
            return pages
    return [(None, document.text)]


def write_document(store: Store, key: str, document: Document, extraction: Extraction, digest: str, size: int,
                   doc_id: int | None = None) -> int:
    """Store one document and everything extracted from it in a single transaction; returns its id."""
    with store.transaction() as c:
        return _write(c, key, document, extraction, digest, size, doc_id)


def _write(c: sqlite3.Connection, key: str, document: Document, extraction: Extraction, digest: str, size: int,
           doc_id: int | None) -> int:
    """The rows of one document, inside the caller's transaction; returns its id."""
    extra: dict = {}
    if extraction.markers_without_text:
        extra["markers_without_text"] = json.loads("[" + ",".join(dumps(c) for c in extraction.markers_without_text) + "]")
    if extraction.problems:
        extra["problems"] = list(extraction.problems)
    if document.format is Format.LATEX:
        from refcheck.extract.citations.latex import nocite_keys

        extra["nocite"] = list(nocite_keys(document.text))
    pages = _pages(document)
    # each record encoded once: a footnote's references are stored inside it and as rows of their own
    notes = [(n, encode(n)) for n in extraction.footnotes]
    refs = [("footnote", n.label, r, text_of(e)) for n, data in notes for r, e in zip(n.references, data.get("references", ()))]
    refs += [("list", i.label, i.reference, dumps(i)) for i in extraction.reference_list]
    # a document of one page is its page: its text is stored once, in `pages`
    whole = None if len(pages) == 1 and pages[0][1] == document.text else document.text
    row = dict(path=key, hash=digest, format=document.format.value, size=size, title=title_of(document.text),
               text=whole, body=extraction.body, extra=json.dumps(extra, ensure_ascii=False),
               pages=len(pages), footnotes=len(extraction.footnotes), citations=len(extraction.citations),
               claims=len(extraction.claims), refs=len(refs), added=time.time())
    if doc_id is None:
        names = ", ".join(row)
        doc_id = c.execute(f"INSERT INTO documents ({names}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values())).lastrowid
    else:
        for table in CHILD_TABLES:
            c.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_id,))
        c.execute(f"UPDATE documents SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",
                  (*row.values(), doc_id))
    c.executemany("INSERT INTO pages (doc, page, text, cjk) VALUES (?, ?, ?, ?)",
                  [(doc_id, page, text, cjk.index_text(text)) for page, text in pages])
    c.executemany("INSERT INTO footnotes (doc, label, line, col, page, text, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  [(doc_id, n.label, n.location.line, n.location.column, n.location.page, n.text, text_of(data))
                   for n, data in notes])
    # ids given here (the writer holds the lock), so that all paragraphs go in one executemany
    next_id = c.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0] + 1
    paragraphs: dict[str, int] = {}

    def paragraph(text: str) -> int:
        if text not in paragraphs:
            paragraphs[text] = next_id + len(paragraphs)
        return paragraphs[text]

    claim_rows = []
    for claim in extraction.claims:
        loc = claim.location
        claim_rows.append((doc_id, None if loc.path == extraction.path else loc.path, loc.line, loc.column,
                           loc.page, claim.text, paragraph(claim.paragraph)))
    # a citation's claim keeps its paragraph by reference: paragraphs are long and shared
    citation_rows = [(doc_id, x.kind.value, x.label, x.location.line, x.location.column, x.location.page,
                      x.claim.text if x.claim else None, paragraph(x.claim.paragraph) if x.claim else None,
                      text_of(_without_paragraph(encode(x))))
                     for x in extraction.citations]
    c.executemany("INSERT INTO paragraphs (id, doc, text) VALUES (?, ?, ?)",
                  [(i, doc_id, text) for text, i in paragraphs.items()])
    c.executemany("INSERT INTO citations (doc, kind, label, line, col, page, claim, paragraph, data) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", citation_rows)
    c.executemany("INSERT INTO claims (doc, file, line, col, page, text, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  claim_rows)
    c.executemany("INSERT INTO refs (doc, origin, label, year, title, doi, url, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [(doc_id, origin, label, r.year, r.title, r.doi, r.url, data) for origin, label, r, data in refs])
    return doc_id


def _without_paragraph(data: dict) -> dict:
    """A citation's record with its claim's paragraph left empty: stored once, by reference (`paragraphs`)."""
    if "claim" in data:
        data["claim"]["paragraph"] = ""
    return data
