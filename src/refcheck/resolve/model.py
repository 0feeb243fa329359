"""The fitted resolver model: logistic weights over `features.FEATURES`, thresholds, read from the parameter file.

The file is written by `tools/train_resolver.py` (`make train`) with its report
(`docs/resolver.md`); nothing here is set by hand. Scoring is a dot product,
so no machine-learning library is imported at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from refcheck.resolve.features import FEATURES, INDEX, OPEN_GROUPS

PARAMS = "resolver.json"


# The decision stage reads the best candidate against the rest: a name and a year fit one entry
# well only if no other entry fits them as well.
DECISION_FEATURES = (
    "logit_best", "logit_gap", "mention_form", "title_missing", "year_equal", "first_same", "rivals", "log_library_size",
)  # fmt: skip


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def decision_features(p_best: float, p_runner_up: float, x_best: list[float], rivals: int = 0, size: int = 1) -> list[float]:
    """`rivals`: other entries that fit with some probability; `size`: the library's entries (a paper's or a master library)."""
    return [
        _logit(p_best),
        _logit(p_best) - _logit(p_runner_up),
        x_best[INDEX["mention_form"]],
        x_best[INDEX["title_missing"]],
        x_best[INDEX["year_equal"]],
        x_best[INDEX["first_same"]],
        math.log1p(rivals),
        math.log(max(size, 1)),
    ]


RIVAL = 0.05  # a candidate this probable counts as a rival of the best


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@dataclass(frozen=True)
class ResolverModel:
    weights: tuple[float, ...]  # pairwise: is this candidate the cited work?
    bias: float
    decision_weights: tuple[float, ...]  # decision: is the best candidate the cited work?
    decision_bias: float
    accept: float  # a match needs this confidence (chosen for a precision target)
    ambiguous: float  # unmatched, with a runner-up at least this probable: ambiguous
    floor: float  # below this nothing is named, not even as the nearest entry
    meta: dict

    def probability(self, x: list[float]) -> float:
        # the zero features left out of the sum: the same float, term for term, in a third of the time
        return _sigmoid(self.bias + sum(w * v for w, v in zip(self.weights, x) if v))

    @cached_property
    def weight_array(self):
        import numpy as np

        return np.asarray(self.weights)

    @cached_property
    def slack(self) -> dict[str, float]:
        """The most each open feature group (`features.OPEN_GROUPS`) can add to a candidate's logit."""
        return {
            name: max(sum(self.weights[INDEX[f]] * v for f, v in corner.items()) for corner in corners)
            for name, corners in OPEN_GROUPS.items()
        }

    def confidence(self, p_best: float, p_runner_up: float, x_best: list[float], rivals: int = 0, size: int = 1) -> float:
        f = decision_features(p_best, p_runner_up, x_best, rivals, size)
        return _sigmoid(self.decision_bias + sum(w * v for w, v in zip(self.decision_weights, f)))


@lru_cache(maxsize=1)
def load_model() -> ResolverModel:
    data = json.loads(resources.files("refcheck.resolve.params").joinpath(PARAMS).read_text(encoding="utf-8"))
    return from_params(data)


def from_params(data: dict) -> ResolverModel:
    names = tuple(data["features"])
    if names != FEATURES:
        missing = sorted(set(FEATURES) ^ set(names))
        raise RuntimeError(f"resolver parameters do not fit the features (differ in {missing}): run `make train`")
    if tuple(data["decision"]["features"]) != DECISION_FEATURES:
        raise RuntimeError("resolver parameters do not fit the decision stage: run `make train`")
    w = data["weights"]
    return ResolverModel(
        weights=tuple(float(w[n]) for n in names),
        bias=float(data["bias"]),
        decision_weights=tuple(float(v) for v in data["decision"]["weights"]),
        decision_bias=float(data["decision"]["bias"]),
        accept=float(data["thresholds"]["accept"]),
        ambiguous=float(data["thresholds"]["ambiguous"]),
        floor=float(data["thresholds"]["floor"]),
        meta={k: v for k, v in data.items() if k not in ("weights", "bias", "thresholds", "features", "decision")},
    )
