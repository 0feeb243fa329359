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


STDIN = "-"  # as PATH: the document comes on standard input (its name and type from --stdin-filename)
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
        from refcheck.ingest.bounds import check_size

        check_size(p, shown)
        return _confined_libraries(reader.read(p, shown), p)
    except InputError:
        raise
    except PermissionError:
        raise InputError("permission denied", shown) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None


def _confined_libraries(document: Document, path: Path) -> Document:
    """The libraries a document names, less those outside the project (each refused with a warning)."""
    from dataclasses import replace

    from refcheck.confine import is_inside, refusal, roots_for

    if not document.bibliography:
        return document
    roots = roots_for(path)
    kept = tuple(lib for lib in document.bibliography if is_inside(lib, roots))
    if len(kept) == len(document.bibliography):
        return document
    refused = [refusal(lib, roots, f"{document.path}: library") for lib in document.bibliography if lib not in kept]
    return replace(document, bibliography=kept, warnings=document.warnings + tuple(refused))


def iter_documents(paths: list[str]) -> Iterator[Document | InputError]:
    """Documents under `paths` (folders recursively, sorted); a bad file yields its error.

    A missing path or a folder with no documents is an error of its own; the
    other paths are still read.
    """
    for given in paths:
        if given == STDIN:
            from refcheck.ingest.stdin import read_stdin

            try:
                yield read_stdin(_readers())
            except InputError as exc:
                yield exc
            continue
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
        # a symlink out of the project, or a loop: a warning (on the first document read), once; the rest is read
        files, refused = _scan(p, given)
        files = _skip_included(files)
        if not files:
            also = f"; {'; '.join(refused)}" if refused else ""
            yield InputError(f"no documents in this folder (looked for {', '.join(SUFFIXES)}){also}", given)
            continue
        for f in files:
            shown = str(Path(given) / f.relative_to(p))
            try:
                document = read_document(shown)
            except InputError as exc:
                yield exc
                continue
            if refused:
                from dataclasses import replace

                document, refused = replace(document, warnings=refused + document.warnings), ()
            yield document


def _scan(top: Path, given: str) -> tuple[list[Path], tuple[str, ...]]:
    """The documents under `top`, sorted, following symlinks only inside the project; and what was refused.

    A symlinked folder is entered once (a loop is refused once); a link whose
    target lies outside the project's roots is refused and not read.
    """
    from refcheck.confine import is_inside, refusal, roots_for

    def shown(p: Path) -> str:
        return str(Path(given) / p.relative_to(top))

    roots = roots_for(top)
    if not is_inside(top, roots):  # the folder the user named is theirs to read
        roots = roots + (top.resolve(),)
    files: list[Path] = []
    refused: list[str] = []
    seen: set[Path] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            real = folder.resolve(strict=True)
        except (OSError, RuntimeError):
            refused.append(f"{shown(folder)}: a symlink loop or a broken link; not read")
            continue
        if real in seen:
            refused.append(f"{shown(folder)}: a symlink loop, or a second link to {real}: read once")
            continue
        seen.add(real)
        try:
            children = sorted(folder.iterdir())
        except OSError as exc:
            refused.append(f"{shown(folder)}: cannot list: {exc.strerror or exc}")
            continue
        for child in children:
            if child.name.startswith("."):
                continue
            is_link = child.is_symlink()
            if is_link and not is_inside(child, roots):
                if child.is_dir() or child.suffix.lower() in SUFFIXES:
                    refused.append(refusal(shown(child), roots, "symlink"))
                continue
            try:
                if child.is_dir():
                    pending.append(child)
                elif child.suffix.lower() in SUFFIXES and child.is_file():
                    files.append(child)
            except OSError:  # a link loop on a file name: resolve fails
                refused.append(f"{shown(child)}: a symlink loop or a broken link; not read")
    return sorted(files), tuple(refused)


def _skip_included(files: list[Path]) -> list[Path]:
    """Leave out .tex files that another .tex in the set \\input-s: they are read as its part."""
    from refcheck.ingest.latex import included_files

    included: set[Path] = set()
    for f in files:
        if f.suffix.lower() in (".tex", ".ltx"):
            included |= included_files(f)
    return [f for f in files if f.resolve() not in included]
