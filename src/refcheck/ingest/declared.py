"""The library files documents name themselves: Pandoc/Quarto front matter `bibliography:`, Typst `#bibliography(...)`, Org `#+bibliography:`, LaTeX `\\bibliography` / `\\addbibresource` (also in the document's own packages)."""

from __future__ import annotations

from pathlib import Path

from refcheck.errors import InputError
from refcheck.ingest import read_document

_NAMING = (".md", ".markdown", ".qmd", ".rmd", ".myst", ".typ", ".org", ".tex", ".ltx")


def declared_libraries(paths: list[str]) -> list[str]:
    """Each library file the documents under `paths` name, once, in the order met.

    Only formats that can name a library are read; a document that cannot be
    read names none (the audit reports it when it reads it).
    """
    named: list[str] = []
    for path in _naming_files(paths):
        try:
            document = read_document(path)
        except InputError:
            continue
        for library in document.bibliography:
            if library not in named:
                named.append(library)
    return named


def _naming_files(paths: list[str]) -> list[str]:
    files: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in _NAMING and not _hidden(f, p))
            files += [str(p / f.relative_to(p)) for f in found]
        elif p.suffix.lower() in _NAMING:
            files.append(given)
    return files


def _hidden(f: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(top).parts)
