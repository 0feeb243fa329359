"""What the claim rules tell the report besides findings: which scorer ran, where they abstained, what was skipped.

Kept in `AuditContext.notes` and written by the JSON report as added top-level
fields: ``"checks": {"unrelated-citation": "semantic:all-MiniLM-L6-v2" | "lexical" | "off"}``
and ``"abstained": {"unrelated-citation": {"language": 3, "thin-entry": 5}}``;
warnings also go to standard error, so a run without the model says so.
"""

from __future__ import annotations


def _notes(ctx) -> dict:
    notes = getattr(ctx, "notes", None)
    if notes is None:
        notes = {}
        ctx.notes = notes
    return notes


def note_check(ctx, rule: str, scorer: str) -> None:
    _notes(ctx).setdefault("checks", {})[rule] = scorer


def note_abstained(ctx, rule: str, reason: str) -> None:
    counts = _notes(ctx).setdefault("abstained", {}).setdefault(rule, {})
    counts[reason] = counts.get(reason, 0) + 1


def note_warning(ctx, message: str) -> None:
    warnings = _notes(ctx).setdefault("warnings", [])
    if message not in warnings:
        warnings.append(message)
