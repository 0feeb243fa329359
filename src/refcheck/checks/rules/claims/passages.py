"""The passage of a held source that bears most on a claim: the source cut into passages, ranked by the fit scorer.

The source's running text is cut into passages of a few sentences (never
across a paragraph). BM25 (``bm25s``, through the project's lexical scorer,
with IDF from the source's own passages, words read by the blank pipeline) ranks them against the citing
sentence; with the embedding model installed, the best of them are ranked
again by the combined scorer (the weights `unrelated-citation` judges with).
The pick is what the source itself says nearest the claim — the passage that
supports it or contradicts it — for the reader to compare; it decides nothing.

Built once per source and audit, and only for citations the rule reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

from refcheck.checks.rules.claims.held import Held
from refcheck.fit.base import ClaimText, EntryText
from refcheck.fit.combined import SEMANTIC_WEIGHT, squash
from refcheck.fit.lexical import LexicalScorer
from refcheck.fit.select import analyzer
from refcheck.model import SourcePassage

PASSAGE_CHARS = 240  # a passage grows by whole sentences until it is this long
MAX_PASSAGE_CHARS = 600  # one sentence longer than this is cut (a PDF page with no full stop)
RERANK = 20  # passages that BM25 ranks highest, ranked again by the embeddings
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[^\W\d_])")


def cut(text: str) -> list[tuple[int, str]]:
    """The text as passages: (offset of the start, passage on one line), in order."""
    out: list[tuple[int, str]] = []
    pos = 0
    for block in [*_PARAGRAPH.finditer(text), None]:
        end = block.start() if block else len(text)
        _cut_paragraph(text, pos, end, out)
        pos = block.end() if block else end
    return out


def _cut_paragraph(text: str, start: int, end: int, out: list[tuple[int, str]]) -> None:
    bounds = [start, *(m.end() for m in _SENTENCE_END.finditer(text, start, end)), end]
    begin = None
    for a, b in zip(bounds, bounds[1:]):
        if begin is None:
            begin = a
        if b - begin >= PASSAGE_CHARS or b == end:
            for s in range(begin, b, MAX_PASSAGE_CHARS):
                piece = " ".join(text[s : min(b, s + MAX_PASSAGE_CHARS)].split())
                if sum(ch.isalpha() for ch in piece) >= 12:  # a page number or a rule of dashes says nothing
                    lead = len(text[s:b]) - len(text[s:b].lstrip())
                    out.append((s + lead, piece))
            begin = None


class _Index:
    """One source's passages and their BM25 index.

    Terms from the blank pipeline (lower-cased tokens, light stems): a book is
    thousands of passages, and lemmas with noun chunks would cost seconds each
    time a source is first read; the claim is read the same way.
    """

    def __init__(self, held: Held):
        text = held.texts[0]
        self.name = held.name
        self.passages = cut(text)
        self._lines = [m.start() for m in re.finditer("\n", text)]
        self.entries = [EntryText(str(i), p) for i, (_, p) in enumerate(self.passages)]
        self.lexical = LexicalScorer(analyzer(blank=True), paragraph_weight=0.0)

    def line(self, i: int) -> int:
        return bisect_right(self._lines, self.passages[i][0] - 1) + 1 if self._lines else 1


def _index(fc, held: Held) -> _Index:
    """The source's index, built once per audit (kept on the audit's FitContext)."""
    cache = fc.__dict__.setdefault("_passage_indexes", {})
    key = (held.name, held.texts[0])
    if key not in cache:
        cache[key] = _Index(held)
    return cache[key]


def best_passage(fc, sentence: str, sources: Sequence[Held]) -> SourcePassage | None:
    """The passage of `sources` that fits `sentence` best; None when no source has one sharing a term with it."""
    claim = ClaimText(sentence)
    semantic = getattr(fc.scorer, "semantic", None) or (fc.scorer if fc.scorer.name == "semantic" else None)
    candidates: list[tuple[_Index, int, float]] = []  # (source, passage, squashed BM25)
    for held in sources:
        index = _index(fc, held)
        if not index.entries:
            continue
        bm25 = squash(index.lexical.score([claim], index.entries)[0])
        top = np.argsort(-bm25, kind="stable")[:RERANK]
        candidates += [(index, int(i), float(bm25[i])) for i in top if bm25[i] > 0]  # a passage shares a term
    if not candidates:
        return None
    if semantic is None:
        fits = np.array([lex for _, _, lex in candidates])
    else:
        vectors = semantic.embed([index.passages[i][1] for index, i, _ in candidates])
        cosine = semantic.claim_vectors([claim], 0.0)[0] @ vectors.T
        fits = SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) * np.array([lex for _, _, lex in candidates])
    best = int(np.argmax(fits))
    index, i, _ = candidates[best]
    shared = index.lexical.explain(claim, index.entries[i], index.entries)
    return SourcePassage(index.name, index.line(i), index.passages[i][1], float(fits[best]), shared[:6])
