"""PDF: the text layer in the plain-text normal form the extract stage reads.

Each page's text, as pypdf extracts it in content-stream order, is one `Origin`
(so a location names the page, and the line and column within that page's
extracted text). The document text is built from those pages with:

* footnote markers -- digit (or `*`, `†`, `‡`) runs, and lists like "1,2",
  set smaller than the line's body text and/or raised above its baseline --
  written `<sup>6</sup>`;
* page-bottom footnotes -- a run of smaller-font lines at the bottom of the
  page (or of a column) starting with a note number that was met as a marker
  -- written as a block between `---` lines, each note starting with its
  number and a space;
* a bare page number on the lowest line of a page left out;
* pages joined with "\\n". Everything else stays as extracted: a sentence cut by
  the page break stays cut.

Only this module imports pypdf, and only when a PDF is read. Font sizes and
baselines come from pypdf's text visitor; pypdf ignores the text rise (`Ts`),
so it is followed here through the operator visitor.

Known limits: a marker raised with `Ts` alone, in the body's own font and
size, reaches the visitor inside the body's text piece and is not seen; text
inside form XObjects is placed in the form's own space.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.errors import InputError
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText, TextBuilder

# A footnote marker's text (after stripping spaces): "6", "1,2", "3–5", "*".
_MARKER = re.compile(r"[0-9]{1,3}(?:\s*[,–-]\s*[0-9]{1,3})*|[*†‡]{1,3}")
_LABEL = re.compile(r"[0-9]+|[*†‡]+")
# A footnote line that starts a note: "6 Sami Moisio", "6Sami", "* Note".
_NOTE_START = re.compile(r"\s*([0-9]{1,3}|[*†‡]{1,3})(?:\s+|(?=[^\W\d_]|[\"“‘']))\S")
# A page number alone on a line: "7", "- 7 -", "Page 7", "7 / 12", "vii".
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[0-9]{1,4}(?:\s*(?:/|of)\s*[0-9]{1,4})?|[-–—]\s*[0-9]{1,4}\s*[-–—]|[ivxlcdm]{1,7}",
    re.IGNORECASE,
)

_SMALLER = 0.9  # a marker is set below 90% of its line's body size
_RAISED = 0.2  # ... or its baseline is raised by at least 20% of that size
_LOWERED = 0.1  # a run lowered by more than 10% is a subscript, never a marker
_NOTE_SIZE = 0.92  # footnote lines are set below 92% of the document's body size
_TIGHT = 1.8  # lines of one block are at most 1.8 line sizes apart
_COMMON = 0.3  # the body size carries at least 30% as many characters as the commonest size


class PdfReader:
    suffixes = (".pdf",)
    format = Format.PDF

    def read(self, path: Path, shown: str) -> Document:
        data = path.read_bytes()
        if b"%PDF-" not in data[:1024]:
            raise InputError("not a PDF file (no %PDF header)", shown)
        with _quiet():
            pages = _read_pages(data, shown)
        if not any(page.text.strip() for page in pages):
            raise InputError("no text layer (a scanned PDF?)", shown)
        body_size = _body_size(pages)
        builder = TextBuilder()
        seen: set[str] = set()  # the markers met so far: a footnote block answers one of them
        for page in pages:
            _layout(page)
            seen.update(_LABEL.findall(" ".join(page.text[lo:hi] for line in page.lines for lo, hi in line.markers)))
            if page.number > 1:
                builder.append_text("\n")
            _emit_page(builder, page, shown, body_size, seen)
        return Document(shown, self.format, builder.build())


# ---------------------------------------------------------------------------
# pypdf: open, decrypt, extract runs of text with their size and baseline


@dataclass(slots=True)
class _Run:
    """page_text[start:end] was drawn in one text state: effective size and baseline height."""

    start: int
    end: int
    size: float | None
    v: float | None


@dataclass(slots=True)
class _Line:
    start: int  # in the page text, without its newline or trailing spaces
    end: int
    size: float | None = None  # the size of most of its non-marker characters
    v: float | None = None  # the baseline of that text
    markers: list[tuple[int, int]] = field(default_factory=list)  # superscript digit runs


@dataclass(slots=True)
class _Page:
    number: int
    text: str
    runs: list[_Run]
    lines: list[_Line] = field(default_factory=list)


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs warnings about damaged files to stderr; the user gets one InputError instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _one_line(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or "no details"
    if len(message) > 120:
        message = message[:117] + "..."
    return f"{type(exc).__name__}: {message}"


_ENCRYPTED = "encrypted PDF; decrypt it first"


def _read_pages(data: bytes, shown: str) -> list[_Page]:
    import pypdf
    from pypdf.errors import DependencyError

    def failure(exc: Exception, what: str) -> InputError:
        if isinstance(exc, DependencyError):  # pypdf reads AES only with the 'cryptography' package
            return InputError(f"{_ENCRYPTED} (its AES encryption needs the 'cryptography' package)", shown)
        return InputError(f"{what} ({_one_line(exc)})", shown)

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise failure(exc, "corrupt or unreadable PDF") from None
    if encrypted:  # many PDFs are encrypted with an empty user password: they open with it
        try:
            opened = reader.decrypt("")
        except MemoryError:
            raise
        except Exception as exc:
            if isinstance(exc, DependencyError):
                raise failure(exc, _ENCRYPTED) from None
            raise InputError(_ENCRYPTED, shown) from None  # an unsupported security handler
        if opened == pypdf.PasswordType.NOT_DECRYPTED:
            raise InputError(_ENCRYPTED, shown)
    try:
        count = len(reader.pages)
    except MemoryError:
        raise
    except Exception as exc:
        raise failure(exc, "corrupt or unreadable PDF") from None
    if count == 0:
        raise InputError("corrupt or empty PDF: it has no pages", shown)
    from refcheck.limits import MAX_PDF_PAGES

    if count > MAX_PDF_PAGES:
        raise InputError(f"{count:,} pages: more than the limit of {MAX_PDF_PAGES:,} pages for one PDF; not read", shown)
    pages = []
    for number in range(1, count + 1):
        try:
            text, runs = _extract(reader.pages[number - 1])
        except MemoryError:
            raise
        except Exception as exc:
            raise failure(exc, f"corrupt PDF: cannot extract the text of page {number}") from None
        pages.append(_Page(number, text, runs))
    return pages


def _mult(m: list[float], n: list[float]) -> list[float]:
    """m x n for PDF's 3x3 matrices written as six numbers (row-vector convention)."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _number(value: Any, default: float = 0.0) -> float:
    return float(value) if isinstance(value, (int, float)) else default


