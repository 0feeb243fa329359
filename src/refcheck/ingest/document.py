"""A document as read: its format, its text and the map back to the file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from refcheck.ingest.source import SourceText


class Format(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    LATEX = "latex"
    PDF = "pdf"
    TYPST = "typst"
    ORG = "org"
    WORD = "docx"
    ODT = "odt"
    HTML = "html"


@dataclass(frozen=True)
class EmbeddedCitation:
    """A citation field: document offsets of its visible text, that text, and its CSL JSON items."""

    start: int
    end: int
    text: str
    items: tuple[dict, ...]


@dataclass(frozen=True)
class Document:
    """`path` is as the user gave it; `source` holds the text and its source map.

    Every reader hands the extract stage one plain-text form: a PDF reader writes
    superscript markers as `<sup>6</sup>` and page-bottom footnotes as a block
    between `---` lines, the same form PDF-to-text output has.
    """

    path: str
    format: Format
    source: SourceText
    encoding: str = "utf-8"
    # Set by readers whose format can say it: the library files the document names
    # (front matter `bibliography:`, Typst `#bibliography`, Org `#+bibliography:`),
    # keys cited without a place in the text (`nocite`), and what the reader could
    # not read but went on without (a missing \input).
    bibliography: tuple[str, ...] = ()
    nocite: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    # Citations a word processor's reference manager embedded (Zotero, Mendeley): where their
    # visible text is, and the CSL JSON items it carries.
    fields: tuple[EmbeddedCitation, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text
