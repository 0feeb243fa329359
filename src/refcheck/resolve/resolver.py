"""The resolver: a citation's evidence to match / ambiguous / none, with a probability, the runner-up and the alignment."""

from __future__ import annotations

import gc
import heapq
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from refcheck.match.index import index_for
from refcheck.resolve.candidates import candidates
from refcheck.resolve.evidence import CitedWork
from refcheck.resolve.features import (
    GROUP_FEATURES, Alignment, EntryView, cited_view, close, compare, complete, entry_view, known_features,
)  # fmt: skip
from refcheck.resolve.model import RIVAL, ResolverModel, _sigmoid, load_model
from refcheck.textnorm import fold, normalize_doi, normalize_url


class Status(str, Enum):
    MATCH = "match"
    AMBIGUOUS = "ambiguous"  # two entries fit and nothing tells them apart
    NONE = "none"


@dataclass(frozen=True)
class Scored:
    key: str
    probability: float
    alignment: Alignment | None = None


@dataclass(frozen=True)
class Resolution:
    """What the resolver decided. `best` is the match (or, for none/ambiguous, the nearest entry)."""

    status: Status
    best: Scored | None = None
    runner_up: Scored | None = None
    method: str = "fields"  # "key", "doi", "url", "fields"
    evidence: tuple[str, ...] = field(default=())
    copies: tuple[str, ...] = ()  # other entries of the same work (duplicates): cited with it, not unused

    @property
    def key(self) -> str | None:
        return self.best.key if self.best and self.status is Status.MATCH else None

    @property
    def probability(self) -> float:
        return self.best.probability if self.best else 0.0

    @property
    def alignment(self) -> Alignment | None:
        return self.best.alignment if self.best else None

    @property
    def nearest(self) -> str | None:
        """The entry the citation most likely meant, matched or not (for messages and for `unused-entry`)."""
        return self.best.key if self.best else None


# A library this large lives as long as the process; left to the cyclic collector, every full collection
# walks its million objects again (a third of the resolver's time on 100,000 entries), so it is frozen.
FREEZE_FROM = 10_000
BOUND_SLACK = 1e-9  # added to every bound: a sum taken in another order may differ in its last bits
MEMO = 50_000  # resolutions kept per resolver: a mention repeated in a document is resolved once


