"""The language of a claim or an entry: the script for non-Latin text, `lingua` for Latin text.

The claim scorers read English (spaCy's English pipeline, MiniLM trained on
English pairs), so what matters is whether a text is English. `lingua`
(lingua-language-detector, a well-kept n-gram detector with its models in the
wheel) tells English from the other Latin-script languages of research
writing; it is restricted to a few languages and run in its low-accuracy mode,
which loads in a fraction of a second. Texts of fewer than `MIN_WORDS` words
are not guessed (an unknown language never blocks a comparison), since no
detector reads "Homotopy type theory" reliably.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Latin-script languages of the writing refcheck meets; more languages cost load time and short-text accuracy
_LATIN = ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH")
_CODES = {"ENGLISH": "en", "GERMAN": "de", "FRENCH": "fr", "SPANISH": "es", "ITALIAN": "it",
          "PORTUGUESE": "pt", "DUTCH": "nl"}


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script in ("HANGUL", "HIRAGANA", "KATAKANA", "CJK", "CYRILLIC", "ARABIC", "HEBREW", "GREEK", "THAI", "DEVANAGARI"):
        if name.startswith(script):
            return {"HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CJK": "zh"}.get(script, script.lower())
    return "latin" if ch.isalpha() else None


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LATIN]
    return (LanguageDetectorBuilder.from_languages(*languages)
            .with_minimum_relative_distance(0.1).with_low_accuracy_mode().build())


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
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    found = _detector().detect_language_of(text)
    return _CODES.get(found.name) if found is not None else None


def same_language(a: str | None, b: str | None) -> bool:
    """False only when both are known and differ: an unknown language never blocks a comparison."""
    return a is None or b is None or a == b
