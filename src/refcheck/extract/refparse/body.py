"""After the head: which unit is the title, which the venue, and what the rest is."""

from __future__ import annotations

import re

from refcheck.model import Author
from refcheck.extract.refparse import vocab as V
from refcheck.extract.refparse.fields import (
    Body,
    clean_field,
    name_list,
    publisher_of,
    split_title_tail,
    split_title_venue,
    strip_editors,
    strip_venue_end,
    take_pubfacts,
)
from refcheck.extract.refparse.head import Head
from refcheck.extract.refparse.locators import YEAR_RE, find_tail, parse_locators, split_tail
from refcheck.extract.refparse.names import parse_name_list, scan_names
from refcheck.extract.refparse.segment import Unit

_BARE_NUMBER_RE = re.compile(r"\s*\d{1,4}\s*\.?\s*")
_PAGES_PAREN_RE = re.compile(r"\s*\((?:pp?\.|pages?)\s*[^)]*\)")
_LOCATOR_PAREN_RE = re.compile(r"\(([^()]*(?:vol|pp|p\.)[^()]*)\)\s*$", re.I)
_ROLE_WORDS_RE = re.compile(r"\b(?:translated|edited)\s+by\b|\b(?:ed|trans)\.")


def _all_names(text: str) -> bool:
    scan = scan_names(text)
    return bool(scan.authors) and not text[scan.end :].strip(" .,;")


def classify(unit: Unit) -> str:
    """italic, quoted, loc (only numbers), in, editors, translators, edition, genre or text."""
    t = unit.text
    if unit.kind in ("italic", "quoted"):
        return unit.kind
    if parse_locators(t) is not None:
        return "loc"
    if V.IN_RE.match(t):
        return "in"
    m = V.EDITED_BY_RE.match(t)
    if m and _all_names(t[m.end() :]):
        return "editors"
    m = V.TRANSLATED_RE.match(t)
    if m and _all_names(t[m.end() :]):
        return "translators"  # "Trans. Gerald M. Browne", not "Trans. Amer. Math. Soc."
    if V.EDITION_RE.match(t):
        return "edition"
    if V.GENRE_RE.match(t) or V.GENRE_ANY_RE.search(t):
        return "genre"
    return "text"


def read_body(units: list[Unit], head: Head, body: Body) -> None:
    if not units:
        return
    # The title: a quoted or italic span, else the first sentence.
    title_unit: Unit | None = units[0]
    if units[0].kind == "plain" and classify(units[0]) == "loc":
        title_unit = None
    rest = units[1:] if title_unit is not None else units
    kinds = [classify(u) for u in rest]
    venue = _find_venue(rest, kinds, title_unit)

    if title_unit is not None and title_unit.kind == "plain":
        # A title of several sentences: "From geopolitical to geoeconomic. The
        # changing ... space. Geopolitics, 2013" or "The authentic heart. An
        # eightfold path to midlife love. New York: Wiley." The sentences between
        # the first and the venue (or the publisher) belong to the title.
        stop = venue
        if stop is None:
            publishers = (j for j, (u, k) in enumerate(zip(rest, kinds)) if k == "text" and V.is_publisher(u.text))
            stop = next(publishers, None)
        if stop and all(
            k == "text" and not V.is_publisher(u.text) and not V.VENUE_RE.search(u.text) and not V.has_day_date(u.text)
            for u, k in zip(rest[:stop], kinds[:stop])
        ):
            joined = title_unit.text
            for u in rest[:stop]:
                joined += (" " if joined[-1:] in "?!" else ". ") + u.text
            title_unit = Unit(joined, "plain")
            rest, kinds = rest[stop:], kinds[stop:]
            venue = 0 if venue is not None else None

    if venue is not None and kinds[venue] == "in":
        rest, kinds = _join_book_title(rest, kinds, venue)

    if title_unit is not None:
        _read_title(title_unit, head, body, only=not rest, venue_follows=venue is not None)
    for j, (u, k) in enumerate(zip(rest, kinds)):
        text = u.text
        if j == venue:
            read_venue(u, k, body)
        elif k == "loc":
            loc = parse_locators(text)
            if loc and not (body.loc.pages and _BARE_NUMBER_RE.fullmatch(text)):
                body.loc.merge(loc)  # (a lone number after the pages is noise: a page of the PDF)
        elif k == "editors":
            names, _ = parse_name_list(V.EDITED_BY_RE.sub("", text))
            body.editors.extend(a for a in names if not a.literal)
        elif k == "genre":
            _read_genre(text, body)
        elif k in ("text", "in", "italic", "quoted"):
            if venue is not None and j < venue and k == "text":
                continue
            _read_other(text, j, venue, body)


