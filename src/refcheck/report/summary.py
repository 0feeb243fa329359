"""Severity counts and the exit status they give under --fail-on."""

from __future__ import annotations

from collections.abc import Iterable

from refcheck.errors import UsageError
from refcheck.exit_codes import EXIT_FINDINGS, EXIT_OK
from refcheck.model import Finding, Severity

# --fail-on level -> the lowest severity rank that fails the run; "never" fails nothing.
FAIL_ON: dict[str, int | None] = {
    "error": Severity.ERROR.rank,
    "warning": Severity.WARNING.rank,
    "info": Severity.INFO.rank,
    "never": None,
}
FAIL_ON_LEVELS = tuple(FAIL_ON)  # for click.Choice
DEFAULT_FAIL_ON = "error"

SEVERITIES = tuple(sorted(Severity, key=lambda s: -s.rank))  # most severe first: the order of every count



def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings per severity; every severity is present, most severe first."""
    counts = {s.value: 0 for s in SEVERITIES}
    for f in findings:
        counts[Severity(f.severity).value] += 1
    return counts


def exit_code(findings: Iterable[Finding], fail_on: str = DEFAULT_FAIL_ON) -> int:
    """0 when no finding is at or above `fail_on`, 1 otherwise (the contract's exit status)."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"unknown --fail-on level {fail_on!r}; choose one of {', '.join(FAIL_ON_LEVELS)}")
    threshold = FAIL_ON[fail_on]
    if threshold is None:
        return EXIT_OK
    return EXIT_FINDINGS if any(Severity(f.severity).rank >= threshold for f in findings) else EXIT_OK
