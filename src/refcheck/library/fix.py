"""Minimal-diff fixes: each finding becomes edits of byte ranges of the original text; every other byte stays.

Fixed: a DOI written as a URL or with `doi:` (the prefix goes), an empty field
(its line goes), a field written twice with the same value (the repeat goes),
a brace or quote never closed (the closer is added where the next field
starts, and kept only if the entry then parses and the entry after it still
does), and, when asked, a duplicate entry (its block goes; the fields the kept
entry lacks are added to it, as written).

`apply_fixes` checks its own result: every entry that parsed before must parse
after with the same fields, unless a fix names that entry; fixes that break
this are left out. Lines are found through one index of line starts, so the
work grows linearly with the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from refcheck.library.bibfile import PREDEFINED, Block, RawEntry, parse_bib
from refcheck.library.clean.doi import bare_doi
from refcheck.library.clean.model import parse_value
from refcheck.library.clean.values import same_value
from refcheck.library.duplicates import find_duplicates
from refcheck.texsyntax import closing_brace, closing_quote


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str  # replaces text[start:end]


@dataclass(frozen=True)
class Fix:
    kind: str  # "doi-prefix", "empty-field", "repeated-field", "missing-brace", "duplicate-entry"
    path: str
    line: int
    key: str | None
    message: str
    edits: tuple[Edit, ...] = field(default=())
    removed: tuple[str, ...] = ()  # keys the fix takes out of the file (merged into `key`)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class Span:
    """A field inside an entry's text (offsets into the file): `name = value,`."""

    name: str
    start: int  # the name's first character
    value_start: int
    value_end: int
    end: int  # after the comma that follows the value, if any
    has_comma: bool


_NAME = re.compile(r"[^\s=,{}()\"#%']+")
_FIELD_START = re.compile(r"[ \t]*[A-Za-z][\w:.+-]*[ \t]*=")


def _skip_value_part(text: str, i: int) -> int:
    """The index after one value part (`{..}`, `".."` or a bare word) starting at i; -1 if it never closes."""
    ch = text[i]
    if ch == "{":
        close = closing_brace(text, i)
        return -1 if close == -1 else close + 1
    if ch == '"':
        close = closing_quote(text, i)
        return -1 if close == -1 else close + 1
    m = _NAME.match(text, i)
    return m.end() if m else -1


def field_spans(text: str, start: int, end: int) -> list[Span] | None:
    """The fields of the entry written at text[start:end]; None when it does not read as one."""
    m = re.compile(r"@\s*\w+\s*[{(]\s*[^,\s{}()]*\s*,").match(text, start, end)
    if not m:
        return None
    i, spans = m.end(), []
    while True:
        while i < end and (text[i].isspace() or text[i] == ","):
            i += 1
        if i >= end or text[i] in "})":
            return spans
        name = _NAME.match(text, i, end)
        if not name:
            return None
        j = name.end()
        while j < end and text[j].isspace():
            j += 1
        if j >= end or text[j] != "=":
            return None
        j += 1
        while j < end and text[j].isspace():
            j += 1
        value_start = j
        while True:
            k = _skip_value_part(text, j)
            if k < 0 or k > end:
                return None
            value_end = j = k
            while j < end and text[j].isspace():
                j += 1
            if j < end and text[j] == "#":
                j += 1
                while j < end and text[j].isspace():
                    j += 1
                continue
            break
        has_comma = j < end and text[j] == ","
        spans.append(Span(name.group(0), name.start(), value_start, value_end, j + 1 if has_comma else value_end, has_comma))
        i = j + 1 if has_comma else j


class LineIndex:
    """Line numbers of offsets in one text: the line starts found once, each lookup a binary search."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def _removal(text: str, span: Span) -> Edit:
    """Remove a field; its whole line when it stands alone on one."""
    line_start = text.rfind("\n", 0, span.start) + 1
    after = span.end
    while after < len(text) and text[after] in " \t":
        after += 1
    alone = not text[line_start : span.start].strip() and (after >= len(text) or text[after] in "\r\n")
    if alone:
        if text.startswith("\r\n", after):
            after += 2
        elif after < len(text) and text[after] == "\n":
            after += 1
        return Edit(line_start, after, "")
    return Edit(span.start, after, "")


def _inner(text: str, span: Span) -> tuple[int, int] | None:
    """The offsets of a delimited value's text (inside its braces or quotes)."""
    if span.value_end - span.value_start >= 2 and text[span.value_start] in '{"':
        return span.value_start + 1, span.value_end - 1
    return None


