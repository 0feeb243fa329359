"""A coarse language guess for claims and entries: script first, then function words for Latin text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Function words that mark a language in titles and sentences. Words that are also
# common English words ("a", "in", "die", "also", "more") are left out on purpose.
_FUNCTION_WORDS = {
    "en": frozenset("the of and to in for with on from by is are was were that this which as at an its their".split()),
    "de": frozenset("der das und von zur zum mit über für eine einer eines ist nicht auf bei dem den des".split()),
    "fr": frozenset("le la les des du et une un sur dans pour avec est au aux par qui que".split()),
    "es": frozenset("el los las del y una por para con sobre como entre".split()),
    "it": frozenset("il lo gli della delle degli dei nel nella per con una che sulla".split()),
    "pt": frozenset("os das dos uma para com sobre pela pelo não".split()),
    "nl": frozenset("het een van en voor met over bij naar niet".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script in ("HANGUL", "HIRAGANA", "KATAKANA", "CJK", "CYRILLIC", "ARABIC", "HEBREW", "GREEK", "THAI", "DEVANAGARI"):
        if name.startswith(script):
            return {"HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CJK": "zh"}.get(script, script.lower())
    return "latin" if ch.isalpha() else None


@lru_cache(maxsize=50_000)
def guess_language(text: str) -> str | None:
    """'en', 'de', 'ko', ... or None when the text says too little to tell."""
    letters = [s for s in map(_script, text) if s]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for s in letters:
        counts[s] = counts.get(s, 0) + 1
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script != "latin":
        if script == "zh" and counts.get("ja"):
            return "ja"  # Japanese mixes kanji with kana
        return script if n >= 2 else None
    words = [w.lower() for w in _WORD.findall(text)]
    votes = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(votes, key=lambda lang: votes[lang])
    if votes[best] == 0:
        return None
    if votes["en"] >= votes[best]:
        return "en"
    return best


def same_language(a: str | None, b: str | None) -> bool:
    """False only when both are known and differ: an unknown language never blocks a comparison."""
    return a is None or b is None or a == b
