"""Citations by library key in the lightweight markups: each format's own finder, and which finder a format uses.

Every one comes out as a key citation (`CitationKind.LATEX` with `key`), like
`\\cite{key}`: the key is resolved against the library, whatever the syntax.
"""

from __future__ import annotations

from collections.abc import Callable

from refcheck.extract.citations import RawCitation
from refcheck.extract.citations.myst import find_myst
from refcheck.extract.citations.org import find_org
from refcheck.extract.citations.pandoc import find_pandoc
from refcheck.extract.citations.typst import find_typst

_FINDERS = {
    "markdown": (find_pandoc, find_myst),
    "typst": (find_typst,),
    "org": (find_org,),
}


def find_keyed(format_name: str, text: str, keep: Callable[[int], bool]) -> list[RawCitation]:
    """The key citations of a document in `format_name` (`markdown`, `typst`, `org`), in text order."""
    found: list[RawCitation] = []
    for finder in _FINDERS.get(format_name, ()):
        found.extend(finder(text, keep))
    return sorted(found, key=lambda c: c.start)


def without_overlaps(others: list[RawCitation], keyed: list[RawCitation]) -> list[RawCitation]:
    """`others` less those that stand inside a key citation's text (`[see @a, p. 4]` is not a web citation)."""
    if not keyed:
        return others
    spans = sorted((c.start, c.end) for c in keyed)

    def overlaps(c: RawCitation) -> bool:
        return any(c.start <= a < c.end or a <= c.start < b for a, b in spans)

    return [c for c in others if not overlaps(c)]
