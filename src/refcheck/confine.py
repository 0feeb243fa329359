"""Reading stays inside the project: what a document or a library names is read only under the project's roots.

A document's `\\input{../../x}`, a library's `file = {/etc/passwd}` or a symlink
in a scanned folder are written by whoever wrote the document or library — in
CI, maybe an untrusted pull request — and a report quotes what refcheck reads.
So such a path is read only when it resolves (symlinks followed) under a root:

- the project: the configuration's folder; without one, the working directory
  when the documents lie under it, else the documents' common folder;
- the folders the configuration names for sources (`corpus`, `sources`).

What the user names on the command line (`PATH`, `--bib`) is read as given:
that is the user's own choice, not the document's. A refused path is a warning
naming it; the rest is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_ROOTS: ContextVar[tuple[Path, ...] | None] = ContextVar("refcheck_reading_roots", default=None)


def project_root(config_root: Path | None, documents: Iterable[str]) -> Path:
    """The project's folder: the configuration's; else the working directory, or the documents' common folder."""
    if config_root is not None:
        return Path(config_root).resolve()
    cwd = Path.cwd().resolve()
    folders = []
    for d in documents:
        if d == "-":
            continue
        p = Path(d).resolve()
        folders.append(p if p.is_dir() else p.parent)
    if not folders or all(f.is_relative_to(cwd) for f in folders):
        return cwd
    return Path(os.path.commonpath([str(f) for f in folders]))


@contextmanager
def reading_inside(roots: Iterable[str | Path]) -> Iterator[tuple[Path, ...]]:
    """Within this block, documents and libraries may name files under `roots` only."""
    resolved = tuple(dict.fromkeys(Path(r).resolve() for r in roots if r))
    token = _ROOTS.set(resolved)
    try:
        yield resolved
    finally:
        _ROOTS.reset(token)


def active_roots() -> tuple[Path, ...] | None:
    """The roots set by `reading_inside`, or None outside it."""
    return _ROOTS.get()


def roots_for(document: str | Path | None = None) -> tuple[Path, ...]:
    """The roots in force; outside `reading_inside` (a library call), the project of `document` as found alone."""
    roots = _ROOTS.get()
    if roots is not None:
        return roots
    return (project_root(None, [str(document)] if document is not None else []),)


def is_inside(path: str | Path, roots: tuple[Path, ...]) -> bool:
    """Whether `path`, symlinks resolved, lies under one of `roots`."""
    try:
        real = Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop resolves to nothing
        return False
    return any(real == r or real.is_relative_to(r) for r in roots)


def refusal(path: str | Path, roots: tuple[Path, ...], what: str = "") -> str:
    """The warning for a refused path: what named it, the path, and the roots it left."""
    named = f"{what}: " if what else ""
    where = ", ".join(str(r) for r in roots)
    return f"{named}{path}: outside the project ({where}); not read (name the folder in `sources` to allow it)"
