"""Which record is the cited work: the library's matcher, so that a typo or reordered names still find it.

Kept to this one function on purpose: the matcher is being replaced by a
fitted resolver, and this is the only place that calls it. The resolver's pair
model in its place (over the same plausible records, `compare` and
`confidence`) was measured on the detection benchmark (benchmarks/bench_verify.py,
2026-12-03): with a written text made up from the fields it flagged 98.3 % of
the fabricated references (this: 99.7 %; held-out 97.4 % against 99.3 %) and
0.82 real ones per 100 (this: 0.80); with no written text, 6.7 real per 100 —
it is fitted on citations as written. Not adopted until it is fitted for
registry records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refcheck.match.matcher import Cited, choose
from refcheck.model import Author, Match
from refcheck.textnorm import normalize_doi
from refcheck.verify.record import Record


@dataclass(frozen=True)
class _AsEntry:
    """A record in the shape of a library entry, as the matcher reads one."""

    key: str
    title: str | None
    authors: tuple[Author, ...]
    year: str | None
    container: str | None
    volume: str | None
    doi: str | None
    url: str | None = None
    editors: tuple[Author, ...] = ()
    et_al: bool = False


def best_match(cited: Cited, records: Sequence[Record]) -> tuple[int, Match] | None:
    """The index of the record the matcher resolves `cited` to, with its Match (score, method, evidence).

    The matcher's decision (`Matcher.resolve` over these candidates) without building its library index for
    a handful of records: a shared DOI names the record, else the best score with two kinds of evidence."""
    entries = [
        _AsEntry(str(i), _without_notice(r.title), r.authors,
                 cited.year if cited.year in r.years else r.year,  # an online-first year agrees too
                 r.container, r.volume, r.doi)
        for i, r in enumerate(records)
    ]
    if not cited.says_something:
        return None
    if doi := normalize_doi(cited.doi):
        for i, e in enumerate(entries):
            if normalize_doi(e.doi) == doi:
                return i, Match(e.key, 1.0, "doi", (f"DOI {doi}",))
    return choose(cited, entries, range(len(entries)))


def _without_notice(title: str | None) -> str | None:
    """'RETRACTED: Title' is compared as 'Title'."""
    if title and title[:10].upper() == "RETRACTED:":
        return title[10:].strip()
    return title
