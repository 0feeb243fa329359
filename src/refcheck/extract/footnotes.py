"""Footnote texts -> `Footnote` records: references split at ';', Ibid. and short notes resolved."""

from __future__ import annotations

import re
from collections.abc import Callable

from refcheck.model import Footnote, Location, Reference

_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\.?(?:\s*[,:]\s*(?P<loc>.*))?$", re.I)
# split several references in one note at ';' — not "2019;12(3)" (Vancouver) or inside parentheses
_SPLIT = re.compile(r";\s+(?=(?:see\s+also\s+|cf\.\s+|and\s+)?[^\W\d_])", re.I)
_NOT_A_REFERENCE = re.compile(r"^\s*(?:see|cf\.|for|on|this|the|a|an|it|as|in)\b", re.I)


def split_references(text: str) -> list[str]:
    """'A (2019). T. J.; B (2020). U. K.' -> two reference strings."""
    parts: list[str] = []
    depth = 0
    start = 0
    for m in _SPLIT.finditer(text):
        depth = text.count("(", start, m.start()) - text.count(")", start, m.start())
        if depth > 0:
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def reference_lines(text: str) -> str:
    """Whitespace folded within lines; line breaks kept (they separate title and author in some forms)."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def build_footnotes(
    raw_notes: list[tuple[str, str, Location]],
    parse: Callable[[str], Reference],
) -> list[Footnote]:
    """Footnotes in document order; an Ibid. or a short note takes the references of the note it points to."""
    out: list[Footnote] = []
    for label, text, location in raw_notes:
        clean = " ".join(text.split())
        lines = reference_lines(text)
        ibid = _IBID.match(clean)
        if ibid and out:
            previous = out[-1]
            target = previous.ibid_of or previous.label
            out.append(Footnote(label, clean, location, previous.references, ibid_of=target))
            continue
        references = tuple(parse(part) for part in split_references(lines))
        resolved = _resolve_short(references, out)
        if resolved is not None:
            out.append(Footnote(label, clean, location, resolved.references, ibid_of=resolved.ibid_of or resolved.label))
            continue
        out.append(Footnote(label, clean, location, references))
    return out


def _resolve_short(references: tuple[Reference, ...], earlier: list[Footnote]) -> Footnote | None:
    """A short note ('Moisio and Paasi, From geopolitical, 270.') resolves to the earlier full note.

    Short = one reference with authors and no year, DOI or URL; the earlier
    note must share the first author's family name and, if a title is given,
    start with the same title words. Without its italics (text from a PDF) a
    short note's title may read as a container and its page as a volume
    ("Australia. Department of Education, National Strategy, 57."): then the
    first two title words must agree.
    """
    if len(references) != 1:
        return None
    ref = references[0]
    if not ref.authors or ref.year or ref.doi or ref.url:
        return None
    family = (ref.authors[0].family or ref.authors[0].literal or "").casefold()
    if not family:
        return None
    title_words = (ref.title or "").casefold().split()[:2]
    if (ref.container or ref.volume) and len(title_words) < 2:
        return None
    for note in reversed(earlier):
        for full in note.references:
            if not full.authors or not full.year:
                continue
            full_family = (full.authors[0].family or full.authors[0].literal or "").casefold()
            if full_family != family:
                continue
            if title_words and not (full.title or "").casefold().startswith(" ".join(title_words)):
                continue
            return note
    return None
