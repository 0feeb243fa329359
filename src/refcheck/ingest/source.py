"""Text with a source map: every character knows the file, line, column (and page) it came from.

Readers build a `SourceText` for each document; later stages cut pieces out of
it (footnote blocks, comments) and glue the rest together with `TextBuilder`,
and still locate every offset of the derived text in the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from refcheck.model import Location


@dataclass(frozen=True)
class Origin:
    """One original text: a file, or one page of a PDF."""

    path: str
    text: str
    page: int | None = None
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        object.__setattr__(self, "line_starts", tuple(starts))

    def locate(self, offset: int) -> Location:
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return Location(self.path, index + 1, offset - self.line_starts[index] + 1, self.page)


@dataclass(frozen=True)
class NumberedOrigin(Origin):
    """A paragraph or note of a word-processor file: its place is its number, and the column in it.

    Word and OpenDocument files have no lines; refcheck locates what it finds
    there by paragraph (`line` is the paragraph's number among those with text)
    and character (`column`).
    """

    number: int = 1

    def locate(self, offset: int) -> Location:
        return Location(self.path, self.number, max(0, min(offset, len(self.text))) + 1, self.page)


@dataclass(frozen=True, slots=True)
class Piece:
    """text[start:end] is origin.text[origin_start:origin_start + (end - start)]."""

    start: int
    end: int
    origin: Origin
    origin_start: int


class SourceText:
    """A string and the map from its offsets to origins."""

    __slots__ = ("text", "_pieces", "_starts")

    def __init__(self, text: str, pieces: list[Piece]) -> None:
        self.text = text
        self._pieces = pieces
        self._starts = [p.start for p in pieces]

    @classmethod
    def from_origin(cls, origin: Origin) -> SourceText:
        return cls(origin.text, [Piece(0, len(origin.text), origin, 0)])

    def __len__(self) -> int:
        return len(self.text)

    def origin_of(self, offset: int) -> tuple[Origin, int]:
        """The origin and the offset in it of `offset` (clamped to the text)."""
        if not self._pieces:
            raise ValueError("empty source map")
        i = max(0, bisect_right(self._starts, offset) - 1)
        piece = self._pieces[i]
        inside = min(max(offset - piece.start, 0), max(piece.end - piece.start - 1, 0))
        return piece.origin, piece.origin_start + inside

    def locate(self, offset: int) -> Location:
        origin, at = self.origin_of(offset)
        return origin.locate(at)

    def slice(self, start: int, end: int) -> SourceText:
        builder = TextBuilder()
        builder.append(self, start, end)
        return builder.build()

    @property
    def origins(self) -> list[Origin]:
        seen: dict[int, Origin] = {}
        for p in self._pieces:
            seen.setdefault(id(p.origin), p.origin)
        return list(seen.values())


class OffsetMap:
    """Maps offsets of a parent text to offsets of a text derived from it.

    A parent offset that was cut out maps to where the cut is in the derived
    text, so a footnote marker that was removed still lands in its sentence.
    """

    __slots__ = ("_parent_starts", "_spans")

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        # (parent_start, derived_start, length), in parent order
        self._spans = spans
        self._parent_starts = [s[0] for s in spans]

    def to_derived(self, parent_offset: int) -> int:
        i = bisect_right(self._parent_starts, parent_offset) - 1
        if i < 0:
            return self._spans[0][1] if self._spans else 0
        p0, d0, n = self._spans[i]
        return d0 + min(parent_offset - p0, n)


class TextBuilder:
    """Builds a derived `SourceText` from slices of others and literal glue."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0
        self._spans: list[tuple[int, int, int]] = []

    def __len__(self) -> int:
        return self._length

    def append(self, source: SourceText, start: int, end: int) -> None:
        """Append source.text[start:end], keeping its map."""
        if end <= start:
            return
        self._spans.append((start, self._length, end - start))
        self._parts.append(source.text[start:end])
        pieces = source._pieces
        i = max(0, bisect_right(source._starts, start) - 1)
        while i < len(pieces) and pieces[i].start < end:
            p = pieces[i]
            lo, hi = max(p.start, start), min(p.end, end)
            if hi > lo:
                self._add(Piece(self._length + lo - start, self._length + hi - start, p.origin, p.origin_start + lo - p.start))
            i += 1
        self._length += end - start

    def append_text(self, text: str, anchor: tuple[Origin, int] | None = None) -> None:
        """Append glue (a space, a newline); it maps to `anchor` or the previous character."""
        if not text:
            return
        self._parts.append(text)
        if anchor is None and self._pieces:
            last = self._pieces[-1]
            anchor = (last.origin, last.origin_start + (last.end - last.start) - 1)
        if anchor is not None:
            # a zero-width step: every glue character maps to the anchor
            for k in range(len(text)):
                self._add(Piece(self._length + k, self._length + k + 1, anchor[0], anchor[1]))
        self._length += len(text)

    def _add(self, piece: Piece) -> None:
        if self._pieces:
            last = self._pieces[-1]
            if (
                last.origin is piece.origin
                and last.end == piece.start
                and last.origin_start + (last.end - last.start) == piece.origin_start
            ):
                self._pieces[-1] = Piece(last.start, piece.end, last.origin, last.origin_start)
                return
        self._pieces.append(piece)

    def tail(self, n: int = 80) -> str:
        """The last characters appended so far (at most n)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]

    def trim(self, n: int) -> None:
        """Drop the last n characters, which must all come from the last append."""
        last = self._parts[-1]
        if n <= 0 or n > len(last):
            raise ValueError("can only trim within the last appended part")
        self._parts[-1] = last[:-n]
        self._length -= n
        piece = self._pieces[-1]
        self._pieces[-1] = Piece(piece.start, piece.end - n, piece.origin, piece.origin_start)
        if self._spans:
            p0, d0, length = self._spans[-1]
            self._spans[-1] = (p0, d0, max(0, length - n))

    def build(self) -> SourceText:
        return SourceText("".join(self._parts), list(self._pieces))

    def offset_map(self) -> OffsetMap:
        """Parent-to-derived offsets, for a builder that appended from one parent in order."""
        return OffsetMap(list(self._spans))
