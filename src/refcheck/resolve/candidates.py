"""Candidates for a citation from the blocking index: parsed fields are hints, the raw text is searched too.

An entry is a candidate when it shares an identifier, a family name (or one
within two edits), or rare title words with what the citation writes. The
candidates are ranked by a cheap count of what they share, and only the best
`limit` are scored, so a common name in a 100,000-entry library stays cheap.
The count knows whose name it is: the cited first author as the entry's first
author counts again (`Wang et al. 2016` means a paper Wang led, not one of the
hundreds Wang co-signed), and a given name or initial counts little (`Y.` is
shared by every Y.).
"""

from __future__ import annotations

import re
import threading
import weakref

import numpy as np

from refcheck.match.index import LibraryIndex, family_keys
from refcheck.match.names import name_key
from refcheck.resolve.evidence import CitedWork
from refcheck.textnorm import normalize_doi, normalize_url, title_tokens

_CAPITALISED = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ\u0100-\u024F][\w'’\-]{2,})", re.UNICODE)


LIMIT = 24  # candidates scored per citation


def candidates(index: LibraryIndex, cited: CitedWork, limit: int = LIMIT) -> list[int]:
    """Entry indices worth scoring, best first (identifiers, then shared names and title words).

    The sums run over numpy arrays of the postings, one addition per name or title word in the order listed
    above, so every entry's score is the same float, added in the same order, as an entry-by-entry loop gives.
    The score tables are the index's own, zeroed again where they were written, not made anew for each
    citation (two arrays of the library's size).
    """
    post = _postings(index)
    with post.lock:
        post.written = None
        try:
            return _ranked(index, post, cited, limit)
        finally:
            written = post.written if post.written is not None else np.flatnonzero(post.hit)
            post.score[written] = 0.0
            post.hit[written] = False


def _ranked(index: LibraryIndex, post: _Postings, cited: CitedWork, limit: int) -> list[int]:
    score, hit = post.score, post.hit  # hit: the entries given some score (a sparse table's keys)

    def add(ids: np.ndarray, weight: float) -> None:
        score[ids] += weight  # once per entry, even when it is listed twice (Wang and Wang under "wang")
        hit[ids] = True

    if cited.doi and (d := normalize_doi(cited.doi)) in index.by_doi:
        add(post.ids(index.by_doi[d]), 100)
    if cited.url and (u := normalize_url(cited.url)) in index.by_url:
        add(post.ids(index.by_url[u]), 100)
    names = _name_keys(cited)
    for key, weight in names.items():
        hits = index.by_name.get(key)
        if hits is None:
            if weight < 1.0:  # a capitalised word of the raw text: exact hits only
                continue
            near = [post.name(n) for n in index.similar_names(key)]
            if near:
                add(np.concatenate(near), 0.8 * weight)
            continue
        add(post.name(key), weight)
    for key in _first_keys(cited):
        if key in index.by_first:
            add(post.first(key), FIRST_AUTHOR)
            if (initial := _first_initial(cited)) and (key := f"{key} {initial}") in index.by_first:
                add(post.first(key), FIRST_AUTHOR / 2)  # and the initial agrees: X. Wang is not Y. Wang
            break
    tokens = title_tokens(cited.title) if cited.title else frozenset()
    if not tokens or not names:  # no parsed title (or no names): the raw words may hold one
        tokens = tokens | title_tokens(cited.raw)
    rare = [t for t in tokens if t in index.by_token and t not in index._common_tokens]
    if rare:
        # how many of the rare words each entry has: counted in a table of the library's size (an entry is
        # listed once per word), read back at every posting; an entry listed twice in `listed` gets the same
        # one addition twice over, which numpy's fancy `+=` applies once
        posts = [post.token(t) for t in rare]
        listed = np.concatenate(posts) if len(posts) > 1 else posts[0]
        counted = post.counted
        try:
            for p in posts:
                counted[p] += 1
            counts = counted[listed]
        finally:
            counted[listed] = 0
        need = 1 if len(rare) <= 2 else 2
        keep = (counts >= need) | hit[listed]
        ids = listed[keep]
        score[ids] += 0.5 * counts[keep]
        hit[ids] = True
    scored = post.written = np.flatnonzero(hit)
    if cited.year and (year := post.year_code(cited.year)) is not None:
        score[scored[post.years[scored] == year]] += 0.5
    top = scored[np.lexsort((scored, -score[scored]))[:limit]]
    return top.tolist()


class _Postings:
    """The index's postings as numpy arrays (made on first use) and every entry's year as a code."""

    def __init__(self, index: LibraryIndex) -> None:
        self.index = index
        self.score = np.zeros(len(index.entries))  # candidates()'s tables, all zero between calls
        self.hit = np.zeros(len(index.entries), dtype=bool)
        self.counted = np.zeros(len(index.entries), dtype=np.int32)  # rare title words per entry, zero between calls
        self.written: np.ndarray | None = None  # the entries given some score by the call under way
        self.lock = threading.Lock()
        self._names: dict[str, np.ndarray] = {}
        self._first: dict[str, np.ndarray] = {}
        self._tokens: dict[str, np.ndarray] = {}
        codes: dict[str, int] = {}
        self.years = np.array([codes.setdefault(e.year, len(codes)) if e.year else -1 for e in index.entries],
                              dtype=np.int64)  # fmt: skip
        self._year_codes = codes

    @staticmethod
    def ids(postings: list[int]) -> np.ndarray:
        return np.asarray(postings, dtype=np.int64)

    def _array(self, made: dict[str, np.ndarray], postings: dict[str, list[int]], key: str) -> np.ndarray:
        if (a := made.get(key)) is None:
            a = made[key] = self.ids(postings[key])
        return a

    def name(self, key: str) -> np.ndarray:
        return self._array(self._names, self.index.by_name, key)

    def first(self, key: str) -> np.ndarray:
        return self._array(self._first, self.index.by_first, key)

    def token(self, token: str) -> np.ndarray:
        return self._array(self._tokens, self.index.by_token, token)

    def year_code(self, year: str) -> int | None:
        return self._year_codes.get(year)


_POSTINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _postings(index: LibraryIndex) -> _Postings:
    if (p := _POSTINGS.get(index)) is None:
        p = _POSTINGS[index] = _Postings(index)
    return p


FIRST_AUTHOR = 1.0  # the cited first author is the entry's first author: counted once more
GIVEN = 0.1  # a given name or an initial: a tie-break among entries of one family name, no more


def _name_keys(cited: CitedWork) -> dict[str, float]:
    """Folded name keys with a weight: family names count fully, given names and initials, and capitalised
    words of the raw text, a little."""
    keys: dict[str, float] = {}

    def put(k: str, weight: float) -> None:
        if k:
            keys[k] = max(weight, keys.get(k, 0.0))

    for a in cited.authors:
        if isinstance(a, str):  # a mention's name as written: "Kim", "De Luca", "Y. Yang"
            put(name_key(a), 1.0)
            if " " in a:
                for word in a.split():
                    k = name_key(word)
                    put(k, 1.0 if len(k) > 2 else GIVEN)
        else:
            for k in family_keys(a):
                put(k, 1.0)
            if a.given:
                put(name_key(a.given), GIVEN)
    if cited.form == "reference" and cited.raw:
        head = cited.raw[:160]  # names stand first in a reference, whatever the style
        for word in _CAPITALISED.findall(head):
            k = name_key(word)
            if k and k not in keys:
                keys[k] = 0.3
    return keys


def _first_keys(cited: CitedWork) -> list[str]:
    """The keys of the first cited name, most specific first."""
    if not cited.authors:
        return []
    a = cited.authors[0]
    if isinstance(a, str):
        keys = [name_key(a)] + ([name_key(a.split()[-1])] if " " in a.strip() else [])
    else:
        keys = sorted(family_keys(a), key=len, reverse=True)
    return [k for k in keys if k]


def _first_initial(cited: CitedWork) -> str:
    """The first letter of the first cited author's given name ("X." of "X. Wang"), folded; "" when none is written."""
    a = cited.authors[0]
    given = " ".join(a.split()[:-1]) if isinstance(a, str) else (a.given or "")
    return name_key(given)[:1]