class Resolver:
    def __init__(self, library, model: ResolverModel | None = None) -> None:
        self.library = library
        self.index = index_for(library)
        self.model = model or load_model()
        distinct = getattr(library, "distinct", set())
        self._distinct = distinct
        self._memo: dict[CitedWork, Resolution] = {}
        self._views: list[EntryView | None] = [None] * len(self.index.entries)
        if len(library.entries) >= FREEZE_FROM:
            gc.freeze()

    def by_key(self, key: str) -> Resolution:
        i = self.index.by_key.get(key)
        if i is None:
            return Resolution(Status.NONE, method="key")
        return Resolution(Status.MATCH, Scored(key, 1.0), method="key", evidence=(f"key {key}",))

    def resolve(self, cited: CitedWork, within: list[int] | None = None) -> Resolution:
        """The entry `cited` means. `within` (entry indices) replaces the index's candidates."""
        if within is not None:
            return self._resolve(cited, within)
        if (known := self._memo.get(cited)) is None:
            known = self._resolve(cited, None)
            if len(self._memo) >= MEMO:
                self._memo.clear()
            self._memo[cited] = known
        return known

    def _resolve(self, cited: CitedWork, within: list[int] | None) -> Resolution:
        if not cited.says_something:
            return Resolution(Status.NONE)
        entries = self.index.entries
        for value, table, label, norm in (
            (cited.doi, self.index.by_doi, "DOI", normalize_doi),
            (cited.url, self.index.by_url, "URL", normalize_url),
        ):
            if value and (ids := table.get(norm(value) or "")):
                e = entries[ids[0]]
                _, alignment = compare(cited, e)
                return Resolution(
                    Status.MATCH, Scored(e.key, 1.0, alignment), method=label.lower(), evidence=(f"{label} {norm(value)}",)
                )
        pool = within if within is not None else candidates(self.index, cited)
        scored = self._score(cited, pool)
        if not scored:
            return Resolution(Status.NONE)
        scored.sort(key=lambda s: (-s[0], s[1]))
        p, i, alignment, x = scored[0]
        runner = next((s for s in scored[1:] if not self._same_work(entries[i], entries[s[1]])), None)
        runner_up = Scored(entries[runner[1]].key, round(runner[0], 4), runner[2]) if runner else None
        rivals = sum(1 for s in scored[1:] if s[0] >= RIVAL and not self._same_work(entries[i], entries[s[1]]))
        copies = tuple(entries[s[1]].key for s in scored[1:] if self._same_work(entries[i], entries[s[1]]))
        confidence = self.model.confidence(p, runner[0] if runner else 0.0, x, rivals, len(entries))
        best = Scored(entries[i].key, round(confidence, 4), alignment)
        evidence = [f"probability {confidence:.2f}", *alignment.describe()]
        if runner_up:
            evidence.append(f"runner-up {runner_up.key} (fit {runner_up.probability:.2f} against {p:.2f})")
        if confidence >= self.model.accept and not (runner_up and runner[0] >= p):  # equal evidence cannot decide
            return Resolution(Status.MATCH, best, runner_up, evidence=tuple(evidence), copies=copies)
        if runner_up and runner_up.probability >= self.model.ambiguous:
            return Resolution(Status.AMBIGUOUS, best, runner_up, evidence=tuple(evidence))
        if p < self.model.floor:
            return Resolution(Status.NONE, None, runner_up=None, evidence=tuple(evidence))
        return Resolution(Status.NONE, best, runner_up, evidence=tuple(evidence))

    def _view(self, i: int) -> EntryView:
        if (v := self._views[i]) is None:
            v = self._views[i] = entry_view(self.index.entries[i])
        return v

    def _score(self, cited: CitedWork, pool: list[int]) -> list[tuple[float, int, Alignment, list[float]]]:
        """(probability, entry index, alignment, features) of every candidate that can change the decision.

        Branch and bound. The cheap features of every candidate come first; with the fitted weights and the
        most each open group of features (title similarity, names, venue) could add, they bound its logit.
        The candidate of the highest bound has its next group computed and its bound tightened, until it is
        complete and its probability exact. This stops when the highest bound left is below both `RIVAL` and
        the runner-up's probability: none of the rest could be the match, the runner-up or a rival, so the
        decision is the one that scoring every candidate in full gives. Copies of the best entry are completed
        all the same (they are reported with it).
        """
        if not pool:
            return []
        entries, model = self.index.entries, self.model
        weights, slack = model.weights, model.slack
        cv = cited_view(cited)
        views = [self._view(i) for i in pool]
        known = [known_features(cv, v) for v in views]
        logits = (np.asarray([k.x for k in known]) @ model.weight_array + model.bias).tolist()
        heap = [(-(z + sum(slack[g] for g in k.open) + BOUND_SLACK), pool[j], j) for j, (z, k) in enumerate(zip(logits, known))]
        heapq.heapify(heap)
        scored: list[tuple[float, int, Alignment, list[float]]] = []
        best = runner = None
        while heap:
            bound, i, j = heap[0]
            if runner is not None and (p := _sigmoid(-bound)) < RIVAL and p < runner[0]:
                break
            k = known[j]
            if k.open:
                group = close(cv, views[j], k)
                gained = sum(weights[f] * k.x[f] for f in GROUP_FEATURES[group])
                heapq.heapreplace(heap, (bound + slack[group] - gained, i, j))
                continue
            heapq.heappop(heap)
            x, alignment = complete(cv, views[j], k)
            s = (model.probability(x), i, alignment, x)
            scored.append(s)
            if best is None or (s[0], -s[1]) > (best[0], -best[1]):
                best = s
                others = [o for o in scored if o is not s and not self._same_work(entries[s[1]], entries[o[1]])]
                runner = max(others, key=lambda o: (o[0], -o[1]), default=None)
            elif not self._same_work(entries[best[1]], entries[i]) and (runner is None or (s[0], -s[1]) > (runner[0], -runner[1])):
                runner = s
        for _, i, j in heap:
            if self._same_work(entries[best[1]], entries[i]):
                x, alignment = complete(cv, views[j], known[j])
                scored.append((model.probability(x), i, alignment, x))
        return scored

    def _same_work(self, a, b) -> bool:
        """Two entries of one work (a duplicate): the runner-up margin is not about them."""
        if a.doi and b.doi:
            same = a.doi == b.doi
        elif not (a.title and b.title and a.year == b.year) or fold(a.title) != fold(b.title):
            return False
        else:
            for x, y in ((a.container, b.container), (a.publisher, b.publisher)):
                if x and y and fold(x) != fold(y):  # another venue or publisher: another edition, not a copy
                    return False
            same = True
        return same and frozenset((a.key, b.key)) not in self._distinct
