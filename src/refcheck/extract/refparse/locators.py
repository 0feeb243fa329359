"""Years, dates, volume, issue and pages: the numeric tail of a reference."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.extract.refparse.chars import DASH
from refcheck.extract.refparse.clean import page_dashes
from refcheck.regexcache import cached_compile

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# A year with an optional disambiguating letter (2020a); not part of a longer number.
YEAR_RE = cached_compile(rf"(?<![\d/.\-:\u2013])({YEAR})([a-z])?(?![\da-zA-Z]|\.\d|\s*[-\u2013]\s*\d{{3}})")

MONTHS = (
    r"(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|f[ée]vr(?:ier)?|m[aä]r(?:ch|s|z)?|apr(?:il)?|avr(?:il)?|may|mai"
    r"|june?|juin"
    r"|juli?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sept?(?:ember|embre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?"
    r"|dec(?:ember)?|d[ée]c(?:embre)?|dez(?:ember)?|spring|summer|autumn|fall|winter|printemps|[ée]t[ée]|automne"
    r"|hiver"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro"
    r"|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|septembre|novembre|d[ée]cembre)"
)
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
PAGE = r"(?:[A-Za-z]{0,2}\d+[A-Za-z]?\+?|[ivxlcdm]{1,7}(?![a-z]))"
PAGE_RANGE = rf"{PAGE}(?:\s*{DASH}\s*{PAGE})?(?![\d])"

_TOKEN_RE = cached_compile(
    rf"""
    (?P<vanc>(?P<vy>{YEAR})[a-z]?(?:\s+{MONTHS}\.?(?:\s+\d{{1,2}})?)?\s*;\s*(?P<vv>[A-Za-z]?\d+[A-Za-z]?)?
        \s*(?:\(\s*(?P<vi>[^()]{{1,15}}?)\s*\))?\s*(?::\s*(?P<vp>{PAGE_RANGE}))?)
  | (?P<volkw>\b(?:vol(?:ume)?|vols|v|bd|band|t|tome|tomo|jg|jahrgang)\.?\s*
        (?P<vol>\d+[A-Za-z]?(?:\s*[-/]\s*\d+)?|[IVXLCDM]+\b|[ivxlcdm]+\b)
        (?:\s*\(\s*(?P<voli>[^()]{{1,15}}?)\s*\))?)
  | (?P<isskw>(?:\b(?:nos?|nr|n|num|number|issue|iss|heft|h|fasc|cahier)\.?|n[°º]\.?|\#)\s*
        (?P<iss>\d+[A-Za-z]?(?:\s*(?:[-/&]|{DASH})\s*\d+)?))
  | (?P<ppkw>\b(?:pp|p|pages?|pgs?|ss?|pág|págs|str|sp)\.?\s*(?P<pp>{PAGE_RANGE}))
  | (?P<count>\b\d+\s*(?:pp|pages|p|S|ss)\b\.?)
  | (?P<voliss>(?P<v2>[A-Za-z]?\d+[A-Za-z]?)\s*,?\s*\(\s*(?P<i2>[^()]{{1,15}}?)\s*\))
  | (?P<colon>(?P<cv>[A-Za-z]?\d+[A-Za-z]?)\s*:\s*(?P<cp>{PAGE_RANGE})(?![\d:]))
  | (?P<date>(?:{DAY}(?:\s*{DASH}\s*\d{{1,2}})?\.?\s+)?{MONTHS}\.?(?:\s*(?:{DASH}|/)\s*{MONTHS}\.?)?
        (?:\s+{DAY}(?:\s*{DASH}\s*\d{{1,2}})?,?)?\s+(?P<dy>{YEAR})(?![\d]))
  | (?P<year>\(?\s*(?P<y>{YEAR})(?P<ys>[a-z])?\s*\)?(?![\d]|\s*{DASH}\s*\d))
  | (?P<yrange>{YEAR}\s*{DASH}\s*{YEAR}(?![\d]))
  | (?P<dotvi>(?P<dv>\d{{1,4}})\.(?P<di>\d{{1,3}})(?=\s*[(:,]|\s*$))
  | (?P<range>{PAGE}\s*{DASH}\s*{PAGE}(?![\d]))
  | (?P<num>\(?\s*(?P<n>[A-Za-z]?\d+[A-Za-z]?)\s*\)?)
  | (?P<roman>(?-i:\b[IVXLC]{{1,7}}\b))
  | (?P<month>\b{MONTHS}\b\.?)
  | (?P<part>\b(?:part|pt|suppl(?:ement)?|sect?|ser(?:ies)?|special\s+issue|art(?:icle)?)\.?\s*[A-Za-z]?\d*\b)
  | (?P<sep>[\s,;:.()\[\]/]+)
  | (?P<other>\S)
    """,
    re.X | re.I,
)


@dataclass(slots=True)
class Locators:
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    year: str | None = None
    year_suffix: str | None = None
    bare: bool = False  # the volume is a bare number ("..., 45."): a page in a book note

    def merge(self, other: "Locators") -> None:
        if self.volume is None and other.volume is not None:
            self.bare = other.bare
        for name in ("volume", "issue", "pages", "year", "year_suffix"):
            if getattr(self, name) is None and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))


def _pages(value: str) -> str:
    value = page_dashes(re.sub(r"\s+", "", value))
    return re.sub(rf"\s*{DASH}\s*", "-", value)


def _is_year(value: str) -> bool:
    return bool(re.fullmatch(YEAR, value))


def tokenize(text: str) -> list[tuple[str, re.Match]] | None:
    """Locator tokens of `text`, or None when some of it is not a locator."""
    tokens, stop = _tokenize_prefix(text)
    return tokens if stop == len(text) else None


def interpret(tokens: list[tuple[str, re.Match]]) -> Locators:
    loc = Locators()
    kinds = [k for k, _ in tokens]
    for i, (kind, m) in enumerate(tokens):
        later = kinds[i + 1 :]
        if kind == "vanc":
            loc.year = loc.year or m.group("vy")
            if m.group("vv"):
                loc.volume = loc.volume or m.group("vv")
            if m.group("vi"):
                loc.issue = loc.issue or m.group("vi").strip()
            if m.group("vp"):
                loc.pages = loc.pages or _pages(m.group("vp"))
        elif kind == "volkw":
            loc.volume = loc.volume or m.group("vol").replace(" ", "")
            if m.group("voli"):
                _paren_issue(loc, m.group("voli"))
        elif kind == "isskw":
            loc.issue = loc.issue or _pages(m.group("iss"))
        elif kind == "ppkw":
            loc.pages = loc.pages or _pages(m.group("pp"))
        elif kind == "voliss":
            if loc.volume is None:
                loc.volume = m.group("v2")
                _paren_issue(loc, m.group("i2"))
            elif _is_year(m.group("i2").strip()) and loc.pages is None and loc.issue is not None:
                loc.pages = m.group("v2")
                loc.year = loc.year or m.group("i2").strip()
            elif loc.issue is None and not (
                _is_year(m.group("i2").strip()) and "range" not in later and "ppkw" not in later
            ):
                # "Operations Research 36, 3 (1988), 454-469": issue, then the date
                loc.issue = m.group("v2")
                _paren_issue(loc, m.group("i2"))
            elif loc.pages is None and _is_year(m.group("i2").strip()):
                # "Phys. Rev. Lett. 96, 216407 (2006)": an article number, then the year
                loc.pages = m.group("v2")
                loc.year = loc.year or m.group("i2").strip()
            elif loc.pages is None:
                loc.pages = m.group("v2")
        elif kind == "colon":
            if loc.volume is None and not _is_year(m.group("cv")):
                loc.volume = m.group("cv")
            elif loc.volume is not None and loc.issue is None and ("colon" in later or "range" in later):
                loc.issue = m.group("cv")  # "XIV:4:" style volume:issue:pages
                continue
            elif _is_year(m.group("cv")):
                loc.year = loc.year or m.group("cv")
            loc.pages = loc.pages or _pages(m.group("cp"))
        elif kind == "date":
            loc.year = loc.year or m.group("dy")
        elif kind == "year":
            text = m.group(0)
            if loc.year is None:
                loc.year, loc.year_suffix = m.group("y"), m.group("ys")
            elif "(" not in text and loc.volume is None and any(k in ("num", "range", "ppkw") for k in later):
                loc.volume = m.group("y")
            elif "(" in text and loc.volume is not None and loc.issue is None:
                loc.issue = m.group("y")
            elif "(" not in text and loc.volume is not None and loc.pages is None and not later:
                loc.pages = m.group("y")  # "Nano Lett. 2010, 10, 1979": a page that looks like a year
        elif kind == "dotvi":
            if loc.volume is None:
                loc.volume, loc.issue = m.group("dv"), m.group("di")  # MLA "40.1"
        elif kind == "yrange":
            if loc.volume is not None and loc.pages is None:
                loc.pages = _pages(m.group(0))  # "66(7), 1693-1702"
            # else "1871-1880": a span of years, not pages
        elif kind == "range":
            loc.pages = loc.pages or _pages(m.group(0))
        elif kind == "num":
            value = m.group("n")
            paren = "(" in m.group(0)
            if paren and loc.volume is not None and loc.issue is None:
                loc.issue = value
            elif loc.volume is None and loc.pages is None:
                loc.volume, loc.bare = value, True
            elif loc.issue is None and loc.pages is None and ("range" in later or "ppkw" in later or "num" in later):
                loc.issue = value
            elif loc.pages is None:
                loc.pages = value
        elif kind == "roman":
            if loc.volume is None:
                loc.volume = m.group(0)
    return loc


def _paren_issue(loc: Locators, inner: str) -> None:
    inner = inner.strip()
    m = YEAR_RE.search(inner)
    if m and (_is_year(inner) or re.search(MONTHS, inner, re.I)):
        loc.year = loc.year or m.group(1)  # "(1995)", "(Dec. 1995)"
    elif loc.issue is None:
        loc.issue = _pages(inner)


def parse_locators(text: str) -> Locators | None:
    tokens = tokenize(text)
    if tokens is None:
        return None
    return interpret(tokens)


# Where a locator run may begin: after a separator (or, inside a venue unit,
# after a space: "Tellus 12, 200-203", "Foreign Affairs 73, no. 6").
_START_RE = cached_compile(
    r"(?:(?<=[\s,;:])|(?<=[\s,;:]\()|^)(?=[(\[]?\s*(?:\d|[IVXLC]+\b|[A-Za-z]?\d"
    r"|(?:vol|vols|volume|v|no|n|nr|pp?|pages?|bd|t|jg|issue|heft|h|art)\b"
    r"|n[°º]|#|" + MONTHS + r"\b))",
    re.I,
)
_WEAK_ONLY = {"month", "part"}
# Tokens after which the rest of a venue may be a place, a publisher or a note:
# "..., pages 393-397, Washington, D. C., May 1993", "vol. 989 of Lecture Notes".
_STRONG = {"ppkw", "range", "volkw", "voliss", "colon", "vanc", "isskw", "dotvi"}


def _tokenize_prefix(text: str) -> tuple[list[tuple[str, re.Match]], int]:
    """Locator tokens from the start of `text` and where they stop."""
    out: list[tuple[str, re.Match]] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            break
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos or m.lastgroup == "other":
            break
        if m.lastgroup != "sep":
            out.append((m.lastgroup, m))
        pos = m.end()
    return out, pos


def find_tail(text: str, after_space: bool = True) -> tuple[str, Locators | None, str]:
    """Split "Journal of X, 12(3), 89-104, London" into ("Journal of X", locators, "London")."""
    for m in _START_RE.finditer(text):
        start = m.start()
        before = text[:start]
        if not after_space and before.strip() and before.rstrip()[-1:] not in ",;:(":
            continue
        if not after_space and start == 0:
            continue
        tokens, stop = _tokenize_prefix(text[start:])
        if not tokens or all(k in _WEAK_ONLY for k, _ in tokens) or tokens[0][0] == "yrange":
            continue
        if tokens[0][0] == "roman" and before.rstrip()[-1:] not in ",;:":
            continue  # "ASPLOS IV", "Space II": a numeral of the name
        rest = text[start + stop :]
        if rest.strip(" .,;:)]"):
            # junk after the locators: only after a page range, a volume or an issue
            # (a bare number or year followed by words is part of a name)
            if tokens[0][0] not in _STRONG or (not after_space and tokens[0][0] != "ppkw"):
                continue
            if rest[:1].isalnum() and text[start + stop - 1 : start + stop].isalnum():
                continue  # the token ran into a word
        before = before.rstrip(" ,;:([").rstrip()
        if before.count("(") > before.count(")"):
            before = before[: before.rfind("(")].rstrip(" ,;:")  # "Proc. X (Berlin, 1996)"
        loc = interpret(tokens)
        if loc.pages is None:
            # "vol. 1099, of Lecture Notes in Computer Science, Springer, pp. 232-243"
            pm = _PAGES_KW_RE.search(rest)
            if pm:
                loc.pages = _pages(pm.group(1))
                rest = rest[: pm.start()] + rest[pm.end() :]
        return before, loc, rest.strip(" .,;:)]")
    return text, None, ""


_PAGES_KW_RE = cached_compile(rf"\b(?:pp|pages)\.?\s*({PAGE_RANGE})", re.I)


def split_tail(text: str, after_space: bool = True) -> tuple[str, Locators | None]:
    """Split "Journal of X, 12(3), 89-104" into ("Journal of X", locators)."""
    for m in _START_RE.finditer(text):
        start = m.start()
        before = text[:start]
        if not after_space and (start == 0 or before.rstrip()[-1:] not in ",;:("):
            continue
        tokens = tokenize(text[start:])
        if not tokens or all(k in _WEAK_ONLY for k, _ in tokens) or tokens[0][0] == "yrange":
            continue
        before = before.rstrip(" ,;:([").rstrip()
        if before.count("(") > before.count(")"):
            before = before[: before.rfind("(")].rstrip(" ,;:")
        return before, interpret(tokens)
    return text, None
