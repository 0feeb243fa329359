"""A rule that crashes fails the run (exit 3, naming it); a report shows at most N findings per rule and counts the rest."""

from __future__ import annotations

import io
import json

from bib_cli_support import run
from refcheck.checks.cap import DEFAULT, OPTION, cap_findings
from refcheck.checks.registry import select_rules
from refcheck.model import Finding, Severity


def test_a_crashing_library_rule_makes_lint_exit_3_and_names_it(tmp_path, capsys, monkeypatch):
    lib = tmp_path / "refs.bib"
    lib.write_text("@article{a, title = {T}}\n")
    rule = next(r for r in select_rules(["RC403"], None))

    def crash(self, ctx):
        raise MemoryError("7 GB")

    monkeypatch.setattr(rule, "check", crash)
    code, _out, err = run(capsys, "bib", "lint", str(lib))
    assert code == 3
    assert rule.name in err and "crashed" in err


def _finding(n: int, code: str = "RC101", rule: str = "unresolved-citation") -> Finding:
    return Finding(rule, code, Severity.ERROR, "paper.md", n, 1, f"citation {n} matches no entry", citation=str(n))


def test_findings_are_capped_per_rule_with_a_count_of_the_rest():
    findings = [_finding(n) for n in range(1, DEFAULT + 1001)] + [_finding(1, "RC201", "footnote-missing")]
    shown = cap_findings(findings, 10)
    assert len([f for f in shown if f.code == "RC101"]) == 11
    assert shown[10].message.startswith(f"{DEFAULT + 990} more unresolved-citation finding(s) not shown: at most 10 per rule")
    assert shown[-1].code == "RC201"
    assert cap_findings(findings, 0) == findings  # 0 shows them all
    assert len(cap_findings(findings, DEFAULT)) == DEFAULT + 2


def test_the_json_report_is_bounded_and_the_cap_is_a_configurable_threshold(capsys):
    from refcheck.pipeline import AuditResult, write_reports

    result = AuditResult([_finding(n) for n in range(1, 5001)], [])
    out = io.StringIO()
    write_reports(result, [("json", None)], "docs/rules/", stdout=out, per_rule=50)
    report = json.loads(out.getvalue())
    assert len(report["findings"]) == 51
    assert [f["message"] for f in report["findings"] if "more" in f["message"]] == [
        "4950 more unresolved-citation finding(s) not shown: at most 50 per rule (threshold findings-per-rule)"]
    code, text, _err = run(capsys, "config", "--threshold", f"{OPTION}=50")
    line = next(line for line in text.splitlines() if line.startswith(OPTION))
    assert code == 0 and line.split("#")[0].split("=")[1].strip() == "50" and "--threshold" in line
