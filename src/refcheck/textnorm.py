"""Normal forms shared by the stages: titles, DOIs and URLs compared across typography and case."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from refcheck.regexcache import cached_compile

_STOP = frozenset(
    "a an the of and or in on at to for from with by as is are was were its it this that these those into "
    "via versus vs de la le les des du der die das und von van en et al".split()
)
_PUNCT = cached_compile(r"[^\w\s]|_", re.UNICODE)
_CJK = cached_compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


# Letters NFKD does not split into base + accent (Łódź, Ørsted, Đorđević).
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ȷ": "j"}
)


def strip_diacritics(s: str) -> str:
    """Lower case with every accent dropped: 'Łódź Müller' -> 'lodz muller'."""
    s = s.casefold().translate(_LETTERS)
    if s.isascii():  # NFKD leaves ASCII as it is, and no ASCII character combines: most titles and names
        return s
    s = unicodedata.normalize("NFKD", s)
    combining = unicodedata.combining
    return "".join(ch for ch in s if ch < "\u0300" or not combining(ch))  # U+0300 is the first combining mark


@lru_cache(maxsize=100_000)
def fold(s: str) -> str:
    """Casefolded, accents stripped, punctuation to spaces, whitespace collapsed."""
    return " ".join(_PUNCT.sub(" ", strip_diacritics(s)).split())


def has_cjk(s: str) -> bool:
    return bool(_CJK.search(s))


@lru_cache(maxsize=100_000)
def title_tokens(title: str) -> frozenset[str]:
    """Content words of a title; CJK text (no spaces between words) as character bigrams."""
    folded = fold(title)
    tokens: set[str] = set()
    for word in folded.split():
        if has_cjk(word):
            chars = [c for c in word]
            tokens.update(a + b for a, b in zip(chars, chars[1:]))
            if len(chars) == 1:
                tokens.add(word)
        elif len(word) >= 3 and word not in _STOP and not word.isdigit():
            tokens.add(word)
    return frozenset(tokens)


def normalize_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    d = doi.strip().strip("<>").strip()
    d = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", d, flags=re.I)
    return d.lower().rstrip(".") or None


def normalize_url(url: str | None) -> str | None:
    if not url:
        return None
    u = url.strip().strip("<>").strip()
    u = re.sub(r"^https?://", "", u, flags=re.I)
    u = re.sub(r"^www\.", "", u, flags=re.I)
    return u.rstrip("/").lower() or None


_SUBTITLE = re.compile(r"\s*[:.?!]\s+|\s+[–—-]\s+")


@lru_cache(maxsize=100_000)
def short_title(title: str) -> str:
    """The main title, before a subtitle's colon or full stop."""
    return _SUBTITLE.split(title.strip(), maxsplit=1)[0]


_VENUE_STOP = frozenset("the of and for in on at".split())


def venues_agree(a: str, b: str) -> bool:
    """'Ann. Appl. Probab.' and 'Annals of Applied Probability' agree; 'Ecology Letters' and 'Annals of Botany' do not.

    The shorter name's words must each abbreviate (be a prefix of, or an
    in-order subsequence of letters starting with the same letter) the longer
    name's words, in order.
    """
    ta = [w for w in fold(a).split() if w not in _VENUE_STOP]
    tb = [w for w in fold(b).split() if w not in _VENUE_STOP]
    if not ta or not tb:
        return True
    if ta == tb:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    j = 0
    for word in short:
        while j < len(long) and not _abbreviates(word, long[j]):
            j += 1
        if j == len(long):
            return _acronym(short, long)
        j += 1
    return True


def _abbreviates(abbr: str, word: str) -> bool:
    if abbr == word or word.startswith(abbr):
        return True
    if abbr[0] != word[0]:
        return False
    it = iter(word)
    return all(ch in it for ch in abbr)


def _acronym(short: list[str], long: list[str]) -> bool:
    """'PNAS' for 'Proceedings of the National Academy of Sciences'."""
    letters = "".join(short)
    return len(short) == 1 and len(letters) >= 2 and letters == "".join(w[0] for w in long)[: len(letters)]
