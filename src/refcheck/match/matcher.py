"""Resolve what a citation says of a work (names, year, title, DOI, URL, key) to one library entry.

LaTeX keys resolve directly; DOIs and URLs exactly; everything else by
scoring the index's candidates on authors, year, title and venue. A match
carries its score and the evidence a user can check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from refcheck.match.index import LibraryIndex
from refcheck.match.authors import compare_authors
from refcheck.model import Author, Match, NameMention, Reference
from refcheck.textnorm import fold, has_cjk, normalize_doi, normalize_url, short_title

# weights of the evidence; a match needs ACCEPT, and two kinds of evidence
ACCEPT = 0.55


@dataclass(frozen=True)
class Cited:
    """What the document says of a cited work."""

    authors: tuple[Author | str, ...] = ()
    et_al: bool = False
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None

    @classmethod
    def from_reference(cls, ref: Reference) -> Cited:
        people = ref.authors or ref.editors
        return cls(tuple(people), ref.et_al, ref.year, ref.title, ref.container, ref.volume, ref.pages, ref.doi, ref.url)

    @classmethod
    def from_mention(cls, mention: NameMention) -> Cited:
        return cls(tuple(mention.names), mention.et_al, mention.year)

    def names(self) -> list[str]:
        out = []
        for a in self.authors:
            if isinstance(a, str):
                out.extend([a, *a.split()] if " " in a else [a])
            else:
                out.extend(x for x in (a.literal, a.family, a.given) if x)
        return out

    @property
    def says_something(self) -> bool:
        """Enough to look a work up: a DOI, a URL, a title, or names with a year."""
        return bool(self.doi or self.url or self.title or (self.authors and self.year))


@dataclass
class Scored:
    index: int
    score: float
    kinds: int  # how many kinds of evidence agree (authors, year, title, venue)
    evidence: list[str] = field(default_factory=list)


class Matcher:
    def __init__(self, library) -> None:
        self.library = library
        self.index = LibraryIndex(library.entries)

    def by_key(self, key: str) -> Match | None:
        i = self.index.by_key.get(key)
        return None if i is None else Match(key, 1.0, "key", (f"key {key}",))

    def resolve(self, cited: Cited, candidates=None) -> Match | None:
        """The best entry for `cited`, or None. `candidates` (entry indices) replaces the index's blocking."""
        if not cited.says_something:
            return None
        if cited.doi and (ids := self.index.by_doi.get(normalize_doi(cited.doi) or "")):
            e = self.index.entries[ids[0]]
            return Match(e.key, 1.0, "doi", (f"DOI {normalize_doi(cited.doi)}",))
        if cited.url and (ids := self.index.by_url.get(normalize_url(cited.url) or "")):
            e = self.index.entries[ids[0]]
            return Match(e.key, 1.0, "url", (f"URL {cited.url}",))
        if candidates is None:
            candidates = self.index.candidates(cited.names(), cited.title, None, None)
        found = choose(cited, self.index.entries, candidates)
        return found[1] if found else None


def choose(cited: Cited, entries: Sequence, candidates: Iterable[int]) -> tuple[int, Match] | None:
    """The index and Match of the best of `candidates` (indices into `entries`), or None below ACCEPT or with
    one kind of evidence only. Best score, then more kinds of evidence, then the first in order (deterministic)."""
    scored = [s for i in candidates if (s := score(cited, entries[i], i)) is not None]
    if not scored:
        return None
    scored.sort(key=lambda s: (-s.score, -s.kinds, s.index))
    best = scored[0]
    if best.score < ACCEPT or best.kinds < 2:
        return None
    evidence = list(best.evidence)
    ties = [entries[s.index].key for s in scored[1:4] if (s.score, s.kinds) == (best.score, best.kinds)]
    if ties:
        evidence.append("fits equally: " + ", ".join(ties))
    return best.index, Match(entries[best.index].key, round(best.score, 3), "fields", tuple(evidence))


def score(cited: Cited, entry, index: int) -> Scored | None:
    """How well `entry` fits `cited`, from 0 to 1, with the evidence; None when the authors rule it out."""
    evidence: list[str] = []
    parts: list[tuple[float, float]] = []  # (weight, value)
    kinds = 0
    people = entry.authors or entry.editors
    if cited.authors and people:
        verdict = compare_authors(list(cited.authors), cited.et_al, people, entry.et_al)
        if verdict.first_differs:
            return None  # a different first author is a different work
        parts.append((0.4, verdict.score))
        if verdict.score >= 0.5:
            kinds += 1
            evidence.append(f"authors {verdict.describe()}")
    year_ok = None
    if cited.year and entry.year:
        year_ok = cited.year == entry.year
        parts.append((0.25, 1.0 if year_ok else 0.0))
        if year_ok:
            kinds += 1
            evidence.append(f"year {entry.year}")
    if cited.title and entry.title:
        sim = title_similarity(cited.title, entry.title)
        parts.append((0.35, sim))
        if sim >= 0.6:
            kinds += 1
            evidence.append(f"title {round(sim * 100)}% alike")
        elif not cited.authors:
            return None
    if cited.container and entry.container:
        sim = fuzz.token_set_ratio(fold(cited.container), fold(entry.container)) / 100
        if sim >= 0.8:
            parts.append((0.1, 1.0))
            kinds += 1
            evidence.append(f"venue {entry.container}")
    if cited.volume and entry.volume and cited.volume == entry.volume:
        parts.append((0.05, 1.0))
        evidence.append(f"volume {entry.volume}")
    if not parts:
        return None
    total = sum(w for w, _ in parts)
    value = sum(w * v for w, v in parts) / total
    if year_ok is False and cited.title is None and cited.authors:
        # names alone with the wrong year: only if every name is right (a typo and a wrong year is a guess)
        verdict = compare_authors(list(cited.authors), cited.et_al, people, entry.et_al) if people else None
        if verdict is None or verdict.typos:
            return None
        kinds += 1  # the names themselves are the second kind of evidence
    return Scored(index, value, kinds, evidence)


def title_similarity(a: str, b: str) -> float:
    """0..1; a short title (no subtitle) counts as the whole; CJK compared by characters."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    if has_cjk(fa) or has_cjk(fb):
        return fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) / 100
    whole = fuzz.token_sort_ratio(fa, fb) / 100
    short_a, short_b = fold(short_title(a)), fold(short_title(b))
    prefix = 1.0 if (short_a and short_a == short_b) or fb.startswith(fa) or fa.startswith(fb) else 0.0
    partial = fuzz.token_set_ratio(fa, fb) / 100
    return max(whole, 0.95 * prefix, 0.9 * partial if min(len(fa), len(fb)) > 25 else 0.0)
