"""The store's schema as numbered migrations; `PRAGMA user_version` says which have run.

A migration is appended, never edited: a store written by an older refcheck is
brought up to date when opened, and a store from a newer refcheck is refused
rather than misread.
"""

from __future__ import annotations

import sqlite3

from refcheck.errors import UsageError

# One FTS5 table over page texts. `text` is the page as read (unicode61 tokens: words of
# alphabetic scripts); `cjk` holds the overlapping character bigrams of its Chinese,
# Japanese and Korean runs, which unicode61 would otherwise index as one token per run,
# so that a two-character query finds a word inside a longer run (see `cjk.py`).
_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    title TEXT,
    text TEXT,
    body TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    pages INTEGER NOT NULL DEFAULT 0,
    footnotes INTEGER NOT NULL DEFAULT 0,
    citations INTEGER NOT NULL DEFAULT 0,
    claims INTEGER NOT NULL DEFAULT 0,
    refs INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL
);
CREATE INDEX documents_hash ON documents(hash);

CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER,
    text TEXT NOT NULL,
    cjk TEXT NOT NULL
);
CREATE INDEX pages_doc ON pages(doc);
CREATE VIRTUAL TABLE pages_fts USING fts5(
    text, cjk, content='pages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
    INSERT INTO pages_fts(rowid, text, cjk) VALUES (new.id, new.text, new.cjk);
END;
CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
    INSERT INTO pages_fts(pages_fts, rowid, text, cjk) VALUES ('delete', old.id, old.text, old.cjk);
END;

CREATE TABLE footnotes (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT NOT NULL, line INTEGER, col INTEGER, page INTEGER,
    text TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX footnotes_doc ON footnotes(doc);

CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL
);
CREATE INDEX paragraphs_doc ON paragraphs(doc);

CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, label TEXT NOT NULL, line INTEGER, col INTEGER, page INTEGER,
    claim TEXT,
    paragraph INTEGER REFERENCES paragraphs(id),
    data TEXT NOT NULL
);
CREATE INDEX citations_doc ON citations(doc);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    file TEXT,
    line INTEGER, col INTEGER, page INTEGER,
    text TEXT NOT NULL,
    paragraph INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE
);
CREATE INDEX claims_doc ON claims(doc);

CREATE TABLE refs (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    label TEXT,
    year TEXT, title TEXT, doi TEXT, url TEXT,
    data TEXT NOT NULL
);
CREATE INDEX refs_doc ON refs(doc);

CREATE TABLE links (
    entry TEXT NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    evidence TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entry, doc)
);
CREATE INDEX links_doc ON links(doc);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, name: str) -> None:
    """Run the migrations the store lacks, each in its own transaction; refuse a store from the future."""
    have = conn.execute("PRAGMA user_version").fetchone()[0]
    if have > VERSION:
        raise UsageError(f"the corpus store has schema version {have}; this refcheck knows up to {VERSION} "
                         "(upgrade refcheck, or rebuild the store)", name)
    for number in range(have + 1, VERSION + 1):
        # executescript commits first; BEGIN makes the migration and its version bump one transaction
        conn.executescript(f"BEGIN;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")
