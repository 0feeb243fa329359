"""The JSON report of the contract (`--format json`), schema refcheck-report/1."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from refcheck.model import DocumentSummary, Finding, Severity
from refcheck.report.base import Reporter
from refcheck.safetext import json_text

SCHEMA = "refcheck-report/1"

# The contract's fields, in its order; these are never renamed or removed.
CONTRACT_FIELDS = (
    "rule", "code", "severity", "path", "line", "column",
    "citation", "entry", "message", "suggestion", "context",
)  # fmt: skip


def finding_to_json(f: Finding) -> dict[str, Any]:
    """One finding: every contract field (null when unset), then the added fields when set."""
    out: dict[str, Any] = {name: getattr(f, name) for name in CONTRACT_FIELDS}
    out["severity"] = Severity(f.severity).value
    if f.page is not None:
        out["page"] = f.page
    if f.evidence:
        out["evidence"] = list(f.evidence)
    if f.entry_summary is not None:
        out["entry_summary"] = f.entry_summary
    if f.fingerprint is not None:
        out["fingerprint"] = f.fingerprint
    if f.passage is not None:
        out["passage"] = f.passage.to_json()
    return out


def document_to_json(d: DocumentSummary) -> dict[str, Any]:
    return {"path": d.path, "footnotes": d.footnotes, "citations": d.citations, "claims": d.claims}


class JsonReporter(Reporter):
    """Writes the whole report as one JSON object at the end."""

    name = "json"

    def write(self, summary: Mapping[str, int]) -> None:
        report = {
            "schema": SCHEMA,
            "documents": [document_to_json(d) for d in self.documents],
            "findings": [finding_to_json(f) for f in self.sorted_findings()],
            "summary": dict(summary),
        }
        if self.unused_suppressions:  # an added field (the contract grows, never renames): only when there are some
            report["unused_suppressions"] = [u.to_json() for u in self.unused_suppressions]
        for name in ("checks", "abstained"):  # added fields: which scorer each claim rule ran, where it abstained
            if self.notes.get(name):
                report[name] = self.notes[name]
        self.stream.write(json_text(report))
        self.stream.write("\n")
