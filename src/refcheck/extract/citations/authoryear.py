"""Author–year citations: parenthetical (Smith & Jones, 2019; Lee et al. 2020a) and narrative Smith et al. (2019)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.extract.citations.names import AUTHORS, AUTHORS_IN_PARENS, YEARS, plausible, split_names
from refcheck.extract.patterns import SIGNAL, YEAR
from refcheck.model import CitationKind, NameMention
from refcheck.regexcache import cached_compile

# a citation may break across one line end ("(Steele &" / "Aronson, 1995)"), not across a blank line
_INSIDE = r"(?:[^()\n]|\n(?![ \t]*\n))"
_PARENS = cached_compile(rf"\(({_INSIDE}{{0,400}}?\b{YEAR}{_INSIDE}{{0,200}}?)\)")
# a citation signal, or a phrase that leads in the same way ("for a review"), before the names
_PREFIX = cached_compile(rf"^(?:{SIGNAL}|(?:i\.e\.,?|for\s+example,?|for\s+a\s+review,?|as\s+in)\s+)+", re.I)
_LOCATOR = r"(?:pp?\.\s*[\divxlc]+(?:\s*[–-]\s*[\divxlc]+)?|chap(?:ter)?\.?\s*\d+|ch\.\s*\d+|sec(?:tion)?\.?\s*[\d.]+|§\s*[\d.]+|fig\.\s*\d+|table\s*\d+|n\.\s*\d+|para\.\s*\d+|[\d]+(?:\s*[–-]\s*\d+)?)"
_PART = cached_compile(rf"^{AUTHORS_IN_PARENS},?\s+{YEARS}(?P<loc>\s*[,:]\s*{_LOCATOR})?$")
_NARRATIVE = cached_compile(rf"(?<![\w.])(?:{AUTHORS})(?:'s|’s)?\s*\(\s*{YEARS}(?P<loc>\s*[,:]\s*{_LOCATOR})?\s*\)")


def find_author_year(text: str, in_running_text) -> Iterator[RawCitation]:
    taken: list[tuple[int, int]] = []
    for m in _PARENS.finditer(text):
        if not in_running_text(m.start()):
            continue
        inner_start = m.start(1)
        pos = 0
        for part in m.group(1).split(";"):
            part_start = inner_start + pos + (len(part) - len(part.lstrip()))
            pos += len(part) + 1
            cleaned = _PREFIX.sub("", part.strip())
            offset = part_start + (len(part.strip()) - len(cleaned))
            found = _PART.match(cleaned)
            if not found:
                continue
            names = split_names(found.group("authors"))
            # "(May, 1975)" is an author as often as a date: such a candidate is tentative, the library decides
            doubtful = not plausible(names)
            label = cleaned[: found.start("loc")] if found.group("loc") else cleaned
            years = _years(found.group("years"))
            page = _page_after(found.group("years"))
            if page:  # "(Denker et al. 2008, 1707)": the second number is the page
                label = cleaned[: found.start("years")] + found.group("years")[: found.group("years").rfind(page)]
            label = " ".join(label.split()).rstrip(" ,")
            for year in years:
                yield RawCitation(
                    CitationKind.AUTHOR_YEAR,
                    label,
                    offset,
                    offset + len(cleaned),
                    locator=(found.group("loc") or "").strip(" ,:") or None,
                    mention=NameMention(tuple(names), bool(found.group("etal")), year),
                    tentative=doubtful,
                )
            taken.append((m.start(), m.end()))
    for m in _NARRATIVE.finditer(text):
        if not in_running_text(m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        names = split_names(m.group("authors"))
        start = m.start()
        # "As Kim (2019)": drop leading function words that the name pattern took in
        while names and not plausible(names[:1]):
            dropped = names.pop(0)
            start = text.find(names[0], start + len(dropped)) if names else start
        if not names or not plausible(names):
            continue
        label = text[start : m.start("loc")] + ")" if m.group("loc") else text[start : m.end()]
        label = re.sub(r"\s+", " ", label)
        for year in _years(m.group("years")):
            yield RawCitation(
                CitationKind.AUTHOR_YEAR,
                label,
                start,
                m.end(),
                narrative=True,
                locator=(m.group("loc") or "").strip(" ,:") or None,
                mention=NameMention(tuple(names), bool(m.group("etal")), year),
            )


def _page_after(years: str) -> str | None:
    """A 'year' lower than the one before it is a page number (Chicago author-date writes no 'p.')."""
    found = re.findall(rf"{YEAR}", years)
    for before, after in zip(found, found[1:]):
        if int(after) < int(before):
            return after
    return None


def _years(years: str) -> list[str | None]:
    found = re.findall(rf"{YEAR}", years)
    for i, (before, after) in enumerate(zip(found, found[1:])):
        if int(after) < int(before):
            found = found[: i + 1]
            break
    return list(dict.fromkeys(found)) or [None]
