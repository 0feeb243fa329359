"""Layout: split a text document into running body, footnote texts and the reference list.

Handles page-bottom footnote blocks (`---` lines, notes starting `<sup>6</sup>`,
`⁶` or `6 `) that interrupt the body mid-sentence, as PDF-to-text output does,
and Markdown footnote definitions (`[^6]: text`). The body is re-joined across
the cuts so that its sentences are whole again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from refcheck.extract import patterns as P
from refcheck.extract.reflist import find_reference_list
from refcheck.ingest.source import OffsetMap, SourceText, TextBuilder


@dataclass(frozen=True)
class NoteText:
    """A footnote definition: `label` and the document offsets of its text."""

    label: str
    start: int
    end: int


@dataclass
class Layout:
    body: SourceText  # running text for sentences: notes, list and markers removed
    to_body: OffsetMap  # document offset -> body offset
    notes: list[NoteText] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)  # document regions that are not running text
    reflist: tuple[int, int] | None = None  # document region of the reference list items

    def in_running_text(self, offset: int) -> bool:
        """False inside a footnote block, a note definition or the reference list."""
        i = bisect_right(self._skip_starts, offset) - 1
        return i < 0 or offset >= self._skip_ends[i]

    def __post_init__(self) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(self.skip):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self._skip_starts = [a for a, _ in merged]
        self._skip_ends = [b for _, b in merged]


_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _note_start(line: str, numbered_ok: bool, expected: int | None) -> tuple[str, int] | None:
    """(label, offset of the note text in the line) when the line opens a footnote."""
    for pattern in (P.NOTE_DEF_SUP, P.NOTE_DEF_UNICODE):
        m = pattern.match(line)
        if m:
            return P.superscript_to_digits(m.group(1)), m.end()
    if numbered_ok:
        m = P.NOTE_DEF_NUMBER.match(line)
        if m:
            number = int(m.group(1))
            # A wrapped note's continuation can start with digits ("295–300."):
            # only the next expected number opens a new note.
            if expected is None or number == expected or (expected is not None and expected < number <= expected + 2):
                return m.group(1), m.end()
    return None


def text_layout(source: SourceText) -> Layout:
    """Layout of a plain-text, Markdown or PDF-form document."""
    text = source.text
    lines = _lines(text)
    notes: list[NoteText] = []
    skip: list[tuple[int, int]] = []
    reflist = find_reference_list(text)
    limit = reflist[0] if reflist else len(text)  # the list's heading starts the skipped tail
    i = 0
    while i < len(lines):
        start, end = lines[i]
        if reflist and reflist[0] <= start < reflist[2]:
            i += 1  # the reference list: its items are not notes; what follows it is read again
            continue
        line = text[start:end]
        if P.RULE_LINE.match(line) and _next_opens_note(text, lines, i + 1):
            i = _read_block(text, lines, i + 1, notes, skip, block_start=start, ruled=True)
            continue
        md = P.NOTE_DEF_MARKDOWN.match(line)
        if md:
            i = _read_markdown_note(text, lines, i, md, notes, skip)
            continue
        if _note_start(line, numbered_ok=False, expected=None):
            i = _read_block(text, lines, i, notes, skip, block_start=start, ruled=False)
            continue
        i += 1
    if not notes:
        _read_endnotes(text, lines, limit, notes, skip)
    if reflist:
        skip.append((reflist[0], reflist[2]))  # the list, not what may follow it (an appendix, more notes)
    skip.sort()
    body, to_body = _join_body(source, skip)
    return Layout(body, to_body, notes, skip, (reflist[1], reflist[2]) if reflist else None)


_ENDNOTE_ONE = re.compile(r"[ \t]*1[.)][ \t]+\S")


def _read_endnotes(text: str, lines, limit: int, notes: list, skip: list) -> None:
    """Endnotes: a numbered section after the last footnote marker whose numbers are the markers' (Chicago's "Notes").

    Decided by structure, not by the heading's wording: the section opens with
    "1." under a heading, stands after every marker, and numbers at least most
    of the markers the body uses.
    """
    markers = [(m.start(), P.without_locators(m.group(1))) for m in P.SUP_MARKER.finditer(text, 0, limit) if m.group(1)]
    markers += [(m.start(), m.group(1)) for m in P.UNICODE_MARKER.finditer(text, 0, limit)]
    if not markers:
        return
    last_marker = max(pos for pos, _ in markers)
    wanted = {n for _, group in markers for n in re.split(r"\s*[,–-]\s*", P.superscript_to_digits(group)) if n}
    for j, (start, end) in enumerate(lines):
        if start >= limit:
            return
        if start <= last_marker or not _ENDNOTE_ONE.match(text, start, end):
            continue
        k = j - 1
        while k >= 0 and not text[lines[k][0] : lines[k][1]].strip():
            k -= 1
        heading = text[lines[k][0] : lines[k][1]].strip() if k >= 0 else ""
        if not heading or heading[-1] in ".,;:" or len(heading) > 60:
            continue
        found: list[NoteText] = []
        taken: list[tuple[int, int]] = []
        _read_block(text, lines, j, found, taken, block_start=lines[k][0], ruled=False, numbered=True)
        labels = {n.label for n in found}
        if len(labels & wanted) * 5 >= len(wanted) * 4:
            notes.extend(found)
            skip.extend(taken)
        return


def _next_opens_note(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    while i < len(lines) and not text[lines[i][0] : lines[i][1]].strip():
        i += 1
    return i < len(lines) and _note_start(text[lines[i][0] : lines[i][1]], numbered_ok=True, expected=None) is not None


def _read_block(text, lines, i, notes, skip, block_start: int, ruled: bool, numbered: bool = False) -> int:
    """Read footnotes from line i; return the index of the first line after the block."""
    current: list | None = None  # [label, start, end]
    expected: int | None = None
    previous_blank = False
    block_end = lines[i - 1][1] if i > 0 else block_start
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if not line.strip():
            previous_blank = True
            i += 1
            continue
        if ruled and P.RULE_LINE.match(line):
            block_end = end
            i += 1
            break
        opened = _note_start(line, numbered_ok=ruled or numbered, expected=expected)
        if opened:
            if current:
                notes.append(NoteText(*current))
            label, at = opened
            current = [label, start + at, end]
            expected = int(label) + 1 if label.isdigit() else None
            block_end = end
        elif current is not None and not previous_blank:
            current[2] = end  # a wrapped note
            block_end = end
        else:
            break  # the body resumes (a block with no closing rule)
        previous_blank = False
        i += 1
    if current:
        notes.append(NoteText(*current))
    skip.append((block_start, block_end))
    return i


def _read_markdown_note(text, lines, i, match, notes, skip) -> int:
    start, end = lines[i]
    label = match.group(1)
    note_start, note_end = start + match.end(), end
    i += 1
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            # an indented paragraph after a blank line still belongs to the note
            if i + 1 < len(lines) and text[lines[i + 1][0] : lines[i + 1][1]].startswith(("    ", "\t")):
                i += 1
                continue
            break
        if P.NOTE_DEF_MARKDOWN.match(line) or P.HEADING.match(line):
            break
        note_end = e
        i += 1
    notes.append(NoteText(label, note_start, note_end))
    skip.append((start, note_end))
    return i


_SENTENCE_END = set('.!?:;"”’\')]')


def _join_body(source: SourceText, skip: list[tuple[int, int]]) -> tuple[SourceText, OffsetMap]:
    """The running text: skipped regions and inline markers cut, sentences re-joined."""
    text = source.text
    keep: list[tuple[int, int]] = []
    pos = 0
    for a, b in skip:
        if a > pos:
            keep.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        keep.append((pos, len(text)))
    builder = TextBuilder()
    for k, (a, b) in enumerate(keep):
        if k > 0:
            # trim the whitespace around the cut, then glue with a space (mid-sentence)
            # or a paragraph break (the cut fell between sentences or paragraphs)
            while a < b and text[a].isspace():
                a += 1
            before = builder.tail()
            if before.endswith("-") and a < b and text[a].islower() and len(before) > 1 and before[-2].isalpha():
                builder.trim(1)  # a word hyphenated across the cut
            elif before and (before[-1] in _SENTENCE_END or _last_line_is_heading(before)):
                builder.append_text("\n\n")
            elif before:
                builder.append_text(" ")
        end = b
        if k < len(keep) - 1:
            while end > a and text[end - 1].isspace():
                end -= 1
        _append_without_markers(builder, source, a, end)
    return builder.build(), builder.offset_map()


def _append_without_markers(builder: TextBuilder, source: SourceText, a: int, b: int) -> None:
    pos = a
    for m in P.INLINE_MARKER.finditer(source.text, a, b):
        builder.append(source, pos, m.start())
        pos = m.end()
    builder.append(source, pos, b)


def _last_line_is_heading(before: str) -> bool:
    line = before.rsplit("\n", 1)[-1]
    return bool(P.HEADING.match(line))
