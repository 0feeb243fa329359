"""LaTeX citation commands: \\cite, natbib (\\citep, \\citet, ...), biblatex (\\parencite, \\autocite, \\footcite, ...)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.extract.citations.names import AUTHORS, plausible, split_names
from refcheck.extract.patterns import YEAR
from refcheck.model import CitationKind, NameMention
from refcheck.regexcache import cached_compile

_COMMANDS = (
    r"cite|citep|citet|citealt|citealp|citeauthor|citeyear|citeyearpar|citenum|citetext|"
    r"Cite|Citep|Citet|Citealt|Citealp|Citeauthor|Citeyear|citeauthor\*|citetitle|Citetitle|citeurl|citedate|"
    r"parencite|Parencite|textcite|Textcite|autocite|Autocite|footcite|footcitetext|smartcite|Smartcite|"
    r"supercite|fullcite|footfullcite|nocite|cites|Cites|parencites|Parencites|textcites|Textcites|autocites|Autocites|"
    r"footcites|footcitetexts|smartcites|Smartcites|supercites"
)
_OPT = r"(?:\s*\[[^\[\]]*\])"
# biblatex multicites take global notes in parentheses first: \autocites(see)(p. 2)[3]{a}[5]{b}
_GLOBAL = r"(?:\s*\([^()]*\)){0,2}"
CITE = cached_compile(rf"\\(?P<cmd>{_COMMANDS})\*?(?P<global>{_GLOBAL})(?P<opts>{_OPT}{{0,2}})\s*\{{(?P<keys>[^{{}}]*)\}}")
# the further [pre][post]{keys} groups of a multicite, after the first
_MORE = cached_compile(rf"(?P<opts>{_OPT}{{0,2}})\s*\{{(?P<keys>[^{{}}]*)\}}")
_MULTI = {"cites", "Cites", "parencites", "Parencites", "textcites", "Textcites", "autocites", "Autocites",
          "footcites", "footcitetexts", "smartcites", "Smartcites", "supercites"}
_NARRATIVE_CMDS = {"citet", "Citet", "textcite", "Textcite", "citeauthor", "Citeauthor", "textcites", "Textcites"}
# the names written just before a \cite: "Hinton et al.~", "Watson and Crick (1953)~"
_MENTION = cached_compile(rf"(?:{AUTHORS})(?:'s|’s)?\s*(?:\(\s*(?P<year>{YEAR})[a-z]?\s*\))?\s*$")
# "... \cite{vaswani2017} showed in 2016": a year after the cite, but only as the date of
# the authors' own act; "measured the flood in 2016" dates an event, not the work
_YEAR_AFTER = cached_compile(
    rf"^\s*(?:first\s+|later\s+|already\s+)?(?:showed|shown|proposed|introduced|found|argued|reported|demonstrated|"
    rf"described|published|wrote|suggested|presented|developed|observed|noted|established)\s+(?:this\s+|it\s+|that\s+)?in\s+(?P<year>{YEAR})\b"
)


# the year written by hand after \citeauthor{key}: "As \citeauthor{okafor2001} (2003) points out"
_YEAR_WRITTEN = cached_compile(rf"\s*~?\s*\(\s*(?P<year>{YEAR})[a-z]?\s*\)")


def find_latex_citations(text: str, in_running_text) -> Iterator[RawCitation]:
    for m in CITE.finditer(text):
        if not in_running_text(m.start()):
            continue
        cmd = m.group("cmd")
        if cmd == "nocite":
            continue
        mention = None if cmd in _NARRATIVE_CMDS else _mention_before(text, m.start())
        if cmd in ("citeauthor", "Citeauthor") and (year := _YEAR_WRITTEN.match(text, m.end())):
            mention = NameMention((), False, year.group("year"))  # \citeauthor{k} (1984): the year is written by hand
        if mention is not None and mention.year is None:
            after = _YEAR_AFTER.match(text[m.end() : m.end() + 80].replace("~", " "))
            if after:
                mention = NameMention(mention.names, mention.et_al, after.group("year"))
        for opts, keys, at in _groups(text, m):
            found = re.findall(r"\[([^\[\]]*)\]", opts or "")
            locator = found[-1].strip() if found and found[-1].strip() else None
            for key in (k.strip() for k in keys.split(",")):
                if not key:
                    continue
                yield RawCitation(
                    CitationKind.LATEX,
                    key,
                    at,
                    m.end(),
                    key=key,
                    locator=locator,
                    narrative=cmd in _NARRATIVE_CMDS,
                    mention=mention,
                )


def _groups(text: str, m: re.Match) -> Iterator[tuple[str, str, int]]:
    """(options, keys, offset) of each key group: one for \\cite, every [pre][post]{keys} of a multicite."""
    yield m.group("opts"), m.group("keys"), m.start()
    if m.group("cmd") not in _MULTI:
        return
    pos = m.end()
    while True:
        more = _MORE.match(text, pos)
        if more is None:
            return
        yield more.group("opts"), more.group("keys"), m.start()
        pos = more.end()


def nocite_keys(text: str) -> list[str]:
    """Keys listed by \\nocite (cited without a place in the text)."""
    keys: list[str] = []
    for m in CITE.finditer(text):
        if m.group("cmd") == "nocite":
            keys.extend(k.strip() for k in m.group("keys").split(",") if k.strip() and k.strip() != "*")
    return keys


def _mention_before(text: str, pos: int) -> NameMention | None:
    window = text[max(0, pos - 160) : pos]
    window = re.sub(r"\\[ ,;!]|~", " ", window)
    window = re.sub(r"\\(?:emph|textit|textsc|textbf)\{([^{}]*)\}", r"\1", window)
    window = re.sub(r"\s+", " ", window).rstrip()
    m = _MENTION.search(window)
    if not m:
        return None
    names = split_names(m.group("authors"))
    while names and not plausible(names[:1]):
        names.pop(0)
    if not names or not plausible(names):
        return None
    return NameMention(tuple(names), bool(m.group("etal")), m.group("year"))
