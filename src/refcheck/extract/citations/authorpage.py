"""Author–page citations without a year, as MLA writes them: (Pettegree 45), (Kuik et al.; Mayer et al.), (Green).

A capitalised word in parentheses is as often a gloss or an acronym as a
citation, so these are found only in documents that cite no other way, and
are *tentative*: the resolve stage keeps one only when the library, or the
document's own Works Cited list, names such an author.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.extract.citations.names import AUTHORS_IN_PARENS, plausible, split_names
from refcheck.extract.patterns import YEAR
from refcheck.model import CitationKind, NameMention
from refcheck.regexcache import cached_compile

_PARENS = cached_compile(r"\(([^()\n]{2,300})\)")
_PAGES = r"(?:pp?\.\s*)?[\divxlc]+(?:\s*[–-]\s*[\divxlc]+)?"
_PART = cached_compile(rf"^{AUTHORS_IN_PARENS}(?:,?\s+(?P<loc>{_PAGES}))?$")
_HAS_YEAR = cached_compile(YEAR)


def find_author_page(text: str, in_running_text) -> Iterator[RawCitation]:
    for m in _PARENS.finditer(text.replace("\n", " ")):
        if not in_running_text(m.start()) or _HAS_YEAR.search(m.group(1)):
            continue
        inner_start = m.start(1)
        pos = 0
        for part in m.group(1).split(";"):
            stripped = part.strip()
            offset = inner_start + pos + (len(part) - len(part.lstrip()))
            pos += len(part) + 1
            found = _PART.match(stripped)
            if not found:
                continue
            names = split_names(found.group("authors"))
            if not plausible(names) or any(len(n.split()) > 3 for n in names):
                continue
            label = stripped[: found.start("loc")].rstrip(" ,") if found.group("loc") else stripped  # the page is a locator
            yield RawCitation(
                CitationKind.AUTHOR_YEAR,
                label,
                offset,
                offset + len(stripped),
                locator=found.group("loc"),
                mention=NameMention(tuple(names), bool(found.group("etal")), None),
                tentative=True,
            )
