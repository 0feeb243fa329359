"""RC106 anachronistic-citation."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.checks.rules.claims.fitting import cited_clause, written_label
from refcheck.checks.rules.claims.years import reported_years
from refcheck.model import Severity

MIN_YEARS_LATER = 1  # anachronistic.min-years: how much later than the work the reported year must be


class AnachronisticCitation(Rule):
    """The claim reports a year later than the cited work's publication.

    Why
        A work cannot report what happened after it was published: "In March
        2023 the flight of uninsured deposits brought down a bank (Diamond &
        Dybvig, 1983)" cites a model for an event it could not have seen. The
        claim needs a source from the time of the event (the model may still
        be cited for the mechanism).

        refcheck reads the years the citing sentence reports — a year ("in
        2023", "By 2023", "December 2023") or the last year of a range ("from
        2012 to 2021", "2011–2020", "between 1990 and 2005") — and compares
        them with the entry's year. It ignores years that are reference points
        ("the highest since 2015"), years in names and titles ("the 1965
        Treaty", "Fisheries Yearbook 2017", "the Hubble 2019 survey",
        quoted or emphasised titles), the citation's own year, decades ("the
        2010s"), and every year of a forward-looking sentence (projected,
        expected, will, scheduled, targets ...). A reported year must be at
        least ``anachronistic.min-years`` (default 1) after the work's.

    Failing example
        ``By 2023, more than 13 billion doses of COVID-19 vaccines had been administered worldwide.<sup>19</sup>``
        with footnote 19 citing Polack et al. (2020).

    Passing example
        ``During the London cholera outbreak of 1854, Snow tabulated deaths by water supply.<sup>1</sup>``
        citing Snow's 1855 book; ``... projected a further warming of 2.6 to
        4.8 °C for 2081–2100`` citing IPCC (2013): a projection.

    How to silence
        Cite a source for the later year (and keep the older work for what it
        does support); ``--ignore anachronistic-citation``.
    """

    code = "RC106"
    name = "anachronistic-citation"
    severity = Severity.WARNING
    options = {"anachronistic.min-years": MIN_YEARS_LATER}

    def check(self, ctx):
        later = int(ctx.options.get("anachronistic.min-years", MIN_YEARS_LATER))
        for doc in ctx.documents:
            seen: set[tuple[str, str]] = set()
            for r in doc.resolutions:
                entry = ctx.entry(r.key)
                c = r.citation
                if entry is None or not entry.year or c.claim is None or (c.label, entry.key) in seen:
                    continue
                published = int(entry.year)
                years = [y for y in reported_years(cited_clause(c), written_label(c)) if y.year - published >= later]
                if not years:
                    continue
                seen.add((c.label, entry.key))
                latest = max(years, key=lambda y: y.year)
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"{describe(c)} cites '{entry.key}', published in {entry.year}, for a claim that reports '{latest.text}'",
                    suggestion=f"cite a source from {latest.year} or later for this claim",
                    evidence=(f"the claim reports: {', '.join(y.text for y in years)}", f"{entry.key}: {entry.year}"),
                    **fields_for(r, ctx),
                )