def _join_book_title(rest: list[Unit], kinds: list[str], venue: int) -> tuple[list[Unit], list[str]]:
    """ "In D. J. Cain & J. Seeman (eds.). Humanistic Therapies. Washington: APA." and
    "In X (Eds.), The handbook. Practice, theory, and research. London: Sage.": the
    book's title runs on over the sentences before the publisher."""
    text = rest[venue].text
    stop = next((j for j in range(venue + 1, len(rest)) if kinds[j] != "text" or V.is_publisher(rest[j].text)), None)
    if stop is None or kinds[stop] != "text" or stop == venue + 1:
        return rest, kinds
    middle = rest[venue + 1 : stop]
    if any(V.VENUE_RE.search(u.text) or find_tail(u.text)[1] for u in middle):
        return rest, kinds
    for u in middle:
        text += ". " + u.text
    joined = Unit(text, "plain")
    return rest[:venue] + [joined] + rest[stop:], kinds[: venue + 1] + kinds[stop:]


def _find_venue(rest: list[Unit], kinds: list[str], title_unit: Unit | None) -> int | None:
    """The venue: the first unit that carries locators or is followed by them, an
    "In ..." unit, or an italic or quoted span after the title."""
    for j, (u, k) in enumerate(zip(rest, kinds)):
        if k in ("loc", "editors", "translators", "edition"):
            continue
        if k in ("in", "italic"):
            return j
        if k == "quoted" and title_unit is not None and title_unit.kind == "plain":
            return j
        if k == "text":
            _, tail, _ = find_tail(u.text)
            followed = j + 1 < len(rest) and kinds[j + 1] == "loc"
            if (tail and (tail.volume or tail.pages)) or followed:
                if V.is_publisher(u.text) and not (tail and tail.volume):
                    # "Proceedings of X. Irvine, CA: Morgan Kaufmann, pp. 24-30": the
                    # venue is the sentence before the publisher
                    before = (b for b in range(j - 1, -1, -1) if kinds[b] == "text" and V.VENUE_RE.search(rest[b].text))
                    back = next(before, None)
                    if back is not None:
                        return back
                    break
                return j
    if title_unit is None:
        return None
    # No locators anywhere: a text unit right after a quoted title is the venue
    # (a newspaper, a blog); after a plain title, a venue-looking one is, or a
    # short last one with a year ("Artificial Intelligence, 1988").
    for j, (u, k) in enumerate(zip(rest, kinds)):
        if k != "text":
            continue
        if V.is_publisher(u.text):
            return None
        last = all(k2 == "loc" for k2 in kinds[j + 1 :])
        _, tail, _ = find_tail(u.text)
        if (
            title_unit.kind == "quoted"
            or V.VENUE_RE.search(u.text)
            or V.has_day_date(u.text)
            or V.FORTHCOMING_RE.search(u.text)
            or (last and tail is not None and tail.year and len(u.text.split()) <= 8)
        ):
            return j
        return None
    return None


def _read_other(text: str, j: int, venue: int | None, body: Body) -> None:
    """A unit after the title that is not the venue: a publisher, a date, a note."""
    text = take_pubfacts(text, body)
    if V.is_publisher(text) or (venue is not None and j > venue) or body.publisher is None:
        pub = publisher_of(text)
        _, loc, _ = find_tail(text, after_space=True)
        if loc and not (loc.pages is None and body.loc.pages and _BARE_NUMBER_RE.fullmatch(text)):
            body.loc.merge(loc)
        if body.publisher is None and pub and not parse_locators(pub):
            if V.is_publisher(text) or len(pub.split()) <= 4:
                body.publisher = pub
    else:
        _, loc = split_tail(text, after_space=False)
        if loc:
            body.loc.merge(loc)


