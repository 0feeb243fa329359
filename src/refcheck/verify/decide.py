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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from refcheck.match.authors import AuthorVerdict, compare_authors
from refcheck.match.matcher import Cited, title_similarity
from refcheck.model import Match
from refcheck.textnorm import fold, normalize_doi
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
    same_doi: bool = False


@lru_cache(maxsize=4096)
def authors_verdict(cited: tuple, et_al: bool, registry: tuple) -> AuthorVerdict:
    """compare_authors, remembered: the decision and the mismatch report ask it of the same pair."""
    return compare_authors(list(cited), et_al, registry)


def _title(cited: Cited, record: Record) -> float | None:
    if cited.title and record.title:
        return title_likeness(cited.title, _without_notice(record.title) or "")
    return None


@lru_cache(maxsize=4096)
def title_likeness(cited: str, registry: str) -> float:
    """The matcher's title similarity, or the titles' likeness letter by letter in their own word order when
    that is higher: title_similarity sorts the words, and a typo can move a word ("Mtddle Mongol" sorts after
    "Mongol", "Middle Mongol" before). (Comparing a shorter cited title with the start of the registry's only,
    for a left-out subtitle, was measured too: it let through many more spliced fabricated titles than it
    saved real ones.)"""
    return max(title_similarity(cited, registry), fuzz.ratio(fold(cited), fold(registry)) / 100)


def _authors(cited: Cited, record: Record) -> tuple[float | None, bool]:
    if cited.authors and record.authors:
        verdict = authors_verdict(tuple(cited.authors), cited.et_al, record.authors)
        return verdict.score, verdict.first_differs
    return None, False


def _same_doi(cited: Cited, record: Record) -> bool:
    return bool(cited.doi and record.doi and normalize_doi(cited.doi) == normalize_doi(record.doi))


def features(cited: Cited, record: Record) -> Features:
    authors, first_differs = _authors(cited, record)
    return Features(_title(cited, record), authors, first_differs, _same_doi(cited, record))


def same_work(f: Features, t: Thresholds) -> bool:
    if f.title is None and f.authors is None:
        return f.same_doi  # a DOI alone names the work
    if f.title is not None and f.title < t.title_min:
        return False
    return f.authors is None or (not f.first_differs and f.authors >= t.author_min)


def plausible(cited: Cited, record: Record, t: Thresholds) -> bool:
    """same_work(features(...)), the title first: most candidates fail on it before names are compared."""
    title = _title(cited, record)
    if title is not None and title < t.title_min:
        return False
    authors, first_differs = _authors(cited, record)
    return same_work(Features(title, authors, first_differs, _same_doi(cited, record)), t)


def find_work(cited: Cited, records: list[Record], t: Thresholds | None = None) -> tuple[Record, Match] | None:
    """The record that is the cited work, or None: among the records alike enough to be it (the thresholds),
    the one the matcher resolves the citation to. A record found by a DOI but unlike the citation is not it."""
    t = t or fitted()
    alike = [r for r in records if plausible(cited, r, t)]
    if not alike:
        return None
    found = best_match(cited, alike)
    return (alike[found[0]], found[1]) if found else None
