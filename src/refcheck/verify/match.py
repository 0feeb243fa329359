"""Which record is the cited work: the library's matcher, so that a typo or reordered names still find it.

Kept to this one function on purpose: the matcher is being replaced by a
fitted resolver, and this is the only place that calls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refcheck.match.matcher import Cited, Matcher
from refcheck.model import Author, Match
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


@dataclass
class _Records:
    entries: list[_AsEntry]


def best_match(cited: Cited, records: Sequence[Record]) -> tuple[int, Match] | None:
    """The index of the record the matcher resolves `cited` to, with its Match (score, method, evidence)."""
    entries = [
        _AsEntry(str(i), _without_notice(r.title), r.authors,
                 cited.year if cited.year in r.years else r.year,  # an online-first year agrees too
                 r.container, r.volume, r.doi)
        for i, r in enumerate(records)
    ]
    match = Matcher(_Records(entries)).resolve(cited, candidates=range(len(entries)))
    return (int(match.key), match) if match else None


def _without_notice(title: str | None) -> str | None:
    """'RETRACTED: Title' is compared as 'Title'."""
    if title and title[:10].upper() == "RETRACTED:":
        return title[10:].strip()
    return title
