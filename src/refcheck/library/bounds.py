"""A library refused before it is parsed when it is larger than refcheck's limits (refcheck.limits)."""

from __future__ import annotations

import os
import re

from refcheck.limits import MAX_LIBRARY_BYTES, MAX_LIBRARY_ENTRIES, size_text

_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)


def over_limit(path: str) -> str | None:
    """Why the file is not read (too many bytes), or None."""
    size = os.stat(path).st_size
    if size > MAX_LIBRARY_BYTES:
        return f"{size_text(size)} bytes: larger than the limit of {size_text(MAX_LIBRARY_BYTES)} for one library; not read"
    return None


def too_many_entries(text: str) -> str | None:
    """Why the text is not parsed (more entries than parsing them would fit in memory), or None."""
    if len(text) < MAX_LIBRARY_ENTRIES * 8:  # an entry takes at least `@t{k,}` and a line end
        return None
    n = sum(1 for _ in _ENTRY_START.finditer(text))
    if n > MAX_LIBRARY_ENTRIES:
        return f"{n:,} entries: more than the limit of {MAX_LIBRARY_ENTRIES:,} for one library; not read"
    return None
