"""Google Scholar's two-line form: "title" then "authors - venue, year - host"."""

from __future__ import annotations

import re

from refcheck.model import Author, Reference
from refcheck.extract.refparse.clean import clean, strip_marks
from refcheck.extract.refparse.locators import YEAR
from refcheck.extract.refparse.names import cjk_person, has_cjk, parse_person

# The title line and the author line arrive joined by a line break or by two or
# more spaces (what a copy from the results page leaves behind).
_FORM_RE = re.compile(r"^\s*(?P<title>[^\n]+?)(?:[ \t]*\n\s*|[ \t]{2,})(?P<line>[^\n]+?\s[-\u2010\u2013]\s[^\n]+?)\s*$")
_TAG_RE = re.compile(r"^\s*(?:\[(?:PDF|HTML|BOOK|B|CITATION|C|DOC|PS)\]\s*)+", re.I)
_VENUE_YEAR_RE = re.compile(rf"^(?:(?P<venue>.*?),\s*)?(?P<year>{YEAR})$")
_HOST_RE = re.compile(r"^[\w.-]+\.[a-z]{2,}$", re.I)
_ELLIPSIS = "\u2026"


def parse_scholar(text: str) -> Reference | None:
    m = _FORM_RE.match(text)
    if not m:
        return None
    parts = [p.strip() for p in re.split(r"\s[-\u2010\u2013]\s", m.group("line"))]
    if len(parts) < 2 or len(parts) > 3:
        return None
    names, venue_year = parts[0], parts[1]
    host = parts[2] if len(parts) == 3 else None
    vy = _VENUE_YEAR_RE.match(venue_year)
    if not vy:
        # "authors - host" without a year, or not this form at all
        if len(parts) == 2 and _HOST_RE.match(venue_year):
            vy, host = None, venue_year
        else:
            return None
    # The form is only trusted when the author line reads as names.
    authors, et_al = _authors(names)
    if not authors:
        return None
    title = strip_marks(clean(_TAG_RE.sub("", m.group("title"))).text).strip(" .")
    venue = (vy.group("venue") or "").strip() if vy else ""
    venue = venue.rstrip(_ELLIPSIS).strip() or None  # Scholar cuts long venue names short
    return Reference(
        raw=text,
        authors=tuple(authors),
        year=vy.group("year") if vy else None,
        title=title or None,
        container=venue,
        publisher=host,  # the site that holds the record (dbpia.co.kr): not a link to the work
        et_al=et_al,
    )


def _authors(line: str) -> tuple[list[Author], bool]:
    et_al = _ELLIPSIS in line or "..." in line
    line = line.replace(_ELLIPSIS, "").replace("...", "")
    authors: list[Author] = []
    for piece in re.split(r"\s*[,\u3001\uff0c;]\s*", line):
        piece = piece.strip()
        if not piece:
            continue
        if has_cjk(piece):
            person = cjk_person(piece)
            if person is None:
                return [], False
        else:
            if not re.match(r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Za-z][\w'\u2019.-]*){0,3}$", piece):
                return [], False
            person = parse_person(piece)
            if person is None or person.literal:
                return [], False
        authors.append(person)
    return authors, et_al
