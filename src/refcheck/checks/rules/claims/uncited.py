"""RC301 uncited-claim."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.claims.checkworthy import check_worthy
from refcheck.checks.rules.claims.fitting import MIN_CLAIM_TERMS, claim_language, fit_context
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.fit.base import ClaimText
from refcheck.model import Severity

SUGGEST_FIT = 0.45  # uncited.suggest-fit: an entry fitting the claim this well is suggested
SUGGEST_MARGIN = 0.05  # uncited.suggest-margin: ... when it fits clearly better than the next entry


class UncitedClaim(Rule):
    """A check-worthy claim (statistic, quotation, dated fact) with no citation.

    Why
        Numbers, survey results, quotations and "the highest since 2015" are
        what readers check first, and what drifts when copied from copy. A
        sentence is check-worthy when it holds a percentage, an amount of
        money or a count in millions or billions, a survey or poll with a
        figure, a quotation of six words or more attributed to someone (said,
        noted, according to ...), or a superlative with a date. It is
        reported when neither it nor its paragraph carries a citation of any
        kind (a paragraph's citation is taken to cover its figures).

        When a library entry fits the sentence — combined fit at least
        ``uncited.suggest-fit`` (default 0.45) and ``uncited.suggest-margin``
        (0.05) above the next entry — it is suggested, with the shared terms as
        evidence.

    Failing example
        ``A Korea Research survey found that 45.1% of respondents in their 20s and
        30s had a favorable view of Japan.`` in a paragraph with no footnote.

    Passing example
        The same sentence with a footnote giving the survey, or in a paragraph
        whose citation reports it.

    How to silence
        Cite the source of the figure or quotation; ``--ignore uncited-claim``
        for documents such as blog posts that do not cite.
    """

    code = "RC301"
    name = "uncited-claim"
    severity = Severity.INFO
    options = {"uncited.suggest-fit": SUGGEST_FIT, "uncited.suggest-margin": SUGGEST_MARGIN}

    def check(self, ctx):
        suggest_fit = float(ctx.options.get("uncited.suggest-fit", SUGGEST_FIT))
        suggest_margin = float(ctx.options.get("uncited.suggest-margin", SUGGEST_MARGIN))
        found = []
        for doc in ctx.documents:
            ex = doc.extraction
            cited_paragraphs = {c.claim.paragraph for c in ex.citations if c.claim}
            cited_paragraphs |= {c.claim.paragraph for c in ex.markers_without_text if c.claim}
            cited_sentences = {c.claim.text for c in ex.citations if c.claim}
            for claim in ex.claims:
                if claim.paragraph in cited_paragraphs or claim.text in cited_sentences:
                    continue
                why = check_worthy(claim.text)
                if why:
                    found.append((doc, claim, why))
        if not found:
            return
        fc = fit_context(ctx) if ctx.library.by_key else None
        rows = fc.score([ClaimText(c.text, c.paragraph) for _, c, _ in found]) if fc else None
        for n, (doc, claim, why) in enumerate(found):
            suggestion, evidence, entry, summary = None, [why], None, None
            if fc is not None and fc.claim_terms(claim.text) >= MIN_CLAIM_TERMS:
                lang = claim_language(claim.text)
                row = rows[n]
                order = sorted((k for k in range(len(fc.entries)) if fc.judgeable(k, lang)), key=lambda k: -row[k])
                if order:
                    best = order[0]
                    runner = row[order[1]] if len(order) > 1 else -1.0
                    if row[best] >= suggest_fit and row[best] - runner >= suggest_margin:
                        e = fc.entries[best]
                        entry, summary = e.key, _summary(e)
                        suggestion = f"cite {e.key} — {summary}"
                        shared = fc.explain(ClaimText(claim.text, claim.paragraph), e.key)
                        evidence += [f"fit of {e.key}: {row[best]:.2f} ({fc.name} scorer), next {runner:.2f}",
                                     f"shared with {e.key}: {', '.join(shared) if shared else 'no term'}"]
            yield self.finding(
                doc.path, claim.location.line, claim.location.column,
                f"{why} with no citation in its sentence or paragraph",
                suggestion=suggestion or "cite the source", context=claim.text, page=claim.location.page,
                entry=entry, entry_summary=summary, evidence=tuple(evidence),
            )


def _summary(e) -> str:
    """The entry summary, or its note / URL when it has no author and title (a web page)."""
    if e.title or e.authors or e.editors:
        return entry_summary(e)
    return e.note or e.url or e.key
