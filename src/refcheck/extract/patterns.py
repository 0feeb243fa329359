"""Regular expressions shared by the extractors (compiled once)."""

from __future__ import annotations

import re

from refcheck.regexcache import cached_compile

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def superscript_to_digits(s: str) -> str:
    return s.translate(_SUPER_TO_DIGIT)


# --- footnote definitions at the start of a line ------------------------------------------
NOTE_DEF_SUP = cached_compile(r"[ \t]*<sup>\s*(\d{1,3})\s*</sup>[ \t]*(?=\S)")
NOTE_DEF_UNICODE = cached_compile(rf"[ \t]*([{SUPERSCRIPT_DIGITS}]{{1,3}})[ \t]*(?=\S)")
NOTE_DEF_NUMBER = cached_compile(r"[ \t]*(\d{1,3})[.)]?[ \t]+(?=\S)")
NOTE_DEF_MARKDOWN = cached_compile(r"\[\^([^\]\s]+)\]:[ \t]*")

# a separator line: ---, ___, ***, "– – –"
RULE_LINE = cached_compile(r"[ \t]*(?:-{3,}|_{3,}|\*{3,}|(?:[–—-][ \t]*){3,})[ \t]*$")
HEADING = cached_compile(r"[ \t]*(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$|\d+(?:\.\d+)*\.?[ \t]+[A-Z][^.!?\n]{0,80}$)")

# --- inline footnote markers -----------------------------------------------------------------
# a few words may stand before the numbers, as numeric styles print them: <sup>see also 1,2</sup>
# AMA puts the page after each number: <sup>2(pp13-19)</sup>, <sup>2(p39),10</sup>
_LOCATOR = r"\(pp?\.?\s*[\w–-]{1,12}\)"
SUP_MARKER = cached_compile(
    r"<sup>\s*(?:[A-Za-z][\w.]*\s+){0,3}(\d{1,3}(?:" + _LOCATOR + r")?(?:\s*[,–-]\s*\d{1,3}(?:" + _LOCATOR + r")?)*)\s*</sup>"
)
_LOCATORS = cached_compile(_LOCATOR)


def without_locators(numbers: str) -> str:
    """'2(p39),10' -> '2,10': the marker's numbers without the pages after them."""
    return _LOCATORS.sub("", numbers)
UNICODE_MARKER = cached_compile(rf"(?<=[^\s{SUPERSCRIPT_DIGITS}])([{SUPERSCRIPT_DIGITS}]{{1,3}})(?![{SUPERSCRIPT_DIGITS}])")
MARKDOWN_MARKER = cached_compile(r"\[\^([^\]\s]+)\](?!:)")
# markers cut from the running text before sentences are found
INLINE_MARKER = cached_compile(SUP_MARKER.pattern + "|" + MARKDOWN_MARKER.pattern)

YEAR = r"(?:1[5-9]\d\d|20\d\d)"

# the introductory signals of legal and scholarly citation ("see also 3", "cf. 5, 6"):
# a closed grammatical class, as citation manuals list them, not words of any one document
SIGNAL = r"(?:(?:see(?:\s+also|\s+generally)?|but\s+see|cf\.|compare|e\.\s?g\.|contra|accord)[,:]?\s+)"
