"""RC101 unresolved-citation."""

from __future__ import annotations

from rapidfuzz import process

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.model import CitationKind, Severity
from refcheck.resolve import Status


class UnresolvedCitation(Rule):
    """A citation that matches no library entry, or fits two entries alike.

    Why
        The bibliography cannot list a work the library lacks: the citation
        prints as "?" in LaTeX, or the reader is sent to a source nobody can check.
        The resolver (`docs/resolver.md`) matches a citation only when its fitted
        probability is high and no other entry fits about as well; otherwise the
        finding names the nearest entry and what differs ("year 2016 for 2010,
        title differs"), so a wrong year on another work is never "fixed" into the
        wrong entry. A citation that two entries fit alike (same authors, same year,
        no title) is a warning naming both, not a guess. The nearest entry of an
        unresolved citation is not also reported as unused: one error, one finding.

    Failing example
        ``[^13]: Oberdorfer, D. (1997). The Two Koreas. Addison-Wesley.`` with no
        such entry in the library; ``\\cite{schwarzschild1916}`` with no such key.

    Passing example
        An entry for the work in the library (``refcheck bib import paper.md`` drafts one from the note).

    How to silence
        ``<!-- refcheck: ignore[RC101] -->`` before the citation; ``--ignore unresolved-citation``.
    """

    code = "RC101"
    name = "unresolved-citation"
    severity = Severity.ERROR

    def check(self, ctx):
        keys = list(ctx.library.by_key)
        for doc in ctx.documents:
            for r in doc.resolutions:
                if r.match is not None or r.inherited_from:  # an Ibid. of an unresolved note: one error, one finding
                    continue
                c = r.citation
                fields = fields_for(r, ctx)
                if c.kind is CitationKind.LATEX:
                    near = process.extractOne(c.key, keys, score_cutoff=85) if keys else None
                    message = f"\\cite{{{c.key}}}: no entry with this key in the library"
                    suggestion = f"did you mean '{near[0]}'?" if near else "add an entry with this key to the library"
                elif r.status is Status.AMBIGUOUS:
                    best, runner = r.outcome.best, r.outcome.runner_up
                    message = f"{describe(c)} fits '{best.key}' and '{runner.key}' alike; refcheck cannot tell which is meant"
                    suggestion = "add a title or a year suffix (2019a) so the citation names one work"
                    yield self.finding(
                        doc.path, c.location.line, c.location.column, message, suggestion=suggestion,
                        severity=Severity.WARNING, evidence=r.outcome.evidence, **fields,
                    )  # fmt: skip
                    continue
                else:
                    what = _what(r)
                    message = f"{describe(c)} cites {what}, which is not in the library"
                    suggestion = "add the work to the library (`refcheck bib import` drafts an entry from the note)"
                    nearest = r.outcome.best
                    if nearest is not None:
                        entry = ctx.entry(nearest.key)
                        differs = _differences(r.outcome.alignment)
                        message += f"; the nearest entry is '{nearest.key}'" + (f" ({differs})" if differs else "")
                        suggestion = f"if '{nearest.key}' is meant, correct the citation; otherwise add the work to the library"
                        fields["entry_summary"] = entry_summary(entry) if entry else None
                        fields["evidence"] = r.outcome.evidence
                yield self.finding(doc.path, c.location.line, c.location.column, message, suggestion=suggestion, **fields)


def _differences(alignment) -> str:
    """What keeps the nearest entry from being the cited work: 'year 2016 for 2010, title differs'."""
    if alignment is None:
        return ""
    out = []
    for f in (alignment.year, alignment.title):
        if f.verdict in ("close", "different"):
            out.append(f"year {f.cited} for {f.entry}" if f.field == "year" else f"{f.field} differs")
    if any(n.verdict.is_different for n in alignment.names):
        out.append("authors differ")
    return ", ".join(out)


def _what(r) -> str:
    ref = r.reference
    if ref is not None:
        people = ref.authors or ref.editors
        who = (people[0].literal or people[0].family or "") if people else ""
        bits = [who + (" et al." if len(people) > 1 or ref.et_al else ""), f"({ref.year})" if ref.year else "", ref.title or ref.url or ""]
        text = " ".join(b for b in bits if b).strip()
        return f"'{text[:120]}'" if text else "a work"
    return f"'{r.citation.label}'"
