"""What a report may show beyond findings: the documents' texts with their citation and claim spans, the library.

Optional input of the reporters (`Reporter.sources`): the pipeline gathers it
after the checks, and a format that shows the draft (HTML) reads it; every
other format ignores it, and the HTML report renders from findings alone when
it is absent. Spans are offsets in one original text (a file, or a PDF page),
so the page shows exactly what the author wrote at the line and column a
finding names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from refcheck.model import Citation, CitationKind, Finding, Location

_BRACKET = re.compile(r"\[[^\[\]\n]{0,80}\]")
_KEYLIKE = re.compile(r"[^\s'\"‘’“”,;()]+")


@dataclass(frozen=True)
class Span:
    """A citation as written, or a claim sentence: `text[start:end]` of its part."""

    start: int
    end: int
    line: int
    column: int
    label: str = ""  # the contract's citation string; "" for a claim
    kind: str = "claim"  # a CitationKind value, or "claim"
    entries: tuple[str, ...] = ()  # library keys the citation resolved to
    claim: str | None = None  # the sentence a citation supports
    claim_at: tuple[int, int] | None = None  # that sentence's line and column
    # A claim re-joined across a footnote block or a page bottom is written in several pieces.
    pieces: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class TextPart:
    """One original text of a document: the file, an \\input file, or one PDF page."""

    path: str
    page: int | None
    text: str
    citations: tuple[Span, ...] = ()
    claims: tuple[Span, ...] = ()


@dataclass(frozen=True)
class DocumentText:
    path: str  # as given, the findings' path
    format: str
    parts: tuple[TextPart, ...]


@dataclass(frozen=True)
class EntryInfo:
    """A library entry as a reader wants to see it: formatted metadata, decoded."""

    key: str
    type: str
    path: str
    line: int
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    et_al: bool = False
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    publisher: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class LibraryHealth:
    files: tuple[str, ...]
    entries: int
    used: int  # entries a document cites (or \nocite lists)

    @property
    def unused(self) -> int:
        return self.entries - self.used


@dataclass(frozen=True)
class CheckStatus:
    code: str
    name: str
    status: str  # "ran", "crashed" (skipped, its findings lost) or "not selected"


@dataclass(frozen=True)
class ReportSources:
    documents: tuple[DocumentText, ...] = ()
    entries: Mapping[str, EntryInfo] = field(default_factory=dict)
    library: LibraryHealth | None = None
    checks: tuple[CheckStatus, ...] = ()

    def document(self, path: str) -> DocumentText | None:
        return next((d for d in self.documents if d.path == path), None)


def gather_sources(
    read: Sequence[tuple[Any, Any]],
    library: Any,
    findings: Iterable[Finding],
    ran: Sequence[type],
    crashed: Sequence[str],
    available: Sequence[type],
    nocite: Iterable[str] = (),
) -> ReportSources:
    """From the pipeline's (ingest.Document, match.DocumentAudit) pairs, the library and the rules."""
    documents = tuple(document_text(doc, audit) for doc, audit in read)
    cited = {r.key for _doc, audit in read for r in audit.resolutions if r.key} | set(nocite)
    wanted = set(cited)
    for f in findings:  # the entries a finding names: cited, suggested instead, or in its evidence
        for text in (f.entry, f.suggestion, *f.evidence):
            wanted.update(t for t in _KEYLIKE.findall(text or "") if t in library.by_key)
    entries = {key: entry_info(library.by_key[key]) for key in sorted(wanted) if key in library.by_key}
    used = sum(1 for e in library.entries if e.key in cited) if read else 0
    health = LibraryHealth(tuple(library.files), len(library.entries), used)
    ran_codes = {r.code for r in ran}
    checks = tuple(
        CheckStatus(r.code, r.name, "crashed" if r.name in crashed else "ran" if r.code in ran_codes else "not selected")
        for r in available
    )
    return ReportSources(documents, entries, health, checks)


def entry_info(e: Any) -> EntryInfo:
    return EntryInfo(
        key=e.key, type=e.type, path=e.path, line=e.line,
        authors=tuple(a.display for a in e.authors), editors=tuple(a.display for a in e.editors), et_al=e.et_al,
        year=e.year, title=e.title, container=e.container, volume=e.volume, number=e.number, pages=e.pages,
        publisher=e.publisher, doi=e.doi, url=e.url,
    )  # fmt: skip


