"""Parsed reference strings (`model.Reference`) as BibTeX entries: a type guessed, a `familyYEARword` key, the string kept.

The library stage does not read documents: the caller runs the extract stage
and passes the references in. A work cited twice (a footnote and its
reference-list item, say) becomes one entry: references with the same DOI,
URL, or title and year are merged, the first one's fields winning. The
original string goes into `annote` (printed by no standard style) for review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from dataclasses import replace

from refcheck.library.clean.model import TEXT, CleanEntry, Field
from refcheck.model import Author, Reference
from refcheck.textnorm import fold, normalize_doi, normalize_url

SOURCE_FIELD = "annote"

_STOP = frozenset(
    "a an the of on in at to for from with and or by as is are was its into via de la le les des du der die das "
    "und von van en et el los las".split()
)
_REPORT = re.compile(r"\b(?:report|statistics|white paper|overview|survey results|yearbook|working paper)\b", re.IGNORECASE)
_IN_BOOK = re.compile(r"(?:^|[.,]\s*)In:?\s+\S|\(\s*eds?\.?\s*\)|\beds?\.\s*(?:by)?", re.IGNORECASE)
_SPECIAL = re.compile(r"(?<!\\)([&%#$])")
_PAGE_DASH = re.compile(r"\s*(?:-+|–|—)\s*")

# Revised Romanization of Korean, syllable by syllable (no sound changes across syllables): enough for a key.
_L = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()
_V = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_T = [""] + "k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()


def romanize(text: str) -> str:
    """Hangul syllables in Latin letters (강준수 -> gangjunsu); other characters as they are."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial = _L[code // 588]
            out.append(("" if initial == "_" else initial) + _V[(code % 588) // 28] + _T[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def key_word(text: str) -> str:
    """Lower-case ASCII letters and digits for a key: accents stripped, Hangul romanised; other scripts kept."""
    text = unicodedata.normalize("NFKD", romanize(text))
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch)).lower()


