"""TeX groups, shared by the LaTeX reader and the BibTeX stages: the brace or quote that closes a group."""

from __future__ import annotations

import re

# an escaped character (\{, \}, \") is never a delimiter
_BRACE_TOKENS = re.compile(r"\\.|[{}]", re.S)
_QUOTE_TOKENS = re.compile(r'\\.|[{}"]', re.S)


def closing_brace(text: str, start: int, end: int | None = None) -> int:
    """Index of the `}` that closes the `{` at `start`, or -1."""
    depth = 0
    for m in _BRACE_TOKENS.finditer(text, start, len(text) if end is None else end):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def brace_pairs(text: str) -> dict[int, int]:
    """Every `{` that is closed, mapped to its `}`: one pass, for a caller that asks about many braces.

    `brace_pairs(text).get(i)` is `closing_brace(text, i)` (None for -1), without a
    scan to the end of the text for each unclosed brace.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACE_TOKENS.finditer(text):
        token = m.group(0)
        if token == "{":
            stack.append(m.start())
        elif token == "}":
            if stack:
                pairs[stack.pop()] = m.start()
    return pairs


def closing_quote(text: str, start: int, end: int | None = None) -> int:
    """Index of the `"` outside braces that closes the one at `start`, or -1."""
    depth = 0
    for m in _QUOTE_TOKENS.finditer(text, start + 1, len(text) if end is None else end):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif token == '"' and depth <= 0:
            return m.start()
    return -1
