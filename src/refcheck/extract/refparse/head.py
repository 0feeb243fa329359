"""The head of a reference: its authors (or editors, or institution) and a year right after them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refcheck.model import Author
from refcheck.extract.refparse.locators import YEAR, YEAR_RE
from refcheck.extract.refparse.names import looks_institutional, scan_names
from refcheck.extract.refparse.segment import split_units
from refcheck.extract.refparse.vocab import EDS_RE
from refcheck.regexcache import cached_compile

# "(2014).", "2014,", "(1993a)", "(2012, March 5)", "(July 1978)", "(n.d.)", "(in press)"
_HEAD_YEAR_RE = cached_compile(
    rf"\s*[.,:;]?\s*(?:(?P<open>[(\[])\s*)?(?(open)(?:[A-Z][a-z]+\.?\s+(?:\d{{1,2}},?\s+)?)?)"
    rf"(?:(?P<y>{YEAR})(?P<ys>[a-z])?(?(open)(?:\s*[,/]\s*[^)\]]{{1,30}}?)?)"
    r"|(?P<nd>n\.\s?d\.?|s\.\s?d\.?|in\s+press|forthcoming|im\s+Druck|sous\s+presse|o\.\s?J\.?))"
    r"\s*(?(open)[)\]])(?=[\s.,:;]|$)\s*[.,:;]?",
    re.I,
)
# An organisation before its year: "World Health Organization (2020)", "U.S. Army Corps of Engineers (2009)".
_INST_HEAD_RE = cached_compile(
    rf"^(?P<name>(?:[^.()\[\],;:\"\u201c\u201d\u00ab\u00bb]|\.(?=\S)){{2,150}}?)\s*(?:\([A-Z]{{2,10}}\)\s*)?"
    rf"(?P<paren>(?=[(\[]\s*(?:{YEAR}|n\.\s?d)))?(?(paren)|(?=,\s*{YEAR}\b|\.\s+[(\[]?{YEAR}\b))"
)
# "———." and "____." stand for the author of the previous entry, who is not in this string.
_SAME_AUTHOR_RE = cached_compile(r"^(?:[-\u2010-\u2015_]\s?){2,}\s*[.,]?\s*")
_LEADING_YEAR_RE = cached_compile(rf"\(?({YEAR})([a-z])?\)?\.?\s+(?=[A-Z\"\u201c])")
_ACRONYM_RE = cached_compile(r"[A-Z&]{2,8}")
# Family names only, straight before the year: "Ortiz, Lang & Baker (1998)",
# "Novak, Davey Jones, Pereira et al. (1991)". With no initials anywhere, every
# comma separates two people (in "Baker, A. B. (1965)" it separates family and given).
_SURNAME = r"(?:(?:van|von|de|der|den|del|da|di|du|la|le)\s+){0,3}[A-ZÀ-Þ][a-zß-ÿ'’\-]+(?:[A-Z][a-zß-ÿ'’\-]+)*(?:\s+[A-ZÀ-Þ][a-zß-ÿ'’\-]+)?"
_SUFFIX = r"(?:,?\s*(?:Jr|Sr)\.?|\s+(?:II|III|IV))?"
_SURNAME_LIST_RE = cached_compile(
    rf"^(?P<names>{_SURNAME}{_SUFFIX}(?:\s*,\s*{_SURNAME}{_SUFFIX})*(?:\s*,?\s*(?:&|and)\s+{_SURNAME}{_SUFFIX})?)"
    rf"(?P<etal>\s*,?\s+et\s+al\.?)?\s*\(\s*(?P<y>{YEAR})(?P<ys>[a-z])?\s*\)\s*[.,:;]?"
)
_SURNAME_SPLIT_RE = cached_compile(r"\s*,?\s*(?:&|\band\b)\s*|\s*,(?!\s*(?:Jr|Sr)\b)\s*")
_PARTICLES_RE = cached_compile(r"^((?:(?:van|von|de|der|den|del|da|di|du|la|le)\s+)+)")


@dataclass(slots=True)
class Head:
    authors: list[Author] = field(default_factory=list)
    editors: list[Author] = field(default_factory=list)
    et_al: bool = False
    year: str | None = None
    year_suffix: str | None = None
    end: int = 0
    closer: str = ""  # the punctuation that ended the head ("," in comma-separated styles)


def read_head(s: str) -> Head:
    head = Head()
    m = _SAME_AUTHOR_RE.match(s)
    if m:
        # the same author as the entry above: what follows is a year or the title
        start = end = m.end()
        m = _HEAD_YEAR_RE.match(s, end)
        if m and m.group("y"):
            head.year, head.year_suffix, end = m.group("y"), m.group("ys"), m.end()
        head.end = end
        return head
    listed = _surname_list(s)
    if listed is not None:
        return listed
    start = 0
    scan = scan_names(s, start)
    authors, end = scan.authors, scan.end
    head.et_al = scan.et_al
    institution = None
    if not authors or (
        len(authors) == 1 and scan.form in ("single", "full", "vanc") and looks_institutional(s[start:end])
    ):
        institution = _institution(s, start)
    elif len(authors) == 1 and scan.form == "single" and _ACRONYM_RE.fullmatch(authors[0].family or ""):
        institution = (authors[0].family, end)  # IPCC (2013)
    if institution:
        name, end = institution
        authors = [Author(literal=name)]
    if not authors:
        m = _LEADING_YEAR_RE.match(s, start)
        if m:  # "1968 Tzeltal Numerical Classifiers" (the author given once, above)
            head.year, head.year_suffix, head.end = m.group(1), m.group(2), m.end()
            return head
    m = EDS_RE.match(s, end) if authors else None
    if m and m.group(0).strip(" .,"):
        head.editors, authors = authors, []
        end = m.end()
    head.authors = authors
    m = _HEAD_YEAR_RE.match(s, end)
    if m and (authors or head.editors):
        head.year, head.year_suffix = m.group("y"), m.group("ys")
        end = m.end()
        head.closer = m.group(0).rstrip()[-1:]
    else:
        rest = s[end:].lstrip()
        head.closer = rest[:1] if rest[:1] in ".,:;" else ""
    head.end = end
    return head


def _surname_list(s: str) -> Head | None:
    m = _SURNAME_LIST_RE.match(s)
    if not m or not (m.group("etal") or re.search(r",|&|\band\b", m.group("names"))):
        return None  # a single name before the year is read by the general path
    authors = []
    for piece in _SURNAME_SPLIT_RE.split(m.group("names")):
        piece = piece.strip(" ,")
        suffix = re.search(r"(?:,?\s*)(Jr|Sr)\.?$|\s+(II|III|IV)$", piece)
        if suffix:
            piece = piece[: suffix.start()].strip(" ,")
        if piece:
            particle = _PARTICLES_RE.match(piece)
            authors.append(
                Author(
                    family=piece[particle.end() :] if particle else piece,
                    particle=particle.group(1).strip() if particle else None,
                    suffix=(suffix.group(1) + "." if suffix.group(1) else suffix.group(2)) if suffix else None,
                )
            )
    head = Head(authors=authors, et_al=bool(m.group("etal")), year=m.group("y"), year_suffix=m.group("ys"), end=m.end())
    head.closer = m.group(0).rstrip()[-1:] if m.group(0).rstrip()[-1:] in ".,:;" else ""
    return head


def _institution(s: str, start: int) -> tuple[str, int] | None:
    m = _INST_HEAD_RE.match(s, start)
    if m and len(m.group("name").split()) <= 14:
        name = m.group("name").strip(" ,")
        # an organisation's name, or a short capitalised name before "(2019)"
        short_before_year = m.group("paren") is not None and name[:1].isupper() and len(name.split()) <= 6
        if name and (looks_institutional(name) or short_before_year):
            return name, m.end()
    units = split_units(s[start : start + 200])
    if units and units[0].kind == "plain":
        first = units[0].text
        if looks_institutional(first) and len(first.split()) <= 12 and not YEAR_RE.search(first):
            return first.rstrip(" .,"), s.find(first, start) + len(first)
    return None
