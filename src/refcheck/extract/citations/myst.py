"""MyST Markdown (Jupyter Book, sphinxcontrib-bibtex roles): {cite}`key`, {cite:p}`a,b`, {cite:t}`key`, {footcite}`key`.

A role's text is keys separated by commas; sphinxcontrib-bibtex's pre- and
post-notes are written in braces around them: {cite:p}`{see}key{, p. 3}`.
The textual roles (`cite:t`, `cite:ts`, `cite:ct`, `cite:author` ...) cite in the
sentence's subject: they are narrative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

_ROLE = re.compile(r"\{(?P<role>(?:foot)?cite(?::(?P<variant>[a-z]+))?)\}(?P<fence>`+)(?P<body>.+?)(?P=fence)", re.DOTALL)
_NOTES = re.compile(r"^\s*(?:\{(?P<pre>[^{}]*)\})?(?P<keys>[^{}]*?)(?:\{(?P<post>[^{}]*)\})?\s*$", re.DOTALL)
_NARRATIVE = {"t", "ts", "ct", "cts", "author", "authors", "cauthor", "cauthors"}


def find_myst(text: str, keep: Callable[[int], bool]) -> Iterator[RawCitation]:
    for m in _ROLE.finditer(text):
        if not keep(m.start()):
            continue
        notes = _NOTES.match(m.group("body"))
        if notes is None:
            continue
        post = (notes.group("post") or "").lstrip(", ").strip() or None
        narrative = (m.group("variant") or "") in _NARRATIVE
        base = m.start("body") + notes.start("keys")
        pos = 0
        for part in notes.group("keys").split(","):
            key = part.strip()
            at = base + pos + (len(part) - len(part.lstrip()))
            pos += len(part) + 1
            if key:
                yield RawCitation(CitationKind.LATEX, key, at, at + len(key), key=key, locator=post, narrative=narrative)
