"""The batch evaluation runner stores exactly what `refcheck audit` prints, and the scorers read it back."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT, SHARED

sys.path.insert(0, str(ROOT / "tools"))
import eval_batch  # noqa: E402

DOC = """# Cultural cooperation

Korea and Japan have struggled to cooperate in culture.[^1] Treaties came later.[^2]

[^1]: Moisiu, S. and Paasi, A. (2013). From geopolitical to geoeconomic? Geopolitics 18(2), 267-283.
[^2]: Nobody, A. (1999). A book that the library lacks. Press.
"""
BIB = """@article{moisio2013geopolitical,
  author = {Moisio, Sami and Paasi, Anssi},
  title = {From Geopolitical to Geoeconomic? The Changing Political Rationalities of State Space},
  journal = {Geopolitics}, volume = {18}, number = {2}, pages = {267--283}, year = {2013}}
@book{unused1990,
  author = {Someone, Else}, title = {Never Cited}, publisher = {Press}, year = {1990}}
"""


def make_case(folder):
    folder.mkdir()
    (folder / "doc.md").write_text(DOC, encoding="utf-8")
    (folder / "library.bib").write_text(BIB, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps({"rules": ["author-misspelled"], "must": []}), encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="needs ../shared/eval/score.py")
def test_batch_report_is_byte_for_byte_the_commands(tmp_path):
    (tmp_path / "cases").mkdir()
    make_case(tmp_path / "cases" / "one")
    subset = eval_batch.Subset("t", "cases", [tmp_path / "cases"], SHARED)
    [task] = subset.tasks
    key, argv, cwd = task
    assert argv[0] == "audit" and "--format" in argv and cwd == str(tmp_path / "cases" / "one")
    eval_batch._worker_init()
    mine = eval_batch.audit_one(task)
    command = subprocess.run([str(ROOT / ".venv" / "bin" / "refcheck"), *argv], cwd=cwd, capture_output=True, text=True)
    assert mine["stdout"] == command.stdout
    assert mine["rc"] == command.returncode == 1
    rules = {f["rule"] for f in json.loads(mine["stdout"])["findings"]}
    assert {"author-misspelled", "unresolved-citation", "unused-entry"} <= rules


def test_show_replays_the_stored_output_and_exit_status(tmp_path):
    doc = str(tmp_path / "doc.md")
    record = {"key": eval_batch.store_key(doc), "rc": 1, "stdout": '{"findings": []}\n', "stderr": "warning: x\n"}
    (tmp_path / f"{record['key']}.json").write_text(json.dumps(record), encoding="utf-8")
    run = [sys.executable, str(ROOT / "tools" / "eval_batch.py"), "show", "--store", str(tmp_path)]
    shown = subprocess.run([*run, doc], capture_output=True, text=True)
    assert (shown.returncode, shown.stdout, shown.stderr) == (1, record["stdout"], record["stderr"])
    missing = subprocess.run([*run, str(tmp_path / "other.md")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no stored report" in missing.stderr


def test_summary_keeps_the_rule_table_and_the_overall_line():
    output = """case a: 1 TP, 0 FP, 0 FN (3 findings, 0 on 'may', 0.1 s)

rule              TP   FP   FN  precision  recall     F1
unused-entry       1    0    0      1.000   1.000  1.000
all                1    0    0      1.000   1.000  1.000

false positives (0):
false negatives (0):
overall: precision 1.000 recall 1.000 F1 1.000 cases 1 broken 0
"""
    lines = eval_batch.summary_lines(output)
    assert lines[0].startswith("rule ") and lines[-1].startswith("overall:")
    assert not any(line.startswith(("case ", "false")) for line in lines)