def _read_title(unit: Unit, head: Head, body: Body, only: bool, venue_follows: bool) -> None:
    text = unit.text
    if unit.kind == "plain":
        if V.NO_TITLE_RE.match(text):
            return
        text = take_pubfacts(text, body)
        text = V.NOTE_PAREN_RE.sub("", text)
        text = V.TRANSLATOR_PAREN_RE.sub("", text)
        if only and (head.year or head.closer == ","):
            # "Keling (1960), Tellus 12, 200-203": a short venue with its numbers, no title
            before, loc = split_tail(text, after_space=True)
            if loc and loc.volume and loc.pages and 0 < len(before.split()) <= 6 and "," not in before:
                body.container = clean_field(before)
                body.loc.merge(loc)
                return
        before, loc, junk = find_tail(text, after_space=False)
        if junk:
            # "Title, pp. 992-996, Addison-Wesley, Massachusetts 1990"
            pub = publisher_of(junk)
            if pub and V.is_publisher(junk):
                body.publisher = body.publisher or pub
            if loc is not None and loc.year is None:
                m = YEAR_RE.search(junk)
                if m:
                    loc.year = m.group(1)
        venue = None
        if loc and (loc.volume or loc.pages):
            # title and venue in one sentence: "Title, Journal, 12, 1-10"
            title, venue = split_title_venue(before)
            if venue is not None:
                # read the venue again with its numbers, as a venue unit of its own
                venue_text = text[text.find(venue, len(title)) :]
                read_venue(Unit(venue_text, "plain"), "in" if V.IN_RE.match(venue_text) else "text", body)
                text = title
            else:
                body.loc.merge(loc)
                text = before
        elif loc:
            body.loc.merge(loc)
            text = before
        else:
            # "Title, Journal of Logic Programming 1 pp. 35-50 (1984)": numbers after a space
            before, loc, _ = find_tail(text, after_space=True)
            if loc and loc.volume and (loc.pages or loc.year) and ", " in before:
                title, venue = split_title_venue(before)
                if venue is not None:
                    read_venue(Unit(text[text.find(venue, len(title)) :], "plain"), "text", body)
                    text = title
        if venue is None and text:
            # publishers and places only where nothing else can follow the title
            text, publisher = split_title_tail(text, publishers=only or not venue_follows)
            if publisher:
                body.publisher = body.publisher or publisher
    body.title = clean_field(text)


def read_venue(unit: Unit, kind: str, body: Body) -> None:
    """The journal, book or proceedings, with its editors, numbers and publisher."""
    text = unit.text
    editors: list[Author] = []
    if kind == "quoted":
        body.container = clean_field(text)
        return
    # "In J. Smith (Ed.), Book", and MLA's "X and Y, eds. Book"
    text, editors = strip_editors(text)
    text = take_pubfacts(text, body)
    text = V.TRANSLATOR_PAREN_RE.sub("", text)
    text = V.NOTE_PAREN_RE.sub("", text)
    if kind == "italic":
        body.editors.extend(editors)
        body.container = clean_field(text)
        return
    before, loc, rest = find_tail(text, after_space=True)
    if loc:
        body.loc.merge(loc)
    if rest:
        # what follows the numbers: a place, a publisher, a date
        if body.loc.year is None:
            m = YEAR_RE.search(rest)
            if m:
                body.loc.year, body.loc.year_suffix = m.group(1), m.group(2)
        strip_venue_end("x, " + rest, body)  # for the publisher it may name
    before = _PAGES_PAREN_RE.sub("", before)
    m = _LOCATOR_PAREN_RE.search(before)
    if m:
        loc2 = parse_locators(m.group(1))
        if loc2:
            body.loc.merge(loc2)
            before = before[: m.start()]
    before = V.VENUE_NOTE_RE.sub("", before)
    m = V.VENUE_EDITORS_RE.search(before)
    if m:
        # "Progress in X, Vol. 1, L. N. Kanal and A. Rosenfeld (Eds.), New York: ..."
        group, offset = m.group(1), m.start(1)
        for cut in [0] + [i + 1 for i, ch in enumerate(group) if ch == ","]:
            names = name_list(group[cut:])
            if names:
                editors.extend(names)
                after = before[m.end() :].strip(" .,")
                before = before[: offset + cut].rstrip(" ,")
                if after and body.publisher is None:
                    body.publisher = publisher_of(after)  # "X, E. Neuhold, Ed. North-Holland"
                break
    m = V.EDITED_BY_SEG_RE.search(before)
    if m:
        # Chicago: "In Book, edited by X and Y, translated by Z"
        names, _ = parse_name_list(_ROLE_WORDS_RE.sub(",", m.group(1)))
        if m.group(0).lstrip(", ").lower().startswith(("edited", "ed.")):
            editors.extend(a for a in names if not a.literal)
        before = before[: m.start()]
    body.editors.extend(editors)
    body.container = clean_field(strip_venue_end(before, body))


def _read_genre(text: str, body: Body) -> None:
    """ "Paper presented at X" names a venue; "PhD thesis, Univ. Y" a publisher."""
    m = V.PRESENTED_RE.match(text)
    if m:
        before, loc = split_tail(text[m.end() :], after_space=False)
        if loc:
            body.loc.merge(loc)
        body.container = body.container or clean_field(before)
        return
    parts = [p.strip() for p in text.split(",")]
    pub = ", ".join(p for p in parts[1:] if p and not YEAR_RE.fullmatch(p) and not parse_locators(p))
    _, loc = split_tail(text, after_space=False)
    if loc:
        body.loc.merge(loc)
    if pub and body.publisher is None:
        body.publisher = clean_field(pub)
