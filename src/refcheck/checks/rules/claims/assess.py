"""Per citation: the evidence for and against its fit (the features of the calibrated decision), or why to abstain.

`assess(ctx)` is what `unrelated-citation` decides on and what
`tools/train_claims.py` fits the decision to: the same code for both, so the
fitted weights mean at run time what they meant in training.

For each evidence source (BM25 words; with the embedding model also the
sentence + paragraph, the sentence alone and the paragraph alone) a citation
gets four features: the cited entry's fit, the gap to the best other entry of
the library, the cited entry's rank among the library's entries (log, and as a
share of the library), and its z-score within the claim's row. Ranking against the whole library is what
separates a misfit from a claim every entry fits poorly. Then: how much text
the entry and the claim have, whether the entry has a description (abstract,
keywords), whether the sentence names the cited author.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from refcheck.checks.rules.claims.abstain import (
    SEVERAL_POSITIONS,
    SEVERAL_TOGETHER,
    is_described,
    is_pointer,
    is_thin,
    is_tool_citation,
    latex_notes,
)
from refcheck.checks.rules.claims.fitting import (
    MIN_CLAIM_TERMS,
    MIN_ENTRY_TERMS,
    FitContext,
    cited_clause,
    claim_language,
    fit_context,
    names_author,
)
from refcheck.checks.rules.claims.runnotes import note_abstained, note_warning
from refcheck.fit.base import ClaimText
from refcheck.limits import MAX_JUDGED_CITATIONS

ENGLISH = "en"
SUGGEST_MARGIN = 0.06  # a better entry is suggested when it wins by this much in the sentence and the paragraph alike


@dataclass
class Assessment:
    """One resolved citation with its claim: features, or the reason to abstain; the entry that fits clearly better."""

    doc: object  # DocumentAudit
    resolution: object  # Resolution
    claim: ClaimText
    cited: int  # index into FitContext.entries
    features: dict[str, float] = field(default_factory=dict)
    abstain: str | None = None
    better: int | None = None
    fit: float = 0.0  # the cited entry's fit in the main source, for the message
    better_fit: float | None = None
    swapped_from: int | None = None  # training only: the entry the citation really points at (see `assess`)


def with_derived(features: dict[str, float]) -> dict[str, float]:
    """Features computed from the others: each rank as a share of the library (a right citation may rank 30th
    of 300 entries on one topic, never 30th of 30)."""
    out = dict(features)
    size = math.expm1(features.get("library", 0.0))
    for name in [n for n in features if n.endswith("_rank")]:
        out[name + "frac"] = math.expm1(features[name]) / size if size >= 1 else 0.0
    return out


def _row_features(prefix: str, row: np.ndarray, a: int, others: np.ndarray, pool: np.ndarray) -> dict[str, float]:
    cited = float(row[a])
    best = float(row[others].max()) if len(others) else cited
    rank = int((row[others] > cited).sum()) if len(others) else 0
    spread = float(row[pool].std()) if len(pool) > 1 else 0.0
    z = (cited - float(row[pool].mean())) / spread if spread > 1e-9 else 0.0
    return {f"{prefix}_fit": cited, f"{prefix}_gap": best - cited, f"{prefix}_rank": math.log1p(rank), f"{prefix}_z": z}


def _abstain_reason(fc: FitContext, a: int, sentence: str, clause: str, positions: int, together: int,
                    entry, notes: str = "") -> str | None:
    lang = claim_language(sentence)
    if (lang is not None and lang != ENGLISH) or (fc.language[a] is not None and fc.language[a] != ENGLISH):
        return "language"
    if fc.terms[a] < MIN_ENTRY_TERMS or is_thin(entry, fc.title_words[a], fc.texts[a].source):
        return "thin-entry"
    if fc.claim_terms(clause) < MIN_CLAIM_TERMS:
        return "short-claim"
    if is_tool_citation(clause, entry):
        return "tool-citation"
    if is_pointer(sentence, clause, notes):
        return "pointer"
    if positions >= SEVERAL_POSITIONS or together >= SEVERAL_TOGETHER:
        return "several-citations"
    return None


def _features(fc: FitContext, parts: dict, i: int, a: int, others: np.ndarray, english: np.ndarray,
              claim: ClaimText, citation, library: float) -> dict[str, float]:
    pool = np.flatnonzero(english | (np.arange(len(english)) == a))
    feats: dict[str, float] = {}
    for name, m in parts.items():
        feats.update(_row_features(name, m[i], a, others, pool))
    entry = fc.entries[a]
    feats["entry_terms"] = math.log1p(fc.terms[a])
    feats["claim_terms"] = math.log1p(fc.claim_terms(claim.sentence))
    feats["described"] = float(is_described(entry, fc.texts[a].source))
    feats["names_author"] = float(names_author(citation.claim.text, entry, citation))
    feats["library"] = library
    return with_derived(feats)


def assess(ctx, swaps=None) -> list[Assessment]:
    """Every resolved citation that has a claim, in document order.

    `swaps` is for training (`tools/train_claims.py`): a function given the entries a citation could have
    pointed at instead (the library's judgeable entries not cited in its paragraph) and returning some of them;
    each is assessed as if the citation cited it (`swapped_from` set): a misfit made from a real claim and a
    real library, as a slip in a reference manager makes one.
    """
    if not any(r.key and r.citation.claim for d in ctx.documents for r in d.resolutions):
        return []
    fc = fit_context(ctx)
    english = np.array([fc.terms[k] >= MIN_ENTRY_TERMS and fc.language[k] in (None, ENGLISH)
                        for k in range(len(fc.entries))], dtype=bool)
    library = math.log1p(int(english.sum()))
    out: list[Assessment] = []
    budget = MAX_JUDGED_CITATIONS
    for doc in ctx.documents:
        rs = [r for r in doc.resolutions if r.key in fc.index and r.citation.claim]
        if len(rs) > budget:  # bounded work: the rest is said, not judged
            for _ in rs[budget:]:
                note_abstained(ctx, "unrelated-citation", "limit")
            note_warning(ctx, f"unrelated-citation: {doc.path}: citations past the limit of {MAX_JUDGED_CITATIONS:,} "
                              "judged in one audit were not judged")
            rs = rs[:budget]
        budget -= len(rs)
        if not rs:
            continue
        claims = [ClaimText(cited_clause(r.citation), r.citation.claim.paragraph) for r in rs]
        parts = fc.parts(claims)
        main = "semantic" if "semantic" in parts else "lexical"
        by_sentence: dict[tuple, set[int]] = {}
        by_paragraph: dict[str, set[int]] = {}
        places: dict[tuple, set] = {}
        together: dict[tuple, int] = {}  # works cited at one place (one \cite{a,b,c}, one bracket)
        for r in rs:
            c = r.citation
            sid = (c.claim.text, c.claim.location.line)
            by_sentence.setdefault(sid, set()).add(fc.index[r.key])
            by_paragraph.setdefault(c.claim.paragraph, set()).add(fc.index[r.key])
            place = c.claim.cited_at if c.claim.cited_at is not None else (c.location.line, c.location.column)
            places.setdefault(sid, set()).add(place)
            together[(sid, place)] = together.get((sid, place), 0) + 1
        for i, r in enumerate(rs):
            a = fc.index[r.key]
            c = r.citation
            sid = (c.claim.text, c.claim.location.line)
            entry = fc.entries[a]
            item = Assessment(doc, r, claims[i], a)
            item.fit = float(parts[main][i, a])
            place = c.claim.cited_at if c.claim.cited_at is not None else (c.location.line, c.location.column)
            n_places, n_together = len(places[sid]), together[(sid, place)]
            notes = latex_notes(c)
            item.abstain = _abstain_reason(fc, a, c.claim.text, claims[i].sentence, n_places, n_together, entry, notes)
            mask = english.copy()
            mask[list(by_sentence[sid])] = False  # the sentence's own citations are no alternative
            others = np.flatnonzero(mask)
            item.features = _features(fc, parts, i, a, others, english, claims[i], c, library)
            # a better entry: the same one best in the sentence and in the paragraph, clearly, and not cited nearby
            alt = [k for k in others if k not in by_paragraph[c.claim.paragraph]]
            if swaps is not None and alt:
                for k in swaps(alt):
                    rest = np.array([o for o in others if o != k] + ([a] if english[a] else []), dtype=int)
                    fake = Assessment(doc, r, claims[i], int(k), swapped_from=a, fit=float(parts[main][i, k]))
                    fake.abstain = _abstain_reason(fc, int(k), c.claim.text, claims[i].sentence, n_places,
                                                   n_together, fc.entries[int(k)], notes)
                    fake.features = _features(fc, parts, i, int(k), rest, english, claims[i], c, library)
                    out.append(fake)
            if alt:
                if "sentence" in parts:
                    k1 = max(alt, key=lambda k: parts["sentence"][i, k])
                    k2 = max(alt, key=lambda k: parts["paragraph"][i, k])
                    g1 = parts["sentence"][i, k1] - parts["sentence"][i, a]
                    g2 = parts["paragraph"][i, k2] - parts["paragraph"][i, a]
                    if k1 == k2 and min(g1, g2) >= SUGGEST_MARGIN:
                        item.better = k1
                else:
                    k = max(alt, key=lambda k: parts["lexical"][i, k])
                    if parts["lexical"][i, k] - parts["lexical"][i, a] >= 0.5:
                        item.better = k
                if item.better is not None:
                    item.better_fit = float(parts[main][i, item.better])
            out.append(item)
    return out
