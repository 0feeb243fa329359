"""Clean a library: a stack of small transforms in a declared order, each a module tested alone.

The order matters and is fixed here: values are normalised one entry at a time
first (so that duplicates compare cleaned values), then duplicates are merged
and uncited entries left out, and only then are title words protected (the
proper nouns it learns come from the entries that remain, so cleaning twice
changes nothing the second time), entries sorted and fields ordered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from refcheck.library.clean import (
    braces,
    cited,
    doi,
    empty,
    encoding,
    merge,
    months,
    order,
    pages,
    repeated,
    trail,
    url,
    whitespace,
)
from refcheck.library.clean import report as R
from refcheck.library.clean.model import CleanEntry, Field, Item, Verbatim, items_from_library
from refcheck.library.clean.report import CleanReport
from refcheck.library.clean.sort import run as sort_run
from refcheck.library.clean.state import CleanState
from refcheck.library.load import gc_paused

# Known fields first, in the order a reader scans an entry: who, what, where, when, how to find it.
DEFAULT_FIELD_ORDER = (
    "author", "editor", "translator", "title", "subtitle", "shorttitle", "booktitle", "journal", "journaltitle",
    "series", "edition", "volume", "number", "issue", "pages", "chapter", "publisher", "institution", "school",
    "organization", "address", "location", "year", "month", "date", "doi", "isbn", "issn", "url", "urldate",
    "crossref", "note",
)

ENCODINGS = ("keep", "unicode", "latex")


@dataclass(frozen=True)
class CleanOptions:
    encoding: str = "keep"  # "keep" | "unicode" | "latex"
    protect: bool = True  # brace title words whose case matters
    remove_empty: bool = True
    doi: bool = True
    urls: bool = True
    pages: bool = True
    months: bool = True
    merge: bool = True
    merge_similar: bool = False  # also merge alike entries whose titles differ beyond case/punctuation/accents
    cited: frozenset[str] | None = None  # keep only these keys (and their crossref parents)
    prefer: frozenset[str] = frozenset()  # keys to keep when merging (the cited ones)
    sort: tuple[str, ...] = ()  # ("key",), ("-year", "author"); () keeps the file order
    field_order: tuple[str, ...] | None = DEFAULT_FIELD_ORDER  # None keeps each entry's order
    combine: bool = True  # one output for all inputs (sort across files); False: one output per file


Transform = Callable[[CleanState], None]

STACK: tuple[tuple[str, Transform], ...] = (
    ("repeated-fields", repeated.run),
    ("empty-fields", empty.run),
    ("whitespace", whitespace.run),
    ("doi", doi.run),
    ("url", url.run),
    ("pages", pages.run),
    ("months", months.run),
    ("encoding", encoding.run),
    ("duplicates", merge.run),
    ("cited-by", cited.run),
    ("braces", braces.run),
    ("sort", sort_run),
    ("field-order", order.run),
)


# transforms that choose or order entries and fields but never change a value: no trail to keep
_ORDER_ONLY = frozenset(("cited-by", "sort", "field-order"))


@dataclass
class CleanResult:
    items: list[Item]
    report: CleanReport
    aliases: dict[str, str]  # merged key -> kept key

    def by_path(self) -> dict[str, list[Item]]:
        """The output items of each input file, in order."""
        out: dict[str, list[Item]] = {}
        for item in self.items:
            out.setdefault(item.path, []).append(item)
        return out


def clean_items(
    items: list[Item], options: CleanOptions = CleanOptions(), distinct: set[frozenset[str]] | None = None
) -> CleanResult:
    """Run the stack over items (entries and verbatim blocks)."""
    state = CleanState(list(items), options, distinct=set(distinct or ()))
    for name, transform in STACK:
        if name in _ORDER_ONLY:
            transform(state)
            continue
        before = trail.snapshot(state)
        transform(state)
        trail.record(name, before, state)
    return CleanResult(state.items, state.report, state.aliases)


def clean_library(library, options: CleanOptions = CleanOptions(), distinct: set[frozenset[str]] | None = None) -> CleanResult:
    """Clean a loaded `Library`; `distinct` adds key pairs (from the configuration) to the files' own."""
    items = items_from_library(library)
    result = clean_items(items, options, set(library.distinct) | set(distinct or ()))
    report = CleanReport()
    for p in library.problems:
        if p.kind == "malformed":
            report.add(R.VERBATIM, p.path, p.line, p.key, f"{p.message}; written back as it was")
        elif p.kind == "encoding":
            report.add(R.ENCODING, p.path, p.line, None, f"{p.message}; written as UTF-8")
    report.changes += result.report.changes
    report.counts = result.report.counts
    report.values = result.report.values
    result.report = report
    return result


def clean_paths(
    paths: list[str], options: CleanOptions = CleanOptions(), distinct: set[frozenset[str]] | None = None
):
    """Load the .bib files in `paths` and clean them: (library, result); no garbage collection meanwhile."""
    from refcheck.library.load import load_library

    with gc_paused():
        library = load_library(paths)
        return library, clean_library(library, options, distinct)


__all__ = [
    "CleanEntry", "CleanOptions", "CleanReport", "CleanResult", "DEFAULT_FIELD_ORDER", "ENCODINGS", "Field",
    "STACK", "Verbatim", "clean_items", "clean_library", "clean_paths", "gc_paused",
]
