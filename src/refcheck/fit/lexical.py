"""Lexical fit: Okapi BM25 of the claim against each entry's text, with IDF from the library itself.

Scored by `bm25s` (sparse matrices, Lucene's BM25 variant) over refcheck's own
terms (spaCy lemmas, light stems, noun-chunk phrases); the term counts kept
here only explain a score (the terms claim and entry share).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from refcheck.fit.analyze import Analyzer
from refcheck.fit.base import ClaimText, EntryText, Scorer

K1 = 1.2
B = 0.75
PARAGRAPH_WEIGHT = 0.3  # the paragraph is context: its words count, less than the sentence's
VENUE_WEIGHT = 0.5  # a journal's name says what field a work is in, not what it found


class LexicalScorer(Scorer):
    """BM25 over the entries given (the library): fast, always there, explains itself with shared terms."""

    name = "lexical"

    def __init__(self, analyzer: Analyzer, paragraph_weight: float = PARAGRAPH_WEIGHT):
        self.analyzer = analyzer
        self.paragraph_weight = paragraph_weight
        self._index_for: tuple[str, ...] | None = None

    # -- the index over the library
    def _index(self, entries: Sequence[EntryText]) -> None:
        ident = tuple(e.key + "\0" + e.full + "\0" + e.venue for e in entries)
        if ident == self._index_for:
            return
        docs = self.analyzer.many([e.full for e in entries])
        venues = self.analyzer.many([e.venue for e in entries])
        self._tf = []
        for d, v in zip(docs, venues):
            tf: Counter = Counter()
            for t in d.terms:
                tf[t] += 1.0
            for t in v.terms:
                tf[t] += VENUE_WEIGHT
            self._tf.append(tf)
        self._surface = [{**v.surface, **d.surface} for d, v in zip(docs, venues)]
        self._venue_only = [set(v.terms) - set(d.terms) for d, v in zip(docs, venues)]
        self._len = np.array([max(1.0, sum(tf.values())) for tf in self._tf], dtype=float)
        self._avg = float(self._len.mean()) if len(docs) else 1.0
        df = Counter(t for tf in self._tf for t in tf)
        n = len(docs)
        self._idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        import bm25s

        # the venue in an index of its own, weighted down at query time (bm25s counts whole tokens)
        self._bm25 = []
        for texts, weight in (([list(d.terms) for d in docs], 1.0), ([list(v.terms) for v in venues], VENUE_WEIGHT)):
            vocabulary = {t for ts in texts for t in ts}
            if not vocabulary:  # no entry has a venue (or a word): bm25s cannot index a corpus without a word
                continue
            index = bm25s.BM25(k1=K1, b=B, method="lucene")
            index.index(texts, show_progress=False)
            self._bm25.append((index, weight, vocabulary))
        self._index_for = ident

    def idf(self, term: str) -> float:
        return self._idf.get(term, 0.0)

    # -- the query
    def query(self, claim: ClaimText) -> dict[str, float]:
        """Term -> weight: 1 for the sentence's terms, `paragraph_weight` for terms only in the paragraph."""
        weights = {t: 1.0 for t in self.analyzer.terms(claim.sentence).terms}
        if claim.paragraph and self.paragraph_weight > 0:
            for t in self.analyzer.terms(claim.paragraph).terms:
                weights.setdefault(t, self.paragraph_weight)
        return weights

    def score(self, claims: Sequence[ClaimText], entries: Sequence[EntryText]) -> np.ndarray:
        out = np.zeros((len(claims), len(entries)))
        if not entries:
            return out
        self._index(entries)
        self.analyzer.many([c.sentence for c in claims] + [c.paragraph for c in claims if c.paragraph])
        for i, claim in enumerate(claims):
            by_weight: dict[float, list[str]] = {}
            for term, w in self.query(claim).items():
                by_weight.setdefault(w, []).append(term)
            for index, weight, vocabulary in self._bm25:
                for w, terms in by_weight.items():
                    known = [t for t in terms if t in vocabulary]
                    if known:
                        out[i] += weight * w * index.get_scores(known)
        return out

    def explain(self, claim: ClaimText, entry: EntryText, entries: Sequence[EntryText] = ()) -> tuple[str, ...]:
        if entries:
            self._index(entries)
        try:
            j = [e.key for e in entries].index(entry.key) if entries else None
        except ValueError:
            j = None
        if j is None:
            text, venue = self.analyzer.terms(entry.full), self.analyzer.terms(entry.venue)
            entry_terms, surface = Counter(text.terms + venue.terms), {**venue.surface, **text.surface}
            venue_only = set(venue.terms) - set(text.terms)
        else:
            entry_terms, surface, venue_only = self._tf[j], self._surface[j], self._venue_only[j]
        q = self.query(claim)
        shared = [t for t in q if t in entry_terms]
        # the sentence's terms before the paragraph's, rarer in the library first
        shared.sort(key=lambda t: (-q[t], -self._idf.get(t, 0.0) if entries else 0.0, t))
        out: list[str] = []
        for t in shared:
            word = surface.get(t, t)
            if " " in t and all(p in shared for p in t.split()):
                continue  # a phrase whose words are listed anyway
            where = [w for w, yes in (("paragraph", q[t] < 1.0), ("venue", t in venue_only)) if yes]
            out.append(f"{word} ({', '.join(where)})" if where else word)
        return tuple(out)
