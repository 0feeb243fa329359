"""Split a BibTeX name list ("A and B and others") into `Author`s, by BibTeX's rules."""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.library.latex import decode
from refcheck.model import Author

_AND = re.compile(r"\s+and(?=\s)", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_SPACE = re.compile(r"[\s~]+")
_SUFFIX = re.compile(r"(?:[JS]r\.?|[JS]R\.?|II|III|IV|2nd|3rd|4th)$")
# Lower-case elided particles glued to the family name: d'Alembert, dell'Acqua.
_ELIDED = re.compile(r"^((?:d|l|dell|dall|degl|nell|sull)['’])(?=\w)")


def _mask(s: str) -> str:
    """`s` with every character inside braces replaced by \\x01, so separators there are not seen."""
    if "{" not in s:
        return s
    out = []
    depth = 0
    for ch in s:
        if ch == "{":
            depth += 1
            out.append(ch if depth == 1 else "\x01")
        elif ch == "}":
            out.append(ch if depth == 1 else "\x01")
            depth = max(depth - 1, 0)
        else:
            out.append("\x01" if depth else ch)
    return "".join(out)


def _split(s: str, sep: re.Pattern) -> list[str]:
    """Split `s` at `sep` where it occurs outside braces."""
    if "{" not in s:
        return sep.split(s)
    parts, start = [], 0
    for m in sep.finditer(_mask(s)):
        parts.append(s[start : m.start()])
        start = m.end()
    parts.append(s[start:])
    return parts


_MACRO = re.compile(r"\\[A-Za-z]+|\\.")

def _is_lower(token: str) -> bool:
    """BibTeX's von test: the first letter outside braces (or of a `{\\...}` special character) is lower case."""
    i, n = 0, len(token)
    while i < n:
        ch = token[i]
        if ch == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"{": 1, "}": -1}.get(token[j], 0)
                j += 1
            if i + 1 < n and token[i + 1] == "\\":  # special character: its letter decides
                letters = [c for c in decode(token[i:j]) if c.isalpha()]
                if letters:
                    return letters[0].islower()
            i = j  # a plain brace group is caseless: skip it
            continue
        if ch == "\\":  # an accent macro outside braces, e.g. \"uber
            m = _MACRO.match(token, i)  # in place: slicing token[i:] here made a run of backslashes quadratic
            decoded = decode(token[i : i + len(m.group(0)) + 2]) if m else ""
            letters = [c for c in decoded if c.isalpha()]
            if letters:
                return letters[0].islower()
            i += len(m.group(0)) if m else 1
            continue
        if ch.isalpha():
            return ch.islower()
        i += 1
    return False


def _tokens(part: str) -> list[str]:
    return [t for t in _split(part.strip(), _SPACE) if t]


def _text(tokens: list[str]) -> str | None:
    return decode(" ".join(tokens)) or None if tokens else None


def _von_last(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split "von Last" (the part before the first comma): von runs to the last lower-case token but one."""
    for j in range(len(tokens) - 2, -1, -1):
        if _is_lower(tokens[j]):
            return tokens[: j + 1], tokens[j + 1 :]
    return [], tokens


def _person(first: list[str], von: list[str], last: list[str], jr: list[str]) -> Author:
    family = _text(last)
    particle = _text(von)
    if family and not particle:
        m = _ELIDED.match(family)
        if m and len(family) > len(m.group(1)):
            particle, family = m.group(1), family[len(m.group(1)) :]
    return Author(family=family, given=_text(first), particle=particle, suffix=_text(jr))


@lru_cache(maxsize=1 << 16)
def split_name(name: str) -> Author:
    """One BibTeX name ("Last, First", "Last, Jr., First", "First von Last", `{Literal}`) as an `Author`."""
    name = name.strip().strip(",").strip()
    family, comma, given = name.partition(",")
    if comma and "," not in given and "{" not in name and "\\" not in name and not _SPACE.search(family.strip()):
        # The common "Family, Given" with a one-word family: no von part to look for.
        first = _tokens(given)
        if not (len(first) == 1 and _SUFFIX.match(first[0])):
            return _person(first, [], [family.strip()], [])
    if name.startswith("{") and name.endswith("}") and "}" not in _mask(name)[:-1]:
        return Author(literal=decode(name))  # one brace group: an institution or a verbatim name
    parts = _split(name, _COMMA)
    if len(parts) == 1:
        tokens = _tokens(name)
        jr: list[str] = []
        if len(tokens) >= 2 and _SUFFIX.match(tokens[-1]):  # "Henry Ford Jr."
            jr, tokens = tokens[-1:], tokens[:-1]
        if len(tokens) == 1:
            return _person([], [], tokens, jr)
        start = next((i for i in range(len(tokens) - 1) if _is_lower(tokens[i])), None)
        if start is None:
            return _person(tokens[:-1], [], tokens[-1:], jr)
        von, last = _von_last(tokens[start:])
        return _person(tokens[:start], von, last, jr)
    if len(parts) == 2:
        first = _tokens(parts[1])
        if len(first) == 1 and _SUFFIX.match(first[0]):  # "Lucas, Jr." or "Henry Ford, Jr."
            inner = split_name(parts[0])
            if inner.literal is None:
                return Author(inner.family, inner.given, inner.particle, _text(first))
        von, last = _von_last(_tokens(parts[0]))
        return _person(first, von, last, [])
    # "von Last, Jr, First"; BibTeX rejects more commas, we keep the rest as the given name
    von, last = _von_last(_tokens(parts[0]))
    first = _tokens(", ".join(parts[2:]))
    return _person(first, von, last, _tokens(parts[1]))


@lru_cache(maxsize=1 << 15)
def split_names(value: str) -> tuple[tuple[Author, ...], bool]:
    """The authors (or editors) in a raw BibTeX name field, and whether it ends with "and others"."""
    authors = []
    et_al = False
    for name in _split(value.strip(), _AND):
        name = name.strip()
        if not name:
            continue
        if name.lower() == "others":
            et_al = True
            continue
        author = split_name(name)
        if author.literal or author.family or author.given:
            authors.append(author)
    return tuple(authors), et_al
