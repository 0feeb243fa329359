"""RC201 footnote-missing."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import Severity


class FootnoteMissing(Rule):
    """A footnote marker with no footnote text.

    Why
        A reader who follows the marker finds nothing: the source of the claim
        is lost, usually when a note was deleted or a page-bottom block was cut.

    Failing example
        ``Research in the archives established the army's involvement.[^16]``
        with no ``[^16]:`` line anywhere in the document.

    Passing example
        The same marker with ``[^16]: Yoshimi, Y. (2000). Comfort Women. Columbia University Press.``

    How to silence
        Add the note text, or remove the marker. To keep it:
        ``<!-- refcheck: ignore[RC201] -->`` before the paragraph, or
        ``--ignore footnote-missing``.
    """

    code = "RC201"
    name = "footnote-missing"
    severity = Severity.ERROR

    def check(self, ctx):
        for doc in ctx.documents:
            for c in doc.extraction.markers_without_text:
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"footnote marker {c.label} has no footnote text",
                    citation=c.label, page=c.location.page,
                    context=c.claim.text if c.claim else None,
                    suggestion=f"add the text of footnote {c.label}, or remove the marker",
                )
