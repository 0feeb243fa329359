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
SNIPPET_TOKENS = 24  # FTS5's own snippet, when ours finds no term
SNIPPET_CHARS = 160
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
    pattern: re.Pattern | None = None  # every term of the query, for the snippets


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
    patterns: list[str] = []
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
            elif words := re.findall(r"[^\W_]+", piece):
                terms.append("text : " + _quote(piece.strip()) + ("*" if prefix else ""))
                # \b is (?<!\w) here, a word starting with a word character, and scans a page a fifth faster
                patterns.append(r"\b" + r"\W+".join(map(re.escape, words)) + (r"\w*" if prefix else r"(?!\w)"))
        if terms:
            parts.append(terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")")
    while parts and parts[-1] in ("OR", "AND", "NOT"):
        parts.pop()
    if not parts:
        raise UsageError(f"nothing to search for in {query!r}: give words, \"a phrase\" or prefix*")
    patterns += [re.escape(r) for r in runs]
    pattern = re.compile("|".join(sorted(patterns, key=len, reverse=True)), re.IGNORECASE) if patterns else None
    return Query(" ".join(parts), tuple(runs), pattern)


def search(store: Store, query: str, limit: int = 20) -> list[Hit]:
    q = parse(query)
    # Ranked by the index alone (FTS5 sorts by rank without reading the pages); then the texts of those hits only.
    try:
        ranked = store.conn.execute("SELECT rowid, rank FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?",
                                    (q.fts, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {exc}") from None
    if not ranked:
        return []
    marks = ", ".join("?" * len(ranked))
    rows = {r[0]: r[1:] for r in store.conn.execute(
        "SELECT p.id, p.doc, d.path, d.title, p.page, p.text FROM pages p JOIN documents d ON d.id = p.doc "
        f"WHERE p.id IN ({marks})", [r for r, _ in ranked])}
    hits = []
    for rowid, rank in ranked:
        doc, path, title, page, text = rows[rowid]
        snippet = _snippet(text, q.pattern) if q.pattern else None
        if snippet is None:  # a term matched only after folding (diacritics): FTS5 knows where
            snippet = store.conn.execute(
                f"SELECT snippet(pages_fts, 0, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}) FROM pages_fts "
                "WHERE pages_fts MATCH ? AND rowid = ?", (q.fts, rowid)).fetchone()[0]
        hits.append(Hit(doc, store.shown(path), title, page, rank, _one_line(snippet)))
    return hits


def _snippet(text: str, pattern: re.Pattern, width: int = SNIPPET_CHARS) -> str | None:
    """The stretch of `text` of about `width` characters with the most matches, each marked; None without one."""
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return None
    # the match that opens the window holding the most matches (two pointers: a common word matches hundreds of times)
    best, most, last = 0, 0, 0
    for i, (a, _) in enumerate(found):
        last = max(last, i)
        while last + 1 < len(found) and found[last + 1][0] < a + width:
            last += 1
        if last - i + 1 > most:
            best, most = i, last - i + 1
    start = max(0, found[best][0] - width // 4)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    end = (text.find(" ", end) if text.find(" ", end) != -1 else len(text)) if end < len(text) else end
    out, pos = [], start
    for a, b in found:
        if a >= start and b <= end:
            out += [text[pos:a], OPEN, text[a:b], CLOSE]
            pos = b
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


