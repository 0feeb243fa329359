"""Combined fit: a weighted mean of the semantic cosine and the lexical score squashed to [0, 1)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from refcheck.fit.base import ClaimText, EntryText, Scorer
from refcheck.fit.lexical import LexicalScorer
from refcheck.fit.semantic import SemanticScorer

SEMANTIC_WEIGHT = 0.7
LEXICAL_HALF = 4.0  # the BM25 score that counts as half a fit: about two rare terms shared


def squash(bm25: np.ndarray, half: float = LEXICAL_HALF) -> np.ndarray:
    """BM25 (unbounded) to [0, 1): 0 for nothing shared, 0.5 at `half`."""
    return bm25 / (bm25 + half)


class CombinedScorer(Scorer):
    """Semantic and lexical together; explains itself through the lexical scorer's shared terms."""

    name = "combined"

    def __init__(self, semantic: SemanticScorer, lexical: LexicalScorer, semantic_weight: float = SEMANTIC_WEIGHT):
        self.semantic = semantic
        self.lexical = lexical
        self.semantic_weight = semantic_weight

    def score(self, claims: Sequence[ClaimText], entries: Sequence[EntryText],
              paragraph_weight: float | None = None) -> np.ndarray:
        """`paragraph_weight` changes how the embedding reads the claim; words always take the paragraph as weak context."""
        s = self.semantic.score(claims, entries, paragraph_weight)
        lx = self.lexical.score(claims, entries)
        return self.semantic_weight * s + (1 - self.semantic_weight) * squash(lx)

    def explain(self, claim: ClaimText, entry: EntryText, entries: Sequence[EntryText] = ()) -> tuple[str, ...]:
        return self.lexical.explain(claim, entry, entries)