def _value_fixes(text: str, path: str, block: Block, spans: list[Span], lines: LineIndex) -> list[Fix]:
    key = block.entry.key if block.entry else None
    fixes: list[Fix] = []
    seen: dict[str, Span] = {}
    for span in spans:
        name = span.name.lower()
        inner = _inner(text, span)
        value = parse_value(text[span.value_start : span.value_end], name)
        line = lines.line(span.start)
        if name in seen:
            first = parse_value(text[seen[name].value_start : seen[name].value_end], name)
            if same_value(name, first, value):
                fixes.append(Fix("repeated-field", path, line, key, f"'{key}': {span.name} written twice with the same value; the repeat removed", (_removal(text, span),)))
            continue
        seen[name] = span
        if value.empty:
            fixes.append(Fix("empty-field", path, line, key, f"'{key}': empty {span.name} removed", (_removal(text, span),)))
        elif name == "doi" and inner is not None:
            old = text[inner[0] : inner[1]]
            new = bare_doi(old)
            if new and new != old.strip() and new in old:
                cut = old.index(new)
                edits = [Edit(inner[0], inner[0] + cut, "")]
                if cut + len(new) < len(old):
                    edits.append(Edit(inner[0] + cut + len(new), inner[1], ""))
                fixes.append(Fix("doi-prefix", path, line, key, f"'{key}': DOI {old.strip()!r} written bare as {new!r}", tuple(edits)))
    return fixes


def _parses(candidate: str, path: str, after: RawEntry | None = None) -> bool:
    """The candidate is one clean entry with fields (then, if given, the entry `after` unchanged)."""
    parsed = parse_bib(candidate, path, dict(PREDEFINED))
    wanted = 1 if after is None else 2
    if len(parsed.entries) != wanted or any(p.kind == "malformed" for p in parsed.problems):
        return False
    if not all(b.kind == "entry" or (b.kind in ("text", "comment") and i > 0) for i, b in enumerate(parsed.blocks)):
        return False
    fixed = parsed.entries[0]
    if not fixed.values or "@" in fixed.key:  # `@misc{k@misc}`: a header swallowed, not an entry closed
        return False
    return after is None or (parsed.entries[1].key, parsed.entries[1].fields) == (after.key, after.fields)


