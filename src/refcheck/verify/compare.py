"""Where a found work's metadata differs from the citation's: year, venue, volume, issue, pages, DOI, author spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from refcheck.match.matcher import Cited
from refcheck.textnorm import fold, normalize_doi, venues_agree
from refcheck.verify.record import Record

# the fields whose difference makes a found work "mismatched"; an author's spelling is reported but the work is
# the same publication (the registry's spelling is the suggestion)
PUBLICATION_FIELDS = ("year", "venue", "volume", "issue", "pages", "doi")


@dataclass(frozen=True)
class Mismatch:
    field: str  # "year", "venue", "volume", "issue", "pages", "doi", "author"
    cited: str
    registry: str

    def to_json(self) -> dict:
        return {"field": self.field, "cited": self.cited, "registry": self.registry}


def _number(value: str | None) -> str | None:
    m = re.search(r"\d+", value or "")
    return m.group(0).lstrip("0") or "0" if m else None


def _page_range(pages: str | None) -> tuple[str, str | None] | None:
    """('267', '283') from '267-283', '267–83', 'pp. 267-283'; the last page expanded from its abbreviation."""
    m = re.search(r"([A-Za-z]?\d+)(?:\s*[-–—]+\s*([A-Za-z]?\d+))?", pages or "")
    if not m:
        return None
    first, last = m.group(1), m.group(2)
    if last and last.isdigit() and first.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def _pages_differ(cited: str, registry: str) -> bool:
    a, b = _page_range(cited), _page_range(registry)
    if a is None or b is None:
        return False
    return a[0] != b[0] or (a[1] is not None and b[1] is not None and a[1] != b[1])


def _initialism(short: str, long: str) -> bool:
    """'NIPS' for 'Advances in Neural Information Processing Systems': DBLP names venues by such acronyms."""
    letters = short.replace(".", "").strip()
    if not (2 <= len(letters) <= 10 and letters.isalpha() and letters.isupper()):
        return False
    initials = iter(w[0] for w in fold(long).split() if w[0].isalpha())
    return all(ch in initials for ch in letters.lower())


def _venues_differ(cited: str, registry: str) -> bool:
    if venues_agree(cited, registry) or _initialism(cited, registry) or _initialism(registry, cited):
        return False
    return fuzz.token_set_ratio(fold(cited), fold(registry)) < 85


def mismatches(cited: Cited, issue: str | None, record: Record) -> list[Mismatch]:
    out: list[Mismatch] = []
    if cited.year and record.years and cited.year not in record.years:
        out.append(Mismatch("year", cited.year, record.year or ""))
    if cited.container and record.container and _venues_differ(cited.container, record.container):
        out.append(Mismatch("venue", cited.container, record.container))
    if cited.volume and record.volume and _number(cited.volume) != _number(record.volume):
        out.append(Mismatch("volume", cited.volume, record.volume))
    if issue and record.issue and _number(issue) != _number(record.issue):
        out.append(Mismatch("issue", issue, record.issue))
    if cited.pages and record.pages and _pages_differ(cited.pages, record.pages):
        out.append(Mismatch("pages", cited.pages, record.pages))
    if cited.doi and record.doi and normalize_doi(cited.doi) != normalize_doi(record.doi):
        out.append(Mismatch("doi", normalize_doi(cited.doi) or cited.doi, record.doi))
    if cited.authors and record.authors:
        from refcheck.verify.decide import authors_verdict

        verdict = authors_verdict(tuple(cited.authors), cited.et_al, record.authors)
        out += [Mismatch("author", a, b) for a, b in verdict.typos]
    return out
