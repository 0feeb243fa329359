"""Layout of a LaTeX document: the body between \\begin{document} and \\end{document} as plain text.

Citations and \\footnote{...} are cut from the plain text (a \\cite inside a
footnote is placed where the footnote is); sectioning commands become
paragraph breaks; accents become characters; math and floats are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.extract.citations.latex import CITE
from refcheck.extract.layout import Layout, NoteText
from refcheck.ingest.source import Origin, SourceText, TextBuilder
from refcheck.regexcache import cached_compile
from refcheck.texsyntax import brace_pairs

_DROP_ENVS = {
    "equation", "equation*", "align", "align*", "eqnarray", "eqnarray*", "gather", "gather*", "multline",
    "multline*", "displaymath", "math", "tabular", "tabular*", "verbatim", "lstlisting", "minted", "tikzpicture",
    "thebibliography", "comment", "figure", "figure*", "table", "table*",
}
_DROP_WITH_ARGS = {
    "label", "ref", "eqref", "pageref", "autoref", "cref", "Cref", "includegraphics", "bibliographystyle",
    "bibliography", "addbibresource", "usepackage", "documentclass", "newcommand", "renewcommand",
    "providecommand", "setlength", "vspace", "hspace", "input", "include", "subfile", "url", "thanks",
    "date", "author", "title", "pagestyle", "thispagestyle", "setcounter", "addtocounter", "newenvironment",
    "DeclareMathOperator", "hypersetup", "graphicspath", "caption",
}
_SECTIONS = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph", "subparagraph"}
_SYMBOLS = {"%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": " ", ";": " ",
            "!": "", "/": "", "-": "", "\\": "\n", "@": ""}
# accents: a symbol accent takes a bare letter (\"u); a letter accent (\c, \u, \v) needs braces or a space (\c{c}, \c c)
_BASE = r"(?:\{(?P<{0}>\\?[A-Za-z]?)\}|(?P<{1}>\\?[A-Za-z]))"
_ACCENT = (
    r"\\(?P<accent>['`^\"~=.])\s*" + _BASE.replace("{0}", "abase").replace("{1}", "abare")
    + r"|\\(?P<laccent>[uvHckbdrt])(?:\s*\{(?P<lbase>\\?[A-Za-z]?)\}|\s+(?P<lbare>[A-Za-z])(?![A-Za-z]))"
)
_TOKEN = cached_compile(
    r"\{(?:" + _ACCENT + r")\}|"
    + _ACCENT.replace("?P<", "?P<x")
    + r"|\\(?P<word>[A-Za-z@]+)\*?"
    r"|\\(?P<sym>[%&$#_{} ,;!/\-\\@])"
    r"|(?P<dollars>\$\$?)"
    r"|(?P<brace>[{}])"
    r"|(?P<tilde>~)"
    r"|(?P<dash>---?)"
    r"|(?P<quote>``|'')"
)


def latex_layout(source: SourceText) -> Layout:
    text = source.text
    begin = text.find("\\begin{document}")
    body_start = begin + len("\\begin{document}") if begin != -1 else 0
    end = text.find("\\end{document}")
    body_end = end if end != -1 else len(text)
    skip = [(0, body_start), (body_end, len(text))]
    reflist = None
    bib = re.search(r"\\begin\{thebibliography\}(?:\{[^{}]*\})?", text[body_start:body_end])
    if bib:
        bib_start = body_start + bib.start()
        bib_end = text.find("\\end{thebibliography}", bib_start)
        bib_end = body_end if bib_end == -1 else bib_end
        reflist = (body_start + bib.end(), bib_end)
        skip.append((bib_start, bib_end))
    builder = TextBuilder()
    notes: list[NoteText] = []
    _detex(source, body_start, body_end, builder, notes, reflist)
    skip.sort()
    return Layout(builder.build(), builder.offset_map(), notes, skip, reflist)


def _detex(source: SourceText, start: int, end: int, out: TextBuilder, notes: list[NoteText], reflist) -> None:
    text = source.text
    pos = start
    while pos < end:
        m = _TOKEN.search(text, pos, end)
        if not m:
            out.append(source, pos, end)
            return
        out.append(source, pos, m.start())
        pos = m.end()
        anchor = source.origin_of(m.start())
        accent = next((m.group(g) for g in ("accent", "laccent", "xaccent", "xlaccent") if m.group(g)), None)
        if accent:
            base = next((m.group(g) for g in ("abase", "abare", "lbase", "lbare", "xabase", "xabare", "xlbase", "xlbare") if m.group(g)), "")
            out.append_text(_accented(accent, base), anchor)
        elif m.group("word"):
            pos = _command(source, m, pos, end, out, notes, reflist, anchor)
        elif m.group("sym"):
            out.append_text(_SYMBOLS.get(m.group("sym"), ""), anchor)
        elif m.group("dollars"):
            closing = text.find(m.group("dollars"), pos, end)
            if m.group("dollars") == "$$" and closing != -1:
                pos = closing + 2  # display math carries no claim text
        elif m.group("tilde"):
            out.append_text(" ", anchor)
        elif m.group("dash"):
            out.append_text("—" if m.group("dash") == "---" else "–", anchor)
        elif m.group("quote"):
            out.append_text("“" if m.group("quote") == "``" else "”", anchor)
        # a bare brace is dropped


def _command(source, m, pos, end, out, notes, reflist, anchor) -> int:
    text = source.text
    word = m.group("word")
    if CITE.match(text, m.start()):
        return CITE.match(text, m.start()).end()
    if word == "footnote":
        pos = _skip_optional(text, pos, end)
        close = _matching_brace(text, pos, end)
        if close is not None:
            notes.append(NoteText(str(len(notes) + 1), pos + 1, close))
            return close + 1
        return pos
    if word == "begin":
        env = _ENV_NAME.match(text, pos, end)
        if env:
            name = env.group(1)
            after = env.end()
            if name in _DROP_ENVS:
                close = text.find(f"\\end{{{name}}}", after, end)
                return end if close == -1 else close + len(f"\\end{{{name}}}")
            out.append_text("\n\n", anchor)
            return after
        return pos
    if word == "end":
        env = _ENV_NAME.match(text, pos, end)
        out.append_text("\n\n", anchor)
        return env.end() if env else pos
    if word in _SECTIONS:
        out.append_text("\n\n", anchor)
        pos = _skip_optional(text, pos, end)
        close = _matching_brace(text, pos, end)
        if close is not None:
            _detex(source, pos + 1, close, out, notes, reflist)
            out.append_text(".\n\n", anchor)
            return close + 1
        return pos
    if word in ("item", "par", "newline", "linebreak"):
        out.append_text("\n" if word != "par" else "\n\n", anchor)
        return _skip_optional(text, pos, end)
    if word in _DROP_WITH_ARGS:
        pos = _skip_optional(text, pos, end)
        while pos < end:
            close = _matching_brace(text, pos, end)
            if close is None:
                break
            pos = _skip_optional(text, close + 1, end)
            if word not in ("newcommand", "renewcommand", "providecommand", "newenvironment", "href"):
                break
        return pos
    if word in _LETTERS:
        out.append_text(_LETTERS[word], anchor)
        return pos
    # any other command: drop its name (and options); its braced text stays as text
    return _skip_optional(text, pos, end)


_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—",
            "LaTeX": "LaTeX", "TeX": "TeX", "textregistered": "®", "copyright": "©", "S": "§", "P": "¶",
            "textquoteright": "’", "textquoteleft": "‘", "percent": "%", "times": "×", "pm": "±", "sim": "~",
            "approx": "≈", "leq": "≤", "geq": "≥", "degree": "°", "textdegree": "°", "quad": " ", "qquad": " "}


# matched in place (pattern.match(text, pos, end)): slicing text[pos:end] at every command copied the rest of
# the document each time, quadratic in a long one (found by the fuzz run)
_ENV_NAME = cached_compile(r"\s*\{([^{}]*)\}")
_OPTIONAL = cached_compile(r"\s*\[[^\[\]]*\]")


def _skip_optional(text: str, pos: int, end: int) -> int:
    m = _OPTIONAL.match(text, pos, end)
    return m.end() if m else pos


def _matching_brace(text: str, pos: int, end: int) -> int | None:
    """Offset of the brace closing the one at (or after whitespace from) pos."""
    while pos < end and text[pos] in " \t\n":
        pos += 1
    if pos >= end or text[pos] != "{":
        return None
    # from one table of the text's brace pairs: scanning for each of thousands of unclosed `\footnote{` was quadratic
    close = _pairs(text).get(pos)
    return None if close is None or close >= end else close


@lru_cache(maxsize=4)
def _pairs(text: str) -> dict[int, int]:
    return brace_pairs(text)


@lru_cache(maxsize=512)
def _accented(accent: str, base: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text(f"\\{accent}{{{base}}}") or base


def note_text(source: SourceText, note: NoteText) -> str:
    """A LaTeX footnote's content as plain text."""
    builder = TextBuilder()
    _detex(source, note.start, note.end, builder, [], None)
    return builder.build().text


def bibitems(source: SourceText, region: tuple[int, int]) -> list[tuple[str, int, int]]:
    """(key, start, end) of each \\bibitem in a thebibliography region."""
    text = source.text
    items = []
    marks = list(re.finditer(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}", text[region[0] : region[1]]))
    for k, m in enumerate(marks):
        start = region[0] + m.end()
        stop = region[0] + marks[k + 1].start() if k + 1 < len(marks) else region[1]
        items.append((m.group(1).strip(), start, stop))
    return items


__all__ = ["latex_layout", "note_text", "bibitems", "Origin"]
