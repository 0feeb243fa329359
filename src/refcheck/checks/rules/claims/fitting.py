"""What the claim rules share: one fit scorer per audit, the library's entry texts, and scores memoised by claim."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from refcheck.fit.base import ClaimText
from refcheck.fit.cache import cache_folder
from refcheck.fit.combined import squash
from refcheck.fit.entrytext import entry_text
from refcheck.fit.language import guess_language, same_language
from refcheck.fit.select import analyzer, available_scorer
from refcheck.model import CitationKind
from refcheck.textnorm import fold

MIN_ENTRY_TERMS = 2  # an entry with fewer content words than this says too little to judge
MIN_CLAIM_TERMS = 3  # likewise a claim ("Results vary.")
READINGS = {"sentence": 0.0, "paragraph": float("inf")}


class FitContext:
    """The library as the fit scorer sees it, for one audit."""

    def __init__(self, ctx):
        opts = ctx.options
        self.blank = bool(opts.get("blank_pipeline"))
        self.scorer = available_scorer(opts.get("fit.scorer", "auto"), cache_folder(), self.blank)
        self.analyzer = analyzer(self.blank)
        self.entries = list(ctx.library.by_key.values())
        self.texts = [entry_text(e) for e in self.entries]
        self.index = {e.key: i for i, e in enumerate(self.entries)}
        self.language = [guess_language(t.text) for t in self.texts]
        self.terms = [len(set(self.analyzer.terms(t.full).terms)) for t in self.texts]
        self.title_words = [len({t for t in self.analyzer.terms(e.title or "").terms if " " not in t})
                            for e in self.entries]
        self._rows: dict[tuple[ClaimText, str], np.ndarray] = {}

    @property
    def name(self) -> str:
        return self.scorer.name

    @property
    def lexical_only(self) -> bool:
        return self.scorer.name == "lexical"

    def score(self, claims: Sequence[ClaimText], reading: str = "mixed") -> np.ndarray:
        """Fit of every library entry for each claim, in [-1, 1] (lexical alone: [0, 1)).

        `reading` is how the embedding reads the claim: "mixed" (sentence, paragraph as
        weaker context), "sentence" (alone) or "paragraph" (alone); words always read both.
        """
        todo = list(dict.fromkeys(c for c in claims if (c, reading) not in self._rows))
        if todo:
            if self.lexical_only:
                m = squash(self.scorer.score(todo, self.texts))
            elif reading == "mixed":
                m = self.scorer.score(todo, self.texts)
            else:
                m = self.scorer.score(todo, self.texts, paragraph_weight=READINGS[reading])
            for c, row in zip(todo, m):
                self._rows[(c, reading)] = row
        if not claims:
            return np.zeros((0, len(self.entries)))
        return np.stack([self._rows[(c, reading)] for c in claims])

    @property
    def scorer_label(self) -> str:
        """What the report's `checks` says ran: "semantic:<model>" (with words) or "lexical"."""
        semantic = getattr(self.scorer, "semantic", None) or (self.scorer if self.scorer.name == "semantic" else None)
        return f"semantic:{semantic.model_name}" if semantic is not None else "lexical"

    def parts(self, claims: Sequence[ClaimText]) -> dict[str, np.ndarray]:
        """Each evidence source apart, entries as columns: "lexical" (BM25 squashed to [0, 1)) always;
        with the embedding model "semantic" (sentence + paragraph), "sentence" and "paragraph" (each alone)."""
        todo = list(dict.fromkeys(c for c in claims if (c, "parts") not in self._rows))
        if todo:
            lexical = getattr(self.scorer, "lexical", self.scorer if self.lexical_only else None)
            semantic = getattr(self.scorer, "semantic", None) or (self.scorer if self.scorer.name == "semantic" else None)
            out = {}
            if lexical is not None:
                out["lexical"] = squash(lexical.score(todo, self.texts))
            if semantic is not None:
                out["semantic"] = semantic.score(todo, self.texts)
                for reading, weight in READINGS.items():
                    out[reading] = semantic.score(todo, self.texts, paragraph_weight=weight)
            for n, c in enumerate(todo):
                self._rows[(c, "parts")] = {name: m[n] for name, m in out.items()}
        if not claims:
            return {}
        names = self._rows[(claims[0], "parts")].keys()
        return {name: np.stack([self._rows[(c, "parts")][name] for c in claims]) for name in names}

    def explain(self, claim: ClaimText, key: str, limit: int = 6) -> tuple[str, ...]:
        i = self.index.get(key)
        if i is None:
            return ()
        return self.scorer.explain(claim, self.texts[i], self.texts)[:limit]

    def judgeable(self, i: int, claim_language: str | None) -> bool:
        """Enough text, and the claim's language: otherwise a fit score would be a guess."""
        return self.terms[i] >= MIN_ENTRY_TERMS and same_language(claim_language, self.language[i])

    def claim_terms(self, text: str) -> int:
        return len(set(self.analyzer.terms(text).terms))


def fit_context(ctx) -> FitContext:
    """One FitContext per audit context, built on first use (the scorer loads a model)."""
    shared = getattr(ctx, "_fit_context", None)
    if shared is None:
        shared = FitContext(ctx)
        ctx._fit_context = shared
    return shared


MIN_CLAUSE_WORDS = 6


def cited_clause(citation) -> str:
    """What a citation supports: the sentence up to a marker set inside it ("..., who had argued X,[^20] signed ...
    in 1998"), else the whole sentence (a narrative citation opens what it supports)."""
    claim = citation.claim
    if claim is None:
        return ""
    at = claim.cited_at
    if citation.narrative or at is None or at >= len(claim.text):
        return claim.text
    head = claim.text[:at].rstrip(" ,;:–—-(")
    return head if len(head.split()) >= MIN_CLAUSE_WORDS else claim.text


def written_label(citation) -> str | None:
    """The citation's own text when it stands in the sentence (author-year), else None."""
    return citation.label if citation.kind is CitationKind.AUTHOR_YEAR else None


def names_author(sentence: str, entry, citation) -> bool:
    """Whether the sentence names the cited work's author outside the citation itself ("Taylor (1993) proposed")."""
    if citation.narrative:
        return True
    label = written_label(citation)
    text = sentence.replace(label, " ") if label else sentence
    words = set(fold(text).split())
    for person in tuple(entry.authors) + tuple(entry.editors):
        name = person.literal or person.family or ""
        parts = [p for p in fold(name).split() if len(p) >= 3]
        if parts and all(p in words for p in parts[-1:]):
            return True
    return False


def claim_language(text: str) -> str | None:
    return guess_language(re.sub(r"\([^)]*\d{4}[^)]*\)", " ", text))  # a cited title in another language is not the claim's
