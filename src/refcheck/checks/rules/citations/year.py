"""RC103 year-mismatch."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import cited_year, describe, fields_for
from refcheck.model import Severity


class YearMismatch(Rule):
    """The citation's year differs from the entry's.

    Why
        A wrong year sends readers to the wrong edition or makes them doubt the
        citation; in author-year styles it is how the work is found.

    Failing example
        ``(Lindqvist & Okafor, 1918)`` for the entry ``year = {1981}``;
        ``Goodfellow et al. (2015)~\\cite{goodfellow2014generative}`` for a 2014 entry.

    Passing example
        ``(Stiglitz & Weiss, 1981)``. A translation or preprint with its own year
        is best given both: ``Piketty (2013/2014)`` or an ``origdate`` field.

    How to silence
        Correct the year (the suggestion gives the library's);
        ``<!-- refcheck: ignore[RC103] -->`` for an intended original date.
    """

    code = "RC103"
    name = "year-mismatch"
    severity = Severity.ERROR

    def check(self, ctx):
        for doc in ctx.documents:
            for r in doc.resolutions:
                if r.inherited_from:  # an Ibid. or short note repeats its parent's finding: one error, one finding
                    continue
                entry = ctx.entry(r.key)
                year = cited_year(r)
                if entry is None or not year or not entry.year or year == entry.year:
                    continue
                c = r.citation
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"{describe(c)} gives the year {year}; the library has {entry.year} for '{entry.key}'",
                    suggestion=entry.year,
                    **fields_for(r, ctx),
                )
