"""Resolve: which library entry does a citation mean? Candidates, one feature vector each, a fitted model.

The shape is record linkage (as dedupe and GROBID do it): the blocking index
gives candidates (`candidates`), `features` computes the same numbers for every
candidate, `model` turns them into a calibrated probability with weights fitted
by `tools/train_resolver.py` (`make train`; report in `docs/resolver.md`), and
`resolver` decides match / ambiguous / none with the runner-up and the
field-by-field alignment the rules read their differences from.
"""

from __future__ import annotations

from refcheck.resolve.evidence import CitedWork
from refcheck.resolve.resolver import Resolution, Resolver, Status

__all__ = ["CitedWork", "Resolution", "Resolver", "Status"]
