"""Resolve every citation of a document, and every item of its own reference list, to library entries.

Document-level consistency: an *Ibid.* or a short note takes its parent note's
resolution (extract links them), so it repeats none of its parent's findings;
numeric citations resolve through the document's numbered list; the list
items are resolved too, so a citation and its list item are compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from refcheck.model import Citation, CitationKind, Extraction, ListItem, Match, Reference
from refcheck.resolve.evidence import CitedWork
from refcheck.resolve.resolver import Resolution as Outcome
from refcheck.resolve.resolver import Resolver, Status


@dataclass(frozen=True)
class Resolution:
    """One citation — or one reference of a footnote that holds several — and what the resolver decided."""

    citation: Citation
    reference: Reference | None  # None for a key or an author–year mention
    outcome: Outcome
    inherited_from: str | None = None  # an Ibid. or short note: the label of the note it repeats; a list number cited again

    @property
    def match(self) -> Match | None:
        """The matched entry in the shared model's form (None unless the status is match)."""
        o = self.outcome
        if o.status is not Status.MATCH or o.best is None:
            return None
        return Match(o.best.key, o.best.probability, o.method, o.evidence)

    @property
    def key(self) -> str | None:
        return self.outcome.key

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def nearest(self) -> str | None:
        """The entry this citation most likely refers to, even unmatched (it is not unused)."""
        return self.outcome.nearest


@dataclass
class DocumentAudit:
    path: str
    extraction: Extraction
    resolutions: list[Resolution] = field(default_factory=list)
    list_matches: list[tuple[ListItem, Match | None]] = field(default_factory=list)
    list_outcomes: list[tuple[ListItem, Outcome]] = field(default_factory=list)


# A tentative citation (an author–page form) is kept when its nearest entry is more likely than not the cited work.
CONFIRMS = 0.5
LISTED = "reference list"  # `inherited_from` of a note settled through the document's own list


def resolve_document(extraction: Extraction, resolver: Resolver) -> DocumentAudit:
    extraction = _confirmed(extraction, resolver)
    audit = DocumentAudit(extraction.path, extraction)
    notes = {n.label: n for n in extraction.footnotes}
    by_note: dict[str, list[Outcome]] = {}  # a note's outcomes, for the Ibid. and short notes after it
    list_outcomes = _resolve_list(extraction, resolver)
    by_label = {item.label: outcome for item, outcome in list_outcomes if item.label}
    numbers_seen: set[str] = set()
    for c in extraction.citations:
        if c.kind is CitationKind.LATEX:
            audit.resolutions.append(Resolution(c, None, resolver.by_key(c.key or c.label)))
        elif c.kind in (CitationKind.FOOTNOTE, CitationKind.NUMERIC):
            note = notes.get(c.number or "") if c.kind is CitationKind.FOOTNOTE else None
            parent = note.ibid_of if note else None
            if parent and parent in by_note:
                for ref, outcome in zip(c.references, by_note[parent]):
                    audit.resolutions.append(Resolution(c, ref, outcome, inherited_from=parent))
                continue
            if c.kind is CitationKind.NUMERIC and c.number in by_label:
                # [1] cited three times is one list item: its errors are said once, at the first citation
                first = c.number if c.number in numbers_seen else None
                numbers_seen.add(c.number)
                for ref in c.references:
                    audit.resolutions.append(Resolution(c, ref, by_label[c.number], inherited_from=first))
                continue
            outcomes = []
            for ref in c.references:
                cited = CitedWork.from_reference(ref)
                if cited.says_something:  # a note of commentary names no work
                    outcome = resolver.resolve(cited)
                    listed = _listed_too(cited, outcome, list_outcomes)
                    outcomes.append(listed or outcome)
                    # decided through the list: the note's own fields are not compared (the list item's are)
                    audit.resolutions.append(Resolution(c, ref, listed or outcome, inherited_from=LISTED if listed else None))
            if note is not None and c.number not in by_note:
                by_note[c.number] = outcomes
        elif c.kind is CitationKind.AUTHOR_YEAR and c.mention:
            cited = CitedWork.from_mention(c.mention, c.label)
            listed = _listed(cited, list_outcomes) if not c.mention.year else None
            # an author–page citation (MLA) names its work through the Works Cited list
            audit.resolutions.append(Resolution(c, None, listed or resolver.resolve(cited)))
    audit.list_outcomes = list_outcomes
    audit.list_matches = [(item, _as_match(o)) for item, o in list_outcomes]
    return audit


def _confirmed(extraction: Extraction, resolver: Resolver) -> Extraction:
    """The extraction without the tentative citations that neither the library nor the document's list confirms."""
    tentative = [c for c in extraction.citations if c.tentative]
    if not tentative:
        return extraction
    listed = [CitedWork.from_reference(item.reference) for item in extraction.reference_list]
    keep = []
    for c in extraction.citations:
        if c.tentative and c.mention:
            cited = CitedWork.from_mention(c.mention, c.label)
            outcome = resolver.resolve(cited)
            if not (outcome.best and outcome.best.probability >= CONFIRMS) and not any(_names_agree(cited, w) for w in listed):
                continue
        keep.append(c)
    return replace(extraction, citations=tuple(keep))


def _listed(cited: CitedWork, list_outcomes: list[tuple[ListItem, Outcome]], same_year: bool = False) -> Outcome | None:
    """The outcome of the one list item whose authors the citation names (and its year, with `same_year`),
    when that item matched an entry; None if none or several."""
    found = [
        o for item, o in list_outcomes
        if (not same_year or item.reference.year == cited.year)
        and _names_agree(cited, CitedWork.from_reference(item.reference))
    ]
    return found[0] if len(found) == 1 and found[0].status is Status.MATCH else None


def _listed_too(cited: CitedWork, outcome: Outcome, list_outcomes: list[tuple[ListItem, Outcome]]) -> Outcome | None:
    """A note the library alone does not settle, settled by the document's own reference list.

    "Ferguson et al. (2020), Report 9 of the Imperial College …" gives a series
    for a title; when the list has one item by the same first author in the
    same year, that item matched an entry, and that entry is also the note's own
    nearest one, the note cites it.
    """
    if outcome.status is Status.MATCH or outcome.best is None or not cited.year:
        return None
    listed = _listed(cited, list_outcomes, same_year=True)
    return listed if listed is not None and listed.best.key == outcome.best.key else None


def _names_agree(cited: CitedWork, listed: CitedWork) -> bool:
    from refcheck.match.names import Kind, match_author_lists

    if not listed.authors:
        return False
    result = match_author_lists(list(cited.authors), cited.et_al, tuple(a for a in listed.authors if not isinstance(a, str)))
    return bool(result.names) and result.kind is not Kind.DIFFERENT and result.names[0].position == 0


def _resolve_list(extraction: Extraction, resolver: Resolver) -> list[tuple[ListItem, Outcome]]:
    out = []
    keyed = any(c.kind is CitationKind.LATEX for c in extraction.citations)  # a thebibliography list is labelled by keys
    for item in extraction.reference_list:
        if keyed and item.label:
            out.append((item, resolver.by_key(item.label)))
            continue
        cited = CitedWork.from_reference(item.reference)
        out.append((item, resolver.resolve(cited) if cited.says_something else Outcome(Status.NONE)))
    return out


def _as_match(o: Outcome) -> Match | None:
    if o.status is not Status.MATCH or o.best is None:
        return None
    return Match(o.best.key, o.best.probability, o.method, o.evidence)
