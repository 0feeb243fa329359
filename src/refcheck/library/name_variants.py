"""One person's name spelled two ways across a library's entries (Müller / Muller / Mueller, Moisio / Moisiu)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from refcheck.textnorm import fold

# German transliterations that the same person's name comes in: Müller, Mueller, Muller
_TRANSLIT = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# families this long differing by one letter, with the same full given name: a typo, not another person...
_TYPO_MIN_LENGTH = 5
# ...unless both spellings are this common: Zhang and Zheng are two names, not one mistyped
_BOTH_COMMON = 3


@dataclass(frozen=True)
class Spelling:
    name: str  # "Müller, Hans" as decoded
    keys: tuple[str, ...]  # the entries writing it so, in library order
    path: str
    line: int  # the first of those entries


@dataclass(frozen=True)
class NameVariant:
    spellings: tuple[Spelling, ...]  # the most used first
    reason: str  # "accents or case", "a letter"


def _plain(s: str) -> str:
    s = fold(s).replace(" ", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return s


def _shown(a) -> str:
    family = " ".join(p for p in (a.particle, a.family) if p)
    return f"{family}, {a.given}" if a.given else family


def _one_letter_apart(persons: set[str]) -> list[tuple[str, str]]:
    """The pairs of persons whose folded families differ by one edit, sorted, without comparing every pair.

    Two strings one edit apart share a string made by deleting at most one
    letter from each (symmetric deletes): candidates come from that index, so a
    library of many authors with one given name costs time linear in them.
    """
    by_key: dict[str, set[str]] = defaultdict(set)
    for person in persons:
        family = person.partition("|")[0]
        by_key[family].add(person)
        for i in range(len(family)):
            by_key[family[:i] + family[i + 1 :]].add(person)
    pairs = set()
    for group in by_key.values():
        if len(group) < 2:
            continue
        ordered = sorted(group)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if (a, b) not in pairs and Levenshtein.distance(a.partition("|")[0], b.partition("|")[0]) == 1:
                    pairs.add((a, b))
    return sorted(pairs)


def name_variants(entries) -> list[NameVariant]:
    """Family names that fold to one person but are written differently, or differ by one letter with the same given name."""
    written: dict[str, list] = defaultdict(list)  # "Family, Given" as decoded -> entries
    for e in entries:
        seen = set()
        for a in (*e.authors, *e.editors):
            if a.literal or not a.family:
                continue
            name = _shown(a)
            if name not in seen:
                seen.add(name)
                written[name].append(e)
    # person (family folded, accents, case and transliteration aside, + given initial) -> family as written -> names
    people: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_given: dict[tuple[str, str], set[str]] = defaultdict(set)  # (full given name, family initial) -> persons
    for name in written:
        family, _, given = name.partition(", ")
        if not _plain(family):
            continue  # "___" stands for an unknown author: nothing to compare
        person = f"{_plain(family)}|{_plain(given)[:1]}"
        people[person][family].append(name)
        if len(_plain(given)) >= 3 and "." not in given and len(_plain(family)) >= _TYPO_MIN_LENGTH:
            by_given[(_plain(given), _plain(family)[:1])].add(person)

    def spellings(families: dict[str, list[str]]) -> tuple[Spelling, ...]:
        out = []
        for names in families.values():
            es = sorted({id(e): e for n in names for e in written[n]}.values(), key=lambda e: (e.path, e.line))
            shown = max(names, key=lambda n: (len(written[n]), n))  # the fullest-used name for this spelling
            out.append(Spelling(shown, tuple(e.key for e in es), es[0].path, es[0].line))
        # the most used first; in a tie, the spelling with accents (a folded copy is the likelier slip)
        return tuple(sorted(out, key=lambda s: (-len(s.keys), s.name.isascii(), s.name)))

    out: list[NameVariant] = []
    for families in people.values():
        if len(families) > 1:
            out.append(NameVariant(spellings(families), "accents, case or transliteration"))
    for persons in by_given.values():
        for a, b in _one_letter_apart(persons):
            found = spellings({**people[a], **people[b]})
            if len(found[-1].keys) < _BOTH_COMMON:
                out.append(NameVariant(found, "one letter"))
    return sorted(out, key=lambda v: (v.spellings[-1].path, v.spellings[-1].line))
