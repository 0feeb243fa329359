"""At most N findings of each rule in a report, then one finding that counts the rest.

A pathological document (a 588 KB text gave a 385 MB JSON report) must not
give a report nobody can open. The first `findings-per-rule` findings of each
rule are reported (5,000 by default; 0 reports them all); the others are
summed up in one more finding of that rule, at the place of its last reported
one. The exit status and a written baseline still see every finding: only what
is rendered is capped. Set it as `findings-per-rule` under
`[tool.refcheck.thresholds]` or `--threshold findings-per-rule=N`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from refcheck.model import Finding

OPTION = "findings-per-rule"
DEFAULT = 5000  # a master library can leave thousands of entries unused: all of them are worth listing


def cap_findings(findings: list[Finding], limit: int = DEFAULT) -> list[Finding]:
    """`findings` with at most `limit` per rule, each rule's rest counted in one finding after its last one shown."""
    if limit <= 0:
        return list(findings)
    seen: Counter[str] = Counter()
    shown: list[Finding] = []
    last: dict[str, int] = {}
    for f in findings:
        seen[f.code] += 1
        if seen[f.code] <= limit:
            last[f.code] = len(shown)
            shown.append(f)
    rest = {code: n - limit for code, n in seen.items() if n > limit}
    if not rest:
        return shown
    out: list[Finding] = []
    for i, f in enumerate(shown):
        out.append(f)
        if f.code in rest and last[f.code] == i:
            out.append(replace(
                f, citation=None, entry=None, suggestion=None, context=None, evidence=(), entry_summary=None,
                fingerprint=None,
                message=f"{rest[f.code]} more {f.rule} finding(s) not shown: at most {limit} per rule "
                        f"(threshold {OPTION})",
            ))  # fmt: skip
    return out
