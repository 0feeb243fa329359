"""The CI acceptance: plain `refcheck audit` in the example writing repository, as a subprocess.

Seeded errors fail the run; a baseline accepts them; a new error fails it again
(also after edits that move every line); a suppression accepts that one.
"""

from __future__ import annotations

import json
import re

import pytest

from ci_support import WORKFLOW_COMMAND, copy_example, edit, run

SEEDED = {("RC102", "1"), ("RC103", "2"), ("RC201", "3")}
FINDING_LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+) (?P<code>RC\d{3}) ", re.M)

NEW_ERROR = (
    "Lenders ration credit instead of raising their rates.[^5]\n\n## Notes",
    "[^5]: Stiglitz, J. E., & Weiss, A. (1918). Credit rationing in markets with imperfect information. "
    "*The American Economic Review*, 71(3), 393-410.\n",
)


def errors_in(stdout: str) -> list[tuple[str, str, int]]:
    return [(m["code"], m["path"], int(m["line"])) for m in FINDING_LINE.finditer(stdout) if m["severity"] == "error"]


@pytest.fixture
def repo(tmp_path):
    return copy_example(tmp_path)


def test_seeded_errors_then_baseline_then_new_error_then_suppression(repo):
    # 1. Documents and library come from [tool.refcheck]: no arguments at all.
    first = run(repo, "audit")
    assert first.returncode == 1, first.stderr
    assert sorted(code for code, _, _ in errors_in(first.stdout)) == ["RC102", "RC103", "RC201"]
    # notes/*.md is audited (a glob in `documents`) but its missing note is a per-file ignore
    assert "2 documents" in first.stdout and "notes/outline.md:" not in first.stdout

    # 2. Record today's findings; with the baseline configured, nothing new: exit 0.
    wrote = run(repo, "audit", "--write-baseline", ".refcheck-baseline.json")
    assert wrote.returncode == 0, wrote.stderr
    recorded = json.loads((repo / ".refcheck-baseline.json").read_text(encoding="utf-8"))
    assert {(f["code"], f["citation"]) for f in recorded["findings"] if f["code"] != "RC401"} == SEEDED
    edit(repo / "pyproject.toml", 'fail-on = "error"', 'fail-on = "error"\nbaseline = ".refcheck-baseline.json"')
    baselined = run(repo, "audit")
    assert baselined.returncode == 0, baselined.stdout + baselined.stderr
    assert errors_in(baselined.stdout) == []
    assert "in the baseline .refcheck-baseline.json not reported" in baselined.stderr

    # 3. Edits elsewhere (a new opening paragraph moves every line) keep the old findings
    #    baselined; a new wrong year is reported alone.
    paper = repo / "paper.md"
    edit(paper, "South Korea and Japan\n", "South Korea and Japan\n\nAn added opening paragraph moves every later line.\n")
    edit(paper, "## Notes", NEW_ERROR[0])
    paper.write_text(paper.read_text(encoding="utf-8") + NEW_ERROR[1], encoding="utf-8")
    new = run(repo, "audit")
    assert new.returncode == 1, new.stderr
    assert errors_in(new.stdout) == [("RC103", "paper.md", 11)]
    assert "footnote 5 gives the year 1918; the library has 1981" in new.stdout

    # 4. Suppressed in the document, where the reviewer sees why: exit 0 again.
    edit(paper, "Lenders ration credit", "<!-- refcheck: ignore[RC103] -->\nLenders ration credit")
    suppressed = run(repo, "audit")
    assert suppressed.returncode == 0, suppressed.stdout + suppressed.stderr
    assert errors_in(suppressed.stdout) == []
    assert "unused suppression" not in suppressed.stderr


def test_unused_suppression_is_reported_and_fails_nothing(repo):
    edit(repo / "paper.md", "Markets for used goods", "<!-- refcheck: ignore[RC103] -->\nMarkets for used goods")
    result = run(repo, "audit", "--format", "json", "--fail-on", "never")
    assert result.returncode == 0
    assert "warning: paper.md:7:1: unused suppression ignore[RC103]: no RC103 finding at the next citation" in result.stderr
    report = json.loads(result.stdout)
    assert report["unused_suppressions"] == [
        {"path": "paper.md", "line": 7, "column": 1, "rules": ["RC103"], "reason": "no RC103 finding at the next citation (line 8)"}
    ]
    # the three seeded errors are still there: an unused suppression silences nothing
    assert {(f["code"], f["citation"]) for f in report["findings"] if f["severity"] == "error"} == SEEDED
    assert all(f["fingerprint"] for f in report["findings"])


def test_github_format_lines_are_workflow_commands_with_file_line_and_column(repo):
    result = run(repo, "audit", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    parsed = [WORKFLOW_COMMAND.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed) if not m]
    errors = {(m["file"], int(m["line"]), int(m["col"]), m["title"]) for m in parsed if m["level"] == "error"}
    assert errors == {
        ("paper.md", 3, 70, "refcheck RC102 author-misspelled"),
        ("paper.md", 5, 8, "refcheck RC103 year-mismatch"),
        ("paper.md", 5, 74, "refcheck RC201 footnote-missing"),
    }
    assert any(m["level"] == "notice" and m["file"] == "refs.bib" for m in parsed)  # info is a notice
    # a multi-line message stays one command: the newline is escaped
    assert "%0Asuggestion: 1997" in next(line for line in lines if "RC103" in line)


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        ('fail-on = "sometimes"', (), r"pyproject.toml \[tool.refcheck\] fail-on: \"sometimes\" is not one of error, warning, info, never"),
        ('select = ["RC999"]', (), r"pyproject.toml \[tool.refcheck\] select: unknown rule 'RC999'"),
        ("fail_on = 'error'", (), r"pyproject.toml \[tool.refcheck\]: unknown key 'fail_on' \(did you mean 'fail-on'\?\)"),
        ('baseline = "missing.json"', (), r"missing.json: no such baseline file"),
        ("", ("--baseline", "paper.md"), r"paper.md: not a refcheck baseline: invalid JSON"),
        ("", ("--select", "RC999"), r"--select: unknown rule 'RC999'"),
        ("", ("--format", "yaml"), r"unknown report format 'yaml'"),
    ],
    ids=["bad-value", "unknown-rule", "unknown-key", "missing-baseline", "invalid-baseline", "cli-select", "format"],
)
def test_wrong_configuration_is_one_clear_line_and_exit_2(repo, setup, args, expected):
    if setup:
        edit(repo / "pyproject.toml", 'fail-on = "error"', setup)
    result = run(repo, "audit", *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("refcheck: error: ") and re.search(expected, lines[0]), lines[0]


def test_refcheck_config_prints_effective_values_and_their_origins(repo):
    result = run(repo, "config", "--fail-on", "warning")
    assert result.returncode == 0, result.stderr
    rows = {line.split("=")[0].strip(): line for line in result.stdout.splitlines() if "=" in line}
    assert rows["documents"].endswith('# pyproject.toml [tool.refcheck] documents')
    assert '["paper.md", "notes/*.md"]' in rows["documents"]
    assert " ".join(rows["fail-on"].split("#")[0].split()) == 'fail-on = "warning"'
    assert rows["fail-on"].endswith("# command line (--fail-on)")
    assert rows["select"].endswith("# default")
    assert "0.75" in rows["title-similarity"] and rows["title-similarity"].endswith("thresholds.title-similarity")
