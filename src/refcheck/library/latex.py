"""Fast LaTeX-to-Unicode decoding for BibTeX field values (pylatexenc only as a fallback)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Anything that may need work; a value without these is returned as it is (after NFC).
_NEEDS_WORK = re.compile(r"[\\{}~$\n\r\t]|--|``|''|  ")

# Combining marks for the accent macros; NFC composes base + mark into one letter.
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "b": "\u0331",
    "d": "\u0323",
}

# Control words that stand for a character or a short text.
_SYMBOLS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
    "textquotedblleft": "“", "textquotedblright": "”", "textquotesingle": "'", "textquotedbl": '"',
    "textellipsis": "…", "ldots": "…", "dots": "…", "textregistered": "®", "texttrademark": "™",
    "textcopyright": "©", "textdegree": "°", "texttimes": "×", "textmu": "µ", "S": "§", "P": "¶",
    "textsection": "§", "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
    "textperiodcentered": "·", "guillemotleft": "«", "guillemotright": "»", "textasciimacron": "¯",
    "textasciiacute": "´", "slash": "/", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
    "nobreakspace": " ", "quad": " ", "qquad": " ", "textsterling": "£", "pounds": "£", "euro": "€",
}

# Commands whose braced argument is plain text: the command goes, the argument stays.
_WRAPPERS = frozenset(
    "textit emph textbf textsc textrm textsf texttt textup textsl textmd textnormal mbox hbox text "
    "textsuperscript textsubscript url path NoCaseChange".split()
)

# Declarations that change only the font (`{\em Foo}`): dropped.
_SWITCHES = frozenset(
    "em it bf sc rm sf tt sl upshape itshape bfseries scshape slshape normalfont mdseries "
    "small footnotesize large Large relax protect".split()
)

# `\` followed by a non-letter.
_ESCAPES = {
    "&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}",
    " ": " ", "\n": " ", "\t": " ", ",": " ", ";": " ", ":": " ", ">": " ", "\\": " ",
    "-": "", "/": "", "@": "", "!": "",
}

_LETTER_ARG = r"\\[ij](?![A-Za-z])|[A-Za-z]"
_TOKEN = re.compile(
    rf"""\\(?P<sacc>["'`^~=.])\s*(?:\{{\s*(?P<sarg>{_LETTER_ARG})\s*\}}|(?P<sarg2>{_LETTER_ARG}))
    |\\(?P<lacc>[uvHckrbd])(?:\s*\{{\s*(?P<larg>{_LETTER_ARG})\s*\}}|\s+(?P<larg2>[A-Za-z]))
    |\\(?P<word>[A-Za-z]+)[ \t\n]*
    |\\(?P<sym>.)
    |(?P<dash>---?)
    |(?P<tie>~)
    |(?P<quote>``|'')
    |(?P<brace>[{{}}])
    |(?P<math>\$)""",
    re.VERBOSE | re.DOTALL,
)

# Zotero writes `\{\vphantom\}{{II}}\vphantom\{\}` around protected words: pure noise.
_ZOTERO_PHANTOM = re.compile(r"\\\{\\vphantom\\\}|\\vphantom\\\{\\\}")


class _Unknown(Exception):
    """A construct the fast decoder does not know: hand the value to pylatexenc."""


def _accented(base: str, accent: str) -> str:
    if base in ("\\i", "\\j"):
        base = base[1]  # an accent on a dotless i/j is written on the plain letter
    return base + _ACCENTS[accent]


def _replace(m: re.Match) -> str:
    kind = m.lastgroup
    if m.group("sacc") is not None:
        return _accented(m.group("sarg") or m.group("sarg2"), m.group("sacc"))
    if m.group("lacc") is not None:
        return _accented(m.group("larg") or m.group("larg2"), m.group("lacc"))
    word = m.group("word")
    if word is not None:
        if word in _SYMBOLS:
            return _SYMBOLS[word]
        if word in _WRAPPERS or word in _SWITCHES:
            return ""
        raise _Unknown(word)
    sym = m.group("sym")
    if sym is not None:
        if sym in _ESCAPES:
            return _ESCAPES[sym]
        raise _Unknown(sym)
    if kind == "dash":
        return "—" if len(m.group(0)) == 3 else "–"
    if kind == "tie":
        return " "
    if kind == "quote":
        return "“" if m.group(0) == "``" else "”"
    return ""  # protective braces and math shifts


def _nfc(s: str) -> str:
    return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


_pylatexenc = None


def _fallback(s: str) -> str | None:
    """pylatexenc's reading of `s`, or None when it fails (it raises on some odd input)."""
    global _pylatexenc
    if _pylatexenc is None:
        from pylatexenc.latex2text import LatexNodes2Text  # slow import: only when needed

        _pylatexenc = LatexNodes2Text()
    try:
        return _pylatexenc.latex_to_text(s)
    except Exception:  # pylatexenc raises IndexError, ValueError, ... on malformed macros
        return None


@lru_cache(maxsize=1 << 16)
def _decode_slow(s: str) -> str:
    s = _ZOTERO_PHANTOM.sub("", s)
    try:
        out = _TOKEN.sub(_replace, s)
    except _Unknown:
        out = _fallback(s)
        if out is None:  # keep the words, drop the markup we could not read
            out = re.sub(r"\\[A-Za-z]+|\\.|[{}$]", "", s)
    return _nfc(" ".join(out.split()))


def decode(s: str) -> str:
    """`s` with LaTeX accents, escapes, dashes, ties and protective braces turned to Unicode (NFC)."""
    if not s:
        return s
    if _NEEDS_WORK.search(s) is None:
        return _nfc(s)
    return _decode_slow(s)
