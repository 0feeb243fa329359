"""Pandoc citations (Pandoc, Quarto, R Markdown, bookdown, Zettlr): `[@key]`, `[see @a, p. 4; @b]`, `@key [p. 3]`, `[-@key]`.

Keys follow Pandoc's rule: a letter, digit or `_` first, then word characters
and internal punctuation (`:.#$%&-+?<>~/`), or any text in braces (`@{10.1000/x}`).
Not citations: an `@` inside a word (e-mail addresses), bookdown's `\\@ref(...)`,
and Quarto / pandoc-crossref cross-references (`@fig-`, `@tbl-`, `@sec-`, `@eq-`
... and `@fig:`, `@tbl:` ...), which point at labels in the document itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

KEY = r"(?:[\w](?:[\w]|[:.#$%&\-+?<>~/](?=\w))*|\{[^{}\s]+\})"
_ITEM = re.compile(rf"^(?P<prefix>[^@]*?)(?P<minus>-?)@(?P<key>{KEY})(?P<suffix>[^@]*)$", re.DOTALL)
_GROUP = re.compile(r"(?<![!\\\]])\[(?P<body>[^\[\]]*@[^\[\]]*)\](?![(\[:{])")
_IN_TEXT = re.compile(rf"(?<![\w@\\\[\-`])@(?P<key>{KEY})(?P<loc>[ \t]*\[(?P<locator>[^\[\]@\n]*)\])?")
# Quarto's cross-reference prefixes and pandoc-crossref's: labels of the document, not works
_CROSSREF = re.compile(
    r"^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|nte|wrn|tip|imp|cau)[-:]", re.IGNORECASE
)


def _key(raw: str) -> str:
    return raw[1:-1] if raw.startswith("{") else raw


def is_crossref(key: str) -> bool:
    return bool(_CROSSREF.match(key))


def _locator(suffix: str) -> str | None:
    text = " ".join(suffix.split()).lstrip(",").strip()
    return text or None


def find_pandoc(text: str, keep: Callable[[int], bool]) -> Iterator[RawCitation]:
    """Pandoc citations in `text`; `keep(offset)` says whether an offset may hold one."""
    taken: list[tuple[int, int]] = []
    for group in _GROUP.finditer(text):
        if not keep(group.start()):
            continue
        items = _items(group)
        if items is None:
            continue
        taken.append((group.start(), group.end()))
        for at, end, key, minus, suffix in items:
            if is_crossref(key):
                continue
            yield RawCitation(CitationKind.LATEX, key, at, end, key=key, locator=_locator(suffix), narrative=False)
    for m in _IN_TEXT.finditer(text):
        if not keep(m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        key = _key(m.group("key"))
        if is_crossref(key) or not _plausible_in_text(text, m.start()):
            continue
        locator = _locator(m.group("locator") or "")
        yield RawCitation(CitationKind.LATEX, key, m.start(), m.end("key"), key=key, locator=locator, narrative=True)


def _items(group: re.Match) -> list[tuple[int, int, str, bool, str]] | None:
    """(offset of '@', end of key, key, suppress-author, suffix) per item; None if not a citation group."""
    body, base = group.group("body"), group.start("body")
    out = []
    pos = 0
    for part in body.split(";"):
        m = _ITEM.match(part)
        if m is None:
            return None
        if m.group("prefix") and not re.search(r"(?:^|\s)$", m.group("prefix")):
            return None  # "a@b": an @ inside a word
        at = base + pos + m.start("minus") + len(m.group("minus"))
        out.append((at, base + pos + m.end("key"), _key(m.group("key")), bool(m.group("minus")), m.group("suffix")))
        pos += len(part) + 1
    return out


def _plausible_in_text(text: str, at: int) -> bool:
    """Not an @ handle glued to a URL path (`/@user`) or a decorator line (`@property` in prose code)."""
    before = text[max(0, at - 1) : at]
    return before not in ("/", ".", ":")
