"""A document refused before it is read when it is larger than refcheck's limits (refcheck.limits)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from refcheck.errors import InputError
from refcheck.limits import (
    MAX_BINARY_BYTES,
    MAX_DOCUMENT_BYTES,
    MAX_LINE_CHARS,
    MAX_UNPACK_RATIO,
    MAX_UNPACKED_BYTES,
    size_text,
)

_BINARY = (".pdf", ".docx", ".docm", ".odt")
_PACKAGES = (".docx", ".docm", ".odt")


def check_size(path: Path, shown: str) -> None:
    """Refuse a file over the size limit of its kind, or a package that would unpack past its limits."""
    suffix = path.suffix.lower()
    limit = MAX_BINARY_BYTES if suffix in _BINARY else MAX_DOCUMENT_BYTES
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{size_text(size)} bytes: larger than the limit of {size_text(limit)} for one document", shown)
    if suffix in _PACKAGES:
        check_package(path, shown, size)


def check_package(path: Path, shown: str, size: int) -> None:
    """A zip package whose parts declare more than MAX_UNPACKED_BYTES, or MAX_UNPACK_RATIO times its size."""
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader says what is wrong with it
    limit = min(MAX_UNPACKED_BYTES, max(size, 1) * MAX_UNPACK_RATIO)
    if unpacked > limit:
        raise InputError(f"unpacks to {size_text(unpacked)} bytes, past the limit of {size_text(limit)} "
                         f"({MAX_UNPACK_RATIO}x its size, at most {size_text(MAX_UNPACKED_BYTES)}): not read", shown)


def check_lines(text: str, shown: str) -> None:
    """Refuse a text with a line longer than MAX_LINE_CHARS (minified or generated text, not prose)."""
    if len(text) <= MAX_LINE_CHARS:
        return
    start = 0
    line = 1
    while True:
        end = text.find("\n", start)
        stop = len(text) if end == -1 else end
        if stop - start > MAX_LINE_CHARS:
            raise InputError(f"line longer than {size_text(MAX_LINE_CHARS)} characters: not prose; not read", shown, line)
        if end == -1:
            return
        start, line = end + 1, line + 1
