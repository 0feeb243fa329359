"""Turn the text of one .bib file into raw entry records, using bibtexparser v2's splitter only.

We run bibtexparser with an empty parse stack and do the rest here, because:
- its line numbers drift after every `\\` at a line end (the splitter does not count
  an escaped newline), so we locate each block's raw text in the file instead;
- it treats the `}` in `{C:\\\\}` as escaped and loses the entry; we hide `\\\\`
  behind a same-length placeholder while splitting;
- its string middleware resolves whole-value macros only, not `a # " b"`, and lets
  the first of two `@string`s win where BibTeX lets the later one win;
- an entry left open swallows the rest of its line (`... } @misc{next, ...}`): we
  re-parse a failed block from the next `@type{` inside it.
"""

from __future__ import annotations

import logging

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refcheck.library.problems import LibraryProblem
from refcheck.regexcache import cached_compile
from refcheck.texsyntax import closing_brace, closing_quote

if TYPE_CHECKING:  # imported where a file is parsed: an audit whose library is cached never needs it
    from bibtexparser import model as bp

# bibtexparser logs each block it cannot parse; we report those as malformed-entry
# findings with file and line, so its messages must not also reach stderr.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

# BibTeX's standard styles predefine the month macros.
MONTHS = {
    m[:3]: m
    for m in "january february march april may june july august september october november december".split()
}
PREDEFINED = {k: v.capitalize() for k, v in MONTHS.items()}

_BACKSLASHES = "\\\\"
_PLACEHOLDER = "\ue000\ue001"  # private-use characters: never a splitter mark
_INNER_BLOCK = cached_compile(r"@[A-Za-z]\w*[ \t]*[{(]")
# Broken entries in a row whose rest is parsed again each time; past this many, entry by entry (linear).
_MAX_CHAIN = 4
# Text after an entry's closing brace that looks like more fields: the entry closed early.
_STRAY_FIELDS = cached_compile(r"\s*(?:,|[A-Za-z][\w-]*\s*=)")
_IDENT = cached_compile(r"[^\s#,{}\"=]+")


@dataclass(slots=True)
class RawEntry:
    """An entry as written: lower-case type and field names, values with macros resolved.

    `values` keeps every field as written, in order and with repeats: (name, value
    expression), e.g. ("Journal", 'jpr # " vol."'); `malformed` marks an entry whose
    text does not say what it seems to (a field that fails, fields after its end).
    """

    key: str
    type: str
    fields: dict[str, str]
    path: str
    line: int
    raw: str = field(repr=False, default="")
    values: list[tuple[str, str]] = field(repr=False, default_factory=list)
    malformed: bool = False


@dataclass(slots=True)
class Block:
    """One block of a file, in file order, with its text and where it is: what a faithful rewrite needs.

    kind: "entry", "string", "preamble", "comment" (@comment), "text" (anything
    between blocks: % comments, notes) or "failed" (text that does not parse).
    `start`/`end` are offsets of `raw` in the file's text; `gap` counts the line
    breaks between the previous block and this one.
    """

    kind: str
    raw: str
    line: int
    start: int
    end: int
    gap: int = 0
    entry: RawEntry | None = None


@dataclass(slots=True)
class ParsedFile:
    entries: list[RawEntry]
    problems: list[LibraryProblem]
    blocks: list[Block] = field(default_factory=list)


