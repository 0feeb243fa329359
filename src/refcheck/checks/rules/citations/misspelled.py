"""RC102 author-misspelled."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import cited_people, describe, fields_for
from refcheck.match.authors import compare_authors
from refcheck.model import Severity


class AuthorMisspelled(Rule):
    """A cited author's name differs from the entry's by a typo (suggests the entry's spelling).

    Why
        A misspelled name breaks search and indexing, and tells a reviewer the
        reference was typed from memory. Only one- or two-letter slips in a
        name that otherwise matches count: diacritics, initials, name order,
        particles and "et al." are never typos.

    Failing example
        ``Sami Moisiu, Anssi Passi. From geopolitical to geoeconomic. Geopolitics, 2013``
        against the entry ``author = {Moisio, Sami and Paasi, Anssi}``.

    Passing example
        ``Moisio, S., & Paasi, A. (2013)``; also ``Lee Jae-won`` against ``Lee, Jae-won``
        and ``Rockstrom`` against ``Rockstr{\\"o}m``.

    How to silence
        Correct the spelling (the suggestion gives the library's); if the library
        is wrong, fix the entry; ``<!-- refcheck: ignore[RC102] -->``.
    """

    code = "RC102"
    name = "author-misspelled"
    severity = Severity.ERROR

    def check(self, ctx):
        for doc in ctx.documents:
            for r in doc.resolutions:
                if r.inherited_from:  # an Ibid. or short note repeats its parent's finding: one error, one finding
                    continue
                entry = ctx.entry(r.key)
                if entry is None:
                    continue
                people, et_al = cited_people(r)
                entry_people = entry.authors or entry.editors
                if not people or not entry_people:
                    continue
                verdict = compare_authors(people, et_al, entry_people, entry.et_al)
                if not verdict.typos or verdict.first_differs:
                    continue
                written = " and ".join(f"'{w}'" for w, _ in verdict.typos)
                right = " and ".join(f"'{e}'" for _, e in verdict.typos)
                c = r.citation
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"{describe(c)} spells the author {written}; the library has {right}",
                    suggestion=", ".join(e for _, e in verdict.typos),
                    evidence=tuple(f"{w} → {e}" for w, e in verdict.typos),
                    **fields_for(r, ctx),
                )
