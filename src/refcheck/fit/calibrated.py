"""The fitted, calibrated claim decision: a logistic regression over fit features, read from `params/claims.json`.

`tools/train_claims.py` (`make train`) writes the parameter file: per scorer
configuration ("semantic": embedding and word features, "lexical": words
alone) the feature names, weights, intercept, and two thresholds chosen on a
held-out split for precision — `threshold` (a finding) and `warn_threshold`
(a warning rather than information). The report of that fit is
`docs/training/claims.md`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PARAMS = Path(__file__).parent / "params" / "claims.json"
# Entries with an abstract, keywords or a note fit their claims in another range than bare titles:
# each kind has its own decision ("semantic:described", "semantic:title", "lexical:...").
ENTRY_KINDS = ("described", "title")


def entry_kind(features: dict[str, float]) -> str:
    return "described" if features.get("described") else "title"


@dataclass(frozen=True)
class Decision:
    """One configuration's fitted weights and thresholds."""

    configuration: str
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    warn_threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """The calibrated probability that the citation does not belong with its claim."""
        z = self.intercept + sum(c * features.get(n, 0.0) for n, c in zip(self.features, self.coef))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=4)
def load_decision(configuration: str, path: str = str(PARAMS)) -> Decision | None:
    """The decision for "semantic:described", "lexical:title", ...; None when the parameter file lacks it (never an error at run time)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        m = data["configurations"][configuration]
        return Decision(configuration, tuple(m["features"]), tuple(float(c) for c in m["coef"]), float(m["intercept"]),
                        float(m["threshold"]), float(m["warn_threshold"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
