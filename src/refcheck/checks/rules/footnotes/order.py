"""RC203 footnote-order."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import CitationKind, Severity


class FootnoteOrder(Rule):
    """Footnote numbers out of sequence or skipped.

    Why
        Numbered notes are read in order; a jump (5, 7) or a step back (8, 6)
        usually means a note was deleted or moved and the rest were not renumbered.

    Failing example
        Markers ``¹ ² ⁴`` in the text: 3 is skipped.

    Passing example
        Markers ``¹ ² ³ ⁴``, each first used in increasing order (a note may be cited again later).

    How to silence
        Renumber the notes; ``--ignore footnote-order``.
    """

    code = "RC203"
    name = "footnote-order"
    severity = Severity.WARNING

    def check(self, ctx):
        for doc in ctx.documents:
            first_uses = []
            seen: set[str] = set()
            for c in doc.extraction.citations:
                if c.kind is CitationKind.FOOTNOTE and c.number and c.number.isdigit() and c.number not in seen:
                    seen.add(c.number)
                    first_uses.append(c)
            expected = 1
            for c in first_uses:
                n = int(c.number)
                if n != expected:
                    what = f"skips {expected}" if n > expected else f"comes after {expected - 1}"
                    yield self.finding(
                        doc.path, c.location.line, c.location.column,
                        f"footnote {n} {what}: notes should be numbered 1, 2, 3, … in order of first use",
                        citation=c.label, page=c.location.page, context=c.claim.text if c.claim else None,
                        suggestion="renumber the footnotes in order of first use",
                    )
                expected = max(expected, n + 1) if n >= expected else expected
