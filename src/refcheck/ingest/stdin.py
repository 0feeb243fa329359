"""A document on standard input (`refcheck audit -`), named and typed by `--stdin-filename` as linters do."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from refcheck.errors import InputError
from refcheck.limits import MAX_DOCUMENT_BYTES

DEFAULT_NAME = "stdin.md"  # Markdown reads plain text too
_NAME: ContextVar[str] = ContextVar("refcheck_stdin_filename", default=DEFAULT_NAME)


@contextmanager
def stdin_named(name: str | None) -> Iterator[None]:
    """Within this block, the document read from `-` is called `name` (its suffix picks the reader)."""
    token = _NAME.set(name or DEFAULT_NAME)
    try:
        yield
    finally:
        _NAME.reset(token)


def read_stdin(readers: dict) -> object:
    """The document on standard input, read once, by the reader of its name's suffix; its findings name it."""
    shown = _NAME.get()
    reader = readers.get(Path(shown).suffix.lower())
    if reader is None:
        raise InputError(f"unsupported document type '{Path(shown).suffix or '(none)'}' "
                         "(give --stdin-filename NAME with a document suffix)", shown)
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("no standard input to read", shown)
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"standard input is larger than {MAX_DOCUMENT_BYTES // 2**20} MB (the limit of one document)",
                         shown)
    # Readers read files (a .docx is a zip, a PDF seeks): the bytes go to a private temporary file under the
    # same name, removed as soon as it is read. Its \input files are not looked for: it has no folder of its own.
    with tempfile.TemporaryDirectory(prefix="refcheck-stdin-") as folder:
        path = Path(folder) / (Path(shown).name or DEFAULT_NAME)
        path.write_bytes(data)
        return reader.read(path, shown)
