"""The audit pipeline end to end: ingest -> extract -> library -> match -> checks, for the CLI and for tests."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from refcheck.errors import InputError, UsageError
from refcheck.model import DocumentSummary, Finding


@dataclass
class AuditResult:
    findings: list[Finding]
    documents: list[DocumentSummary]
    input_errors: list[InputError] = field(default_factory=list)
    crashed_rules: list[str] = field(default_factory=list)


def run_audit(
    paths: list[str],
    bib_paths: list[str],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    options: dict[str, Any] | None = None,
    blank_pipeline: bool = False,
    on_document: Callable[[str], None] | None = None,
    warn: Callable[[str], None] = lambda msg: print(f"refcheck: {msg}", file=sys.stderr),
) -> AuditResult:
    """Audit documents against a library. Unreadable documents are reported and skipped."""
    from refcheck.checks import run_rules
    from refcheck.checks.context import AuditContext
    from refcheck.checks.registry import select_rules
    from refcheck.extract import extract
    from refcheck.extract.citations.latex import nocite_keys
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import Format, iter_documents
    from refcheck.library import load_library
    from refcheck.match.matcher import Matcher
    from refcheck.match.resolve import resolve_document

    rules = select_rules(select, ignore)  # before any work: an unknown rule is a usage error
    library = load_library(bib_paths)
    matcher = Matcher(library)
    nlp = load_pipeline(blank=blank_pipeline)
    audits = []
    summaries: list[DocumentSummary] = []
    errors: list[InputError] = []
    nocite: list[str] = []
    for item in iter_documents(paths):
        if isinstance(item, InputError):
            warn(f"error: {item}")
            errors.append(item)
            continue
        extraction = extract(item, nlp)
        if item.format is Format.LATEX:
            nocite += nocite_keys(item.text)
        audits.append(resolve_document(extraction, matcher))
        summaries.append(DocumentSummary(item.path, len(extraction.footnotes), len(extraction.citations), len(extraction.claims)))
        if on_document:
            on_document(item.path)
    if not audits and errors:
        raise UsageError("no document could be read") if len(errors) > 1 else errors[0]
    ctx = AuditContext(audits, library, {**(options or {}), "nocite": nocite})
    findings, crashed = run_rules(rules, ctx, warn)
    return AuditResult(findings, summaries, errors, crashed)
