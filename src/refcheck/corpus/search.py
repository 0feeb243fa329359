"""`refcheck corpus search`: FTS5 over stored pages, ranked by bm25(), with highlighted snippets.

The query is words (all must occur), "quoted phrases", `word*` prefixes and
OR between terms. Words of alphabetic scripts are matched by the unicode61
tokenizer (case and diacritics folded); a Chinese, Japanese or Korean run is
matched as the phrase of its character bigrams (see `cjk.py`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from refcheck.corpus import cjk
from refcheck.corpus.store import Store
from refcheck.errors import UsageError

OPEN, CLOSE = "\x02", "\x03"  # highlight marks inside snippets; renderers turn them into colour or **…**
SNIPPET_TOKENS = 24
_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Hit:
    doc: int
    path: str
    title: str | None
    page: int | None
    score: float  # bm25: lower is better; shown negated so that higher is better
    snippet: str  # with OPEN / CLOSE around each matched term

    def plain(self, open_mark: str = "**", close_mark: str = "**") -> str:
        return self.snippet.replace(OPEN, open_mark).replace(CLOSE, close_mark)

    def highlights(self) -> list[tuple[int, int]]:
        """Offsets of the highlighted terms in the snippet without its marks."""
        out, plain_pos, start = [], 0, None
        for ch in self.snippet:
            if ch == OPEN:
                start = plain_pos
            elif ch == CLOSE and start is not None:
                out.append((start, plain_pos))
                start = None
            else:
                plain_pos += 1
        return out

    def to_json(self) -> dict:
        return {"doc": self.doc, "path": self.path, "title": self.title, "page": self.page,
                "score": round(-self.score, 4), "snippet": self.plain("", ""),
                "highlights": [list(h) for h in self.highlights()]}


@dataclass(frozen=True)
class Query:
    fts: str  # the FTS5 MATCH expression
    cjk_terms: tuple[str, ...]  # CJK runs of the query, highlighted by us (the cjk column's text is bigrams)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cjk_phrase(run: str) -> str:
    if len(run) == 1:
        return f"cjk : {_quote(run)}*"  # a bigram starting with it, or the run's last character
    return "cjk : " + _quote(" ".join(cjk.bigrams(run)))


def parse(query: str) -> Query:
    """The user's query as an FTS5 expression; a query with no searchable word is a UsageError."""
    parts: list[str] = []
    runs: list[str] = []
    for m in _TERM.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if word in ("OR", "AND", "NOT"):
            if parts and parts[-1] not in ("OR", "AND", "NOT"):
                parts.append(word)
            continue
        text = phrase if phrase is not None else word
        prefix = phrase is None and text.endswith("*")
        text = text.rstrip("*") if prefix else text
        terms = []
        for piece, is_cjk in cjk.split(text):
            if is_cjk:
                runs.append(piece)
                terms.append(_cjk_phrase(piece))
            elif re.search(r"[^\W_]", piece):
                terms.append("text : " + _quote(piece.strip()) + ("*" if prefix else ""))
        if terms:
            parts.append(terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")")
    while parts and parts[-1] in ("OR", "AND", "NOT"):
        parts.pop()
    if not parts:
        raise UsageError(f"nothing to search for in {query!r}: give words, \"a phrase\" or prefix*")
    return Query(" ".join(parts), tuple(runs))


def search(store: Store, query: str, limit: int = 20) -> list[Hit]:
    q = parse(query)
    sql = (
        "SELECT p.doc, d.path, d.title, p.page, f.rank, "
        f"snippet(pages_fts, 0, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}), p.text "
        "FROM pages_fts f JOIN pages p ON p.id = f.rowid JOIN documents d ON d.id = p.doc "
        "WHERE pages_fts MATCH ? ORDER BY f.rank LIMIT ?"
    )
    try:
        rows = store.conn.execute(sql, (q.fts, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {exc}") from None
    hits = []
    for doc, path, title, page, rank, snippet, text in rows:
        if q.cjk_terms:
            snippet = _cjk_snippet(snippet, text, q.cjk_terms)
        hits.append(Hit(doc, store.shown(path), title, page, rank, _one_line(snippet)))
    return hits


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cjk_snippet(snippet: str, text: str, terms: tuple[str, ...], width: int = 60) -> str:
    """Highlight the CJK terms: in FTS5's snippet when they are in it, else in a window of the text around the first."""
    plain = snippet.replace(OPEN, "").replace(CLOSE, "")
    if not any(t in plain for t in terms):
        at = min((i for t in terms if (i := text.find(t)) >= 0), default=-1)
        if at < 0:
            return snippet
        start, end = max(0, at - width), min(len(text), at + width)
        snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    for t in sorted(set(terms), key=len, reverse=True):
        snippet = re.sub(f"(?<!{OPEN}){re.escape(t)}", f"{OPEN}{t}{CLOSE}", snippet)
    return snippet
