"""RC108 reference-list-mismatch."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for, person_text
from refcheck.match.authors import compare_authors
from refcheck.resolve.features import title_similarity
from refcheck.model import CitationKind, Reference, Severity
from refcheck.textnorm import venues_agree


class ReferenceListMismatch(Rule):
    """A footnote disagrees with the document's own reference list.

    Why
        Readers trust the reference list; when a note gives another spelling,
        year or journal for the same work, one of them is wrong and the
        reader cannot tell which.

    Failing example
        Footnote ``Sami Moisiu, Anssi Passi. ... Geopolitics, 2013`` and the list item
        ``Sami Moisio, Anssi Passi. ... Geopolitics, 2013``.

    Passing example
        Footnote and list item with the same authors, year and venue (short titles
        and "ILO" for "International Labour Organization" are fine).

    How to silence
        Make them agree (the library says which is right); ``--ignore reference-list-mismatch``.
    """

    code = "RC108"
    name = "reference-list-mismatch"
    severity = Severity.WARNING

    def check(self, ctx):
        for doc in ctx.documents:
            items = [(item, m) for item, m in doc.list_matches if item.reference.authors or item.reference.title]
            if not items:
                continue
            # a list most of whose items are entries of the library is the paper's bibliography: a work cited
            # in a note and matched, but absent from it, was left out
            complete = len(items) >= 3 and sum(m is not None for _, m in items) * 2 >= len(items)
            for r in doc.resolutions:
                c = r.citation
                if c.kind is not CitationKind.FOOTNOTE or r.reference is None:
                    continue
                item = _pair(r, items)
                if item is None:
                    if complete and r.key and _listable(ctx.entry(r.key), r.reference):
                        yield self.finding(
                            doc.path, c.location.line, c.location.column,
                            f"{describe(c)} cites '{r.key}', which the reference list leaves out",
                            suggestion="add the work to the reference list",
                            evidence=r.outcome.evidence,
                            **fields_for(r, ctx),
                        )
                    continue
                differences = _differences(r.reference, item.reference)
                if not differences:
                    continue
                yield self.finding(
                    doc.path, c.location.line, c.location.column,
                    f"{describe(c)} and the reference list (line {item.location.line}) disagree: " + "; ".join(differences),
                    suggestion=_suggest(r, ctx),
                    evidence=(f"footnote: {r.reference.raw[:160]}", f"list: {item.reference.raw[:160]}"),
                    **fields_for(r, ctx),
                )


def _listable(entry, reference) -> bool:
    """A work a bibliography lists: named authors and a title (a bare web address in a note is not)."""
    return bool(entry and entry.title and (entry.authors or entry.editors) and (reference.authors or reference.title))


def _pair(r, items):
    """The list item for the same work: resolved to the same entry, or same first author with the title or year."""
    if r.key:
        for item, m in items:
            if m is not None and m.key == r.key:
                return item
    ref = r.reference
    for item, _ in items:
        other = item.reference
        if not ref.authors or not other.authors:
            continue
        verdict = compare_authors(list(ref.authors[:1]), True, other.authors[:1])
        if verdict.first_differs:
            continue
        if ref.title and other.title and title_similarity(ref.title, other.title) >= 0.8:
            return item
        if not ref.title and ref.year and ref.year == other.year:
            return item
    return None


def _differences(note: Reference, item: Reference) -> list[str]:
    out = []
    if note.authors and item.authors:
        verdict = compare_authors(list(note.authors), note.et_al or len(note.authors) < len(item.authors), item.authors)
        for written, listed in verdict.typos:
            out.append(f"the note spells '{written}', the list '{listed}'")
    if note.year and item.year and note.year != item.year:
        out.append(f"the note gives {note.year}, the list {item.year}")
    if note.container and item.container and not venues_agree(note.container, item.container):
        out.append(f"the note names '{note.container}', the list '{item.container}'")
    return out


def _suggest(r, ctx) -> str | None:
    entry = ctx.entry(r.key)
    if entry is None:
        return "make the footnote and the reference list agree"
    people = ", ".join(person_text(a) for a in (entry.authors or entry.editors)[:3])
    return f"use the library's form in both: {people} ({entry.year}), {entry.container or entry.title}"