def _extract(page: Any) -> tuple[str, list[_Run]]:
    """The page's plain text and the runs it was drawn in.

    pypdf calls `visitor_text` with each piece of text it adds to its output, in
    order, with the text and transformation matrices as they were where the
    piece started and the font size (Tf operand). The effective size is the font
    size times the vertical scale of Tm x CTM. pypdf does not apply the text rise
    (`Ts`): the operator visitor keeps it (with q/Q) for each text-showing operator.
    """
    pieces: list[tuple[str, float | None, float | None]] = []
    rise_now = [0.0]
    saved: list[float] = []
    pending: list[float] = []  # the rise of each text-showing operator since the last piece

    def before(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if operator == b"Ts":
            rise_now[0] = _number(operands[0]) if operands else 0.0
        elif operator == b"q":
            saved.append(rise_now[0])
        elif operator == b"Q":
            rise_now[0] = saved.pop() if saved else 0.0
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            pending.append(rise_now[0])

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        rises = list(pending)
        pending.clear()
        if not text:
            return
        size = v = None
        if text.strip():
            try:
                m = _mult([float(x) for x in tm], [float(x) for x in cm])
                scale = math.hypot(m[2], m[3])
                if scale > 1e-9:
                    rise = rises[0] if rises and all(r == rises[0] for r in rises) else 0.0
                    size = _number(font_size, 0.0) * scale or None
                    v = (m[4] * m[2] + m[5] * m[3]) / scale + rise * scale
            except (TypeError, ValueError, IndexError):
                pass
        pieces.append((text, size, v))

    text = page.extract_text(visitor_operand_before=before, visitor_text=visit)
    # The visitor's pieces make up the output; align them with it all the same,
    # so that a piece pypdf did not report costs only its attributes.
    runs: list[_Run] = []
    pos = 0
    for piece, size, v in pieces:
        at = pos if text.startswith(piece, pos) else text.find(piece, pos)
        if at < 0:
            continue
        runs.append(_Run(at, at + len(piece), size, v))
        pos = at + len(piece)
    return text, runs


# ---------------------------------------------------------------------------
# Layout: lines, their body size and baseline, superscript markers


def _content(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if not ch.isspace())


def _layout(page: _Page) -> None:
    text = page.text
    runs = page.runs
    k = 0
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline == -1 else newline
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        while k < len(runs) and runs[k].end <= start:
            k += 1
        parts = []
        j = k
        while j < len(runs) and runs[j].start < end:
            lo, hi = max(runs[j].start, start), min(runs[j].end, stop)
            if hi > lo and _content(text, lo, hi):
                parts.append((lo, hi, runs[j]))
            j += 1
        page.lines.append(_line(text, start, stop, parts))
        if newline == -1:
            break
        start = newline + 1


def _line(text: str, start: int, end: int, parts: list[tuple[int, int, _Run]]) -> _Line:
    line = _Line(start, end)
    candidates = [p for p in parts if _MARKER.fullmatch(text[p[0] : p[1]].strip())]
    marked = {id(p) for p in candidates}
    body = [p for p in parts if id(p) not in marked and p[2].size is not None]
    if not body:  # digits alone (a page number): no markers, the digits are the body
        body, candidates = [p for p in parts if p[2].size is not None], []
        if not body:
            return line
    weight: Counter[float] = Counter()
    for lo, hi, run in body:
        weight[round(run.size, 1)] += _content(text, lo, hi)
    size = max(weight, key=lambda s: (weight[s], s))
    longest = max((p for p in body if round(p[2].size, 1) == size), key=lambda p: p[1] - p[0])
    line.size, line.v = longest[2].size, longest[2].v
    for lo, hi, run in candidates:
        if run.size is None or run.v is None or line.v is None:
            continue
        lift = run.v - line.v
        smaller = run.size < _SMALLER * size
        if lift > -_LOWERED * size and (smaller or lift >= _RAISED * size):
            while text[lo].isspace():
                lo += 1
            while text[hi - 1].isspace():
                hi -= 1
            line.markers.append((lo, hi))
    return line


def _body_size(pages: list[_Page]) -> float | None:
    """The size the document's running text is set in.

    The largest of the sizes that carry a good share of the characters: not
    simply the commonest, since long footnotes can outweigh the body text.
    """
    weight: Counter[float] = Counter()
    for page in pages:
        for run in page.runs:
            if run.size is not None:
                weight[round(run.size, 1)] += _content(page.text, run.start, run.end)
    if not weight:
        return None
    most = max(weight.values())
    return max(size for size, count in weight.items() if count >= _COMMON * most)


# ---------------------------------------------------------------------------
# Page furniture: the page number, the footnote blocks


def _note_number(page: _Page, line: _Line) -> str | None:
    """The number a footnote line starts with ("6 Sami Moisio", "⁶Sami" set raised), if any."""
    if line.markers and line.markers[0][0] == line.start + _indent(page.text, line):
        return page.text[line.markers[0][0] : line.markers[0][1]]
    match = _NOTE_START.match(page.text, line.start, line.end)
    return match.group(1) if match else None


def _indent(text: str, line: _Line) -> int:
    n = 0
    while line.start + n < line.end and text[line.start + n].isspace():
        n += 1
    return n


def _page_number(page: _Page, lines: list[_Line]) -> _Line | None:
    """The lowest line, if it is the first or last line and holds a page number alone."""
    placed = [ln for ln in lines if ln.v is not None]
    if not placed:
        return None
    lowest = min(placed, key=lambda ln: ln.v)
    if lowest is not lines[-1] and lowest is not lines[0]:
        return None
    if any(ln is not lowest and ln.v is not None and ln.v <= lowest.v for ln in placed):
        return None
    if _PAGE_NUMBER.fullmatch(page.text[lowest.start : lowest.end].strip()):
        return lowest
    return None


def _footnote_blocks(
    page: _Page, lines: list[_Line], body_size: float | None, seen: set[str]
) -> list[tuple[int, int]]:
    """(first, last) indices into `lines` of each footnote block.

    A block is a run of consecutive lines set smaller than the body, each lower
    than the one before, whose first numbered line is lower than the text before
    it, and which ends the page or its column (the next line is higher up). It
    takes in the unnumbered small lines just above its first number (a note
    continued from the page before). One of its numbers must have been met as a
    superscript marker, on this page or before: small numbered lines at the
    bottom of a page are also code listings and tables.
    """
    if body_size is None:
        return []

    def small(ln: _Line) -> bool:
        return ln.size is not None and ln.v is not None and ln.size < _NOTE_SIZE * body_size

    def height(ln: _Line | None) -> float | None:
        return None if ln is None else ln.v

    def tight(upper: _Line, lower: _Line) -> bool:
        gap = (upper.v or 0.0) - (lower.v or 0.0)
        return 0 < gap <= _TIGHT * max(upper.size or 0.0, lower.size or 0.0)

    blocks: list[tuple[int, int]] = []
    floor = 0
    i = 0
    while i < len(lines):
        if not (small(lines[i]) and _note_number(page, lines[i]) is not None):
            i += 1
            continue
        first = i
        while first - 1 >= floor and small(lines[first - 1]) and tight(lines[first - 1], lines[first]):
            first -= 1
        last = i
        while last + 1 < len(lines) and small(lines[last + 1]) and tight(lines[last], lines[last + 1]):
            last += 1
        top = lines[first].v or 0.0
        above = height(lines[first - 1]) if first > floor else None
        after = height(lines[last + 1]) if last + 1 < len(lines) else None
        below_text = above is None or above > top
        ends_column = after is None or after > top  # the page ends, or the next column starts higher up
        numbers = {_note_number(page, ln) for ln in lines[first : last + 1]}
        if below_text and ends_column and numbers & seen:
            blocks.append((first, last))
            floor = last + 1
        i = last + 1
    return blocks


# ---------------------------------------------------------------------------
# Writing the normal form


def _emit_page(builder: TextBuilder, page: _Page, shown: str, body_size: float | None, seen: set[str]) -> None:
    origin = Origin(shown, page.text, page=page.number)
    source = SourceText.from_origin(origin)
    lines = [ln for ln in page.lines if ln.end > ln.start]
    number = _page_number(page, lines) if lines else None
    if number is not None:
        lines = [ln for ln in lines if ln is not number]
    blocks = {first: last for first, last in _footnote_blocks(page, lines, body_size, seen)}
    kept = set(id(ln) for ln in lines)
    emit = [ln for ln in page.lines if id(ln) in kept or (ln.end == ln.start and ln is not number)]
    index = {id(ln): i for i, ln in enumerate(lines)}

    previous: _Line | None = None
    block_end: int | None = None
    for line in emit:
        i = index.get(id(line))
        in_block = block_end is not None
        if in_block and line.end == line.start:
            continue  # no blank lines inside a footnote block
        if previous is not None:
            if previous.end <= line.start and page.text[previous.end : line.start].strip() == "" and (
                page.text.count("\n", previous.end, line.start) == 1
            ):
                builder.append(source, line.start - 1, line.start)  # the newline itself
            else:
                builder.append_text("\n")
        if i is not None and i in blocks:
            builder.append_text("---\n", anchor=(origin, line.start + _indent(page.text, line)))
            block_end = blocks[i]
            in_block = True
        _emit_line(builder, source, origin, page.text, line, note_line=in_block)
        previous = line
        if in_block and i == block_end:
            builder.append_text("\n---", anchor=(origin, max(line.end - 1, line.start)))
            block_end = None


def _emit_line(
    builder: TextBuilder, source: SourceText, origin: Origin, text: str, line: _Line, note_line: bool
) -> None:
    pos = line.start
    for n, (lo, hi) in enumerate(line.markers):
        builder.append(source, pos, lo)
        if note_line and n == 0 and lo == line.start + _indent(text, line):
            # a note's own number, set as a superscript: "6 Text"
            builder.append(source, lo, hi)
            if hi < line.end and not text[hi].isspace():
                builder.append_text(" ", anchor=(origin, hi - 1))
        else:
            builder.append_text("<sup>", anchor=(origin, lo))
            builder.append(source, lo, hi)
            builder.append_text("</sup>", anchor=(origin, hi - 1))
        pos = hi
    builder.append(source, pos, line.end)
