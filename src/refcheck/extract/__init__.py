"""Extract: a `Document` -> footnotes, citations, claims and the reference list (`Extraction`).

Citations are found in the document text (so their locations are exact);
claims come from spaCy sentences over the re-joined body text, reached through
the layout's offset map.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from refcheck.extract.citations import RawCitation
from refcheck.extract.citations.authorpage import find_author_page
from refcheck.extract.citations.authoryear import find_author_year
from refcheck.extract.citations.fields import field_citations
from refcheck.extract.citations.keyed import find_keyed, without_overlaps
from refcheck.extract.citations.latex import find_latex_citations
from refcheck.extract.citations.markers import find_markers
from refcheck.extract.citations.numeric import find_numeric
from refcheck.extract.citations.web import find_web
from refcheck.extract.claims import Sentences
from refcheck.extract.footnotes import build_footnotes, reference_lines
from refcheck.extract.latex_layout import bibitems, latex_layout, note_text
from refcheck.extract.layout import Layout, NoteText, text_layout
from refcheck.extract.refparse import parse_reference
from refcheck.extract.reflist import split_items
from refcheck.ingest import Document, Format
from refcheck.model import Citation, CitationKind, Extraction, Footnote, ListItem

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract", "parse_reference"]


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Everything refcheck reads from one document."""
    if nlp is None:
        from refcheck.extract.nlp import load_pipeline  # spaCy loads only when sentences are needed

        nlp = load_pipeline()
    source = document.source
    is_latex = document.format is Format.LATEX
    layout = latex_layout(source) if is_latex else text_layout(source)
    reference_list = _reference_list(document, layout)
    footnotes = [] if is_latex else _footnotes(document, layout)
    raw = _find_citations(document, layout, reference_list, bool(footnotes))
    if not footnotes:
        raw = _markers_into_the_list(raw, reference_list)
    footnotes = _notes_citing_by_key(footnotes, layout, raw)
    sentences = Sentences.find(layout.body, nlp)
    by_label = {note.label: note for note in footnotes}
    list_by_label = {item.label: item for item in reference_list if item.label}
    citations: list[Citation] = []
    missing: list[Citation] = []
    for r in sorted(raw, key=lambda c: c.start):
        claim = sentences.claim_at(layout.to_body.to_derived(r.start), trailing=not r.narrative)
        references = ()
        if r.kind is CitationKind.FOOTNOTE and r.number in by_label:
            references = by_label[r.number].references
        elif r.kind is CitationKind.NUMERIC and r.number in list_by_label:
            references = (list_by_label[r.number].reference,)
        references = references or r.references  # a citation field's own data (Zotero, Mendeley)
        citation = Citation(
            kind=r.kind,
            label=r.label,
            location=source.locate(r.start),
            claim=claim,
            references=references,
            mention=r.mention,
            key=r.key,
            number=r.number,
            locator=r.locator,
            narrative=r.narrative,
            url=r.url,
            tentative=r.tentative,
        )
        citations.append(citation)
        if r.kind is CitationKind.FOOTNOTE and r.number not in by_label:
            missing.append(citation)
    return Extraction(
        path=document.path,
        body=layout.body.text,
        footnotes=tuple(footnotes),
        citations=tuple(citations),
        claims=tuple(sentences.all_claims()),
        reference_list=tuple(reference_list),
        markers_without_text=tuple(missing),
    )


def _markers_into_the_list(raw: list[RawCitation], reference_list: list[ListItem]) -> list[RawCitation]:
    """Superscript numbers with no notes anywhere, in a document with a numbered list, cite the list (Nature, AMA, Vancouver)."""
    labels = {item.label for item in reference_list if item.label}
    if not labels:
        return raw
    return [
        replace(r, kind=CitationKind.NUMERIC) if r.kind is CitationKind.FOOTNOTE and r.number in labels else r for r in raw
    ]


def _footnotes(document: Document, layout: Layout) -> list[Footnote]:
    source = document.source
    raw_notes = [(n.label, source.text[n.start : n.end], source.locate(n.start)) for n in layout.notes]
    return build_footnotes(raw_notes, parse_reference)


def _notes_citing_by_key(footnotes: list[Footnote], layout: Layout, raw: list[RawCitation]) -> list[Footnote]:
    """In a document that cites by key (`[@smith2019]`), notes are prose, not references to parse.

    As in LaTeX, where `\\footnote` text is never a reference: a Pandoc book's
    `[^aside]: The tuning grid is ...` would otherwise be an unresolved citation.
    """
    if not footnotes or not any(r.kind is CitationKind.LATEX and not r.references for r in raw):  # written keys, not fields
        return footnotes
    return [replace(f, references=()) for f in footnotes]


def _reference_list(document: Document, layout: Layout) -> list[ListItem]:
    if layout.reflist is None:
        return []
    source = document.source
    if document.format is Format.LATEX:
        items = bibitems(source, layout.reflist)
        out = []
        for key, start, end in items:
            text = " ".join(note_text(source, NoteText(key, start, end)).split())
            out.append(ListItem(key, parse_reference(text), source.locate(start)))
        return out
    out = []
    for label, start, end in split_items(source.text, *layout.reflist):
        text = reference_lines(source.text[start:end])
        if text:
            out.append(ListItem(label, parse_reference(text), source.locate(start)))
    return out


def _find_citations(document: Document, layout: Layout, reference_list: list[ListItem], has_notes: bool) -> list[RawCitation]:
    text = document.text
    running = layout.in_running_text
    if document.format is Format.LATEX:
        # \cite inside a \footnote counts: only the preamble and the bibliography are skipped
        outside = [(a, b) for a, b in layout.skip]
        return list(find_latex_citations(text, lambda o: not any(a <= o < b for a, b in outside)))
    # [@key], {cite}`key`, #cite(<key>), [cite:@key]: also inside footnotes, never in the reference list
    keyed = find_keyed(document.format.value, text, lambda o: layout.reflist is None or not layout.reflist[0] <= o < layout.reflist[1])
    keyed += field_citations(document.fields)  # Zotero / Mendeley fields of a Word or ODT file
    found = list(find_markers(text, running))
    labels = {item.label for item in reference_list if item.label}
    found += find_numeric(text, running, labels)
    if not found and not has_notes and not keyed:
        found += find_author_year(text, running)
        if not found:  # MLA: author and page, no year; tentative until the library confirms a name
            found += find_author_page(text, running)
    else:
        # In a paper that cites by note, number or key, "Japan (2011)" is as often a date as a
        # citation: such candidates are tentative, and the library decides (resolve keeps the ones it confirms).
        found += [replace(c, tentative=True) for c in find_author_year(text, running)]
    found += find_web(text, running)
    return keyed + without_overlaps(found, keyed)
