"""Rule cases as data: each folder under cases/ has a document, a library and the findings it must give — no more.

expected.json: {"select": [rules...], "findings": [{"rule": ..., "citation": ..., "entry": ..., ...}]}.
A finding matches when every key given agrees (a list means any of these; null means none);
each expected finding matches one reported finding, and nothing else may be reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.pipeline import run_audit

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "expected.json").exists())


def _agrees(want, got) -> bool:
    if isinstance(want, list):
        return any(_agrees(w, got) for w in want)
    return want == got


def _matches(expected: dict, finding) -> bool:
    return all(_agrees(v, getattr(finding, k)) for k, v in expected.items())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rule_case(case: Path):
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    doc = next(p for p in case.iterdir() if p.stem == "doc")
    result = run_audit([str(doc)], [str(case / "library.bib")], select=spec["select"], warn=lambda m: None)
    remaining = list(result.findings)
    missing = []
    for want in spec["findings"]:
        hit = next((f for f in remaining if _matches(want, f)), None)
        if hit is None:
            missing.append(want)
        else:
            remaining.remove(hit)
    extra = [(f.rule, f.citation, f.entry, f.message) for f in remaining]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"
