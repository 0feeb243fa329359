"""Web-style citations that name no work: [ source ], [read more], [ EnewsWorld ] after a quoted passage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

# a short bracketed label closing a passage: after sentence punctuation or a quote, ending the line
_WEB = re.compile(r"(?<=[.!?\"”’')\]])[^\S\n]*\[\s*([^\[\]\n]{1,40}?)\s*\](?=[^\S\n]*(?:\n|$))")


def find_web(text: str, in_running_text) -> Iterator[RawCitation]:
    for m in _WEB.finditer(text):
        label = m.group(1)
        if not in_running_text(m.start()) or not _looks_like_label(label):
            continue
        start = text.index("[", m.start())
        yield RawCitation(CitationKind.WEB, label, start, m.end())


def _looks_like_label(label: str) -> bool:
    words = label.split()
    if not 1 <= len(words) <= 3 or label.startswith("^") or label.strip().isdigit():
        return False
    return not any(ch in label for ch in ":;=") and not re.search(r"\d", label)
