"""An entry's descriptive text for fit scoring, and the text of its source file when one is held."""

from __future__ import annotations

import os
from functools import lru_cache

from refcheck.fit.base import EntryText

# The fields that say what a work is about; authors and years say nothing of that.
_FIELDS = ("title", "keywords", "abstract", "note")
_VENUE = ("journal", "journaltitle", "booktitle", "series", "institution", "howpublished")
SOURCE_EXCERPT = 4000  # characters of a held source used for fit: its opening says what it is about
# characters of an entry's own description and venue used for fit: an abstract is a few thousand; a field of
# megabytes (a pasted document) would cost the embedder gigabytes for words its start already gives
TEXT_EXCERPT = 20_000
VENUE_EXCERPT = 1_000


def source_path(entry) -> str | None:
    """The entry's `file`, resolved against its .bib file's folder (BibTeX managers write it that way)."""
    name = getattr(entry, "file", None)
    if not name:
        return None
    # Zotero/JabRef style "description:path:type"
    if name.count(":") >= 2 and not os.path.exists(name):
        parts = name.split(":")
        name = parts[1] if len(parts) >= 3 else name
    path = name if os.path.isabs(name) else os.path.join(os.path.dirname(os.path.abspath(entry.path)), name)
    return path if os.path.isfile(path) else None


@lru_cache(maxsize=256)
def read_source(path: str) -> str | None:
    """The text of a .txt, .md or .pdf source; None when it cannot be read."""
    lower = path.lower()
    try:
        if lower.endswith(".pdf"):
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        if lower.endswith((".txt", ".md", ".markdown", ".text")):
            with open(path, encoding="utf-8", errors="replace") as f:
                return f.read()
    except Exception:  # an unreadable source is as good as none: the rule that needs it says nothing
        return None
    return None


def entry_text(entry) -> EntryText:
    """Title, keywords, abstract and note of an entry, its venue apart; the opening of its source when held."""
    from refcheck.library.latex import decode

    parts = []
    for name in _FIELDS:
        value = entry.title if name == "title" else getattr(entry, name, None)
        if value:
            parts.append(value)
    venue = next((decode(entry.fields[name]) for name in _VENUE if entry.fields.get(name)), "")
    path = source_path(entry)
    source = (read_source(path) or "")[:SOURCE_EXCERPT] if path else ""
    text = ". ".join(p.strip().rstrip(".") for p in parts if p.strip())[:TEXT_EXCERPT]
    return EntryText(entry.key, text, venue.strip()[:VENUE_EXCERPT], source.strip())
