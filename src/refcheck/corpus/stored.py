"""Stored documents back as `Extraction`s, so `refcheck audit --corpus` checks them without extracting again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from refcheck.corpus.codec import decode, loads
from refcheck.corpus.store import Store, StoredDocument
from refcheck.errors import UsageError
from refcheck.model import Citation, Claim, Extraction, Footnote, ListItem, Location


def extraction(store: Store, doc: StoredDocument) -> Extraction:
    """The document's extraction as it was stored; a row the model no longer reads asks for a rebuild."""
    c = store.conn
    path = doc.path
    try:
        footnotes = tuple(loads(Footnote, r[0]) for r in
                          c.execute("SELECT data FROM footnotes WHERE doc = ? ORDER BY id", (doc.id,)))
        citations = tuple(
            _with_paragraph(loads(Citation, data), paragraph) for data, paragraph in c.execute(
                "SELECT c.data, p.text FROM citations c LEFT JOIN paragraphs p ON p.id = c.paragraph "
                "WHERE c.doc = ? ORDER BY c.id", (doc.id,)))
        items = tuple(loads(ListItem, r[0]) for r in
                      c.execute("SELECT data FROM refs WHERE doc = ? AND origin = 'list' ORDER BY id", (doc.id,)))
        extra = store.extra(doc.id)
        missing = tuple(decode(Citation, x) for x in extra.get("markers_without_text", ()))
    except (ValueError, TypeError, KeyError, json.JSONDecodeError) as exc:
        raise UsageError(f"stored by another version of refcheck ({exc}): run `refcheck corpus rebuild`",
                         store.shown(path)) from None
    shown = store.shown(path)
    claims = tuple(
        Claim(text, Location(file or shown, line, col, page), paragraph or "")
        for file, line, col, page, text, paragraph in c.execute(
            "SELECT c.file, c.line, c.col, c.page, c.text, p.text FROM claims c "
            "LEFT JOIN paragraphs p ON p.id = c.paragraph WHERE c.doc = ? ORDER BY c.id", (doc.id,))
    )
    _, body = store.text(doc.id)
    return Extraction(path=shown, body=body, footnotes=footnotes, citations=citations, claims=claims,
                      reference_list=items, markers_without_text=missing, problems=tuple(extra.get("problems", ())))


def extractions(store: Store, skip: set[str] = frozenset()) -> Iterator[tuple[Extraction, list[str]]]:
    """Every stored document's extraction with its LaTeX \\nocite keys; `skip` holds stored paths to leave out."""
    for doc in store.documents():
        if doc.path in skip:
            continue
        yield extraction(store, doc), list(store.extra(doc.id).get("nocite", ()))


def _with_paragraph(citation: Citation, paragraph: str | None) -> Citation:
    if citation.claim is None or paragraph is None:
        return citation
    return replace(citation, claim=replace(citation.claim, paragraph=paragraph))


def for_audit(settings, documents: list[str]) -> list[tuple[Extraction, list[str]]]:
    """`refcheck audit --corpus`: the stored documents, except those under the PATHs audited from their files."""
    import os

    store = Store.open(settings.path_of("corpus-db"), settings.root, readonly=True)
    try:
        given = [store.key_of(p) for p in documents]
        folders = tuple(g.rstrip("/") + "/" for g, p in zip(given, documents) if os.path.isdir(p))
        skip = {d.path for d in store.documents() if d.path in given or d.path.startswith(folders)}
        return list(extractions(store, skip))
    finally:
        store.close()
