"""Severity counts and the exit status for each --fail-on level."""

from __future__ import annotations

import pytest

from refcheck import exit_codes
from refcheck.errors import UsageError
from refcheck.model import Finding, Severity
from refcheck.report import FAIL_ON_LEVELS, exit_code, summarise
from report_fixtures import FINDINGS


def finding(severity: Severity) -> Finding:
    return Finding("rule", "RC000", severity, "doc.md", 1, 1, "message")


ERROR, WARNING, INFO = (finding(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))


def test_summarise_counts_every_severity_most_severe_first():
    counts = summarise(FINDINGS)
    assert counts == {"error": 2, "warning": 1, "info": 2}
    assert list(counts) == ["error", "warning", "info"]


def test_summarise_nothing_gives_zeros():
    assert summarise([]) == {"error": 0, "warning": 0, "info": 0}


def test_fail_on_levels_are_the_contracts():
    assert FAIL_ON_LEVELS == ("error", "warning", "info", "never")


@pytest.mark.parametrize(
    ("fail_on", "found", "expected"),
    [
        ("error", [], 0),
        ("error", [WARNING, INFO], 0),
        ("error", [INFO, ERROR], 1),
        ("warning", [INFO], 0),
        ("warning", [WARNING], 1),
        ("warning", [ERROR], 1),
        ("info", [], 0),
        ("info", [INFO], 1),
        ("never", [ERROR, WARNING, INFO], 0),
    ],
)
def test_exit_code_is_1_only_for_a_finding_at_or_above_fail_on(fail_on, found, expected):
    assert exit_code(found, fail_on) == expected


def test_exit_code_defaults_to_failing_on_errors():
    assert exit_code(FINDINGS) == 1
    assert exit_code([WARNING]) == 0


def test_exit_code_accepts_a_generator():
    assert exit_code((f for f in [INFO, ERROR]), "error") == 1


def test_unknown_fail_on_level_is_a_usage_error():
    with pytest.raises(UsageError, match="error, warning, info, never"):
        exit_code([ERROR], "fatal")


def test_exit_values_are_the_clis():
    # report/ may not import the CLI, so the values are repeated there; this keeps them equal.
    assert exit_code([], "error") == exit_codes.EXIT_OK
    assert exit_code([ERROR], "error") == exit_codes.EXIT_FINDINGS
