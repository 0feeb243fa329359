"""Plain text and Markdown: the file's text is the document's text."""

from __future__ import annotations

from pathlib import Path

from refcheck.ingest.decoding import decode_text
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText


class TextReader:
    suffixes = (".txt", ".text")
    format = Format.TEXT

    def read(self, path: Path, shown: str) -> Document:
        text, encoding = decode_text(path.read_bytes(), shown)
        return Document(shown, self.format, SourceText.from_origin(Origin(shown, text)), encoding)


class MarkdownReader(TextReader):
    suffixes = (".md", ".markdown")
    format = Format.MARKDOWN
