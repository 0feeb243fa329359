"""Links between library entries and stored documents, each with the evidence a user can check.

In order of strength: a pin (`corpus link --manual KEY DOC`), the entry's
`file` field naming the document, a DOI or URL of the entry written on the
document's first page (not in its notes or reference list, which name other
works), and the document's first page — its title, authors and year — resolved
against the library. A document whose strongest evidence points at two or
more entries is ambiguous: it is shown with its candidates and not linked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from refcheck.corpus.store import Store, StoredDocument
from refcheck.errors import UsageError
from refcheck.textnorm import normalize_doi, normalize_url

FRONT_CHARS = 3000  # what counts as the first page of a document without pages
METHODS = ("manual", "file", "doi", "url", "title")
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>\u201c\u201d\])]+")
_URL = re.compile(r"\bhttps?://[^\s<>\"\u201c\u201d\])]+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?\s+){1,3}[A-Z][\w'’-]+$")


@dataclass(frozen=True)
class Link:
    entry: str
    doc: int
    path: str
    method: str
    evidence: tuple[str, ...]
    pinned: bool = False

    def to_json(self) -> dict:
        return {"entry": self.entry, "doc": self.doc, "path": self.path, "method": self.method,
                "evidence": list(self.evidence), "pinned": self.pinned}


@dataclass(frozen=True)
class Ambiguous:
    doc: int
    path: str
    method: str
    candidates: tuple[tuple[str, str], ...]  # (entry key, evidence)

    def to_json(self) -> dict:
        return {"doc": self.doc, "path": self.path, "method": self.method,
                "candidates": [{"entry": k, "evidence": e} for k, e in self.candidates]}


def front(store: Store, doc: StoredDocument) -> str:
    """The document's first page (PDF), or its first characters."""
    row = store.conn.execute("SELECT text FROM pages WHERE doc = ? ORDER BY id LIMIT 1", (doc.id,)).fetchone()
    return (row[0] if row else "")[:FRONT_CHARS]


def _clean(line: str) -> str:
    return line.strip().lstrip("#>").strip().strip("*_ ").strip()


def first_page_cited(text: str):
    """What a document's opening says of itself: the first line as title, the name lines after it, a year."""
    from refcheck.resolve import CitedWork

    lines = [c for c in (_clean(line) for line in text.splitlines()[:40]) if sum(ch.isalnum() for ch in c) >= 3]
    if not lines:
        return None
    authors: list[str] = []
    for line in lines[1:6]:
        line = re.sub(r"^(?:by|von|par)\s+", "", line, flags=re.I)
        parts = [p.strip() for p in re.split(r",|\band\b|&|;", line) if p.strip()]
        if parts and len(line) <= 100 and all(_NAME.match(p) for p in parts):
            authors += parts
    year = _YEAR.search(text[:1500])
    return CitedWork(raw=" ".join(lines[:6]), authors=tuple(authors), title=lines[0], year=year.group(1) if year else None)


def resolve_first_page(matcher, text: str):
    """The resolver's outcome for the work a document's first page names; None when nothing is written to look up.

    The one place linking asks the resolver (`refcheck.resolve.Resolver`).
    """
    cited = first_page_cited(text)
    if cited is None or not cited.says_something:
        return None
    return matcher.resolve(cited)


def _corroborated(outcome) -> bool:
    """A first page's title alone may be any page's heading: a link also needs its names or its year to agree."""
    a = outcome.alignment
    return a is not None and (a.year.verdict == "same" or any(not n.verdict.is_different for n in a.names))


def _ids_in_notes(store: Store, doc: StoredDocument) -> tuple[set[str], set[str]]:
    """The DOIs and URLs of the works the document itself cites (they name other works, not it)."""
    dois, urls = set(), set()
    for doi, url, data in store.conn.execute("SELECT doi, url, data FROM refs WHERE doc = ?", (doc.id,)):
        raw = json.loads(data).get("raw", "") or json.loads(data).get("reference", {}).get("raw", "")
        dois |= {normalize_doi(d) for d in [doi, *_DOI.findall(raw)] if d}
        urls |= {normalize_url(u) for u in [url, *_URL.findall(raw)] if u}
    for (text,) in store.conn.execute("SELECT text FROM footnotes WHERE doc = ?", (doc.id,)):
        dois |= {normalize_doi(d) for d in _DOI.findall(text)}
        urls |= {normalize_url(u) for u in _URL.findall(text)}
    return dois, urls


