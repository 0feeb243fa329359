"""SARIF 2.1.0 (`--format sarif`): the format code-scanning services read, with rule metadata and fixes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from refcheck import __version__
from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter, RuleMeta
from refcheck.safetext import json_text

VERSION = "2.1.0"
# The schema's own id (OASIS, errata 01): what `$schema` names for validators and viewers.
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Paths in the report are relative to where refcheck ran, the repository root in CI.
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a URI reference against %SRCROOT%; an absolute one as a file: URI."""
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(PurePosixPath(*p.parts).as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(f: Finding) -> dict[str, int] | None:
    if f.line is None:
        return None
    out = {"startLine": f.line}
    if f.column is not None:
        out["startColumn"] = f.column
    return out


def is_absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.netloc)


def descriptor(meta: RuleMeta) -> dict[str, Any]:
    """A rule's reportingDescriptor: summary, its page as help, and the page's link."""
    out: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "help": {"text": meta.page, "markdown": f"{meta.page}\n[{meta.code} {meta.name}]({meta.url})\n"},
        "defaultConfiguration": {"level": LEVEL[Severity(meta.severity)]},
        "properties": {"scope": meta.scope},
    }
    # SARIF wants helpUri absolute; a repository-relative page is linked from the help text only.
    if is_absolute_url(meta.url):
        out["helpUri"] = meta.url
    return out


def fix(f: Finding, edits) -> dict[str, Any]:
    """A SARIF fix: each edit replaces exactly the characters of the wrong value."""
    changes: dict[str, list[dict[str, Any]]] = {}
    for e in edits:
        changes.setdefault(e.path, []).append({
            "deletedRegion": {"startLine": e.line, "startColumn": e.column, "endColumn": e.end_column},
            "insertedContent": {"text": e.new},
        })  # fmt: skip
    described = ", ".join(f"'{e.old}' with '{e.new}'" for e in edits)
    return {
        "description": {"text": f"Replace {described}"},
        "artifactChanges": [{"artifactLocation": artifact_location(p), "replacements": r} for p, r in changes.items()],
    }


def result(f: Finding, index: int, edits=()) -> dict[str, Any]:
    text = " ".join(f.message.split())
    if f.suggestion:
        text += f" (suggestion: {' '.join(f.suggestion.split())})"
    physical: dict[str, Any] = {"artifactLocation": artifact_location(f.path)}
    where = region(f)
    if where:
        physical["region"] = where
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVEL[Severity(f.severity)],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }
    if f.fingerprint:
        # Stable across edits elsewhere in the file: lets a viewer match results between runs.
        out["partialFingerprints"] = {"refcheckFingerprint/v1": f.fingerprint}
    if edits:
        out["fixes"] = [fix(f, edits)]
    props = {k: v for k, v in (("citation", f.citation), ("entry", f.entry), ("suggestion", f.suggestion),
                                ("page", f.page)) if v is not None}  # fmt: skip
    if props:
        out["properties"] = props
    return out


class SarifReporter(Reporter):
    """One run: the driver's rules (every rule that ran), the results, and unused suppressions as notifications."""

    name = "sarif"

    def write(self, summary: Mapping[str, int]) -> None:
        findings = self.sorted_findings()
        rules = dict(self.rules)
        for f in findings:  # a rule nobody described still needs a descriptor for its results
            if f.code not in rules:
                rules[f.code] = RuleMeta(f.code, f.rule, Severity(f.severity), f.rule, "", "")
        codes = sorted(rules)
        index = {code: i for i, code in enumerate(codes)}
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if self.unused_suppressions:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "warning",
                    "message": {"text": f"unused suppression ignore[{','.join(u.rules)}]: {u.reason}"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": artifact_location(u.path),
                        "region": {"startLine": u.line, "startColumn": u.column},
                    }}],
                }
                for u in self.unused_suppressions
            ]  # fmt: skip
        log = {
            "$schema": SCHEMA_URI,
            "version": VERSION,
            "runs": [
                {
                    "tool": {"driver": {"name": "refcheck", "version": __version__,
                                        "rules": [self._descriptor(rules[c]) for c in codes]}},
                    "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
                    "results": [result(f, index[f.code], self.fixes.get(f.fingerprint or "", ())) for f in findings],
                    "invocations": [invocation],
                }
            ],
        }  # fmt: skip
        self.stream.write(json_text(log))
        self.stream.write("\n")

    @staticmethod
    def _descriptor(meta: RuleMeta) -> dict[str, Any]:
        if not meta.page:  # the fallback for a rule without metadata: what its findings say
            level = LEVEL[Severity(meta.severity)]
            return {"id": meta.code, "name": meta.name, "defaultConfiguration": {"level": level}}
        return descriptor(meta)
