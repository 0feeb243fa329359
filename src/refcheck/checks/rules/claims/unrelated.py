"""RC105 unrelated-citation."""

from __future__ import annotations

import math
from dataclasses import replace

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.checks.rules.claims.assess import assess
from refcheck.checks.rules.claims.fitting import fit_context
from refcheck.checks.rules.claims.held import held_sources
from refcheck.checks.rules.claims.passages import best_passage
from refcheck.checks.rules.claims.runnotes import note_abstained, note_check, note_warning
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.fit.calibrated import ENTRY_KINDS, entry_kind, load_decision
from refcheck.model import Severity


class UnrelatedCitation(Rule):
    """The cited work does not fit the claim; suggests a better entry when one fits.

    Why
        A footnote that points at the wrong work — a slip in a reference
        manager, a citation moved with the wrong sentence — survives every
        formal check: the entry exists, the author and year are right. Only
        the claim tells. refcheck scores how well every library entry fits the
        citing sentence (its paragraph as weaker context): sentence embeddings
        (all-MiniLM-L6-v2, when installed) and BM25 over the library's titles,
        keywords, abstracts, notes and venues (``bm25s``, IDF from the library
        itself). For the cited entry it takes its fit, the gap to the best
        other entry, its rank among the library's entries and its z-score in
        each reading, and a logistic regression fitted by ``make train``
        (``tools/train_claims.py``, report in ``docs/training/claims.md``)
        turns them into a calibrated probability that the citation does not
        belong. The weights are learned from Check-COVID claims and from real
        theses and papers, whose citations as written are the right ones and
        whose misfits are made by pointing each claim at another entry of its
        own library. A citation is reported when that probability reaches the
        threshold chosen out of fold (whole repositories held out) for a
        precision of 0.92 on Check-COVID and on real writing as written, where
        a wrong citation is rare: in a thesis whose library is all on one
        topic, what the rule reports is a cited work that fits the claim worse
        than nearly every other entry. It is a warning above the threshold for
        a precision of 0.97, information below it. The evidence gives the
        probability, the fit and rank, and the shared terms.

        refcheck abstains — and counts it in the JSON report's ``abstained``
        field — when a fit score cannot decide: the claim or the entry is not
        English (``lingua``), the entry is a short title and nothing else, the
        sentence is too short, the work is cited for a method, a program, a
        data set or a formula ("we use the code of [12]", "frameworks such as
        DPDK [4]", "can be expressed as [5]:"), the citation points onward
        ("see [3] for a review", ``\\citep[e.g.][]{key}``), or the sentence
        carries citations at three places or more, or three works together at
        one place. The report's ``checks`` field names the scorer that ran
        (``semantic:all-MiniLM-L6-v2`` or ``lexical``); without the embedding
        model the rule runs on words alone with its own fitted weights and says
        so on standard error. A better entry is suggested only when the same
        entry wins clearly (by 0.06) in the sentence alone and in the paragraph,
        and is not cited nearby.

        When the cited work's source is held — a document of the corpus store
        linked to the entry (``refcheck corpus add``, ``refcheck corpus link``)
        or the entry's ``file`` — the finding shows the passage of it that fits
        the claim best (BM25 over the source's passages, reranked by the
        embeddings when installed), with its line: what the source itself says
        nearest the claim, to support or contradict it. It is shown, not
        weighed: the decision is the library's fit alone.

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
        ``unrelated.threshold`` (a probability; 0 means the fitted one) in the
        configuration.
    """

    code = "RC105"
    name = "unrelated-citation"
    severity = Severity.WARNING
    # the configuration's [thresholds] are validated against these; `fit.scorer`: auto | lexical | semantic | combined
    options = {"unrelated.threshold": 0.0, "unrelated.warn-threshold": 0.0, "fit.scorer": "auto"}  # 0: the fitted one

    def check(self, ctx):
        items = assess(ctx)
        if not items:
            return
        fc = fit_context(ctx)
        scorer = "lexical" if fc.lexical_only else "semantic"
        decisions = {kind: load_decision(f"{scorer}:{kind}") for kind in ENTRY_KINDS}
        label = fc.scorer_label if any(decisions.values()) else "off"
        note_check(ctx, self.name, label)
        if not any(decisions.values()):
            note_warning(ctx, f"{self.name}: no fitted decision for the {scorer} scorer in fit/params/claims.json; "
                              "the rule was skipped (make train writes it)")
            return
        if scorer == "lexical":
            note_warning(ctx, f"{self.name}: the embedding model is not installed (pip install 'refcheck[semantic]'); "
                              "citations were judged by words alone, which finds fewer unrelated citations")
        for item in items:
            decision = decisions[entry_kind(item.features)]
            if item.abstain or decision is None:
                note_abstained(ctx, self.name, item.abstain or "uncalibrated")
                continue
            threshold = float(ctx.options.get("unrelated.threshold") or decision.threshold)
            warn_at = max(threshold, float(ctx.options.get("unrelated.warn-threshold") or decision.warn_threshold))
            p = decision.probability(item.features)
            if p >= threshold:
                yield self._finding(ctx, fc, item, p, Severity.WARNING if p >= warn_at else Severity.INFO, label)

    def _finding(self, ctx, fc, item, p, severity, label):
        r = item.resolution
        c = r.citation
        key = fc.entries[item.cited].key
        shared = fc.explain(item.claim, key)
        evidence = [
            f"probability that {key} does not fit the claim: {p:.2f} ({label}, fitted decision)",
            f"fit of {key}: {item.fit:.2f}, rank {round(math.expm1(item.features.get('semantic_rank', item.features['lexical_rank']))) + 1} "
            f"in the library",
            f"shared with {key}: {', '.join(shared) if shared else 'no term'}",
        ]
        suggestion = None
        if item.better is not None:
            bkey = fc.entries[item.better].key
            bshared = fc.explain(item.claim, bkey)
            evidence += [f"fit of {bkey}: {item.better_fit:.2f}",
                         f"shared with {bkey}: {', '.join(bshared) if bshared else 'no term'}"]
            suggestion = f"{bkey} — {entry_summary(fc.entries[item.better])}"
            message = (f"{describe(c)} cites '{key}' (fit {item.fit:.2f}), but '{bkey}' fits the claim clearly "
                       f"better ({item.better_fit:.2f})")
        else:
            message = f"{describe(c)} cites '{key}', which does not fit the claim (fit {item.fit:.2f}, p {p:.2f})"
        passage = self._passage(ctx, fc, item, key)
        if passage is not None:
            evidence.append(f"nearest passage of {passage.source}: line {passage.line} (fit {passage.fit:.2f}; "
                            f"shares {', '.join(passage.shared) if passage.shared else 'no term'})")
        f = self.finding(item.doc.path, c.location.line, c.location.column, message, suggestion=suggestion,
                         evidence=tuple(evidence), passage=passage, **fields_for(r, ctx))
        return replace(f, severity=severity)

    @staticmethod
    def _passage(ctx, fc, item, key):
        """What the cited work's held source says nearest the claim, when a source is held (`corpus link`, `file`)."""
        held = fc.__dict__.setdefault("_held_sources", {})
        if key not in held:
            entry = ctx.entry(key)
            held[key] = held_sources(entry, ctx.options) if entry is not None else []
        return best_passage(fc, item.claim.sentence, held[key]) if held[key] else None
