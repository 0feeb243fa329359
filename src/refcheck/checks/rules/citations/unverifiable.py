"""RC109 unverifiable-citation."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import CitationKind, Severity


class UnverifiableCitation(Rule):
    """A citation that names no locatable source (`[source]`, `[read more]` with no link).

    Why
        "[ source ]" tells the reader that a source exists but not which one;
        once the page is copied or printed, nobody can check the quotation.

    Failing example
        ``... the language thing was no problem. [ source ]``

    Passing example
        ``... no problem. ([Kang 2011, interview in The Korea Herald](https://...))``, or a footnote with the reference.

    How to silence
        Name the source; ``--ignore unverifiable-citation`` for web posts where links were stripped.
    """

    code = "RC109"
    name = "unverifiable-citation"
    severity = Severity.INFO

    def check(self, ctx):
        for doc in ctx.documents:
            for c in doc.extraction.citations:
                if c.kind is CitationKind.WEB and not c.url:
                    yield self.finding(
                        doc.path, c.location.line, c.location.column,
                        f"'[{c.label}]' names no source a reader could find",
                        citation=c.label, page=c.location.page,
                        context=c.claim.text if c.claim else None,
                        suggestion="give the author, title and date of the source, or its URL",
                    )
