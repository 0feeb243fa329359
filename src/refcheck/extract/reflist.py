"""The document's own reference list: its heading, and the items under it."""

from __future__ import annotations

import re

from refcheck.regexcache import cached_compile

_NAMES = (
    r"references?(?:\s+list)?|bibliography|works\s+cited|literature(?:\s+cited)?|cited\s+literature|"
    r"sources|reference\s+list|bibliografía|bibliographie|literaturverzeichnis|"
    r"참고\s*문헌|参考文献|引用文献|文献"
)
HEADING = cached_compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?(?:\*\*|__|\*|_)?[ \t]*(?:(?:\d+|[IVXLC]+)\.?[ \t]+)?({_NAMES})[ \t]*:?[ \t]*(?:\*\*|__|\*|_)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_MD_HEADING = cached_compile(r"^[ \t]*#{1,6}[ \t]+\S", re.MULTILINE)
_NOTE_DEF = cached_compile(r"^\[\^[^\]\s]+\]:", re.MULTILINE)

_BULLET = cached_compile(r"[ \t]*(?:[-*•·][ \t]+)")
_NUMBERED = cached_compile(r"[ \t]*(?:\[(\d{1,4})\]|(\d{1,4})[.)])[ \t]+")


def find_reference_list(text: str) -> tuple[int, int, int] | None:
    """(heading start, items start, end) of the last section under a list heading whose items read as references."""
    for heading in reversed(list(HEADING.finditer(text))):
        start = heading.end()
        end = len(text)
        for pattern in (_MD_HEADING, _NOTE_DEF):
            nxt = pattern.search(text, start)
            if nxt and nxt.start() < end:
                end = nxt.start()
        if text[start:end].strip() and _reads_as_references(text, start, end):
            return heading.start(), start, end
    return None


_YEAR_OR_ID = cached_compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|doi|https?://|n\.d\.", re.IGNORECASE)
# "(Ramos and Pike, 1991)": running text that cites, which a reference list does not do
_PROSE_CITATION = cached_compile(r"\([A-Z][^()\n]{1,80}?(?:1[5-9]\d\d|20\d\d)[^()\n]{0,40}\)")


def _reads_as_references(text: str, start: int, end: int) -> bool:
    """A section of prose under a heading such as "Sources" is not a reference list: most items must date or
    identify a work, and few may cite the way running text does."""
    found = split_items(text, start, end)
    items = [text[a:b] for _, a, b in found]
    if not items:
        return False
    if sum(1 for label, _, _ in found if label) * 2 >= len(found):
        return True  # a numbered list
    dated = sum(1 for item in items if _YEAR_OR_ID.search(item))
    citing = len(_PROSE_CITATION.findall(text, start, end))
    return dated * 2 >= len(items) and citing < 2


def split_items(text: str, start: int, end: int) -> list[tuple[str | None, int, int]]:
    """Items of the list in text[start:end] as (label, start, end).

    Bullets and numbers ([3], 3.) start items; without them a hanging indent
    does; flush lines are split at blank lines, or one item per line.
    """
    lines = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        lines.append((pos, stop))
        pos = stop + 1
    content = [(a, b) for a, b in lines if text[a:b].strip()]
    if not content:
        return []
    bulleted = sum(1 for a, b in content if _BULLET.match(text, a, b))
    numbered = sum(1 for a, b in content if _NUMBERED.match(text, a, b))
    # The list's own style is the one most lines open with: a wrapped line may start with "- " or "3."
    if numbered >= bulleted:
        bulleted = 0
    else:
        numbered = 0
    indented = sum(1 for a, b in content if text[a:b][:1] in (" ", "\t"))
    items: list[list] = []

    def opens(a: int, b: int) -> tuple[str | None, int] | None:
        if bulleted:
            m = _BULLET.match(text, a, b)
            return (None, m.end()) if m else None
        if numbered:
            m = _NUMBERED.match(text, a, b)
            return (m.group(1) or m.group(2), m.end()) if m else None
        if indented and indented < len(content):
            return (None, a) if text[a:b][:1] not in (" ", "\t") else None
        return None

    structured = bool(bulleted or numbered or (indented and indented < len(content)))
    previous_blank = True
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            previous_blank = True
            continue
        if structured:
            opened = opens(a, b)
            if opened or not items:
                label, at = opened if opened else (None, a)
                items.append([label, at, b])
            else:
                items[-1][2] = b
        elif previous_blank or not items or not _has_blank_lines(text, start, end):
            items.append([None, a, b])
        else:
            items[-1][2] = b
        previous_blank = False
    return [(label, a + _lead(text[a:b]), b) for label, a, b in items]


def _has_blank_lines(text: str, start: int, end: int) -> bool:
    body = text[start:end].strip("\n")
    return "\n\n" in body or bool(re.search(r"\n[ \t]+\n", body))


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())
