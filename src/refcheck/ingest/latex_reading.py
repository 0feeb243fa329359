"""What TeX reads of a .tex file: comments, verbatim text, ``\\iffalse`` blocks and text after ``\\endinput`` dropped.

A ``\\cite`` in a comment, in a ``comment`` environment, between ``\\iffalse``
and its ``\\fi``, or shown as code in a verbatim-like environment (including
ones the document defines, ``\\newminted{latex}{}`` → ``latexcode``,
``\\lstnewenvironment``, ``\\DefineVerbatimEnvironment``) is no citation: LaTeX
never sees it. Line breaks of dropped text are kept, so what follows keeps its
place in the source map; a ``%`` inside ``\\url{...}`` is part of the address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refcheck.ingest.source import SourceText, TextBuilder
from refcheck.texsyntax import closing_brace

# environments whose body TeX reads as characters, not commands (verbatim, fancyvrb,
# listings, minted, comment, tcolorbox, filecontents)
VERBATIM_ENVIRONMENTS = frozenset({
    "verbatim", "verbatim*", "Verbatim", "Verbatim*", "BVerbatim", "LVerbatim", "SaveVerbatim", "VerbatimOut",
    "lstlisting", "minted", "comment", "filecontents", "filecontents*", "tcblisting", "tcboutputlisting",
})  # fmt: skip
# inline verbatim: \verb|x|, \Verb|x|, \lstinline|x| or \lstinline{x}; \mintinline{lang}|x|
_INLINE_VERBATIM = frozenset({"verb", "Verb", "lstinline", "mintinline", "py", "pyv"})
_URLS = frozenset({"url", "href", "path", "nolinkurl"})
# TeX's conditional primitives (and the LaTeX kernel's), which an \iffalse block must balance
_PRIMITIVE_IFS = frozenset({
    "if", "ifx", "ifnum", "ifdim", "ifodd", "ifvmode", "ifhmode", "ifmmode", "ifinner", "ifvoid", "ifhbox",
    "ifvbox", "ifeof", "iftrue", "iffalse", "ifcase", "ifcat", "ifdefined", "ifcsname", "iffontchar",
    "ifincsname", "ifpdfprimitive", "ifpdf", "ifxetex", "ifluatex", "ifdraft",
})  # fmt: skip

_DEFINES_VERBATIM = re.compile(
    r"\\newminted\s*(?:\[(?P<mname>[^\]]+)\])?\s*\{(?P<lang>[^{}]+)\}"
    r"|\\(?:lstnewenvironment|DefineVerbatimEnvironment|newtcblisting|NewTCBListing|DeclareTCBListing"
    r"|excludecomment|newverbatim)\s*\{(?P<name>[^{}]+)\}"
)
_NEWIF = re.compile(r"\\newif\s*\\if([A-Za-z@]+)")
_TOKEN = re.compile(r"\\([A-Za-z@]+)\*?|\\.|%", re.S)
_IF_TOKEN = re.compile(r"\\([A-Za-z@]+)|\\.|%", re.S)


def verbatim_environments(texts: Iterable[str]) -> frozenset[str]:
    """The verbatim-like environments known to a document: the packages' ones and those its texts define."""
    names = set(VERBATIM_ENVIRONMENTS)
    for text in texts:
        for m in _DEFINES_VERBATIM.finditer(text):
            if m.group("lang"):
                names.add(m.group("mname").strip() if m.group("mname") else m.group("lang").strip() + "code")
            else:
                names.add(m.group("name").strip())
    return frozenset(names)


def declared_ifs(texts: Iterable[str]) -> frozenset[str]:
    """Conditionals a document declares with ``\\newif\\ifname`` (their names without ``if``)."""
    return frozenset(m.group(1) for text in texts for m in _NEWIF.finditer(text))


def read_as_tex(
    source: SourceText, verbatim: frozenset[str] = VERBATIM_ENVIRONMENTS, ifs: frozenset[str] = frozenset()
) -> SourceText:
    """`source` without what TeX skips: comments, verbatim text, ``\\iffalse`` blocks, anything after ``\\endinput``."""
    text = source.text
    out = TextBuilder()
    pos = 0  # text[pos:] is not yet copied
    scan = 0
    n = len(text)
    while scan < n:
        m = _TOKEN.search(text, scan)
        if m is None:
            break
        word = m.group(1)
        if m.group(0) == "%":
            out.append(source, pos, m.start())
            newline = text.find("\n", m.start())
            pos = scan = n if newline == -1 else newline
            continue
        if word is None:
            scan = m.end()
            continue
        skip_to = None  # end of a region to drop
        if word == "begin":
            env = re.match(r"\s*\{([^{}]*)\}", text[m.end() : m.end() + 200])
            if env and env.group(1).strip() in verbatim:
                name = env.group(1).strip()
                close = text.find(f"\\end{{{name}}}", m.end() + env.end())
                skip_to = n if close == -1 else close + len(f"\\end{{{name}}}")
        elif word in _INLINE_VERBATIM:
            skip_to = _inline_verbatim_end(text, m.end(), lang=word == "mintinline")
        elif word == "iffalse":
            skip_to = _matching_fi(text, m.end(), ifs)
        elif word == "endinput":
            newline = text.find("\n", m.end())
            out.append(source, pos, newline if newline != -1 else n)
            pos = scan = n
            break
        elif word in _URLS:
            brace = re.match(r"\s*\{", text[m.end() : m.end() + 20])
            if brace:
                close = closing_brace(text, m.end() + brace.end() - 1, n)
                scan = m.end() if close == -1 else close + 1
                continue
        if skip_to is None:
            scan = m.end()
            continue
        out.append(source, pos, m.start())
        out.append_text("\n" * max(1, min(text.count("\n", m.start(), skip_to), 2)), source.origin_of(m.start()))
        pos = scan = skip_to
    out.append(source, pos, n)
    return out.build()


def _inline_verbatim_end(text: str, pos: int, lang: bool) -> int | None:
    """End of ``\\verb|...|`` (or ``{...}`` for listings and minted), from just after the command name."""
    if lang:  # \mintinline{python}|x|: the language first
        m = re.match(r"\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}", text[pos : pos + 100])
        if m is None:
            return None
        pos += m.end()
    else:
        m = re.match(r"\s*\[[^\]]*\]", text[pos : pos + 200])
        pos += m.end() if m else 0
    if pos >= len(text) or text[pos].isalpha() or text[pos] in " \n":
        return None
    if text[pos] == "{":
        close = closing_brace(text, pos, len(text))
        return None if close == -1 else close + 1
    close = text.find(text[pos], pos + 1)
    newline = text.find("\n", pos + 1)
    if close == -1 or (newline != -1 and newline < close):
        return None  # \verb does not cross a line: not inline verbatim after all
    return close + 1


def _matching_fi(text: str, pos: int, ifs: frozenset[str]) -> int:
    """The end of the ``\\fi`` that closes an ``\\iffalse`` ending at `pos` (nested conditionals counted)."""
    depth = 1
    scan = pos
    while True:
        m = _IF_TOKEN.search(text, scan)
        if m is None:
            return len(text)
        if m.group(0) == "%":
            newline = text.find("\n", m.start())
            if newline == -1:
                return len(text)
            scan = newline
            continue
        word = m.group(1)
        scan = m.end()
        if word == "fi":
            depth -= 1
            if depth == 0:
                return m.end()
        elif word == "else" and depth == 1:
            return m.end()  # \iffalse A \else B \fi: B is read (its \fi is a no-op command)
        elif word and word.startswith("if") and (word in _PRIMITIVE_IFS or word[2:] in ifs or "@" in word):
            depth += 1