def _latex(text: str) -> str:
    """Plain text as a BibTeX value: TeX's special characters escaped, braces balanced."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    depth = 0
    for ch in text:
        depth += 1 if ch == "{" else -1 if ch == "}" else 0
        if depth < 0:
            break
    if depth != 0:  # an unbalanced brace would swallow the rest of the file
        text = text.replace("{", "(").replace("}", ")")
    return text


def bibtex_name(a: Author) -> str:
    """`Family, Given` (`von Family, Jr, Given`); an institution in braces so that BibTeX does not split it."""
    if a.literal:
        return "{" + _latex(a.literal) + "}"
    family = " ".join(p for p in (a.particle, a.family) if p) if not (a.particle or "").endswith(("'", "’")) else f"{a.particle}{a.family}"
    parts = [_latex(family or "")]
    if a.suffix:
        parts.append(_latex(a.suffix))
    if a.given:
        parts.append(_latex(a.given))
    return ", ".join(p for p in parts if p)


def entry_type(r: Reference) -> str:
    """article, incollection, book, report or online, from what the reference has."""
    if r.container and (r.editors or _IN_BOOK.search(r.raw)):
        return "incollection"
    if r.container and _REPORT.search(r.container) and not (r.volume or r.issue):
        return "report"
    if r.container:
        return "article"
    if r.title and (_REPORT.search(r.title) or any(a.literal for a in r.authors[:1])):
        return "report"
    if r.publisher and r.title:
        return "book"
    if r.url and not (r.authors and r.year):
        return "online"
    return "book" if r.title else "online" if r.url else "misc"


def _who(r: Reference) -> str:
    people = r.authors or r.editors
    if people:
        first = people[0]
        name = first.literal.split()[0] if first.literal else (first.family or first.given or "")
        if word := key_word(name):
            return word
    if r.url:  # the site's own name: press.ajou.ac.kr -> ajou
        labels = re.sub(r"^[a-z]+://", "", r.url.lower()).split("/")[0].split(".")
        while len(labels) > 1 and len(labels[-1]) <= 3:
            labels.pop()
        if word := key_word(labels[-1]):
            return word
    words = [w for w in (r.title or "").split() if key_word(w)]
    return key_word(words[0]) if words else "anon"


def _what(r: Reference, skip: str) -> str:
    for w in re.split(r"[\s/:]+", r.title or r.container or ""):
        word = key_word(w)
        if word and word not in _STOP and word != skip:
            return word[:20]
    return ""


def make_key(r: Reference, taken: set[str]) -> str:
    """`familyYEARword` (moisio2013geopolitical), made unique with a, b, c ... against `taken` (lower case)."""
    who = _who(r)
    base = f"{who}{r.year or 'nd'}{r.year_suffix or ''}{_what(r, who)}"
    key, n = base, 0
    while key.lower() in taken:
        n += 1
        key = base + ("abcdefghijklmnopqrstuvwxyz"[n - 1] if n <= 26 else str(n))
    taken.add(key.lower())
    return key


def _identity(r: Reference) -> list[str]:
    """The ways two references can be the same work: DOI, URL, title and year, the string itself."""
    ids = []
    if doi := normalize_doi(r.doi):
        ids.append("doi:" + doi)
    if url := normalize_url(r.url):
        ids.append("url:" + url)
    if r.title:
        ids.append(f"title:{fold(r.title)}|{r.year or ''}")
    ids.append("raw:" + fold(r.raw))
    return ids


def _merge(a: Reference, b: Reference) -> Reference:
    """`a` with the fields it lacks taken from `b`."""
    missing = {f.name: getattr(b, f.name) for f in dataclass_fields(a) if not getattr(a, f.name) and getattr(b, f.name)}
    return replace(a, **missing) if missing else a


def unique_references(references: Iterable[Reference]) -> list[Reference]:
    """Each work once, in first-seen order, with the fields its later mentions add."""
    out: list[Reference] = []
    where: dict[str, int] = {}
    for r in references:
        if not (r.title or r.url or r.doi or r.authors):
            continue  # a note of commentary names no work
        hit = next((where[i] for i in _identity(r) if i in where), None)
        if hit is None:
            hit = len(out)
            out.append(r)
        else:
            out[hit] = _merge(out[hit], r)
        for i in _identity(out[hit]):
            where.setdefault(i, hit)
    return out


def reference_entry(r: Reference, key: str) -> CleanEntry:
    """One reference as an entry with the fields it has."""
    kind = entry_type(r)
    fields: list[Field] = []

    def add(name: str, value: str | None) -> None:
        if value and value.replace("{", "").replace("}", "").strip():  # a field with nothing in it is left out
            fields.append(Field(name, value, TEXT))

    if r.authors:
        add("author", " and ".join(bibtex_name(a) for a in r.authors) + (" and others" if r.et_al else ""))
    if r.editors:
        add("editor", " and ".join(bibtex_name(a) for a in r.editors))
    add("title", _latex(r.title) if r.title else None)
    container = {"article": "journal", "incollection": "booktitle"}.get(kind, "howpublished" if kind in ("online", "misc") else "series")
    add(container, _latex(r.container) if r.container else None)
    add("volume", r.volume)
    add("number", r.issue)
    add("pages", _PAGE_DASH.sub("--", r.pages) if r.pages else None)
    if kind == "report":
        literal = next((a.literal for a in r.authors if a.literal), None)
        add("institution", _latex(r.publisher or literal) if (r.publisher or literal) else None)
    else:
        add("publisher", _latex(r.publisher) if r.publisher else None)
    add("year", r.year)
    add("doi", normalize_doi(r.doi) if r.doi else None)
    add("url", r.url)
    add(SOURCE_FIELD, _latex(r.raw))
    return CleanEntry(kind, key, fields)


def references_to_entries(references: Iterable[Reference], taken: Iterable[str] = ()) -> list[CleanEntry]:
    """The entries for `references` (each work once), with keys unique among themselves and `taken`."""
    used = {k.lower() for k in taken}
    return [reference_entry(r, make_key(r, used)) for r in unique_references(references)]
