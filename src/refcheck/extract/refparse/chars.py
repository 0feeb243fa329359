"""Character classes for regexes: Unicode upper/lower-case letters, scripts, dashes."""

from __future__ import annotations


def _char_class(predicate, limit: int = 0x2000) -> str:
    # Python's `re` has no \p{Lu}; build the class once from the code points a
    # reference string can realistically use (Latin, Greek, Cyrillic and their
    # extensions all lie below U+2000).
    ranges: list[tuple[int, int]] = []
    for cp in range(limit):
        if predicate(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        parts.append(_esc(lo) if lo == hi else f"{_esc(lo)}-{_esc(hi)}")
    return "".join(parts)


def _esc(cp: int) -> str:
    return f"\\u{cp:04x}"


UPPER = _char_class(lambda c: c.isupper() or c.istitle())
LOWER = _char_class(lambda c: c.islower())

UP = f"[{UPPER}]"  # one upper-case letter
LO = f"[{LOWER}]"  # one lower-case letter
LETTER = r"[^\W\d_]"  # any letter, any script

HANGUL = "\uac00-\ud7a3"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u30ff"
CJK = HANGUL + HAN + KANA

# Every dash a page range or a LaTeX source may use between two numbers.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
DASH = f"(?:[{DASHES}]+)"

# Opening and closing quotation marks that may delimit a title.
OPEN_QUOTES = "\"\u201c\u201e\u00ab\u2018\u201a\u300c\u300e"
CLOSE_QUOTES = "\"\u201d\u201c\u00bb\u2019\u300d\u300f"
