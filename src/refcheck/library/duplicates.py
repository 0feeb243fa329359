"""Entries for the same work: same DOI, same key, or same title, year and first author (blocked, not pairwise)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from refcheck.textnorm import fold, normalize_doi

# titles this alike (folded, 0-100) with the same year and first author are one work;
# "Deep residual learning" vs "Identity mappings in deep residual networks" stay apart
TITLE_SAME = 95
# two entries sharing a DOI whose titles are this unlike are a conflict (one DOI is wrong), not duplicates
TITLE_CONFLICT = 60


@dataclass(frozen=True)
class DuplicateGroup:
    keys: tuple[str, ...]
    reason: str  # "same DOI 10.x/y", "same key", "same title, year and first author"


@dataclass(frozen=True)
class DoiConflict:
    keys: tuple[str, str]
    doi: str


def first_family(entry) -> str:
    people = entry.authors or entry.editors
    if not people:
        return ""
    a = people[0]
    return fold(a.literal or a.family or "").replace(" ", "")


def find_duplicates(entries: list, distinct: set[frozenset[str]] | None = None) -> tuple[list[DuplicateGroup], list[DoiConflict]]:
    """Groups of duplicate entries (each key in at most one group) and DOI conflicts.

    `distinct` holds pairs of keys a user declared to be different works.
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

    conflicts: list[DoiConflict] = []
    by_doi: dict[str, list[int]] = defaultdict(list)
    by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        if doi := normalize_doi(e.doi):
            by_doi[doi].append(i)
        if e.title and e.year:
            by_block[(e.year, first_family(e))].append(i)
    for doi, ids in by_doi.items():
        for j in ids[1:]:
            a, b = entries[ids[0]], entries[j]
            if a.title and b.title and fuzz.token_set_ratio(fold(a.title), fold(b.title)) < TITLE_CONFLICT:
                conflicts.append(DoiConflict((a.key, b.key), doi))
            else:
                union(ids[0], j, f"same DOI {doi}")
    for ids in by_block.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = entries[ids[x]], entries[ids[y]]
                if a.key == b.key:
                    continue
                ta, tb = fold(a.title), fold(b.title)
                if ta == tb or fuzz.ratio(ta, tb) >= TITLE_SAME:
                    union(ids[x], ids[y], "same title, year and first author")
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        groups[find(i)].append(i)
    out = [
        DuplicateGroup(tuple(entries[i].key for i in ids), reason.get(root, "duplicate"))
        for root, ids in groups.items()
        if len(ids) > 1
    ]
    return out, conflicts
