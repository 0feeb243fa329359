"""Candidates for a citation from the blocking index: parsed fields are hints, the raw text is searched too.

An entry is a candidate when it shares an identifier, a family name (or one
within two edits), or rare title words with what the citation writes. The
candidates are ranked by a cheap count of what they share, and only the best
`limit` are scored, so a common name in a 100,000-entry library stays cheap.
"""

from __future__ import annotations

import re
from collections import defaultdict

from refcheck.match.index import LibraryIndex
from refcheck.match.names import name_key
from refcheck.resolve.evidence import CitedWork
from refcheck.textnorm import normalize_doi, normalize_url, title_tokens

_CAPITALISED = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ\u0100-\u024F][\w'’\-]{2,})", re.UNICODE)


def candidates(index: LibraryIndex, cited: CitedWork, limit: int = 24) -> list[int]:
    """Entry indices worth scoring, best first (identifiers, then shared names and title words)."""
    score: dict[int, float] = defaultdict(float)
    if cited.doi and (d := normalize_doi(cited.doi)) in index.by_doi:
        for i in index.by_doi[d]:
            score[i] += 100
    if cited.url and (u := normalize_url(cited.url)) in index.by_url:
        for i in index.by_url[u]:
            score[i] += 100
    names = _name_keys(cited)
    for key, weight in names.items():
        hits = index.by_name.get(key)
        if hits is None:
            if weight < 1.0:  # a capitalised word of the raw text: exact hits only
                continue
            for near in index.similar_names(key):
                for i in index.by_name[near]:
                    score[i] += 0.8 * weight
            continue
        for i in hits:
            score[i] += weight
    tokens = title_tokens(cited.title) if cited.title else frozenset()
    if not tokens or not names:  # no parsed title (or no names): the raw words may hold one
        tokens = tokens | title_tokens(cited.raw)
    rare = [t for t in tokens if t in index.by_token and t not in index._common_tokens]
    counts: dict[int, int] = defaultdict(int)
    for t in rare:
        for i in index.by_token[t]:
            counts[i] += 1
    need = 1 if len(rare) <= 2 else 2
    for i, n in counts.items():
        if n >= need or i in score:
            score[i] += 0.5 * n
    if cited.year:
        entries = index.entries
        for i in score:
            if entries[i].year == cited.year:
                score[i] += 0.5
    return sorted(score, key=lambda i: (-score[i], i))[:limit]


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
