"""Word-processor and HTML documents as paragraphs and notes, in the plain form the extract stage reads.

The notes come first as `[^3]: text` definitions — the Markdown form the
layout already knows — then the body paragraphs, one per line with a blank
line between, a note reference written `[^3]` where it stands. Every
character maps back to its paragraph (or note) number and column; the markers
and separators are glue that maps to where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.ingest.document import Document, EmbeddedCitation, Format
from refcheck.ingest.source import NumberedOrigin, SourceText, TextBuilder


@dataclass
class Paragraph:
    """A paragraph's text; `markers` are (offset, note label); `fields` (start, end, CSL items) of citation fields."""

    text: str = ""
    markers: list[tuple[int, str]] = field(default_factory=list)
    fields: list[tuple[int, int, tuple[dict, ...]]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.text += text

    def mark(self, label: str) -> None:
        self.markers.append((len(self.text), label))


class ParagraphDocument:
    """Collects paragraphs and notes, then builds one `Document` with its source map."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.body: list[Paragraph] = []
        self.notes: list[tuple[str, list[Paragraph]]] = []

    def paragraph(self, para: Paragraph) -> None:
        if para.text.strip() or para.markers:
            self.body.append(para)

    def note(self, label: str, paras: list[Paragraph]) -> None:
        self.notes.append((label, [p for p in paras if p.text.strip()]))

    def build(self, fmt: Format, **extra) -> Document:
        # The notes come first: a reference list ("Bibliography") often ends the body, and
        # notes written after it would be read as its items.
        builder = TextBuilder()
        embedded: list[EmbeddedCitation] = []
        where_marked: dict[str, int] = {}
        for number, para in enumerate(self.body, 1):
            for _, label in para.markers:
                where_marked.setdefault(label, number)
        for label, paras in self.notes:
            number = where_marked.get(label, 1)
            text = " ".join(" ".join(p.text.split()) for p in paras)
            origin = NumberedOrigin(self.shown, text, number=number)
            builder.append_text(f"[^{label}]: ", (origin, 0))
            self._append(builder, Paragraph(text, [], self._note_fields(paras, text)), origin, embedded)
            builder.append_text("\n\n", (origin, max(0, len(text) - 1)))
        for number, para in enumerate(self.body, 1):
            if number > 1:
                builder.append_text("\n\n")
            self._append(builder, para, NumberedOrigin(self.shown, para.text, number=number), embedded)
        builder.append_text("\n")
        return Document(self.shown, fmt, builder.build(), "utf-8", fields=tuple(embedded), **extra)

    @staticmethod
    def _note_fields(paras: list[Paragraph], text: str) -> list[tuple[int, int, tuple[dict, ...]]]:
        """The note's fields at their offsets in its whitespace-folded, joined text."""
        out = []
        cursor = 0
        for p in paras:
            for start, end, items in p.fields:
                visible = " ".join(p.text[start:end].split())
                at = text.find(visible, cursor) if visible else -1
                if at >= 0:
                    out.append((at, at + len(visible), items))
                    cursor = at + len(visible)
        return out

    @staticmethod
    def _append(builder: TextBuilder, para: Paragraph, origin: NumberedOrigin, embedded: list[EmbeddedCitation]) -> None:
        source = SourceText.from_origin(origin)
        start = len(builder)
        # "[^1]:" would read as a note definition: a marker before a colon takes a space
        markers = [(at, f"[^{label}]" + (" " if para.text[at : at + 1] == ":" else "")) for at, label in sorted(para.markers)]

        def placed(x: int, inclusive: bool) -> int:
            return start + x + sum(len(m) for at, m in markers if (at <= x if inclusive else at < x))

        pos = 0
        for at, marker in markers:
            builder.append(source, pos, at)
            builder.append_text(marker, (origin, max(0, at - 1)))  # the marker maps to the character before it
            pos = at
        builder.append(source, pos, len(para.text))
        for lo, hi, items in para.fields:
            embedded.append(EmbeddedCitation(placed(lo, True), placed(hi, False), para.text[lo:hi], items))
