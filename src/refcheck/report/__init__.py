"""The report stage: findings to JSON, terminal text, SARIF, GitHub annotations, JUnit XML, Markdown and HTML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from refcheck.model import DocumentSummary, Finding
from refcheck.report.base import Reporter, RuleMeta, TextEdit
from refcheck.report.registry import DEFAULT_FORMAT, REPORTERS, get_reporter
from refcheck.report.summary import DEFAULT_FAIL_ON, FAIL_ON_LEVELS, exit_code, summarise

__all__ = [
    "DEFAULT_FAIL_ON",
    "DEFAULT_FORMAT",
    "FAIL_ON_LEVELS",
    "REPORTERS",
    "Reporter",
    "RuleMeta",
    "TextEdit",
    "exit_code",
    "get_reporter",
    "render",
    "summarise",
]


def render(
    findings: Iterable[Finding],
    documents: Sequence[DocumentSummary],
    fmt: str,
    stream: TextIO,
    color: bool | None = None,
    *,
    rules: Mapping[str, RuleMeta] | None = None,
    unused_suppressions: Sequence[Any] = (),
    fixes: Mapping[str, Sequence[TextEdit]] | None = None,
    sources: Any = None,
    notes: Mapping[str, Any] | None = None,
) -> None:
    """Run a reporter's whole lifecycle over findings already in hand."""
    findings = list(findings)
    reporter = get_reporter(fmt)(
        stream, color=color, rules=rules, unused_suppressions=unused_suppressions, fixes=fixes, sources=sources,
        notes=notes,
    )
    reporter.start(documents)
    reporter.findings(findings)
    reporter.end(summarise(findings))
