"""The cleaner's working copy of a library: entries with editable fields, and blocks kept verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.texsyntax import closing_brace, closing_quote
from refcheck.library.entry import Entry

TEXT = "text"  # a delimited string: `value` is what is between the braces or quotes
BARE = "bare"  # a macro name (`jan`, an @string): written without delimiters
EXPR = "expr"  # anything else (`jpr # " 12"`): written as it was

# Fields whose values are addresses or identifiers, not text: never re-encoded, re-braced or re-spaced.
VERBATIM_FIELDS = frozenset(
    "url doi file pdf eprint urlraw verba verbb verbc ids crossref xdata xref isbn issn pmid arxivid "
    "archiveprefix primaryclass eprinttype eprintclass key label mendeley-tags".split()
)

_MACRO = re.compile(r"[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*")


@dataclass(slots=True, eq=False)
class Field:
    """One field of an entry; see TEXT, BARE, EXPR for what `value` holds."""

    name: str
    value: str
    kind: str = TEXT

    @property
    def empty(self) -> bool:
        return self.kind == TEXT and not self.value.replace("{", "").replace("}", "").strip()


@dataclass(eq=False)
class CleanEntry:
    """An entry being cleaned: lower-case type and field names, fields in order.

    `view` is the loaded entry (decoded title, split names, year, DOI) that
    duplicates, sorting and citations are judged on; `gap` the line breaks
    written before it in the original file.
    """

    type: str
    key: str
    fields: list[Field]
    path: str = ""
    line: int = 0
    view: Entry | None = None
    gap: int = 2

    def get(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def text(self, name: str) -> str:
        f = self.get(name)
        return f.value if f is not None else ""


@dataclass(eq=False)
class Verbatim:
    """A block written back as it was: @string, @preamble, @comment, text between entries, or an entry that does not parse cleanly."""

    kind: str  # as `bibfile.Block.kind`
    raw: str
    path: str = ""
    line: int = 0
    key: str | None = None
    gap: int = 2


Item = CleanEntry | Verbatim


def parse_value(expr: str, name: str = "") -> Field:
    """A field value expression as written (`{..}`, `".."`, `2001`, `jan`, `a # b`) as a Field."""
    first, last = expr[:1], expr[-1:]
    if first == "{" and last == "}":
        inner = expr[1:-1]
        # most values hold no braces: the test in C saves the scan
        if ("{" not in inner and "}" not in inner) or closing_brace(expr, 0) == len(expr) - 1:
            return Field(name, inner, TEXT)
    elif first == '"' and last == '"':
        inner = expr[1:-1]
        if ('"' not in inner and "{" not in inner and "}" not in inner) or (
            closing_quote(expr, 0) == len(expr) - 1 and _balanced(inner)
        ):
            return Field(name, inner, TEXT)
    elif expr.isdigit():
        return Field(name, expr, TEXT)
    if expr != expr.strip():
        return parse_value(expr.strip(), name)
    if _MACRO.fullmatch(expr):
        return Field(name, expr, BARE)
    return Field(name, expr, EXPR)


def _balanced(s: str) -> bool:
    depth = 0
    for m in re.finditer(r"(?<!\\)[{}]", s):
        depth += 1 if m.group(0) == "{" else -1
        if depth < 0:
            return False
    return depth == 0


_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")


def items_from_library(library) -> list[Item]:
    """The library's files, block by block, as cleanable entries and verbatim blocks."""
    items: list[Item] = []
    views = iter(library.entries)
    for path in library.files:
        for block in library.blocks.get(path, ()):
            raw = block.entry
            if block.kind == "entry" and raw is not None:
                view = next(views)
                if raw.malformed:
                    items.append(Verbatim("entry", block.raw, path, block.line, raw.key, block.gap))
                    continue
                fields = [parse_value(expr, name.lower()) for name, expr in raw.values]
                items.append(CleanEntry(raw.type, raw.key, fields, path, block.line, view, block.gap))
            else:
                key = None
                if block.kind == "failed":
                    m = _KEY_IN_RAW.match(block.raw)
                    key = m.group(1) if m else None
                items.append(Verbatim(block.kind, block.raw, path, block.line, key, block.gap))
    return items
