"""RC105 unrelated-citation."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.checks.rules.claims.fitting import (
    MIN_CLAIM_TERMS,
    cited_clause,
    claim_language,
    fit_context,
    names_author,
)
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.fit.base import ClaimText
from refcheck.model import Severity

MIN_FIT = 0.10  # unrelated.min-fit: below this the cited entry fits the claim poorly in absolute terms
MARGIN = 0.06  # unrelated.margin: another entry fits better by this much, read with and without the paragraph
CLEAR_MARGIN = 0.20  # unrelated.clear-margin: ... or by this much, whichever entry is best in each reading
SWAP_MARGIN = 0.06  # unrelated.swap-margin: two citations of a paragraph each fit the other's claim better
LEXICAL_MIN_BETTER = 0.5  # unrelated.lexical-min-better: words alone: another entry shares at least this much


class UnrelatedCitation(Rule):
    """The cited work does not fit the claim; suggests a better entry when one fits.

    Why
        A footnote that points at the wrong work — a slip in a reference
        manager, a citation moved with the wrong sentence — survives every
        formal check: the entry exists, the author and year are right. Only
        the claim tells. refcheck scores how well every library entry fits the
        citing sentence (its paragraph as weaker context): sentence embeddings
        (all-MiniLM-L6-v2, when installed) combined with BM25 over the
        library's titles, keywords, abstracts, notes and venues (IDF from the
        library itself), and the opening of the cited source when the entry's
        ``file`` names it. The evidence gives the shared terms and the scores.

        A citation is flagged when the cited entry fits poorly in absolute
        terms (fit below ``unrelated.min-fit``, default 0.10), or when another
        entry fits clearly better: by ``unrelated.margin`` (0.06) both in the
        sentence alone and in the whole paragraph, the same entry best in both,
        or by ``unrelated.clear-margin`` (0.20) in both. Two citations of one
        paragraph that each fit the other's claim better (``unrelated.swap-margin``,
        0.06) are reported as swapped. Without the embedding model, words alone
        decide: a cited entry sharing no term with the claim while another
        shares at least ``unrelated.lexical-min-better`` (0.5, BM25 squashed to
        [0, 1)).

        To keep false alarms rare, refcheck says nothing when the claim and the
        entry are in different languages, when either has too little text
        (fewer than 2 content words in the entry, 3 in the claim), and it does
        not propose a better entry for a sentence that names the cited author
        ("Taylor (1993) proposed ..."), nor one the paragraph cites anyway, nor
        one cited elsewhere that fits its own claim better.

    Failing example
        ``Deposit insurance removes the incentive to join a run (Manabe & Wetherald, 1967).``
        with ``manabe1967thermal`` titled "Thermal Equilibrium of the Atmosphere
        with a Given Distribution of Relative Humidity"; the library's
        ``diamond1983bank`` ("Bank Runs, Deposit Insurance, and Liquidity") is
        suggested.

    Passing example
        ``Deposit insurance removes the incentive to join a run (Diamond & Dybvig, 1983).``

    How to silence
        Cite the work the claim rests on. If the citation is right and its
        entry says too little, add ``keywords`` or an ``abstract`` to the entry;
        ``--ignore unrelated-citation`` for a document, or raise
        ``unrelated.margin`` / lower ``unrelated.min-fit`` in the configuration.
    """

    min_fit = MIN_FIT
    code = "RC105"
    name = "unrelated-citation"
    severity = Severity.WARNING
    # the configuration's [thresholds] are validated against these; `fit.scorer`: auto | lexical | semantic | combined
    options = {
        "unrelated.min-fit": MIN_FIT, "unrelated.margin": MARGIN, "unrelated.clear-margin": CLEAR_MARGIN,
        "unrelated.swap-margin": SWAP_MARGIN, "unrelated.lexical-min-better": LEXICAL_MIN_BETTER, "fit.scorer": "auto",
    }

    def check(self, ctx):
        opts = ctx.options
        min_fit = self.min_fit = float(opts.get("unrelated.min-fit", MIN_FIT))
        margin = float(opts.get("unrelated.margin", MARGIN))
        clear = float(opts.get("unrelated.clear-margin", CLEAR_MARGIN))
        swap_margin = float(opts.get("unrelated.swap-margin", SWAP_MARGIN))
        lexical_min = float(opts.get("unrelated.lexical-min-better", LEXICAL_MIN_BETTER))
        if not any(r.key and r.citation.claim for d in ctx.documents for r in d.resolutions):
            return
        fc = fit_context(ctx)
        for doc in ctx.documents:
            rs = [r for r in doc.resolutions if r.key in fc.index and r.citation.claim]
            if not rs:
                continue
            claims = [ClaimText(cited_clause(r.citation), r.citation.claim.paragraph) for r in rs]
            mixed, alone, whole = (fc.score(claims, reading) for reading in ("mixed", "sentence", "paragraph"))
            cited = [fc.index[r.key] for r in rs]
            own: dict[int, float] = {}  # how well each cited entry fits the claims it is cited for
            for i, a in enumerate(cited):
                own[a] = max(own.get(a, -1.0), mixed[i, a])
            swapped = self._swaps(fc, rs, claims, cited, mixed, swap_margin)
            for i, r in enumerate(rs):
                a = cited[i]
                claim = r.citation.claim
                lang = claim_language(claims[i].sentence)
                if not fc.judgeable(a, lang) or fc.claim_terms(claims[i].sentence) < MIN_CLAIM_TERMS:
                    continue
                m = mixed[i]
                if i in swapped:
                    yield self._finding(ctx, doc, r, fc, claims[i], m, a, swapped[i][1], swapped[i][0])
                    continue
                # an entry the paragraph cites anyway, or one that fits its own claim better, is no alternative
                in_paragraph = {cited[k] for k, x in enumerate(rs) if x.citation.claim.paragraph == claim.paragraph}
                cands = [k for k in range(len(fc.entries))
                         if k not in in_paragraph and fc.judgeable(k, lang) and m[k] >= own.get(k, -1.0)]
                best = max(cands, key=lambda k: m[k]) if cands else None
                if fc.lexical_only:
                    # words alone: sharing no word is weak evidence, so another entry must share enough,
                    # and a sentence naming the cited author is left alone
                    others = [k for k in range(len(fc.entries)) if k != a and fc.judgeable(k, lang)]
                    if m[a] > 0 or not others or max(m[k] for k in others) < lexical_min \
                            or names_author(claim.text, fc.entries[a], r.citation):
                        continue
                    better = best if best is not None and m[best] >= lexical_min else None
                elif m[a] < min_fit:
                    better = best if best is not None and m[best] - m[a] >= margin else None
                else:
                    if best is None or names_author(claim.text, fc.entries[a], r.citation):
                        continue
                    k1 = max(cands, key=lambda k: alone[i][k])
                    k2 = max(cands, key=lambda k: whole[i][k])
                    g1, g2 = alone[i][k1] - alone[i][a], whole[i][k2] - whole[i][a]
                    if not ((k1 == k2 and min(g1, g2) >= margin) or min(g1, g2) >= clear):
                        continue
                    better = k1 if k1 == k2 else best
                yield self._finding(ctx, doc, r, fc, claims[i], m, a, better, None)

    def _swaps(self, fc, rs, claims, cited, m, swap_margin) -> dict[int, tuple[object, int]]:
        """Citation index -> (the other citation, its entry) for pairs of one paragraph that fit each other's claim better."""

        def open_to_doubt(i: int) -> bool:
            r = rs[i]
            lang = claim_language(claims[i].sentence)
            return (fc.judgeable(cited[i], lang) and fc.claim_terms(claims[i].sentence) >= MIN_CLAIM_TERMS
                    and not names_author(r.citation.claim.text, fc.entries[cited[i]], r.citation))

        out: dict[int, tuple[object, int]] = {}
        for i, ri in enumerate(rs):
            for j in range(i + 1, len(rs)):
                rj = rs[j]
                a, b = cited[i], cited[j]
                if a == b or ri.citation.claim.paragraph != rj.citation.claim.paragraph:
                    continue
                if ri.citation.claim.text == rj.citation.claim.text:
                    continue  # one sentence citing two works: each may carry half of it
                if m[i, b] - m[i, a] >= swap_margin and m[j, a] - m[j, b] >= swap_margin \
                        and open_to_doubt(i) and open_to_doubt(j):
                    out.setdefault(i, (rj.citation, b))
                    out.setdefault(j, (ri.citation, a))
        return out

    def _finding(self, ctx, doc, r, fc, claim, row, a, better, swapped_with):
        c = r.citation
        key = fc.entries[a].key
        shared = fc.explain(claim, key)
        evidence = [
            f"fit of {key}: {row[a]:.2f} ({fc.name} scorer)",
            f"shared with {key}: {', '.join(shared) if shared else 'no term'}",
        ]
        suggestion = None
        if better is not None:
            bkey = fc.entries[better].key
            bshared = fc.explain(claim, bkey)
            evidence += [
                f"fit of {bkey}: {row[better]:.2f}",
                f"shared with {bkey}: {', '.join(bshared) if bshared else 'no term'}",
            ]
            suggestion = f"{bkey} — {entry_summary(fc.entries[better])}"
        if swapped_with is not None:
            message = (f"{describe(c)} and {describe(swapped_with)} look swapped: each cited work fits the other's "
                       f"claim better ('{key}' {row[a]:.2f} here, '{fc.entries[better].key}' {row[better]:.2f})")
        elif better is not None and row[a] >= self.min_fit:
            message = (f"{describe(c)} cites '{key}' (fit {row[a]:.2f}), but '{fc.entries[better].key}' "
                       f"fits the claim clearly better ({row[better]:.2f})")
        elif better is not None:
            message = (f"{describe(c)} cites '{key}', which fits the claim poorly ({row[a]:.2f}); "
                       f"'{fc.entries[better].key}' fits it better ({row[better]:.2f})")
        else:
            message = f"{describe(c)} cites '{key}', which fits the claim poorly ({row[a]:.2f})"
        return self.finding(doc.path, c.location.line, c.location.column, message,
                            suggestion=suggestion, evidence=tuple(evidence), **fields_for(r, ctx))

