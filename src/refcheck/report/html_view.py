"""The HTML report's view of an audit: one view per file, its text cut into tokens, and places that carry findings.

A *place* is what the reader selects in the text: a citation as written, a
claim sentence with a finding of its own (an uncited statistic), or a pin at
the line and column of any other finding. Findings are tied to places by the
line and column they name, the same coordinates every other format prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from refcheck.model import DocumentSummary, Finding, Severity
from refcheck.report.base import RuleMeta
from refcheck.report.sources import DocumentText, EntryInfo, ReportSources, Span, TextPart

SEVERITY_NAMES = tuple(s.value for s in sorted(Severity, key=lambda s: -s.rank))  # error, warning, info
_RANK = {s.value: s.rank for s in Severity}
_FIT = re.compile(r"^fit of (\S+): ([0-9.]+)")
_SHARED = re.compile(r"^shared with (\S+): (.+)$")
_CLOSEST = re.compile(r"^closest passage \(([^)]*)\): '(.*)'$", re.DOTALL)


@dataclass
class FindingView:
    id: str
    f: Finding
    severity: str
    view: int
    place: Place | None = None
    rule_url: str | None = None

    @property
    def where(self) -> str:
        f = self.f
        bits = [f"page {f.page}"] if f.page is not None else []
        if f.line is not None:
            bits.append(f"line {f.line}" + (f", column {f.column}" if f.column is not None else ""))
        return ", ".join(bits) or "whole file"


@dataclass
class EntryRole:
    """An entry as the panel shows it: cited, or suggested instead; with what the evidence says of it."""

    key: str
    role: str  # "cited" or "suggested"
    info: EntryInfo | None
    summary: str | None  # a finding's entry_summary, when the metadata is not at hand
    fit: str | None = None
    shared: tuple[str, ...] = ()


@dataclass
class Place:
    id: str
    kind: str  # "citation", "claim", "pin" or "none" (a finding with no place in a shown text)
    view: int
    line: int | None = None
    column: int | None = None
    page: int | None = None
    label: str = ""
    citation_kind: str = ""
    entries: tuple[str, ...] = ()
    claim: str | None = None
    findings: list[FindingView] = field(default_factory=list)
    roles: list[EntryRole] = field(default_factory=list)
    closest: list[tuple[str, str]] = field(default_factory=list)  # (how alike, passage) for quote-not-found
    claim_place: str | None = None  # the id of the claim sentence a citation supports
    cites: bool = False  # a claim that carries a citation

    @property
    def severity(self) -> str:
        if not self.findings:
            return "clean"
        return max((fv.severity for fv in self.findings), key=lambda s: _RANK[s])

    @property
    def codes(self) -> str:
        return " ".join(sorted({fv.f.code for fv in self.findings}))

    @property
    def heading(self) -> str:
        if self.kind == "citation":
            return {"footnote": f"footnote {self.label}", "latex": f"\\cite{{{self.label}}}"}.get(
                self.citation_kind, self.label
            )
        return {"claim": "claim", "pin": "place in the text"}.get(self.kind, "finding")


@dataclass
class Token:
    kind: str  # "text", "open" (a claim piece), "close", "mark" (a citation), "pin"
    text: str = ""
    place: Place | None = None
    first: bool = False  # the first piece of a claim: it carries the claim's flag


@dataclass
class PartView:
    title: str | None
    paragraphs: list[list[Token]]  # blocks the browser may leave unlaid while they are off screen


@dataclass
class FileView:
    index: int
    path: str
    kind: str  # "document" or "library"
    summary: DocumentSummary | None
    parts: list[PartView] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    @property
    def name(self) -> str:
        return PurePath(self.path).name or self.path

    @property
    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITY_NAMES}
        for fv in self.findings:
            out[fv.severity] += 1
        return out

    @property
    def citations(self) -> int:
        return sum(1 for p in self.places if p.kind == "citation")


def build_views(
    findings: Sequence[Finding],
    documents: Sequence[DocumentSummary],
    sources: ReportSources | None,
    rules: Mapping[str, RuleMeta],
) -> list[FileView]:
    """One view per audited document, then one per other file findings name (the library), in report order."""
    views: list[FileView] = [FileView(i, d.path, "document", d) for i, d in enumerate(documents)]
    by_path = {v.path: v for v in views}
    for text in sources.documents if sources else ():
        for part in text.parts:  # a finding in an \input file may name that file: it is shown in its document
            if text.path in by_path:
                by_path.setdefault(part.path, by_path[text.path])
    for f in findings:
        if f.path not in by_path:
            v = FileView(len(views), f.path, "library" if f.path.endswith(".bib") else "document", None)
            views.append(v)
            by_path[f.path] = v
    counter = iter(range(1, 1 << 30))
    for n, f in enumerate(findings, 1):
        meta = rules.get(f.code)
        view = by_path[f.path]
        view.findings.append(FindingView(f"f{n}", f, Severity(f.severity).value, view.index, None, meta.url if meta else None))
    for view in views:
        text = sources.document(view.path) if sources else None
        if text is not None:
            _place_in_text(view, text, counter)
        for fv in view.findings:  # what the text could not show still opens in the panel
            if fv.place is None:
                place = Place(f"p{next(counter)}", "none", view.index, fv.f.line, fv.f.column, fv.f.page, claim=fv.f.context)
                place.findings.append(fv)
                fv.place = place
                view.places.append(place)
        for place in view.places:
            _describe(place, sources)
    return views


@dataclass
class _PartPlaces:
    part: TextPart
    marks: list[tuple[Span, Place]]
    at: dict[tuple[int, int], Place]
    claims: dict[tuple[int, int], tuple[Span, Place]]
    pins: dict[int, Place] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=list)

    def holds(self, f: Finding, document: str) -> bool:
        return f.page == self.part.page and f.path in (self.part.path, document)

    def pin(self, fv: FindingView, counter) -> Place | None:
        f = fv.f
        if f.line is None or f.line > len(self.line_starts):
            return None
        offset = min(self.line_starts[f.line - 1] + max((f.column or 1) - 1, 0), len(self.part.text))
        if offset not in self.pins:
            self.pins[offset] = Place(f"p{next(counter)}", "pin", fv.view, f.line, f.column, f.page, claim=f.context)
        return self.pins[offset]


def _place_in_text(view: FileView, text: DocumentText, counter) -> None:
    parts = [_part_places(view, part, counter) for part in text.parts]
    for fv in view.findings:
        f = fv.f
        key = (f.line, f.column)
        # A finding names the document's path with the line and column of the part it is in
        # (an \input file, a PDF page): a citation there first, then a claim, then a pin.
        candidates = sorted((pp for pp in parts if pp.holds(f, view.path)), key=lambda pp: pp.part.path != f.path)
        place = next((pp.at[key] for pp in candidates if key in pp.at), None)
        if place is None and f.citation is None:
            found = next((pp.claims[key] for pp in candidates if key in pp.claims), None)
            if found is not None:
                span, place = found
                part = next(pp.part for pp in candidates if key in pp.claims)
                place.claim = f.context or " ".join(part.text[a:b] for a, b in span.pieces)
        if place is None:
            place = next((p for pp in candidates if (p := pp.pin(fv, counter)) is not None), None)
        if place is not None:
            fv.place = place
            place.findings.append(fv)
    multi = len(text.parts) > 1
    for pp in parts:
        title = (f"page {pp.part.page}" if pp.part.page is not None else pp.part.path) if multi else None
        claims = list(pp.claims.values())
        view.places.extend(p for _s, p in pp.marks)
        view.places.extend(p for _s, p in claims if p.findings)
        view.places.extend(pp.pins.values())
        tokens = _cut(pp.part.text, pp.marks, claims, sorted(pp.pins.items()))
        view.parts.append(PartView(title, paragraphs(tokens)))


def _part_places(view: FileView, part: TextPart, counter) -> _PartPlaces:
    marks: list[tuple[Span, Place]] = []
    at: dict[tuple[int, int], Place] = {}
    for span, labels in _merge_citations(part.citations):
        place = Place(
            f"p{next(counter)}", "citation", view.index, span.line, span.column, part.page,
            label=", ".join(labels), citation_kind=span.kind, entries=span.entries, claim=span.claim,
        )  # fmt: skip
        marks.append((span, place))
        at.setdefault((span.line, span.column), place)
    claims: dict[tuple[int, int], tuple[Span, Place]] = {}
    for span in part.claims:
        place = Place(f"p{next(counter)}", "claim", view.index, span.line, span.column, part.page)
        claims.setdefault((span.line, span.column), (span, place))
    for span, place in marks:
        if span.claim_at in claims:
            claim_place = claims[span.claim_at][1]
            place.claim_place = claim_place.id
            claim_place.cites = True
    starts = [0] + [m.end() for m in re.finditer("\n", part.text)]
    return _PartPlaces(part, marks, at, claims, line_starts=starts)


def _merge_citations(spans: Sequence[Span]) -> list[tuple[Span, list[str]]]:
    """One mark per stretch of text: `\\cite{a,b}` and `<sup>1, 3</sup>` are one mark for two citations."""
    out: list[tuple[Span, list[str]]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1][0].end:
            prev, labels = out[-1]
            if span.label not in labels:
                labels.append(span.label)
            entries = prev.entries + tuple(k for k in span.entries if k not in prev.entries)
            out[-1] = (Span(prev.start, max(prev.end, span.end), prev.line, prev.column, prev.label, prev.kind,
                            entries, prev.claim or span.claim, prev.claim_at or span.claim_at), labels)  # fmt: skip
            continue
        out.append((span, [span.label]))
    return out


def _cut(text: str, marks, claims, pins) -> list[Token]:
    """The text as tokens; claim pieces are cut so that no citation straddles their edges."""
    mark_spans = [(s.start, s.end) for s, _p in marks]
    events: list[tuple[int, int, str, object]] = []
    for span, place in claims:
        for a, b in span.pieces:
            a, b = _clear_of(a, b, mark_spans)
            if b > a:
                events.append((a, 1, "open", place))
                events.append((b, 0, "close", place))
    for offset, place in pins:
        inside = next((s for s, e in mark_spans if s < offset < e), None)
        events.append((inside if inside is not None else offset, 2, "pin", place))
    for span, place in marks:
        events.append((span.start, 3, "mark", (span, place)))
    events.sort(key=lambda e: (e[0], e[1]))
    tokens: list[Token] = []
    opened: set[int] = set()
    pos = 0
    for offset, _prio, kind, obj in events:
        if offset > pos:
            tokens.append(Token("text", text[pos:offset]))
            pos = offset
        if kind == "mark":
            span, place = obj  # type: ignore[misc]
            tokens.append(Token("mark", text[span.start : span.end], place))
            pos = span.end
        elif kind == "open":
            tokens.append(Token("open", place=obj, first=id(obj) not in opened))  # type: ignore[arg-type]
            opened.add(id(obj))
        elif kind == "close":
            tokens.append(Token("close"))
        else:
            tokens.append(Token("pin", place=obj))  # type: ignore[arg-type]
    if pos < len(text):
        tokens.append(Token("text", text[pos:]))
    return tokens


_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(tokens: list[Token]) -> list[list[Token]]:
    """The tokens cut after every blank line; a claim that runs on is closed and reopened across the cut."""
    out: list[list[Token]] = [[]]
    claim: Place | None = None
    for t in tokens:
        if t.kind == "open":
            claim = t.place
        elif t.kind == "close":
            claim = None
        if t.kind != "text":
            out[-1].append(t)
            continue
        pos = 0
        for m in _BREAK.finditer(t.text):
            out[-1].append(Token("text", t.text[pos : m.end()]))
            pos = m.end()
            if claim is not None:
                out[-1].append(Token("close"))
            out.append([Token("open", place=claim)] if claim is not None else [])
        if pos < len(t.text):
            out[-1].append(Token("text", t.text[pos:]))
    return [p for p in out if p]


def _clear_of(a: int, b: int, marks: list[tuple[int, int]]) -> tuple[int, int]:
    """A claim piece widened or narrowed so that every mark is wholly in it or wholly out of it."""
    for s, e in marks:
        if s < a < e:
            a = e
        if s < b < e:
            b = e  # a citation at a sentence's end belongs to it
    return a, b


def _describe(place: Place, sources: ReportSources | None) -> None:
    """The entries the panel shows for a place, and what the findings' evidence says of them."""
    entries = sources.entries if sources else {}
    fits: dict[str, str] = {}
    shared: dict[str, tuple[str, ...]] = {}
    summaries: dict[str, str] = {}
    cited = list(place.entries)
    suggested: list[str] = []
    for fv in place.findings:
        f = fv.f
        if f.entry and f.entry not in cited:
            cited.append(f.entry)
        if f.entry and f.entry_summary:
            summaries.setdefault(f.entry, f.entry_summary)
        if f.suggestion:
            for token in re.findall(r"[^\s'\"‘’“”,;()]+", f.suggestion):
                if token in entries and token not in cited and token not in suggested:
                    suggested.append(token)
        for line in f.evidence:
            if m := _FIT.match(line):
                fits.setdefault(m.group(1), m.group(2))
            elif m := _SHARED.match(line):
                shared.setdefault(m.group(1), tuple(t.strip() for t in m.group(2).split(", ")))
            elif m := _CLOSEST.match(line):
                place.closest.append((m.group(1), m.group(2)))
    for role, keys in (("cited", cited), ("suggested", suggested)):
        for key in keys:
            place.roles.append(EntryRole(key, role, entries.get(key), summaries.get(key), fits.get(key), shared.get(key, ())))
