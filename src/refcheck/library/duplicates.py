"""Entries for the same work: same DOI, same key, same URL and title, or same title, year and first author.

Candidates are blocked, not compared pairwise. Two entries whose titles agree
stay apart when an identifier or a number says they are two works: another
DOI, ISBN, edition, volume or pages (the two volumes of one book, a chapter and
its book's other chapter, a second edition).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from refcheck.textnorm import fold, normalize_doi

# titles this alike (folded, 0-100) with the same year and first author are one work;
# "Deep residual learning" vs "Identity mappings in deep residual networks" stay apart
TITLE_SAME = 95
# two entries sharing a DOI whose titles are this unlike are a conflict (one DOI is wrong), not duplicates
TITLE_CONFLICT = 60


# a block with more titles than this is compared in C (rapidfuzz's cdist), not pair by pair in Python
_CDIST_FROM = 48
# ... and one with more than this is first cut by the titles' first letters, to bound the matrix
_SUB_BLOCK_FROM = 2000


@dataclass(frozen=True)
class DuplicateGroup:
    keys: tuple[str, ...]
    reason: str  # "same DOI 10.x/y", "same key", "same title, year and first author"
    indices: tuple[int, ...] = ()  # positions in the list given: they tell apart entries that share a key


@dataclass(frozen=True)
class DoiConflict:
    keys: tuple[str, str]
    doi: str


@dataclass(frozen=True)
class KeyConflict:
    """One key used by two clearly different works (only with `by_key=True`)."""

    keys: tuple[str, str]
    indices: tuple[int, int]


# normalize_doi compiles its pattern on each call; a library has one DOI per entry, each seen once per pass
_doi = lru_cache(maxsize=1 << 17)(normalize_doi)


_NUMBER = re.compile(r"\d+")


def _apart(a, b) -> bool:
    """Entries with alike titles that are still two works: other pages or volume (chapters of one book), other
    numbers in the title ("Reader 3" / "Reader 4"), another DOI, ISBN or edition (two volumes of one book)."""
    for x, y in ((a.pages, b.pages), (a.volume, b.volume)):
        if x and y and x.replace(" ", "").lower() != y.replace(" ", "").lower():
            return True
    if a.doi and b.doi and _doi(a.doi) != _doi(b.doi):
        return True
    isbns_a, isbns_b = _identifiers(a.fields.get("isbn")), _identifiers(b.fields.get("isbn"))
    if isbns_a and isbns_b and not isbns_a & isbns_b:  # one book may carry several ISBNs (print, hardback)
        return True
    x, y = _identifiers(a.fields.get("edition")), _identifiers(b.fields.get("edition"))
    if x and y and x != y:
        return True
    return _NUMBER.findall(a.title or "") != _NUMBER.findall(b.title or "")


def _identifiers(value: str | None) -> set[str]:
    """The ISBNs (or edition numbers) in a field, as digits and X: "978-7-5217-5104-8, 0-85883-143-X", "2nd"."""
    found = set()
    for part in re.split(r"[,;/]|\s(?=\d{9})", (value or "").upper()):
        digits = "".join(c for c in part if c.isdigit() or c == "X")
        if digits:
            found.add(digits)
    return found


_URL_HEAD = re.compile(r"^\s*(?:https?://)?(?:www\.)?", re.IGNORECASE)


def _url_key(url: str | None) -> str | None:
    """A URL without scheme, `www.`, fragment and trailing slash; host in lower case."""
    if not url:
        return None
    rest = _URL_HEAD.sub("", url.strip()).split("#", 1)[0].rstrip("/")
    host, _, path = rest.partition("/")
    return f"{host.lower()}/{path}" if host else None


def first_family(entry) -> str:
    people = entry.authors or entry.editors
    if not people:
        return ""
    a = people[0]
    return fold(a.literal or a.family or "").replace(" ", "")


def _similar_pairs(titles: list[str]):
    """Index pairs (i < j) of folded titles at least TITLE_SAME alike."""
    n = len(titles)
    if n < _CDIST_FROM:
        for x in range(n):
            for y in range(x + 1, n):
                if fuzz.ratio(titles[x], titles[y]) >= TITLE_SAME:
                    yield x, y
        return
    if n > _SUB_BLOCK_FROM:
        by_start: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(titles):
            by_start[t[:2]].append(i)
        for ids in by_start.values():
            for x, y in _similar_pairs([titles[i] for i in ids]):
                yield ids[x], ids[y]
        return
    import numpy as np
    from rapidfuzz import process

    scores = process.cdist(titles, titles, scorer=fuzz.ratio, score_cutoff=TITLE_SAME, dtype=np.uint8)
    xs, ys = np.nonzero(np.triu(scores, 1))
    yield from zip(xs.tolist(), ys.tolist())


def find_duplicates(
    entries: list, distinct: set[frozenset[str]] | None = None, by_key: bool = False
) -> tuple[list[DuplicateGroup], list]:
    """Groups of duplicate entries (each entry in at most one group) and conflicts.

    `distinct` holds pairs of keys a user declared to be different works. With
    `by_key`, entries sharing a key (BibTeX ignores its case) are duplicates too,
    unless their titles are clearly different: that is a `KeyConflict`. Conflicts
    are `DoiConflict`s (one DOI on two clearly different titles) and `KeyConflict`s.
    """
    distinct = distinct or set()
    parent: dict[int, int] = {}
    reason: dict[int, str] = {}

    def find(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    def union(i: int, j: int, why: str) -> None:
        if frozenset((entries[i].key, entries[j].key)) in distinct:
            return
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[rj] = ri
            reason.setdefault(ri, why)

    conflicts: list = []
    by_doi: dict[str, list[int]] = defaultdict(list)
    by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_keys: dict[str, list[int]] = defaultdict(list)
    by_url: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if doi := _doi(e.doi):
            by_doi[doi].append(i)
        elif e.title and (url := _url_key(e.url)):
            by_url[url].append(i)  # web pages, software, standards: often no year, their URL names them
        if e.title and e.year:
            by_block[(e.year, first_family(e))].append(i)
        if by_key:
            by_keys[e.key.lower()].append(i)
    for ids in by_keys.values():
        for j in ids[1:]:
            a, b = entries[ids[0]], entries[j]
            # one key is no evidence of one work: the titles must agree as closely as for a title match
            other_doi = a.doi and b.doi and _doi(a.doi) != _doi(b.doi)
            other_title = a.title and b.title and fuzz.ratio(fold(a.title), fold(b.title)) < TITLE_SAME
            if other_doi or other_title or _apart(a, b):
                conflicts.append(KeyConflict((a.key, b.key), (ids[0], j)))
            else:
                union(ids[0], j, "same key")
    for doi, ids in by_doi.items():
        for j in ids[1:]:
            a, b = entries[ids[0]], entries[j]
            if a.title and b.title and fuzz.token_set_ratio(fold(a.title), fold(b.title)) < TITLE_CONFLICT:
                conflicts.append(DoiConflict((a.key, b.key), doi))
            else:
                union(ids[0], j, f"same DOI {doi}")
    for ids in by_url.values():
        for j in ids[1:]:
            a, b = entries[ids[0]], entries[j]
            # one site's URL on two titles is two pages; the same page is the same title
            if fuzz.ratio(fold(a.title), fold(b.title)) >= TITLE_SAME and not _apart(a, b):
                union(ids[0], j, "same URL and title")
    for (_year, family), ids in by_block.items():
        if len(ids) < 2:
            continue
        # the same folded title is one work outright; only the distinct titles are compared
        first_of: dict[str, list[int]] = {}
        for i in ids:
            t = fold(entries[i].title)
            same = first_of.setdefault(t, [])
            for j in same:
                if (entries[j].key != entries[i].key or by_key) and not _apart(entries[j], entries[i]):
                    union(j, i, "same title, year and first author")
                    break
            else:
                same.append(i)
        if not family:
            continue  # no author to agree on: only the very same title is evidence enough
        titles = list(first_of)
        for x, y in _similar_pairs(titles):
            for a in first_of[titles[x]]:
                for b in first_of[titles[y]]:
                    if (entries[a].key != entries[b].key or by_key) and not _apart(entries[a], entries[b]):
                        union(a, b, "same title, year and first author")
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        groups[find(i)].append(i)
    out = [
        DuplicateGroup(tuple(entries[i].key for i in ids), reason.get(root, "duplicate"), tuple(ids))
        for root, ids in groups.items()
        if len(ids) > 1
    ]
    return out, conflicts


_RECORD_FORMAT = 1  # bump when what `duplicates_for` stores changes


def duplicates_for(library) -> tuple[list[DuplicateGroup], list]:
    """`find_duplicates(library.entries, library.distinct)`, kept beside the library's cache record
    (`cache.derived`: keyed by the loaded library, its entries' keys in order, and here the pairs declared
    distinct, in the files or the configuration). On a 30,000-entry library the search takes a quarter of a
    second that a warm run no longer spends."""
    from refcheck.library.cache import derived

    pairs = "\0".join(sorted("\1".join(sorted(pair)) for pair in library.distinct))
    return derived(library, "duplicates", _RECORD_FORMAT, lambda: find_duplicates(library.entries, library.distinct),
                   lambda v: v if isinstance(v, tuple) and len(v) == 2 else None, extra="\0\0" + pairs)