def document_text(document: Any, audit: Any) -> DocumentText:
    """The document's original texts with every citation and claim placed in them."""
    origins = document.source.origins
    index = {(o.path, o.page): i for i, o in enumerate(origins)}
    citations: list[list[Span]] = [[] for _ in origins]
    claims: list[list[Span]] = [[] for _ in origins]
    keys: dict[int, list[str]] = {}
    for r in audit.resolutions:
        if r.key and r.key not in keys.setdefault(id(r.citation), []):
            keys[id(r.citation)].append(r.key)
    x = audit.extraction
    for c in x.citations:
        i = index.get((c.location.path, c.location.page))
        if i is not None:
            citations[i].append(_citation_span(origins[i], c, tuple(keys.get(id(c), ()))))
    for claim in x.claims:
        i = index.get((claim.location.path, claim.location.page))
        if i is not None:
            pieces = claim_pieces(origins[i].text, offset_of(origins[i], claim.location), claim.text)
            if pieces:
                loc = claim.location
                claims[i].append(Span(pieces[0][0], pieces[-1][1], loc.line, loc.column, pieces=tuple(pieces)))
    parts = tuple(
        TextPart(o.path, o.page, o.text, tuple(citations[i]), tuple(claims[i])) for i, o in enumerate(origins)
    )
    return DocumentText(document.path, document.format.value, parts)


def offset_of(origin: Any, location: Location) -> int:
    """The offset in `origin.text` of a 1-based line and column (clamped to the text)."""
    starts = origin.line_starts
    line = min(max(location.line, 1), len(starts))
    return min(starts[line - 1] + max(location.column, 1) - 1, len(origin.text))


def _citation_span(origin: Any, c: Citation, entries: tuple[str, ...]) -> Span:
    text = origin.text
    start = offset_of(origin, c.location)
    end = 0
    for pattern in _written().get(c.kind, ()):
        m = pattern.match(text, start)
        if m:
            end = m.end()
            break
    if not end and text.startswith("[", start):
        m = _BRACKET.match(text, start)
        end = m.end() if m else 0
    if not end:
        # Author-year text and PDF superscripts: the label as written, whitespace aside.
        end = _walk(text, start, c.label)
    end = max(end, min(start + 1, len(text)))
    claim = c.claim.text if c.claim else None
    claim_at = (c.claim.location.line, c.claim.location.column) if c.claim else None
    return Span(start, end, c.location.line, c.location.column, c.label, c.kind.value, entries, claim, claim_at)


# A claim is the body's sentence: emphasis marks, footnote markers and footnote blocks are
# not in it. Past a difference the rest is looked for this far on; a skip with a paragraph
# break in it, or longer than a marker, starts a new piece.
_RESYNC_WINDOW = 4000
_RESYNC_CHARS = 16
_SMALL_SKIP = 40
_MARKUP = r"[\s*_~`]*"  # emphasis and code marks between two letters of a sentence


def claim_pieces(text: str, start: int, claim: str) -> list[tuple[int, int]]:
    """Where the sentence `claim` is written from `start` on, as (start, end) pieces of `text`."""
    target = "".join(claim.split())
    pieces: list[tuple[int, int]] = []
    piece_start = i = start
    j = 0
    n = len(text)
    while j < len(target):
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] == target[j]:
            i += 1
            j += 1
            continue
        m = _resync(text, i, target[j:])
        if not m:
            break
        skipped = text[i : m.start()]
        if len(skipped) > _SMALL_SKIP or "\n\n" in skipped:
            end = _trim_end(text, piece_start, i)
            if end > piece_start:
                pieces.append((piece_start, end))
            piece_start = m.start()
        i = m.start()
    end = _trim_end(text, piece_start, i)
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces


def _resync(text: str, i: int, rest: str) -> re.Match[str] | None:
    """The next place the rest of a claim is written: a long stretch far ahead, or a short one near."""
    for chars, window in ((_RESYNC_CHARS, _RESYNC_WINDOW), (6, 200)):
        ahead = _MARKUP.join(re.escape(ch) for ch in rest[:chars])
        m = re.compile(ahead).search(text, i, min(len(text), i + window))
        if m:
            return m
    return None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@lru_cache(maxsize=1)
def _written() -> dict[CitationKind, tuple[re.Pattern[str], ...]]:
    """How a citation of each kind is written where its location points.

    The extract stage keeps only where a citation starts, so its end is found
    again with the finders' own patterns (imported here: every other report
    reads only the records above).
    """
    from refcheck.extract import patterns as P
    from refcheck.extract.citations.latex import CITE

    return {CitationKind.FOOTNOTE: (P.SUP_MARKER, P.MARKDOWN_MARKER), CitationKind.LATEX: (CITE,)}


def _walk(text: str, start: int, target: str) -> int:
    """Where `target` ends if it is written at `start`, spaces and line breaks aside; stops at the first difference."""
    i, n = start, len(text)
    end = start
    for ch in target:
        if ch.isspace():
            continue
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != ch:
            break
        i += 1
        end = i
    return end
