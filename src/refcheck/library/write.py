"""Write cleaned entries as BibTeX: one field per line, aligned; verbatim blocks back exactly as they were read."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.library.clean.model import BARE, EXPR, CleanEntry, Field, Item, Verbatim

_LOOSE = ("text", "comment")


@dataclass(frozen=True)
class WriteOptions:
    indent: str = "  "
    align: int | None = None  # None: values aligned within each entry; 0: not aligned; N: names padded to N
    quotes: bool = False  # "..." instead of {...} (a value with a bare `"` keeps its braces)
    trailing_comma: bool = True
    blank_lines: bool = True  # a blank line between entries


def _outside_braces_has_quote(value: str) -> bool:
    if '"' not in value:
        return False
    depth = 0
    for i, ch in enumerate(value):
        if ch == "{" and (i == 0 or value[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or value[i - 1] != "\\"):
            depth -= 1
        elif ch == '"' and depth == 0 and (i == 0 or value[i - 1] != "\\"):
            return True
    return False


def format_value(f: Field, options: WriteOptions = WriteOptions()) -> str:
    if f.kind in (BARE, EXPR):
        return f.value
    if options.quotes and not _outside_braces_has_quote(f.value):
        return f'"{f.value}"'
    return "{" + f.value + "}"


def format_entry(e: CleanEntry, options: WriteOptions = WriteOptions()) -> str:
    """`@type{key,` then one `name = value,` line per field, then `}`."""
    if options.align is None:
        width = max((len(f.name) for f in e.fields), default=0)
    else:
        width = options.align
    last = len(e.fields) - 1
    lines = [f"@{e.type}{{{e.key},"]
    for i, f in enumerate(e.fields):
        comma = "," if i < last or options.trailing_comma else ""
        lines.append(f"{options.indent}{f.name.ljust(width)} = {format_value(f, options)}{comma}")
    lines.append("}")
    return "\n".join(lines)


def _separator(prev: Item, item: Item, options: WriteOptions) -> str:
    if isinstance(item, Verbatim) and item.kind in _LOOSE and item.gap == 0:
        return " "  # text on the line of the block before it (a malformed entry's tail, a trailing remark)
    if isinstance(prev, Verbatim) and prev.kind in _LOOSE and item.gap == 1:
        return "\n"  # a comment right above its entry stays right above it
    return "\n\n" if options.blank_lines else "\n"


def write_items(items: list[Item], options: WriteOptions = WriteOptions()) -> str:
    """The text of a .bib file holding `items` in order; ends with one newline."""
    parts: list[str] = []
    prev: Item | None = None
    for item in items:
        text = format_entry(item, options) if isinstance(item, CleanEntry) else item.raw.rstrip()
        if prev is not None:
            parts.append(_separator(prev, item, options))
        parts.append(text)
        prev = item
    return "".join(parts) + "\n" if parts else ""
