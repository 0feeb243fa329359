"""RC110 unverified-reference."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.verify import named, verified, where
from refcheck.model import Severity
from refcheck.verify.verdict import UNVERIFIED


class UnverifiedReference(Rule):
    """No metadata source knows a work with these authors, title and year.

    Why
        A reference that no registry (Crossref, OpenAlex, DBLP) and no local
        snapshot knows may be fabricated: plausible authors, a plausible title
        and a real venue put together for a work that was never published.
        Such references appear in AI-assisted drafts. The finding lists the
        sources searched and the nearest records they hold, so a reference
        that is merely garbled can be corrected from them.

    Failing example
        ``Moisio, S. & Ruiz, T. (2013). Cultural Diplomacy after Confucius. Geopolitics, 18(2).``
        — real authors, a real venue, a title nobody published.

    Passing example
        ``Moisio, S. & Passi, A. (2013). From geopolitical to geoeconomic? The changing political
        rationalities of state space. Geopolitics, 18(2), 267-283.`` — found, although one name
        is misspelled (see metadata-mismatch).

    How to silence
        Add the work to the local snapshot (``refcheck verify snapshot build``) when it is real but
        unregistered (a report, a thesis, a book chapter); ``--ignore unverified-reference``; or a
        suppression comment at the citation. References that could not be checked (a source was
        unreachable or offline) are not flagged: they are listed as not checked.
    """

    code = "RC110"
    name = "unverified-reference"
    severity = Severity.WARNING

    def check(self, ctx):
        for item in verified(ctx):
            v, s = item.verdict, item.subject
            if v.status != UNVERIFIED:
                continue
            near = "; ".join(r.short() for r in v.nearest) or "nothing near"
            yield self.finding(
                s.path, s.line, s.column,
                f"{named(s)}: no metadata source knows this work ({', '.join(v.searched)} searched): {s.text}",
                evidence=(f"searched {', '.join(v.searched)}", f"nearest: {near}"),
                suggestion=v.nearest[0].short() if v.nearest else None,
                **where(s),
            )
