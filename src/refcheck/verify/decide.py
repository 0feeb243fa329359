"""Is the matcher's record the cited work? The matcher finds the most alike record; these fitted thresholds
decide whether it is alike enough to count as the same work (`tools/fit_verify.py`, report in
docs/verify-thresholds.md).

A record by the cited authors with another title, or with the cited title by
other authors, is how a fabricated reference looks: the matcher may accept it
on names and year alone, so the title's likeness and the authors' share are
held to the thresholds fitted on real and fabricated references.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from refcheck.match.authors import compare_authors
from refcheck.match.matcher import Cited, title_similarity
from refcheck.model import Match
from refcheck.verify.match import _without_notice, best_match
from refcheck.verify.record import Record

PARAMS = Path(__file__).with_name("params.json")


@dataclass(frozen=True)
class Thresholds:
    title_min: float  # the cited title and the record's at least this alike (0..1)
    author_min: float  # at least this share of the cited names are the record's (a typo counts 0.8)


@lru_cache(maxsize=1)
def fitted() -> Thresholds:
    data = json.loads(PARAMS.read_text(encoding="utf-8"))
    return Thresholds(float(data["title_min"]), float(data["author_min"]))


@dataclass(frozen=True)
class Features:
    title: float | None  # title likeness, None when either side has no title
    authors: float | None  # share of cited names found, None when either side has none
    first_differs: bool = False


def features(cited: Cited, record: Record) -> Features:
    title = None
    if cited.title and record.title:
        title = title_similarity(cited.title, _without_notice(record.title) or "")
    authors, first_differs = None, False
    if cited.authors and record.authors:
        verdict = compare_authors(list(cited.authors), cited.et_al, record.authors)
        authors, first_differs = verdict.score, verdict.first_differs
    return Features(title, authors, first_differs)


def same_work(f: Features, t: Thresholds) -> bool:
    if f.title is None and f.authors is None:
        return False
    if f.title is not None and f.title < t.title_min:
        return False
    return f.authors is None or (not f.first_differs and f.authors >= t.author_min)


def find_work(cited: Cited, records: list[Record], t: Thresholds | None = None) -> tuple[Record, Match] | None:
    """The record that is the cited work, or None. A DOI that names another work is set aside and the
    reference looked for by its other fields."""
    t = t or fitted()
    found = best_match(cited, records)
    if found is None:
        return None
    record, match = records[found[0]], found[1]
    if same_work(features(cited, record), t):
        return record, match
    if match.method in ("doi", "url"):
        return find_work(replace(cited, doi=None, url=None), records, t)
    return None
