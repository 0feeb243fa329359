"""RC202 footnote-unreferenced."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import CitationKind, Severity


class FootnoteUnreferenced(Rule):
    """Footnote text that no marker points to.

    Why
        A note nobody can reach supports nothing; it often means a marker was
        lost in editing, so a claim that needs the note now stands uncited.

    Failing example
        ``[^4]: Yoshimi Yoshiaki (2000). Comfort Women.`` with no ``[^4]`` in the text.

    Passing example
        ``... the army's direct involvement.[^4]`` somewhere in the body.

    How to silence
        Restore the marker or delete the note; ``--ignore RC202`` to skip the rule.
    """

    code = "RC202"
    name = "footnote-unreferenced"
    severity = Severity.WARNING

    def check(self, ctx):
        for doc in ctx.documents:
            marked = {c.number for c in doc.extraction.citations if c.kind is CitationKind.FOOTNOTE}
            for note in doc.extraction.footnotes:
                if note.label not in marked:
                    yield self.finding(
                        doc.path, note.location.line, note.location.column,
                        f"footnote {note.label} has text but no marker points to it",
                        citation=note.label, page=note.location.page, context=note.text,
                        suggestion=f"add the marker {note.label} where the claim it supports is made",
                    )