def propose(store: Store, library) -> tuple[list[Link], list[Ambiguous]]:
    """The automatic links of every stored document, and the documents left ambiguous."""
    from refcheck.fit.entrytext import source_path
    from refcheck.resolve import Resolver, Status

    matcher = Resolver(library)
    index = matcher.index
    by_file: dict[str, list] = {}
    for entry in library.entries:
        if path := source_path(entry):
            by_file.setdefault(str(_resolved(path)), []).append(entry)
    links: list[Link] = []
    ambiguous: list[Ambiguous] = []
    for doc in store.documents():
        shown = store.shown(doc.path)
        entries = by_file.get(str(_resolved(store.file_of(doc.path))), [])
        if entries:  # the user named this file for these entries: every one is meant
            links += [Link(e.key, doc.id, shown, "file", (f"file = {{{e.file}}} in {e.path}",)) for e in entries]
            continue
        text = front(store, doc)
        cited_dois, cited_urls = _ids_in_notes(store, doc)
        found: list[tuple[str, str, str]] = []  # (method, key, evidence)
        for m in _DOI.finditer(text):
            doi = normalize_doi(m.group().rstrip(".,;:"))
            if doi and doi not in cited_dois:
                found += [("doi", index.entries[i].key, f"DOI {doi} on the first page") for i in index.by_doi.get(doi, ())]
        if not found:
            for m in _URL.finditer(text):
                url = normalize_url(m.group().rstrip(".,;:"))
                if url and url not in cited_urls:
                    found += [("url", index.entries[i].key, f"URL {m.group().rstrip('.,;:')} on the first page")
                              for i in index.by_url.get(url, ())]
        outcome = resolve_first_page(matcher, text) if not found else None
        if outcome is not None and outcome.status is Status.MATCH and _corroborated(outcome):
            found = [("title", outcome.key, "first page: " + "; ".join(outcome.evidence))]
        elif outcome is not None and outcome.status is Status.AMBIGUOUS:  # shown, not guessed
            found = [("title", s.key, "first page: fits equally") for s in (outcome.best, outcome.runner_up)]
        keys = dict.fromkeys(k for _, k, _ in found)
        if len(keys) == 1:
            key = next(iter(keys))
            links.append(Link(key, doc.id, shown, found[0][0], tuple(dict.fromkeys(e for _, k, e in found if k == key))))
        elif keys:
            ambiguous.append(Ambiguous(doc.id, shown, found[0][0],
                                       tuple((k, next(e for _, kk, e in found if kk == k)) for k in keys)))
    return links, ambiguous


def _resolved(path) -> str:
    from pathlib import Path

    return str(Path(path).resolve())


def stored(store: Store) -> list[Link]:
    rows = store.conn.execute(
        "SELECT l.entry, l.doc, d.path, l.method, l.evidence, l.pinned FROM links l JOIN documents d ON d.id = l.doc "
        "ORDER BY l.entry, d.path").fetchall()
    return [Link(e, doc, store.shown(p), m, tuple(json.loads(ev)), bool(pin)) for e, doc, p, m, ev, pin in rows]


def save(store: Store, links: list[Link]) -> None:
    """Replace the automatic links with `links` in one transaction; pins stay."""
    with store.transaction() as c:
        c.execute("DELETE FROM links WHERE pinned = 0")
        c.executemany("INSERT OR IGNORE INTO links (entry, doc, method, evidence, pinned) VALUES (?, ?, ?, ?, 0)",
                      [(k.entry, k.doc, k.method, json.dumps(list(k.evidence), ensure_ascii=False)) for k in links])


def pin(store: Store, key: str, doc: StoredDocument, library=None) -> Link:
    if library is not None and key not in library.by_key:
        raise UsageError(f"no entry '{key}' in the library")
    evidence = ("pinned with `refcheck corpus link --manual`",)
    with store.transaction() as c:
        c.execute("INSERT OR REPLACE INTO links (entry, doc, method, evidence, pinned) VALUES (?, ?, 'manual', ?, 1)",
                  (key, doc.id, json.dumps(list(evidence))))
    return Link(key, doc.id, store.shown(doc.path), "manual", evidence, True)


def unpin(store: Store, key: str, doc: StoredDocument) -> bool:
    with store.transaction() as c:
        return c.execute("DELETE FROM links WHERE entry = ? AND doc = ?", (key, doc.id)).rowcount > 0
