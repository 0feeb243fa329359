"""Assemble a Reference: clean the string, read the head, then the body, then settle the year."""

from __future__ import annotations

from refcheck.model import Reference
from refcheck.extract.refparse.body import read_body
from refcheck.extract.refparse.clean import clean
from refcheck.extract.refparse.fields import Body
from refcheck.extract.refparse.head import read_head
from refcheck.extract.refparse.locators import YEAR_RE
from refcheck.extract.refparse.scholar import parse_scholar
from refcheck.extract.refparse.segment import split_units
from refcheck.extract.refparse.short import parse_short_note

_LEADING_PUNCT = " .,;:"


def parse_reference(text: str) -> Reference:
    """Parse one reference string into a `Reference`; fields it cannot find are None."""
    if "\n" in text or "  " in text:
        scholar = parse_scholar(text)
        if scholar is not None:
            return scholar
    short = parse_short_note(text)
    if short is not None:
        return short
    cleaned = clean(text)
    s = cleaned.text
    if not s:
        return Reference(raw=text, url=cleaned.url, doi=cleaned.doi)
    head = read_head(s)
    rest = s[head.end :].lstrip(_LEADING_PUNCT)
    body = Body()
    read_body(split_units(rest), head, body)

    year, suffix = head.year, head.year_suffix
    if year is None:
        year, suffix = body.loc.year, body.loc.year_suffix
    if year is None:
        # last resort: a year outside the title, else the last year written
        m = YEAR_RE.search(rest.replace(body.title, " ") if body.title else rest)
        if m is None:
            found = list(YEAR_RE.finditer(rest))
            m = found[-1] if found else None
        if m:
            year, suffix = m.group(1), m.group(2)
    loc = body.loc
    if loc.bare and (body.container is None or body.pubfacts) and loc.issue is None and loc.pages is None:
        # "Title (Place: Publisher, 2006), 45.": the page cited, not a volume
        loc.pages, loc.volume = loc.volume, None
    return Reference(
        raw=text,
        authors=tuple(head.authors),
        editors=tuple(head.editors + body.editors),
        year=year,
        title=body.title,
        container=body.container,
        volume=loc.volume,
        issue=loc.issue,
        pages=loc.pages,
        publisher=body.publisher,
        url=cleaned.url,
        doi=cleaned.doi,
        et_al=head.et_al,
        year_suffix=suffix if year else None,
    )