def resolve_value(value: str, macros: dict[str, str]) -> tuple[str, str | None]:
    """The text of a field value expression (`{..}`, `".."`, 123, macro, joined by `#`), and an error or None."""
    if not value:
        return "", None
    first = value[0]
    if first == "{" and value[-1] == "}":
        # Most values have no inner braces: counting (in C) saves the scan.
        if value.count("{") == 1 and value.count("}") == 1 or closing_brace(value, 0) == len(value) - 1:
            return value[1:-1], None
    if first == '"' and value[-1] == '"' and "#" not in value:
        return value[1:-1], None
    if value.isdigit():
        return value, None
    parts: list[str] = []
    error = None
    i, n = 0, len(value)
    while True:
        while i < n and value[i].isspace():
            i += 1
        if i >= n:
            return "".join(parts), error or ("a `#` with nothing after it" if parts else None)
        ch = value[i]
        if ch == "{":
            end = closing_brace(value, i)
        elif ch == '"':
            end = closing_quote(value, i)
        else:
            m = _IDENT.match(value, i)
            end = m.end() - 1 if m else -1
        if end < 0:
            return "".join(parts) or value, "an unbalanced brace or quote"
        if ch in '{"':
            parts.append(value[i + 1 : end])
        else:
            name = value[i : end + 1]
            if name.isdigit():
                parts.append(name)
            elif name.lower() in macros:
                parts.append(macros[name.lower()])
            else:  # BibTeX warns and uses nothing; the name itself tells the reader more
                parts.append(name)
                error = error or f"undefined string `{name}`"
        i = end + 1
        while i < n and value[i].isspace():
            i += 1
        if i >= n:
            return "".join(parts), error
        if value[i] != "#":
            return "".join(parts), f"text after the value: `{_short(value[i:])}` (a missing comma?)"
        i += 1


def _explain(reason: str) -> str:
    """bibtexparser's abort reason, led by what the user must fix."""
    if "closing `}`" in reason or "reached end of file" in reason:
        hint = "a `{` is never closed"
    elif 'closing `"`' in reason:
        hint = 'a `"` is never closed'
    elif "closing `,`" in reason:
        hint = "the entry is never closed"
    elif "comma after entry key" in reason:
        hint = "no comma after the key"
    elif "Expected a `=`" in reason:
        hint = "a field without `=`"
    else:
        return reason
    return f"{hint} ({reason.rstrip()})"


