"""Citation finders, one module per syntax family; each yields `RawCitation`s in document offsets."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.model import CitationKind, NameMention, Reference


@dataclass
class RawCitation:
    kind: CitationKind
    label: str  # the contract's `citation` string
    start: int  # document offsets of the citation as written
    end: int
    key: str | None = None
    number: str | None = None
    locator: str | None = None
    narrative: bool = False
    mention: NameMention | None = None
    url: str | None = None
    tentative: bool = False  # kept only if the library confirms it (an author–page citation without a year)
    references: tuple[Reference, ...] = ()  # what the document's own data says of the work (a Zotero field's CSL item)
