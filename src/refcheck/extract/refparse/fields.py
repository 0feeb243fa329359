"""Field-level helpers: tidy a value, cut a title from its venue, publisher or notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.model import Author
from refcheck.extract.refparse.clean import strip_marks
from refcheck.extract.refparse.locators import Locators, split_tail
from refcheck.extract.refparse.names import scan_names
from refcheck.extract.refparse.places import is_place
from refcheck.extract.refparse import vocab as V


@dataclass(slots=True)
class Body:
    """What the text after the head yields."""

    title: str | None = None
    container: str | None = None
    publisher: str | None = None
    editors: list[Author] = field(default_factory=list)
    loc: Locators = field(default_factory=Locators)
    pubfacts: bool = False  # a Chicago "(Place: Publisher, Year)" was read


# Abbreviations whose stop belongs to the value ("Proc. Natl. Acad. Sci.").
_KEEP_STOP = frozenset(
    "proc natl acad sci soc res lett eng conf trans phys chem math amer univ inc ltd corp rev appl int intl symp "
    "bull ann annu stud geophys mech comput syst med biol etc assoc".split()
)
_LAST_WORD_RE = re.compile(r"(?:^|[\s(])((?:[A-Za-z]{1,2}\.)+|[A-Z][a-z]{0,4}\.)$")
_SPACES_RE = re.compile(r"\s+")
_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"


def clean_field(text: str | None) -> str | None:
    """Markup, outer quotes and the closing stop or comma off; None when nothing is left."""
    if text is None:
        return None
    text = _SPACES_RE.sub(" ", strip_marks(text)).strip(" ,;:/")
    # a title keeps its question mark, but not the stop or comma that closed it
    while text and text[-1] in ".,;:" and not _ends_with_abbreviation(text):
        text = text[:-1].rstrip()
    text = text.strip(_QUOTES).strip()
    return text or None


def _ends_with_abbreviation(text: str) -> bool:
    m = _LAST_WORD_RE.search(text)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    return len(word) <= 2 or word.casefold() in _KEEP_STOP


def comma_segments(text: str) -> list[str]:
    """Split on ", " outside parentheses and brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            out.append(text[start:i])
            start = i + 2
    out.append(text[start:])
    return out


def take_pubfacts(text: str, body: Body) -> str:
    """Chicago notes' "(New York: Norton, 1995)": the publisher and the year, out of the text."""

    def repl(m: re.Match) -> str:
        pub = m.group("pub").strip(" ,")
        if m.group("place") or V.PUBLISHER_RE.search(pub):
            body.pubfacts = True
            body.publisher = body.publisher or pub
            if m.group("y"):
                body.loc.year = body.loc.year or m.group("y")
            return " "
        return m.group(0)

    return V.PUBFACTS_RE.sub(repl, text)


def publisher_of(text: str) -> str | None:
    """ "Cambridge, MA: MIT Press, 1957" -> "MIT Press"; "Springer, Berlin" stays as it is."""
    text, _ = split_tail(text, after_space=False)
    if ":" in text:
        place, _, pub = text.partition(":")
        if len(place.split()) <= 5:
            text = pub
    return clean_field(text)


def strip_editors(text: str) -> tuple[str, list[Author]]:
    """ "In J. Smith (Ed.), Book" -> ("Book", [Smith]); "In Proceedings of X" -> ("Proceedings of X", [])."""
    text = V.IN_RE.sub("", text, count=1)
    scan = scan_names(text)
    if scan.authors:
        m = V.EDS_RE.match(text, scan.end)
        if m and m.group(0).strip(" .,"):
            return text[m.end() :].lstrip(" ,.:"), scan.authors
    m = re.search(r"^(.{3,200}?),?\s*[(\[]?\b(?:eds?|editors?|hrsg|hg)\b\.?[)\]]?\s*[,.:]\s*", text, re.I)
    if m:
        editors = name_list(m.group(1))
        if editors:
            return text[m.end() :], editors
    return text, []


def name_list(text: str) -> list[Author]:
    """The persons of `text` when it is a name list and nothing else, else []."""
    text = text.strip(" ,;")
    scan = scan_names(text)
    if scan.authors and not text[scan.end :].strip(" .,;"):
        return scan.authors
    return []


def split_title_venue(text: str) -> tuple[str, str | None]:
    """ "Title, with comma, IEEE Trans. X" -> ("Title, with comma", "IEEE Trans. X")."""
    segs = comma_segments(text)
    if len(segs) < 2:
        return text, None
    for k in range(1, len(segs)):
        if V.IN_RE.match(segs[k]) or V.VENUE_RE.search(segs[k]):
            return ", ".join(segs[:k]), ", ".join(segs[k:])
    return ", ".join(segs[:-1]), segs[-1]


def split_title_tail(text: str, publishers: bool) -> tuple[str, str | None]:
    """ "Robot Vision, MIT Press" -> ("Robot Vision", "MIT Press"); an edition, a thesis
    note, a translator or a place after the title is cut off the same way."""
    segs = comma_segments(text)
    for k in range(1, len(segs)):
        seg = segs[k].strip()
        # the rest after this segment is joined and read only where a test needs it: built for every segment it
        # made a reference of thousands of commas quadratic (20 s of CPU in the fuzz run)
        if publishers and is_place(seg):
            rest = ", ".join(segs[k + 1 :])
            if not rest or k == len(segs) - 1 or V.is_publisher(rest) or _is_year_only(rest):
                # "Réinventer l'Etat, Paris, PUF", "Andrei Tarkovski, Edilig, Paris"
                return ", ".join(segs[:k]), publisher_of(rest) if rest and not _is_year_only(rest) else None
        if publishers and ((V.PUBLISHER_RE.search(seg) and not V.VENUE_RE.search(seg)) or V.is_place_publisher(seg)):
            return ", ".join(segs[:k]), publisher_of(", ".join(segs[k:]))
        if V.GENRE_RE.match(seg) or V.EDITION_RE.match(seg) or V.TITLE_TAIL_RE.search(seg):
            rest = ", ".join(segs[k + 1 :])
            return ", ".join(segs[:k]), (publisher_of(rest) if rest and V.is_publisher(rest) else None)
    return text, None


def _is_year_only(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:1[5-9]|20)\d\d[a-z]?\s*\.?", text))


def strip_venue_end(container: str, body: Body) -> str:
    """Drop a trailing place ("..., Washington, D. C.") or publisher from a venue name."""
    segs = comma_segments(container)
    while len(segs) > 1:
        last = segs[-1].strip(" .")
        if not last:
            segs.pop()
            continue
        if V.VENUE_RE.search(last) or V.NOT_PLACE_RE.match(last):
            break
        if V.PUBLISHER_RE.search(last) or V.PLACE_PUB_RE.match(last):
            body.publisher = body.publisher or publisher_of(last)
            segs.pop()
            continue
        if V.PLACE_SEG_RE.match(last) or last.casefold() in V.MONTH_WORDS or is_place(last):
            segs.pop()
            continue
        break
    return ", ".join(segs)
