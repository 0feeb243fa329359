"""RC401 unused-entry."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import Severity


class UnusedEntry(Rule):
    """A library entry that no audited document cites.

    Why
        An uncited entry inflates a generated bibliography and often marks a
        citation that was meant but never made (or was made to a duplicate).

    Failing example
        ``@book{moon1997sex, ...}`` in the library, and no footnote, ``\\cite``
        or author-year citation resolving to it.

    Passing example
        A document citing it, or the entry removed with
        ``refcheck bib clean --cited-by paper.md``. An entry a cited entry takes
        fields from (its ``crossref``, ``xref`` or ``xdata``) is part of that
        citation, and after ``\\nocite{*}`` every entry is cited. In an
        author-page (MLA) document a work of its Works Cited list whose author
        the text names is cited by that name ("Okafor returned to the
        material …"); elsewhere a list item no citation points at is unused.
        A copy of a work cited through its fields (not its key) is cited with
        it, and reported as ``duplicate-entry`` only.

    How to silence
        ``\\nocite{moon1997sex}`` in LaTeX, or ``--ignore unused-entry`` when the
        library is shared by several papers.
    """

    code = "RC401"
    name = "unused-entry"
    severity = Severity.INFO
    scope = "library"

    def check(self, ctx):
        if not ctx.documents:
            return
        cited = ctx.referred_keys()
        if "*" in cited:  # \nocite{*}: the whole library is in the bibliography
            return
        cited |= _parents(cited, ctx.library)
        # a work a document's own reference list names: `bib clean --cited-by` keeps it, so say where it is listed
        listed = {m.key: d.path for d in ctx.documents for _item, m in d.list_matches if m is not None}
        for e in ctx.library.entries:
            if e.key not in cited:
                where = listed.get(e.key)
                yield self.finding(
                    e.path, e.line, 1,
                    f"entry '{e.key}' is not cited by any audited document"
                    + (f" (the reference list of {where} names it)" if where else ""),
                    entry=e.key, entry_summary=entry_summary(e),
                    suggestion=f"cite it in {where}, or take it out of that document's reference list" if where
                    else "cite it, or drop it with `refcheck bib clean --cited-by DOC`",
                )


def _parents(cited: set[str], library) -> set[str]:
    """Keys that cited entries reach through crossref / xref / xdata, transitively."""
    reached: set[str] = set()
    pending = [library.get(k) for k in cited]
    while pending:
        e = pending.pop()
        if e is None:
            continue
        for name in ("crossref", "xref", "xdata"):
            for key in (k.strip() for k in e.fields.get(name, "").split(",")):
                if key and key not in reached and key not in cited:
                    reached.add(key)
                    pending.append(library.get(key))
    return reached


def entry_summary(e) -> str:
    """'Moisio & Paasi (2013) From geopolitical to geoeconomic?'"""
    people = e.authors or e.editors
    names = [a.literal or a.family or "" for a in people[:2]]
    who = " & ".join(n for n in names if n) + (" et al." if len(people) > 2 or getattr(e, "et_al", False) else "")
    title = e.title or ""
    if len(title) > 90:
        title = title[:87] + "…"
    return f"{who or '?'} ({e.year or 'n.d.'}) {title}".strip()