def _closers(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Where a failed block could be closed: (offset, closing text), the likeliest first.

    Walks the block as BibTeX would; at the end of a line inside a value that is
    followed by a line starting a new field, the value was left open there.
    """
    out: list[tuple[int, str]] = []
    i = text.find("{", start, end)
    paren = text.find("(", start, end)
    if i < 0 or (0 <= paren < i):
        return out
    depth, quote, i = 1, False, i + 1
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"' and depth == 1:
            quote = not quote
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "\n" and (depth > 1 or quote) and _FIELD_START.match(text, i + 1, end):
            at = i
            while at > start and text[at - 1] in " \t\r":
                at -= 1
            if text[at - 1] == ",":
                at -= 1
            out.append((at, ('"' if quote else "") + "}" * (depth - 1)))
            return out
        i += 1
    tail = end
    while tail > start and text[tail - 1].isspace():
        tail -= 1
    if depth > 0:
        out.append((tail, ('"' if quote else "") + "}" * depth))
    return out


def _brace_fix(text: str, path: str, block: Block, following: Block | None, lines: LineIndex) -> Fix | None:
    """Close a value left open, if that makes the block one entry and leaves the entry after it as it was."""
    m = re.match(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)", block.raw)
    key = m.group(1) if m else None
    after = following.entry if following is not None and following.kind == "entry" else None
    end = following.end if after is not None else block.end
    for at, closer in _closers(text, block.start, block.end):
        candidate = text[block.start : at] + closer + text[at:end]
        if _parses(candidate, path, after):
            what = "a `\"`" if closer.startswith('"') else f"{len(closer)} `}}`" if len(closer) > 1 else "a `}`"
            return Fix("missing-brace", path, lines.line(at), key, f"'{key}': {what} added where the value was left open", (Edit(at, at, closer),))
    return None


def _block_removal(text: str, block: Block) -> Edit:
    """Remove a whole block: its lines, and the blank line after it."""
    start = text.rfind("\n", 0, block.start) + 1
    if text[start : block.start].strip():
        start = block.start
    end = block.end
    for _ in range(2):  # the rest of the block's last line, then one blank line
        nl = text.find("\n", end)
        if nl < 0 or text[end:nl].strip():
            break
        end = nl + 1
    return Edit(start, end, "")


def _insertion(text: str, block: Block, spans: list[Span], fields: list[tuple[str, str]]) -> list[Edit]:
    """Add `name = value` lines at the end of an entry, in its own indentation, alignment and comma style.

    They go at the start of the line that closes the entry, so that removing
    the entry's last field (an empty one) does not collide with them.
    """
    last = spans[-1]
    line_start = text.rfind("\n", 0, last.start) + 1
    indent = text[line_start : last.start] if not text[line_start : last.start].strip() else "  "
    eq = text.index("=", last.start)
    width = eq - last.start - 1 if text[eq - 1] == " " else 0
    lines = [f"{indent}{name.ljust(width) if width else name} = {value}" for name, value in fields]
    close = block.end - 1
    close_line = text.rfind("\n", 0, close) + 1
    if text[close_line:close].strip() or close_line <= last.value_end:
        # the entry closes on its last field's line: continue that line
        if last.has_comma:
            return [Edit(last.end, last.end, "".join(f"\n{line}," for line in lines))]
        return [Edit(last.value_end, last.value_end, "".join(f",\n{line}" for line in lines))]
    if last.has_comma:
        return [Edit(close_line, close_line, "".join(f"{line},\n" for line in lines))]
    return [Edit(last.value_end, last.value_end, ","), Edit(close_line, close_line, ",\n".join(lines) + "\n")]


def _duplicate_fixes(text: str, path: str, library, spans_of: dict[int, list[Span]]) -> list[Fix]:
    """One fix per group of duplicates: the later entries removed, the fields the first lacks added to it."""
    blocks = [b for b in library.blocks.get(path, []) if b.kind == "entry" and b.entry is not None]
    views = [e for e in library.entries if e.path == path]
    if len(views) != len(blocks):
        return []
    groups, _conflicts = find_duplicates(views, library.distinct, by_key=True)
    fixes: list[Fix] = []
    for group in groups:
        keep = blocks[group.indices[0]]
        keep_spans = spans_of.get(id(keep))
        dups = [blocks[i] for i in group.indices[1:] if id(blocks[i]) in spans_of]
        if not keep_spans or not dups:
            continue
        have = {s.name.lower(): s for s in keep_spans}
        added: list[tuple[str, str]] = []
        notes: list[str] = []
        for dup in dups:
            differs = []
            for s in spans_of[id(dup)]:
                name = s.name.lower()
                written = text[s.value_start : s.value_end]
                value = parse_value(written, name)
                if value.empty:
                    continue
                if name not in have:
                    added.append((s.name, written))
                    have[name] = s
                elif not same_value(name, parse_value(text[have[name].value_start : have[name].value_end], name), value):
                    differs.append(f"{s.name} = {written}")
            if differs:
                notes.append(f"'{dup.entry.key}' also had {'; '.join(differs)} (dropped: '{keep.entry.key}''s kept)")
        edits = [_block_removal(text, dup) for dup in dups]
        if added:
            edits += _insertion(text, keep, keep_spans, added)
        names = ", ".join(f"'{d.entry.key}' (line {d.line})" for d in dups)
        took = f"; took {', '.join(n for n, _v in added)}" if added else ""
        fixes.append(Fix(
            "duplicate-entry", path, dups[0].line, keep.entry.key,
            f"{names} merged into '{keep.entry.key}' (line {keep.line}; {group.reason}){took}"
            + "".join(f"; {n}" for n in notes),
            tuple(edits), tuple(d.entry.key for d in dups),
        ))
    return fixes


def find_fixes(library, path: str, text: str, duplicates: bool = False) -> list[Fix]:
    """The fixes for one loaded file; `text` is the file's text as `library` read it. Duplicates only when asked."""
    fixes: list[Fix] = []
    spans_of: dict[int, list[Span]] = {}
    lines = LineIndex(text)
    blocks = library.blocks.get(path, [])
    for n, block in enumerate(blocks):
        if text[block.start : block.end] != block.raw:
            continue  # cannot happen for a file read as the library read it; never edit what we cannot place
        if block.kind == "entry" and block.entry is not None and not block.entry.malformed:
            spans = field_spans(text, block.start, block.end)
            if spans is not None:
                spans_of[id(block)] = spans
                fixes += _value_fixes(text, path, block, spans, lines)
        elif block.kind == "failed" and block.raw.lstrip().startswith("@"):
            following = next((b for b in blocks[n + 1 :] if b.kind not in ("text", "comment")), None)
            fix = _brace_fix(text, path, block, following, lines)
            if fix is not None:
                fixes.append(fix)
    if duplicates:
        fixes += _duplicate_fixes(text, path, library, spans_of)
    return fixes


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start  # two insertions at one place: their order would be a guess
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _clashes(edit: Edit, taken: list[Edit], starts: list[int]) -> bool:
    """Whether `edit` overlaps an edit in `taken` (disjoint, sorted by start, so their ends are sorted too)."""
    i = bisect_right(starts, edit.end)
    while i > 0:
        i -= 1
        t = taken[i]
        if t.end < edit.start:
            return False
        if _overlap(edit, t):
            return True
    return False


def _made(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    taken: list[Edit] = []
    starts: list[int] = []
    applied: list[Fix] = []
    # merges first: a value fix inside an entry the merge removes is moot
    for fix in sorted(fixes, key=lambda f: f.kind != "duplicate-entry"):
        if any(_clashes(e, taken, starts) for e in fix.edits):
            continue
        for e in fix.edits:
            i = bisect_right(starts, e.start)
            taken.insert(i, e)
            starts.insert(i, e.start)
        applied.append(fix)
    out, pos = [], 0
    for e in sorted(taken, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), sorted(applied, key=lambda f: f.line)


def _entries(text: str, path: str) -> dict[str, list[dict[str, str]]]:
    """The fields of each entry that parses cleanly, by key."""
    out: dict[str, list[dict[str, str]]] = {}
    for e in parse_bib(text, path, dict(PREDEFINED)).entries:
        if not e.malformed:
            out.setdefault(e.key, []).append(e.fields)
    return out


def _loaded(library, path: str) -> dict[str, list[dict[str, str]]]:
    """`_entries` of a file as the loaded library already parsed it."""
    out: dict[str, list[dict[str, str]]] = {}
    for b in library.blocks.get(path, []):
        if b.kind == "entry" and b.entry is not None and not b.entry.malformed:
            out.setdefault(b.entry.key, []).append(b.entry.fields)
    return out


def damaged(before: str, after: str, fixes: list[Fix], path: str = "", library=None) -> list[str]:
    """Keys that parsed in `before` and no longer parse the same in `after`, though no fix names them."""
    named = {k for f in fixes for k in (f.key, *f.removed) if k}
    old = _loaded(library, path) if library is not None else _entries(before, path)
    new = _entries(after, path)
    return [k for k, fields in old.items() if k not in named and new.get(k) != fields]


def apply_fixes(text: str, fixes: list[Fix], path: str = "", library=None) -> tuple[str, list[Fix]]:
    """`text` with the fixes' edits made; a fix whose edits overlap one already taken is left out. (text, fixes applied).

    The result is checked: if an entry no fix names no longer parses as before,
    the fixes that can change where entries begin and end (closing braces) are
    left out, and failing that, every fix. `library`, the file as loaded,
    saves parsing `text` again.
    """
    for chosen in (fixes, [f for f in fixes if f.kind != "missing-brace"], []):
        new, applied = _made(text, chosen)
        if not applied or not damaged(text, new, applied, path, library):
            return new, applied
    return text, []
