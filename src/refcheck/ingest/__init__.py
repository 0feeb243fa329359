"""Ingest: documents on disk -> `Document`s (text with a source map).

Readers are found by file suffix through one registry; each has `suffixes`,
`format` and `read(path, shown) -> Document`. Only the PDF reader imports pypdf,
and it is imported when a PDF is met.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from refcheck.errors import InputError
from refcheck.ingest.document import Document, Format
from refcheck.ingest.source import Origin, SourceText, TextBuilder

__all__ = ["Document", "Format", "Origin", "SourceText", "TextBuilder", "read_document", "iter_documents", "SUFFIXES"]


class Reader(Protocol):
    suffixes: tuple[str, ...]
    format: Format

    def read(self, path: Path, shown: str) -> Document: ...


def _readers() -> dict[str, Reader]:
    from refcheck.ingest.latex import LatexReader
    from refcheck.ingest.docx import DocxReader
    from refcheck.ingest.html import HtmlReader
    from refcheck.ingest.markdown import MarkdownReader
    from refcheck.ingest.odt import OdtReader
    from refcheck.ingest.org import OrgReader
    from refcheck.ingest.pdf import PdfReader
    from refcheck.ingest.text import TextReader
    from refcheck.ingest.typst import TypstReader

    table: dict[str, Reader] = {}
    for reader in (TextReader(), MarkdownReader(), LatexReader(), PdfReader(), TypstReader(), OrgReader(), DocxReader(), OdtReader(), HtmlReader()):
        for suffix in reader.suffixes:
            table[suffix] = reader
    return table


SUFFIXES = (".txt", ".text", ".md", ".markdown", ".qmd", ".rmd", ".myst", ".tex", ".ltx", ".pdf", ".typ", ".org", ".docx", ".docm", ".odt", ".html", ".htm", ".xhtml")


def read_document(path: str | Path) -> Document:
    """Read one document; an InputError (naming the file) for anything unreadable."""
    shown = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", shown)
    if p.is_dir():
        raise InputError("is a folder; give a document", shown)
    if not p.is_file():  # a FIFO would block, a device never end
        raise InputError("not a regular file (a FIFO, device or socket): not read", shown)
    reader = _readers().get(p.suffix.lower())
    if reader is None:
        raise InputError(f"unsupported document type '{p.suffix or '(none)'}' (use {', '.join(SUFFIXES)})", shown)
    try:
        return reader.read(p, shown)
    except InputError:
        raise
    except PermissionError:
        raise InputError("permission denied", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None


def iter_documents(paths: list[str]) -> Iterator[Document | InputError]:
    """Documents under `paths` (folders recursively, sorted); a bad file yields its error.

    A missing path or a folder with no documents is an error of its own; the
    other paths are still read.
    """
    for given in paths:
        p = Path(given)
        if not p.exists():
            yield InputError("no such file or folder", given)
            continue
        if p.is_file() or not p.is_dir():
            try:
                yield read_document(given)
            except InputError as exc:
                yield exc
            continue
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not _hidden(f, p))
        files = _skip_included(files)
        if not files:
            yield InputError(f"no documents in this folder (looked for {', '.join(SUFFIXES)})", given)
            continue
        for f in files:
            shown = str(Path(given) / f.relative_to(p))
            try:
                yield read_document(shown)
            except InputError as exc:
                yield exc


def _hidden(f: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(top).parts)


def _skip_included(files: list[Path]) -> list[Path]:
    """Leave out .tex files that another .tex in the set \\input-s: they are read as its part."""
    from refcheck.ingest.latex import included_files

    included: set[Path] = set()
    for f in files:
        if f.suffix.lower() in (".tex", ".ltx"):
            included |= included_files(f)
    return [f for f in files if f.resolve() not in included]
