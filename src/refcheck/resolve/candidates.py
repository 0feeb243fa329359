"""Candidates for a citation from the blocking index: parsed fields are hints, the raw text is searched too.

An entry is a candidate when it shares an identifier, a family name (or one
within two edits), or rare title words with what the citation writes. The
candidates are ranked by a cheap count of what they share, and only the best
`limit` are scored, so a common name in a 100,000-entry library stays cheap.
"""

from __future__ import annotations

import re
import weakref

import numpy as np

from refcheck.match.index import LibraryIndex
from refcheck.match.names import name_key
from refcheck.resolve.evidence import CitedWork
from refcheck.textnorm import normalize_doi, normalize_url, title_tokens

_CAPITALISED = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ\u0100-\u024F][\w'’\-]{2,})", re.UNICODE)


def candidates(index: LibraryIndex, cited: CitedWork, limit: int = 24) -> list[int]:
    """Entry indices worth scoring, best first (identifiers, then shared names and title words).

    The sums run over numpy arrays of the postings, one `add.at` per name or title word in the order listed
    above, so every entry's score is the same float, added in the same order, as an entry-by-entry loop gives.
    """
    post = _postings(index)
    score = np.zeros(len(index.entries))
    hit = np.zeros(len(index.entries), dtype=bool)  # the entries given some score (a sparse table's keys)

    def add(ids: np.ndarray, weight: float, unique: bool = False) -> None:
        if unique:
            score[ids] += weight
        else:  # an entry listed twice (two authors under one key) gets the weight twice
            np.add.at(score, ids, weight)
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
        add(post.name(key), weight, post.unique_name(key))
    tokens = title_tokens(cited.title) if cited.title else frozenset()
    if not tokens or not names:  # no parsed title (or no names): the raw words may hold one
        tokens = tokens | title_tokens(cited.raw)
    rare = [t for t in tokens if t in index.by_token and t not in index._common_tokens]
    if rare:
        ids, counts = np.unique(np.concatenate([post.token(t) for t in rare]), return_counts=True)
        need = 1 if len(rare) <= 2 else 2
        keep = (counts >= need) | hit[ids]
        ids = ids[keep]
        score[ids] += 0.5 * counts[keep]
        hit[ids] = True
    scored = np.flatnonzero(hit)
    if cited.year and (year := post.year_code(cited.year)) is not None:
        score[scored[post.years[scored] == year]] += 0.5
    top = scored[np.lexsort((scored, -score[scored]))[:limit]]
    return top.tolist()


class _Postings:
    """The index's postings as numpy arrays (made on first use) and every entry's year as a code."""

    def __init__(self, index: LibraryIndex) -> None:
        self.index = index
        self._names: dict[str, np.ndarray] = {}
        self._unique: dict[str, bool] = {}  # a name's postings hold no entry twice
        self._tokens: dict[str, np.ndarray] = {}
        codes: dict[str, int] = {}
        self.years = np.array([codes.setdefault(e.year, len(codes)) if e.year else -1 for e in index.entries],
                              dtype=np.int64)  # fmt: skip
        self._year_codes = codes

    @staticmethod
    def ids(postings: list[int]) -> np.ndarray:
        return np.asarray(postings, dtype=np.int64)

    def name(self, key: str) -> np.ndarray:
        if (a := self._names.get(key)) is None:
            a = self._names[key] = self.ids(self.index.by_name[key])
            self._unique[key] = len(set(self.index.by_name[key])) == len(a)
        return a

    def unique_name(self, key: str) -> bool:
        return self._unique[key]

    def token(self, token: str) -> np.ndarray:
        if (a := self._tokens.get(token)) is None:
            a = self._tokens[token] = self.ids(self.index.by_token[token])
        return a

    def year_code(self, year: str) -> int | None:
        return self._year_codes.get(year)


_POSTINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _postings(index: LibraryIndex) -> _Postings:
    if (p := _POSTINGS.get(index)) is None:
        p = _POSTINGS[index] = _Postings(index)
    return p


def _name_keys(cited: CitedWork) -> dict[str, float]:
    """Folded name keys with a weight: parsed names count fully, capitalised words of the raw text a little."""
    keys: dict[str, float] = {}
    for name in cited.name_strings():
        if k := name_key(name):
            keys[k] = 1.0
    if cited.form == "reference" and cited.raw:
        head = cited.raw[:160]  # names stand first in a reference, whatever the style
        for word in _CAPITALISED.findall(head):
            k = name_key(word)
            if k and k not in keys:
                keys[k] = 0.3
    return keys
