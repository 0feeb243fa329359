"""RC112 retracted-work."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.verify import named, verified, where
from refcheck.model import Severity


class RetractedWork(Rule):
    """A metadata source marks the cited work as retracted.

    Why
        A retracted work is no support for a claim: its findings were withdrawn
        for error or misconduct. Crossref (with the Retraction Watch data),
        OpenAlex and a snapshot built with a Retraction Watch CSV mark
        retractions; citing one unknowingly is a serious error.

    Failing example
        A reference to ``Wakefield et al. (1998). Ileal-lymphoid-nodular hyperplasia ... The Lancet``,
        which Crossref and OpenAlex mark as retracted.

    Passing example
        A reference to a work no source marks as retracted; or a sentence that
        cites the retracted work as retracted and is silenced on purpose.

    How to silence
        Cite the correction or the retraction notice instead; when the retraction is the
        point of the citation, a suppression comment at the citation, or ``--ignore retracted-work``.
    """

    code = "RC112"
    name = "retracted-work"
    severity = Severity.ERROR

    def check(self, ctx):
        for item in verified(ctx):
            v, s = item.verdict, item.subject
            if v.record is None or not v.record.retracted:
                continue
            yield self.finding(
                s.path, s.line, s.column,
                f"{named(s)} cites a retracted work ({v.source}): {v.record.short()}",
                evidence=(f"{v.source} marks it retracted",),
                **where(s),
            )
