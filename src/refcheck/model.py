"""The shared model: small frozen records that flow one way through the pipeline.

ingest -> extract -> library -> match -> checks -> report. Each stage reads the
records of the stages before it and adds its own; reporters see only `Finding`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an original file: 1-based line and column; page for PDF."""

    path: str
    line: int
    column: int
    page: int | None = None

    def __str__(self) -> str:
        page = f" (page {self.page})" if self.page is not None else ""
        return f"{self.path}:{self.line}:{self.column}{page}"


@dataclass(frozen=True, slots=True)
class Author:
    """A person (family / given / particle / suffix) or an institution (literal)."""

    family: str | None = None
    given: str | None = None
    particle: str | None = None
    suffix: str | None = None
    literal: str | None = None

    def __reduce__(self):
        # rebuilt by the constructor: the default for a frozen dataclass with slots sets each field through
        # dataclasses' __setstate__, a third of the time it took to read a cached 30,000-entry library
        return (Author, (self.family, self.given, self.particle, self.suffix, self.literal))

    @property
    def is_institution(self) -> bool:
        return self.literal is not None

    @property
    def display(self) -> str:
        if self.literal:
            return self.literal
        particle = self.particle or ""
        # an elided particle joins its name: d'Alembert, not d' Alembert
        family = particle + (self.family or "") if particle.endswith(("'", "’")) else " ".join(p for p in (particle, self.family) if p)
        return ", ".join(p for p in (family, self.given) if p) or ""

    def to_json(self) -> dict[str, str]:
        if self.literal is not None:
            return {"literal": self.literal}
        out = {"family": self.family or "", "given": self.given}
        if self.particle:
            out["particle"] = self.particle
        if self.suffix:
            out["suffix"] = self.suffix
        return out


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference string parsed into fields (a footnote's text, a list item)."""

    raw: str
    authors: tuple[Author, ...] = ()
    editors: tuple[Author, ...] = ()
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    url: str | None = None
    doi: str | None = None
    et_al: bool = False
    year_suffix: str | None = None  # the "a" of "2020a": keeps same-author-same-year works apart

    def to_json(self) -> dict:
        return {
            "input": self.raw,
            "authors": [a.to_json() for a in self.authors],
            "year": self.year,
            "title": self.title,
            "container": self.container,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "publisher": self.publisher,
            "url": self.url,
            "doi": self.doi,
        }


class CitationKind(str, Enum):
    FOOTNOTE = "footnote"  # a footnote marker: <sup>6</sup>, ⁶, [^6], \footnote
    LATEX = "latex"  # \cite{key}
    NUMERIC = "numeric"  # [3], [3-5], resolved through the numbered reference list
    AUTHOR_YEAR = "author-year"  # (Smith & Jones, 2019), Smith et al. (2019)
    WEB = "web"  # [ source ], [read more]: names no locatable work


@dataclass(frozen=True, slots=True)
class Claim:
    """The sentence that carries a citation, and its paragraph as context."""

    text: str
    location: Location
    paragraph: str
    cited_at: int | None = None  # where in `text` the citation stands (a claim found for a citation)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text, keyed by its label ("6"); `references` are parsed from it."""

    label: str
    text: str
    location: Location
    references: tuple[Reference, ...] = ()
    ibid_of: str | None = None  # the label of the earlier note an "Ibid." resolves to


@dataclass(frozen=True, slots=True)
class NameMention:
    """An author name written in running text next to a citation ("Vaswnai et al.")."""

    names: tuple[str, ...]
    et_al: bool = False
    year: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation as written in the document.

    `label` is the contract's `citation` string: a footnote number, a LaTeX key,
    a bracket number, the author-year text without parentheses, or the web text.
    `references` is what the document says of the cited work (a footnote's parsed
    text, a reference-list item); `mention` the names and year written in the text.
    """

    kind: CitationKind
    label: str
    location: Location
    claim: Claim | None = None
    references: tuple[Reference, ...] = ()
    mention: NameMention | None = None
    key: str | None = None  # LaTeX key
    number: str | None = None  # footnote / bracket number
    locator: str | None = None  # "p. 4"
    narrative: bool = False  # Smith et al. (2019) as opposed to (Smith et al., 2019)
    url: str | None = None
    tentative: bool = False  # an author–page citation without a year: kept only if the library confirms it


@dataclass(frozen=True, slots=True)
class ListItem:
    """An item of the document's own reference list (References, Bibliography, ...)."""

    label: str | None  # "[3]", "3" or None for unnumbered lists
    reference: Reference
    location: Location


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage found in one document."""

    path: str
    body: str  # the body text, footnote blocks removed and sentences re-joined
    footnotes: tuple[Footnote, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()
    reference_list: tuple[ListItem, ...] = ()
    markers_without_text: tuple[Citation, ...] = ()
    problems: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Match:
    """A citation (or one reference of a footnote) resolved to a library entry."""

    key: str
    score: float
    method: str  # "key", "doi", "url", "fields"
    evidence: tuple[str, ...] = ()


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True, slots=True)
class SourcePassage:
    """The passage of a cited work's held source that bears most on the claim (the fit scorer's pick)."""

    source: str  # the source document, as the user can open it
    line: int | None  # where the passage starts in it (1-based)
    text: str  # the passage as the source writes it, on one line
    fit: float  # the scorer's fit of the passage to the claim (higher is closer)
    shared: tuple[str, ...] = ()  # the terms claim and passage share, most telling first

    def to_json(self) -> dict:
        return {"source": self.source, "line": self.line, "text": self.text, "fit": round(self.fit, 3),
                "shared": list(self.shared)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong, as every reporter sees it (the JSON contract's fields)."""

    rule: str
    code: str
    severity: Severity
    path: str
    line: int | None
    column: int | None
    message: str
    citation: str | None = None
    entry: str | None = None
    suggestion: str | None = None
    context: str | None = None
    page: int | None = None
    evidence: tuple[str, ...] = ()
    entry_summary: str | None = None  # "Moisio & Paasi (2013) From geopolitical to geoeconomic?"
    fingerprint: str | None = None  # stable across edits elsewhere in the file (baselines)
    passage: SourcePassage | None = None  # unrelated-citation: what the cited source itself says nearest the claim

    def with_fingerprint(self, fingerprint: str) -> Finding:
        """This finding with its fingerprint: `dataclasses.replace` without its per-field checks (a frozen copy
        of every slot), which was half of fingerprinting 44,000 findings of a 30,000-entry library."""
        copy = object.__new__(Finding)
        for name in Finding.__slots__:
            object.__setattr__(copy, name, getattr(self, name))
        object.__setattr__(copy, "fingerprint", fingerprint)
        return copy


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """Per-document counts for the report's `documents` list."""

    path: str
    footnotes: int
    citations: int
    claims: int
