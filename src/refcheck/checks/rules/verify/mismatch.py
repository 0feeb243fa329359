"""RC111 metadata-mismatch."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.verify import named, verified, where
from refcheck.model import Severity


class MetadataMismatch(Rule):
    """A metadata source has the work with a different year, venue, pages, author spelling or DOI.

    Why
        The work exists, but the reference describes it wrongly: a year off by
        one, a volume or page range from another article, a misspelled author, a
        DOI that names another work. A reader who follows the reference lands in
        the wrong place. The suggestion is the registry's value, one finding per
        field; ``refcheck bib fix --apply-verified`` writes it into a library
        entry as a minimal diff.

    Failing example
        ``Moisio, S. & Passi, A. (2013). From geopolitical to geoeconomic? ... Geopolitics, 18(2), 267-283.``
        — Crossref spells the second author 'Paasi'.

    Passing example
        The same reference with 'Paasi', or with the print year where the
        registry also has an online-first year one earlier.

    How to silence
        Correct the field; ``--ignore metadata-mismatch``; or a suppression comment at the citation.
    """

    code = "RC111"
    name = "metadata-mismatch"
    severity = Severity.WARNING

    def check(self, ctx):
        for item in verified(ctx):
            v, s = item.verdict, item.subject
            for m in v.mismatches:
                what = "spells an author" if m.field == "author" else f"gives the {m.field}"
                yield self.finding(
                    s.path, s.line, s.column,
                    f"{named(s)} {what} '{m.cited}'; {v.source} has '{m.registry}' for {v.record.short()}",
                    suggestion=m.registry,
                    evidence=(f"{v.source}: {v.record.short()}",),
                    **where(s),
                )
