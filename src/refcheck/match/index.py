"""A blocking index over the library: a citation is scored only against entries that share something with it.

Blocks: key, DOI, URL, the folded family name of each author / editor /
institution, rare title words (CJK titles as character bigrams), and, for
misspelled names, families within two edits (bucketed by length and searched
with rapidfuzz) — so a 100,000-entry library answers each citation in
milliseconds. `index_for` keeps the index of a library loaded from unchanged
files in the cache beside the library, so it is built once, not on every run.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from refcheck.match.names import name_key
from refcheck.textnorm import normalize_doi, normalize_url, title_tokens
from refcheck.model import Author

# a title word in more than this share of entries does not block (it would pull in half the library)
_MAX_TOKEN_SHARE = 0.02
_MIN_TOKEN_POSTINGS = 50


def family_keys(author: Author) -> set[str]:
    """The keys an author is cited by: the family name (with its particle) or the institution, not the given name."""
    keys = {name_key(author.literal)} if author.literal else set()
    if author.family:
        keys.add(name_key(author.family))
        if author.particle:
            keys.add(name_key(f"{author.particle} {author.family}"))
    keys.discard("")
    return keys


def author_keys(author: Author) -> set[str]:
    """Keys one author is found under: the family keys, the given name, and an institution's acronym."""
    keys = family_keys(author)
    if author.literal:
        words = [w for w in author.literal.replace("-", " ").split() if w[:1].isupper()]
        if len(words) >= 2:
            keys.add(name_key("".join(w[0] for w in words)))  # the acronym (WHO, IPCC)
    if author.given:
        keys.add(name_key(author.given))
    keys.discard("")
    return keys


def _mask(word: str) -> int:
    """The set of `word`'s letters as bits of a 64-bit mask (letters beyond 64 share bits: a coarser, still safe test)."""
    m = 0
    for ch in word:
        m |= 1 << (ord(ch) % 64)
    return m


class _LetterMasks:
    """Each indexed name's letter set, per name length, in the order of `_names_by_length`."""

    def __init__(self, by_length: dict[int, list[str]]) -> None:
        self.names = {n: names for n, names in by_length.items()}
        self.masks = {n: np.array([_mask(w) for w in names], dtype=np.uint64) for n, names in by_length.items()}

    def within(self, key: str, length: int, max_edits: int) -> list[str]:
        """The names of `length` whose letter sets differ from `key`'s by at most `max_edits` letters each way."""
        masks = self.masks.get(length)
        if masks is None:
            return []
        q = np.uint64(_mask(key))
        keep = (np.bitwise_count(masks & ~q) <= max_edits) & (np.bitwise_count(q & ~masks) <= max_edits)
        names = self.names[length]
        return [names[i] for i in np.flatnonzero(keep)]


class LibraryIndex:
    def __init__(self, entries: list) -> None:
        self.entries = entries
        self.by_key: dict[str, int] = {}
        self.by_doi: dict[str, list[int]] = defaultdict(list)
        self.by_url: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_first: dict[str, list[int]] = defaultdict(list)  # the first author's (else editor's) family keys
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            self.by_key.setdefault(e.key, i)
            if doi := normalize_doi(e.doi):
                self.by_doi[doi].append(i)
            if url := normalize_url(e.url):
                self.by_url[url].append(i)
            for person in (*e.authors, *e.editors):
                for k in author_keys(person):
                    self.by_name[k].append(i)
            if first := (e.authors or e.editors)[:1]:
                initial = name_key(first[0].given or "")[:1]
                for k in family_keys(first[0]):
                    self.by_first[k].append(i)
                    if initial:  # "wang x": the family with the given name's initial
                        self.by_first[f"{k} {initial}"].append(i)
            for token in title_tokens(e.title or ""):
                self.by_token[token].append(i)
        limit = max(_MIN_TOKEN_POSTINGS, int(len(entries) * _MAX_TOKEN_SHARE))
        self._common_tokens = {t for t, ids in self.by_token.items() if len(ids) > limit}
        self._names_by_length: dict[int, list[str]] = defaultdict(list)
        for name in self.by_name:
            self._names_by_length[len(name)].append(name)
        self._letters: _LetterMasks | None = None  # built on the first misspelled name

    def state(self) -> dict:
        """Everything but the entries (which the cached library holds): postings of indices, names, masks."""
        return {k: v for k, v in vars(self).items() if k != "entries"}

    @classmethod
    def from_state(cls, entries: list, state: dict) -> LibraryIndex:
        index = cls.__new__(cls)
        index.__dict__.update(state)
        index.entries = entries
        return index

    def similar_names(self, key: str, max_edits: int = 2) -> list[str]:
        """Indexed names within `max_edits` (Damerau–Levenshtein) of `key`, by length, then distance, then index order.

        Only names whose letters could be reached in `max_edits` edits are measured: an edit adds or removes at
        most one distinct letter and a transposition none, so a name with more than `max_edits` letters the key
        lacks (or lacking more than `max_edits` of the key's) is farther than that. The letter sets are 64-bit
        masks compared for all names of the lengths in reach at once; the answer is the one a full scan gives.
        """
        if len(key) < 4:
            return []
        if self._letters is None:
            self._letters = _LetterMasks(self._names_by_length)
        found: list[str] = []
        for length in range(len(key) - max_edits, len(key) + max_edits + 1):
            bucket = self._letters.within(key, length, max_edits)
            if not bucket:
                continue
            for name, _score, _ in process.extract(
                key, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=max_edits, limit=None
            ):
                found.append(name)
        return found

    def candidates(self, names: list[str], title: str | None, doi: str | None, url: str | None) -> set[int]:
        out: set[int] = set()
        if doi and (d := normalize_doi(doi)) in self.by_doi:
            out.update(self.by_doi[d])
        if url and (u := normalize_url(url)) in self.by_url:
            out.update(self.by_url[u])
        for name in names:
            key = name_key(name)
            if not key:
                continue
            if key in self.by_name:
                out.update(self.by_name[key])
            else:
                for near in self.similar_names(key):
                    out.update(self.by_name[near])
        if title:
            tokens = [t for t in title_tokens(title) if t in self.by_token and t not in self._common_tokens]
            counts: dict[int, int] = defaultdict(int)
            for t in tokens:
                for i in self.by_token[t]:
                    counts[i] += 1
            need = 1 if len(tokens) <= 2 else 2
            out.update(i for i, n in counts.items() if n >= need)
        return out


_INDEX_FORMAT = 1  # bump when what `state` holds changes


def index_for(library) -> LibraryIndex:
    """The blocking index of `library`'s entries; stored with the library's cache key, and read back from it."""
    from refcheck.library.cache import derived

    return derived(library, "index", _INDEX_FORMAT, lambda: LibraryIndex(library.entries).state(),
                   lambda state: LibraryIndex.from_state(library.entries, state) if isinstance(state, dict) else None)
