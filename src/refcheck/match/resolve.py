"""Resolve every citation of a document, and every item of its reference list, to library entries."""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.match.matcher import Cited, Matcher
from refcheck.model import Citation, CitationKind, Extraction, ListItem, Match, Reference


@dataclass(frozen=True)
class Resolution:
    """One citation — or one reference of a footnote that holds several — and the entry it resolves to."""

    citation: Citation
    reference: Reference | None  # None for a LaTeX key or an author-year mention
    match: Match | None

    @property
    def key(self) -> str | None:
        return self.match.key if self.match else None


@dataclass
class DocumentAudit:
    path: str
    extraction: Extraction
    resolutions: list[Resolution] = field(default_factory=list)
    list_matches: list[tuple[ListItem, Match | None]] = field(default_factory=list)


def resolve_document(extraction: Extraction, matcher: Matcher) -> DocumentAudit:
    audit = DocumentAudit(extraction.path, extraction)
    for c in extraction.citations:
        if c.kind is CitationKind.LATEX:
            audit.resolutions.append(Resolution(c, None, matcher.by_key(c.key)))
        elif c.kind in (CitationKind.FOOTNOTE, CitationKind.NUMERIC):
            for ref in c.references:
                cited = Cited.from_reference(ref)
                if cited.says_something:  # a note of commentary names no work
                    audit.resolutions.append(Resolution(c, ref, matcher.resolve(cited)))
        elif c.kind is CitationKind.AUTHOR_YEAR and c.mention:
            audit.resolutions.append(Resolution(c, None, matcher.resolve(Cited.from_mention(c.mention))))
    for item in extraction.reference_list:
        cited = Cited.from_reference(item.reference)
        if extraction.reference_list and item.label and _is_key_list(extraction):
            audit.list_matches.append((item, matcher.by_key(item.label)))
        else:
            audit.list_matches.append((item, matcher.resolve(cited) if cited.says_something else None))
    return audit


def _is_key_list(extraction: Extraction) -> bool:
    """A LaTeX thebibliography list is labelled by keys, not numbers."""
    return any(c.kind is CitationKind.LATEX for c in extraction.citations)
