"""The years a claim reports: single years and the ends of ranges, minus names, titles, citations and outlooks."""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(1[5-9]\d\d|20\d\d)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_RANGE = re.compile(
    rf"(?:\b[Ff]rom\s+(?:{_MONTH}\s+)?{_YEAR}\s+(?:to|until|till|through)\s+(?:{_MONTH}\s+)?{_YEAR}"
    rf"|\b[Bb]etween\s+(?:{_MONTH}\s+)?{_YEAR}\s+and\s+(?:{_MONTH}\s+)?{_YEAR}"
    rf"|(?<![\d.,])(?:{_MONTH}\s+)?{_YEAR}\s*[–—-]\s*(?:{_MONTH}\s+)?{_YEAR}(?![\d%]))"
)
_SINGLE = re.compile(rf"(?<![\d.,$€£¥₩#/-]){_YEAR}(?![\d%.,]\d|\s*%|s\b|'s\b|-\d|–\d)")
# a year that is a reference point, not what the claim reports: "the highest since 2015"
_SINCE = re.compile(rf"\b(?:since|after|before|than(?:\s+in)?|compared\s+(?:with|to)(?:\s+in)?)\s+(?:{_MONTH}\s+)?$", re.I)
# years of citations and quoted titles are not the claim's
_CITATION_PARENS = re.compile(r"\([^()]*\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b[^()]*\)|\b(?:1[5-9]\d\d|20\d\d)[a-z]?\)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|\*[^*]+\*|_[^_]+_")
# a year written as part of a name: "the 1965 Treaty", "Fisheries Yearbook 2017", "the Hubble 2019 survey"
_NAME_AFTER = re.compile(r"^\s+(?:[A-Z][\w-]*)")
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|these|our)\s+$|['’]s\s+$", re.I)
_NAME_BEFORE = re.compile(
    rf"(?:^|[^.!?]\s)(?!(?:In|By|For|Of|From|Since|Until|Through|During|Between|And|To|The|Early|Late|Mid)\b|{_MONTH}\s+$)"
    r"[A-Z][\w-]*\s+$"
)
FORWARD = re.compile(
    r"\b(?:will|shall|would|going to|expected|expects?|expecting|projected|projects?|projections?|projecting|"
    r"forecasts?|forecasted|predicted|predicts?|predictions?|anticipated|planned|plans?|scheduled|slated|"
    r"set to|aims?(?: to)?|targets?|goals?|scenarios?|outlook|upcoming|future|could|might)\b",
    re.I,
)


@dataclass(frozen=True)
class ReportedYear:
    year: int
    text: str  # as written: "March 2023", "from 2012 to 2021"


def claim_text(sentence: str, citation_label: str | None) -> str:
    """The sentence without the citation's own text, parenthetical citations and quoted titles."""
    text = sentence.replace(citation_label, " ") if citation_label else sentence
    text = _CITATION_PARENS.sub(lambda m: " " * len(m.group(0)), text)
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def reported_years(sentence: str, citation_label: str | None = None) -> list[ReportedYear]:
    """Years the claim reports (the last year of a range); none for a forward-looking sentence."""
    if FORWARD.search(sentence):
        return []
    text = claim_text(sentence, citation_label)
    out: list[ReportedYear] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        years = [int(y) for y in m.groups() if y]
        if len(years) == 2 and years[0] <= years[1]:
            out.append(ReportedYear(years[1], m.group(0).strip()))
        taken.append(m.span())
    for m in _SINGLE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before, after = text[: m.start()], text[m.end() :]
        named = _NAME_AFTER.match(after) and _DETERMINER.search(before)  # "the 1965 Treaty", not "June 2019 Chancellor Merkel"
        if _SINCE.search(before) or named or _NAME_BEFORE.search(before):
            continue
        month = re.search(rf"{_MONTH}\s+$", before)
        written = (month.group(0) if month else "") + m.group(0)
        out.append(ReportedYear(int(m.group(0)), written.strip()))
    return out