_COMMENT_LINE = cached_compile(r"%[^\n]*")
_COMMENT_ONLY_LINE = cached_compile(r"(?m)^[ \t]*%[^\n]*$")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _FileParser:
    """Parses one file's text; `macros` is shared with the files read before it, as in BibTeX."""

    def __init__(self, path: str, macros: dict[str, str]) -> None:
        self.path = path
        self.macros = macros
        self.entries: list[RawEntry] = []
        self.problems: list[LibraryProblem] = []
        self.blocks: list[Block] = []
        self._last_end = 0  # end offset of the previous block, for `Block.gap`
        self._text = ""  # the file's text, placeholders in
        self.hiding = True  # off for a file that itself contains the placeholder character
        self._chain = 0  # broken entries re-parsed in a row (see _parse_windows)

    def _restore(self, s: str) -> str:
        return s.replace(_PLACEHOLDER, _BACKSLASHES) if self.hiding and _PLACEHOLDER[0] in s else s

    def _problem(self, kind: str, line: int | None, message: str, **kw) -> None:
        if "raw" in kw and kw["raw"] is not None:
            kw["raw"] = self._restore(kw["raw"])
        self.problems.append(LibraryProblem(kind, self.path, line, message, **kw))

    def _block(self, kind: str, raw: str, line: int, start: int, entry: RawEntry | None = None) -> None:
        end = start + len(raw)
        gap = self._text.count("\n", self._last_end, start) if start >= self._last_end else 0
        self.blocks.append(Block(kind, entry.raw if entry is not None else self._restore(raw), line, start, end, gap, entry))
        self._last_end = end

    def parse(self, text: str, first_line: int = 1, first_offset: int = 0) -> None:
        """Parse `text`, whose first line is line `first_line` of the file and first character its `first_offset`."""
        if self.hiding and _BACKSLASHES in text:
            text = text.replace(_BACKSLASHES, _PLACEHOLDER)
        if first_offset == 0:
            self._text = text
        import bibtexparser
        from bibtexparser import model as bp

        blocks = bibtexparser.parse_string(text, parse_stack=[]).blocks
        cursor, line = 0, first_line
        prev_entry: RawEntry | None = None
        skip_comment = False
        for index, block in enumerate(blocks):
            raw = block.raw or ""
            offset = text.find(raw, cursor) if raw else -1
            if offset < 0:  # cannot happen for splitter output; fall back to the splitter's count
                offset, block_line = cursor, first_line + (block.start_line or 0)
            else:
                line += text.count("\n", cursor, offset)
                block_line = line
                line += raw.count("\n")
                cursor = offset + len(raw)
            at = first_offset + offset
            if isinstance(block, bp.ImplicitComment):
                if skip_comment:
                    skip_comment = False
                else:
                    if prev_entry is not None and _STRAY_FIELDS.match(raw):
                        self._problem(
                            "malformed", prev_entry.line,
                            f"entry '{prev_entry.key}' is closed early (an extra `}}`?): "
                            f"line {block_line} continues with `{_short(raw)}`",
                            key=prev_entry.key, raw=raw,
                        )
                        prev_entry.malformed = True
                    self._block("text", raw, block_line, at)
                prev_entry = None
                continue
            prev_entry = None
            if isinstance(block, (bp.DuplicateBlockKeyBlock, bp.DuplicateFieldKeyBlock)):
                inner = block.ignore_error_block  # we detect duplicates ourselves, across files
                if isinstance(block, bp.DuplicateFieldKeyBlock):
                    keys = ", ".join(sorted(block.duplicate_keys))
                    self._problem(
                        "duplicate-field", block_line,
                        f"entry '{inner.key}' sets {keys} twice; the first value is used",
                        key=inner.key, raw=raw,
                    )
                block = inner
            if isinstance(block, bp.String):
                self._string(block, block_line, raw)
                self._block("string", raw, block_line, at)
            elif isinstance(block, bp.Entry):
                prev_entry = self._entry(block, block_line, raw)
                self._block("entry" if prev_entry else "failed", raw, block_line, at, prev_entry)
            elif isinstance(block, bp.ParsingFailedBlock):
                skip_comment = self._failed(block, blocks, index, text, offset, block_line, first_offset)
            elif isinstance(block, bp.Preamble):
                self._block("preamble", raw, block_line, at)
            elif isinstance(block, bp.ExplicitComment):
                self._block("comment", raw, block_line, at)

    def _string(self, block: bp.String, line: int, raw: str) -> None:
        value, error = resolve_value(block.value, self.macros)
        value = self._restore(value)
        if error:
            self._problem("malformed", line, f"@string '{block.key}': {error}", raw=raw)
        self.macros[block.key.lower()] = value  # a later definition wins, as in BibTeX

    def _entry(self, block: bp.Entry, line: int, raw: str) -> RawEntry | None:
        key = block.key.strip()
        if not key:
            self._problem("malformed", line, f"@{block.entry_type} entry without a key", raw=raw)
            return None
        fields: dict[str, str] = {}
        values: list[tuple[str, str]] = []
        malformed = False
        hidden = _PLACEHOLDER[0] if self.hiding else None
        commented = False
        for f in block.fields:
            written = f.value
            values.append((f.key, written.replace(_PLACEHOLDER, _BACKSLASHES) if hidden and hidden in written else written))
            name = f.key.lower()
            if "%" in name:
                # a `%` line inside an entry: biber skips it as a comment (`% title = {Old}`, or a
                # comment line before the field); BibTeX does not, so it is worth a warning
                commented = True
                name = _COMMENT_LINE.sub("", name).strip()
                if not name:
                    continue
            if name in fields or not name:
                continue  # the first of two values wins (reported as duplicate-field)
            value, error = resolve_value(f.value, self.macros)  # `\\` is still hidden: braces count right
            if error and "%" in f.value:
                # a `%` line after the last value (`year = {2017}\n  % note = {x}\n}`): biber's comment
                uncommented = _COMMENT_ONLY_LINE.sub("", f.value)
                retry, retry_error = resolve_value(uncommented, self.macros)
                if not retry_error:
                    value, error, commented = retry, None, True
            value = self._restore(value)
            if error:
                kind = "undefined-string" if error.startswith("undefined") else "malformed"
                malformed = malformed or kind == "malformed"
                self._problem(kind, line, f"entry '{key}', field '{name}': {error}", key=key, raw=raw)
            fields[name] = value.strip()
        if commented:
            self._problem(
                "comment-in-entry", line,
                f"entry '{key}' has `%` comment lines inside; biber skips them, BibTeX reads them as text",
                key=key, raw=raw,
            )
        entry = RawEntry(key, block.entry_type.lower(), fields, self.path, line, self._restore(raw), values, malformed)
        self.entries.append(entry)
        return entry

    def _failed(self, block, blocks, index: int, text: str, offset: int, line: int, first_offset: int = 0) -> bool:
        """Report a block that does not parse; re-parse any block it swallowed. True if it took the next comment."""
        from bibtexparser import model as bp

        raw = block.raw or ""
        inner = _INNER_BLOCK.search(raw, 1)
        took_comment = False
        if inner is None and index + 1 < len(blocks) and isinstance(blocks[index + 1], bp.ImplicitComment):
            # The rest of a broken entry ends up as a comment; show it as part of the entry.
            tail = blocks[index + 1].raw
            end = text.find(tail, offset + len(raw))
            if end >= 0:
                raw = text[offset : end + len(tail)]
                took_comment = True
        head = (raw[: inner.start()] if inner else raw).rstrip()
        reason = getattr(block.error, "abort_reason", None) or str(block.error)
        kind = re.match(r"@\s*(\w*)", head)
        what = f"@{kind.group(1)}" if kind and kind.group(1) else "block"
        key_match = re.match(r"@\s*\w*\s*[{(]\s*([^,\s{}()]+)\s*,", head)
        key = key_match.group(1) if key_match else None
        what += f" '{key}'" if key else ""
        self._problem("malformed", line, f"{what} does not parse: {_explain(reason)}", key=key, raw=head)
        self._block("failed", head, line, first_offset + offset)
        if inner is not None:
            start_line = line + raw.count("\n", 0, inner.start())
            if self._chain < _MAX_CHAIN:
                self._chain += 1
                try:
                    self.parse(self._restore(raw[inner.start() :]), start_line, first_offset + offset + inner.start())
                finally:
                    self._chain -= 1
            else:
                self._parse_windows(raw, inner.start(), start_line, first_offset + offset)
        return took_comment

    def _parse_windows(self, raw: str, start: int, line: int, base: int) -> None:
        """Broken entries each swallowing the rest: parse from one entry start to the next, so the cost stays linear.

        Re-parsing the rest after every broken entry costs the rest's length each
        time (quadratic, and as deep as the entries are many); past _MAX_CHAIN
        such entries in a row, the text is cut at every `@type{` instead.
        """
        starts = [m.start() for m in _INNER_BLOCK.finditer(raw, start)] + [len(raw)]
        chain, self._chain = self._chain, 0
        try:
            for a, b in zip(starts, starts[1:]):
                self._chain = _MAX_CHAIN  # inside a window nothing is re-parsed again
                self.parse(self._restore(raw[a:b]), line, base + a)
                line += raw.count("\n", a, b)
        finally:
            self._chain = chain


def parse_bib(text: str, path: str, macros: dict[str, str]) -> ParsedFile:
    """The entries and problems of one .bib file's text; `macros` (lower-case names) is read and extended."""
    parser = _FileParser(path, macros)
    parser.hiding = _PLACEHOLDER[0] not in text
    parser.parse(text)
    return ParsedFile(parser.entries, parser.problems, parser.blocks)
