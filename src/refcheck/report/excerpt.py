"""Shortening document text to one readable line for human-facing reports."""

from __future__ import annotations

from refcheck.safetext import escaped, guard_commands, printable

ELLIPSIS = " … "  # not "...": that may be the document's own elision (the contract's example has one)


def one_line(text: str) -> str:
    """Collapse newlines and runs of spaces, drop escape sequences: one finding never spills over lines or the screen."""
    return " ".join(printable(text).split())


def shown_path(path: str) -> str:
    """A file name as a report line starts with it: controls written out, never a CI runner's command."""
    return guard_commands(escaped(path))


def shorten_middle(text: str, limit: int = 200) -> str:
    """`text` on one line, at most `limit` characters, cut in the middle at word boundaries."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    room = max(limit - len(ELLIPSIS), 2)
    head, tail = _head(text, (room + 1) // 2), _tail(text, room // 2)
    return f"{head}{ELLIPSIS}{tail}"


def _head(text: str, n: int) -> str:
    cut = text[:n]
    if text[n] != " " and " " in cut:  # mid-word: drop the partial word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()


def _tail(text: str, n: int) -> str:
    cut = text[len(text) - n :]
    if text[len(text) - n - 1] != " " and " " in cut:
        cut = cut.split(" ", 1)[1]
    return cut.lstrip()
