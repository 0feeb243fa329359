"""Citation fields of word processors (Zotero, Mendeley): each CSL JSON item of a field becomes a citation.

The field's item data says which work is cited (authors, year, title, DOI), so
the citation carries it as its `references` and its authors and year as the
`mention`; it is matched to the library by DOI, title, authors and year like a
footnote's reference. An item whose data names a citation key (Better BibTeX's
`citation-key`) is a key citation. The label is that item's part of the
field's visible text, as the contract asks (`Smith & Jones, 2019`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import Author, CitationKind, NameMention, Reference

# "Smith, 2019, p. 5": the contract's citation string leaves the locator out
_LOCATOR_TAIL = re.compile(r",?\s*(?:pp?\.|ch\.|chap\.|sec\.|§|fig\.|para\.)\s*[\w–-]+(?:\s*[-–]\s*\w+)?\s*$")
_LOCATOR_LABELS = {"page": "p.", "chapter": "ch.", "section": "sec.", "figure": "fig.", "paragraph": "para."}


def field_citations(fields) -> Iterator[RawCitation]:
    """RawCitations from a document's `EmbeddedCitation`s."""
    for f in fields:
        parts = [_LOCATOR_TAIL.sub("", p).strip() for p in re.split(r";\s*", _unwrapped(f.text))]
        for n, item in enumerate(f.items):
            data = item.get("itemData") if isinstance(item.get("itemData"), dict) else {}
            reference = csl_reference(data)
            label = parts[n] if len(parts) == len(f.items) and parts[n] else _label(reference)
            locator = _locator(item)
            key = str(data.get("citation-key") or data.get("citationKey") or "").strip() or None
            if key:
                yield RawCitation(CitationKind.LATEX, key, f.start, f.end, key=key, locator=locator, references=(reference,))
                continue
            families = tuple(a.family or a.literal or "" for a in reference.authors if a.family or a.literal)
            mention = NameMention(families[:2] if len(families) > 2 else families, len(families) > 2, reference.year)
            yield RawCitation(
                CitationKind.AUTHOR_YEAR, label or f.text.strip(), f.start, f.end, locator=locator,
                mention=mention if families else None, references=(reference,),
            )


def _unwrapped(text: str) -> str:
    """The field's text without the parentheses or brackets around the whole of it."""
    text = text.strip()
    if len(text) > 1 and (text[0], text[-1]) in (("(", ")"), ("[", "]")):
        return text[1:-1]
    return text


def csl_reference(data: dict) -> Reference:
    """A CSL item as the parsed-reference record the matcher compares."""
    authors = []
    for person in data.get("author") or []:
        if not isinstance(person, dict):
            continue
        if person.get("literal") and not person.get("family"):
            authors.append(Author(literal=str(person["literal"])))
        elif person.get("family"):
            particle = person.get("non-dropping-particle") or person.get("dropping-particle")
            authors.append(Author(family=str(person["family"]), given=person.get("given"), particle=particle))
    year = None
    issued = data.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = str(parts[0][0])
        elif issued.get("raw") or issued.get("literal"):
            m = re.search(r"\d{4}", str(issued.get("raw") or issued.get("literal")))
            year = m.group(0) if m else None
    container = data.get("container-title")
    doi = str(data.get("DOI") or "").strip().lower() or None
    title = str(data.get("title") or "").strip() or None
    raw = "; ".join(a.display for a in authors)
    raw = f"{raw} ({year or 'n.d.'}). {title or ''}".strip()
    return Reference(
        raw=raw, authors=tuple(authors), year=year, title=title, container=str(container) if container else None,
        volume=str(data["volume"]) if data.get("volume") else None, issue=str(data["issue"]) if data.get("issue") else None,
        pages=str(data["page"]).replace("–", "-") if data.get("page") else None,
        publisher=str(data["publisher"]) if data.get("publisher") else None, url=data.get("URL"), doi=doi,
    )


def _label(reference: Reference) -> str:
    names = [a.family or a.literal or "" for a in reference.authors]
    who = names[0] + " et al." if len(names) > 2 else " & ".join(names)
    return f"{who}, {reference.year}" if reference.year else who


def _locator(item: dict) -> str | None:
    locator = str(item.get("locator") or "").strip()
    if not locator:
        return None
    label = _LOCATOR_LABELS.get(str(item.get("label") or "page"), str(item.get("label") or ""))
    return f"{label} {locator}".strip()
