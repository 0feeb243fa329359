"""`refcheck bib fix --apply-verified`: the registry's value written into an entry, as the smallest edit.

Each metadata mismatch of a library entry becomes one `Fix` that replaces only
the text inside the field's braces or quotes (or a bare number): the year,
the volume, the number, the pages (in the file's dash style), the DOI, the
journal, and a misspelled family name inside the author list. A value that
cannot be placed in the file's text (a spelling written with TeX accents, a
year given only in `date`) is left alone and said so.
"""

from __future__ import annotations

import re

from refcheck.library.fix import Edit, Fix, Span, field_spans
from refcheck.verify.subjects import Checked

# mismatched field -> the BibTeX fields that hold it, the first present is changed
BIB_FIELDS = {
    "year": ("year",),
    "volume": ("volume",),
    "issue": ("number", "issue"),
    "pages": ("pages",),
    "doi": ("doi",),
    "venue": ("journal", "journaltitle", "booktitle"),
    "author": ("author",),
}


def _value_range(text: str, span: Span) -> tuple[int, int]:
    if span.value_end - span.value_start >= 2 and text[span.value_start] in '{"':
        return span.value_start + 1, span.value_end - 1
    return span.value_start, span.value_end


def _new_value(field: str, old: str, registry: str) -> str | None:
    if field == "pages":
        dash = "--" if "--" in old else "–" if "–" in old else "-"
        return re.sub(r"\s*[-–—]+\s*", dash, registry)
    if field == "author":
        return None  # handled by _spelling
    return registry


def _spelling(old: str, cited: str, registry: str) -> str | None:
    """The author list with the one misspelled name replaced (whole word, found exactly once)."""
    hits = list(re.finditer(rf"(?<!\w){re.escape(cited)}(?!\w)", old))
    if len(hits) != 1:
        return None
    m = hits[0]
    return old[: m.start()] + registry + old[m.end():]


def verified_fixes(library, path: str, text: str, checked: list[Checked]) -> tuple[list[Fix], list[str]]:
    """The fixes for one loaded file's entries, and a note for each mismatch that could not be placed."""
    blocks = {b.entry.key: b for b in library.blocks.get(path, []) if b.kind == "entry" and b.entry is not None}
    fixes: list[Fix] = []
    skipped: list[str] = []
    for item in checked:
        key, verdict = item.subject.entry, item.verdict
        block = blocks.get(key) if key else None
        if block is None or not verdict.mismatches or text[block.start : block.end] != block.raw:
            continue
        spans = {s.name.lower(): s for s in field_spans(text, block.start, block.end) or []}
        for m in verdict.mismatches:
            span = next((spans[n] for n in BIB_FIELDS.get(m.field, ()) if n in spans), None)
            if span is None:
                skipped.append(f"{path}:{block.line}: '{key}': no {m.field} field to write '{m.registry}' into")
                continue
            start, end = _value_range(text, span)
            old = text[start:end]
            new = _spelling(old, m.cited, m.registry) if m.field == "author" else _new_value(m.field, old, m.registry)
            if new is None or new == old:
                skipped.append(f"{path}:{block.line}: '{key}': {m.field} '{m.cited}' not found as written; "
                               f"{verdict.source} has '{m.registry}'")
                continue
            line = text.count("\n", 0, span.start) + 1
            fixes.append(Fix("verified-" + m.field, path, line, key,
                             f"'{key}': {span.name} '{m.cited}' -> '{m.registry}' ({verdict.source})",
                             (Edit(start, end, new),)))
    return fixes, skipped
