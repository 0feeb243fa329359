"""The files a library's entries attach (`file = {...}`), kept only when they lie inside the project."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from refcheck.confine import is_inside, refusal


def attached_paths(value: str, bib_path: str) -> list[str]:
    """Every path a `file` field may mean: plain, or Zotero/JabRef's `description:path:type`, `;`-separated.

    Relative paths are relative to the .bib file's folder, as reference managers write them.
    """
    folder = os.path.dirname(os.path.abspath(bib_path))
    out = []
    for item in (value.split(";") if ";" in value else [value]):
        item = item.strip()
        if not item:
            continue
        names = [item]
        parts = item.split(":")
        if len(parts) >= 3:  # description:path:mime; a Windows path keeps its drive's colon
            names.append(":".join(parts[1:-1]))
        for name in names:
            if name:
                out.append(name if os.path.isabs(name) else os.path.join(folder, name))
    return out


def drop_outside_files(library, roots: tuple[Path, ...], warn: Callable[[str], None]) -> int:
    """Take the `file` field off every entry naming a file outside `roots` (a warning each); the count dropped.

    The entry's other fields stay: only the attached file is not read, so no
    rule can quote a file the library's author pointed at from outside.
    """
    dropped = 0
    for entry in library.entries:
        value = entry.file
        if not value:
            continue
        outside = [p for p in attached_paths(value, entry.path) if not is_inside(p, roots)]
        if not outside:
            continue
        warn(f"warning: {entry.path}:{entry.line}: {refusal(outside[0], roots, f'entry {entry.key}: file')}")
        # Entry is frozen; its fields dict is shared with the parse cache, so it is replaced, never edited.
        object.__setattr__(entry, "fields", {k: v for k, v in entry.fields.items() if k.lower() != "file"})
        entry.__dict__.pop("file", None)  # the cached property reads the fields again
        dropped += 1
    return dropped
