"""A user's decision that entries are different works, kept in the configuration, holds for audit and bib."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from support import ROOT

CASE = ROOT / "tests" / "rules" / "cases" / "library"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "refcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def duplicates(tmp_path, config: str):
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    shutil.copy(CASE / "library.bib", tmp_path / "library.bib")
    result = run("audit", str(CASE / "doc.md"), "--bib", "library.bib", "--select", "RC402", "--format", "json", cwd=tmp_path)
    return result, [f["entry"] for f in json.loads(result.stdout)["findings"]] if result.stdout else None


def test_duplicates_are_reported_without_a_decision(tmp_path):
    _, found = duplicates(tmp_path, "[tool.refcheck]\n")
    assert found == ["kahneman1979prospecttheory"]


def test_configured_distinct_pair_is_not_a_duplicate(tmp_path):
    result, found = duplicates(tmp_path, '[tool.refcheck]\ndistinct = [["kahneman1979prospect", "kahneman1979prospecttheory"]]\n')
    assert result.returncode == 0 and found == []


def test_a_group_of_one_key_is_a_configuration_error(tmp_path):
    result, _ = duplicates(tmp_path, '[tool.refcheck]\ndistinct = [["kahneman1979prospect"]]\n')
    assert result.returncode == 2 and "distinct" in result.stderr and "Traceback" not in result.stderr
