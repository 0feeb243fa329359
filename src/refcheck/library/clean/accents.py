"""Accented letters between LaTeX macros and Unicode, both ways, leaving every other markup alone.

`latex.decode` reads a whole value (braces, fonts, dashes) into plain text for
comparing; here only accents and special letters change, so a value keeps its
protective braces, math and commands: `{\\"U}ber {DNA}` <-> `Über {DNA}`.
A letter that has no single precomposed character (`\\H{x}`) stays LaTeX, and a
Unicode letter with no LaTeX accent macro (Hangul, Greek, stacked accents)
stays Unicode, so that the two directions undo each other; dashes and curly
quotes become BibTeX's `--`, `---`, ``` `` ``` and `''`, which both directions keep.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# accent macro -> combining mark (as `latex._ACCENTS`, which it extends with nothing)
_MARKS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "b": "\u0331",
    "d": "\u0323",
}
_MACRO_OF_MARK = {mark: macro for macro, mark in _MARKS.items()}

# special letters: control word <-> character
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    "dj": "đ", "DJ": "Đ",
}
# text symbols written as control words, read back to Unicode (`--` and quotes stay: they are BibTeX's own)
_SYMBOLS = {
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»",
    "textsection": "§", "S": "§", "textcopyright": "©", "textdegree": "°", "pounds": "£", "textsterling": "£",
}
_CHAR_TO_MACRO = {v: k for k, v in _LETTERS.items()} | {
    "«": "guillemotleft", "»": "guillemotright", "§": "S", "©": "textcopyright", "°": "textdegree", "£": "pounds",
}
# BibTeX's own ligatures for dashes and quotes: what a .bib file is expected to say
_LIGATURES = {"–": "--", "—": "---", "“": "``", "”": "''", "‘": "`", "’": "'", "\u00a0": "~"}

_BASE = r"\\[ij](?![A-Za-z])|[A-Za-z]"
_ACCENT = (
    rf"\\(?P<s>[\"'`^~=.])\s*(?:\{{\s*(?P<sb>{_BASE})\s*\}}|(?P<sb2>{_BASE}))"
    rf"|\\(?P<l>[uvHckrbd])(?:\s*\{{\s*(?P<lb>{_BASE})\s*\}}|\s+(?P<lb2>[A-Za-z]))"
    rf"|\\(?P<w>{'|'.join(sorted(_LETTERS | _SYMBOLS, key=len, reverse=True))})(?![A-Za-z])(?P<t>\{{\}}|[ \t]+)?"
)
# `\\` first, so that the `\` of a line break never starts an accent; a braced accent loses its braces
_TOKEN = re.compile(rf"(?P<esc>\\\\)|\{{(?P<braced>{_ACCENT.replace('?P<', '?P<b_')})\}}|{_ACCENT}")


def _char(base: str, mark: str) -> str | None:
    if base in ("\\i", "\\j"):
        base = base[1]
    out = unicodedata.normalize("NFC", base + mark)
    return out if len(out) == 1 else None


def _unicode(m: re.Match) -> str:
    if m.group("esc"):
        return m.group(0)
    g = m.group
    pre = "b_" if g("braced") is not None else ""
    if g(pre + "s"):
        out = _char(g(pre + "sb") or g(pre + "sb2"), _MARKS[g(pre + "s")])
    elif g(pre + "l"):
        out = _char(g(pre + "lb") or g(pre + "lb2"), _MARKS[g(pre + "l")])
    else:  # a control word: the `{}` or space after it only ends the word (`Stra\ss e` is Straße)
        word = g(pre + "w")
        out = _LETTERS.get(word) or _SYMBOLS[word]
    return out if out is not None else m.group(0)


def to_unicode(s: str) -> str:
    """`s` with LaTeX accent macros and special letters as Unicode characters; all else as it was."""
    if "\\" not in s:
        return s
    return _to_unicode(s)


@lru_cache(maxsize=1 << 15)
def _to_unicode(s: str) -> str:
    return unicodedata.normalize("NFC", _TOKEN.sub(_unicode, s))


@lru_cache(maxsize=4096)
def _latex_char(ch: str) -> str:
    """The LaTeX for one non-ASCII character, or the character itself when LaTeX has no accent macro for it."""
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    if ch in _CHAR_TO_MACRO:
        return f"{{\\{_CHAR_TO_MACRO[ch]}}}"
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and parts[0].isascii() and parts[0].isalpha() and parts[1] in _MACRO_OF_MARK:
        base, macro = parts[0], _MACRO_OF_MARK[parts[1]]
        if macro.isalpha():  # \c, \v, ...: a letter macro needs its argument braced
            return f"{{\\{macro}{{{base}}}}}"
        return f"{{\\{macro}{base}}}"
    return ch


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def to_latex(s: str) -> str:
    """`s` with accented and special letters as LaTeX macros (`ü` -> `{\\"u}`); other characters kept."""
    if s.isascii():
        return s
    return _NON_ASCII.sub(lambda m: _latex_char(m.group(0)), unicodedata.normalize("NFC", s))
