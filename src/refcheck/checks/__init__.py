"""Checks: each rule looks at the audit context and yields findings; a crashing rule never stops the others."""

from __future__ import annotations

from collections.abc import Callable

from refcheck.checks.base import Rule
from refcheck.checks.context import AuditContext
from refcheck.model import Finding


def run_rules(rules: list[type[Rule]], ctx: AuditContext, warn: Callable[[str], None]) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    crashed: list[str] = []
    for rule_cls in rules:
        try:
            findings.extend(rule_cls().check(ctx))
        except Exception as exc:  # a bug in one rule: say which, keep the others' findings
            crashed.append(rule_cls.name)
            warn(f"rule {rule_cls.code} {rule_cls.name} crashed and was skipped: {type(exc).__name__}: {exc}")
    return findings, crashed
