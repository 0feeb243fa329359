"""Check-worthy sentences: statistics, survey results, attributed quotations, superlatives with a date."""

from __future__ import annotations

import re

from refcheck.checks.rules.claims.quotes import quotations

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_PERCENT = re.compile(rf"{_NUMBER}\s?(?:%|per\s?cent\b|percent\b)", re.I)
_MONEY = re.compile(
    rf"(?:[$€£¥₩]\s?{_NUMBER}|\b(?:USD|EUR|GBP|JPY|KRW|US\$)\s?{_NUMBER}|{_NUMBER}\s?(?:million|billion|trillion)?\s?"
    r"(?:dollars|euros|pounds|yen|won|USD|EUR)\b)",
    re.I,
)
_SCALED = re.compile(rf"\b{_NUMBER}\s+(?:million|billion|trillion)\b", re.I)
_SURVEY = re.compile(r"\b(?:survey|poll|respondents|questionnaire|census)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|noted|notes|remarked|remarks|added|adds|commented|comments|explained|explains|wrote|writes|"
    r"stated|states|told|argued|argues|according to|observed|recalled|insisted|declared)\b",
    re.I,
)
_SUPERLATIVE = re.compile(
    # "first" and "most" are left out: "the first quarter of 2024", "most flights in 2023" are no records
    r"\b(?:highest|lowest|largest|smallest|biggest|best|worst|record|fastest|slowest|greatest|warmest|coldest)\b"
    r"[^.;]{0,80}?\b(?:since|in|of|as of|by)\s+(?:(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+)?(?:1[5-9]\d\d|20\d\d)\b",
    re.I,
)


def check_worthy(sentence: str) -> str | None:
    """Why a sentence needs a source ("a statistic", ...), or None."""
    if _SURVEY.search(sentence) and (_PERCENT.search(sentence) or re.search(r"\d", sentence)):
        return "a survey result"
    if _PERCENT.search(sentence) or _MONEY.search(sentence) or _SCALED.search(sentence):
        return "a statistic"
    if _SUPERLATIVE.search(sentence):
        return "a superlative with a date"
    if quotations(sentence, min_words=6) and _ATTRIBUTION.search(sentence):
        return "a quotation attributed to someone"
    return None
