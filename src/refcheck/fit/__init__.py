"""Claim–entry fit: how well a library entry fits the claim that cites it, by scorers behind one interface.

`base` defines the interface; `lexical` (BM25 over the library, always there),
`semantic` (sentence embeddings, optional) and `combined` implement it;
`available_scorer` picks the best one installed.
"""

from refcheck.fit.base import ClaimText, Scorer
from refcheck.fit.select import available_scorer

__all__ = ["ClaimText", "Scorer", "available_scorer"]
