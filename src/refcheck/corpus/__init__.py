"""The research corpus: an embedded SQLite store of the sources and drafts, full-text searchable, linked to entries.

`store` opens it (schema migrations in `schema`), `ingest` adds documents with
the existing readers and extraction, `search` ranks passages with FTS5,
`links` ties library entries to stored documents, `sources` hands the checks
the text of an entry's linked sources. The store can always be rebuilt from
the files it names (`refcheck corpus rebuild`).
"""

from __future__ import annotations

DEFAULT_DB = ".refcheck/corpus.db"
