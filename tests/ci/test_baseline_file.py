"""Baseline fingerprints survive edits elsewhere; the file is written atomically and read strictly."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest

from refcheck.baseline import fingerprint, load, split, with_fingerprints, write
from refcheck.errors import UsageError
from refcheck.model import Finding, Severity

F = Finding("year-mismatch", "RC103", Severity.ERROR, "paper.md", 12, 8, "footnote 2 gives the year 1987",
            citation="2", entry="cumings1997korea", context="Korea's modern history shaped\nwhat cooperation could become.")  # fmt: skip


def test_fingerprint_ignores_position_and_wrapping_but_not_what_the_finding_is_about(tmp_path):
    moved = replace(F, line=40, column=2, context="Korea’s modern   history shaped what cooperation could become")
    assert fingerprint(moved) == fingerprint(F)
    assert fingerprint(replace(F, entry="other2001")) != fingerprint(F)
    assert fingerprint(replace(F, context="A different claim.")) != fingerprint(F)
    assert fingerprint(replace(F, code="RC102")) != fingerprint(F)


def test_fingerprint_is_relative_to_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    from_root = fingerprint(replace(F, path="paper.md"), tmp_path)
    monkeypatch.chdir(tmp_path / "sub")
    assert fingerprint(replace(F, path="../paper.md"), tmp_path) == from_root


def test_write_then_load_and_split_counts_copies(tmp_path):
    [a] = with_fingerprints([F])
    path = tmp_path / "baseline.json"
    assert write(str(path), [a, a]) == 2
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    known = load(str(path))
    assert known == Counter({a.fingerprint: 2})
    new, old = split([a, a, a], known)
    assert (len(new), len(old)) == (1, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file"),
        ("{not json", "not a refcheck baseline: invalid JSON"),
        (json.dumps({"schema": "other/1", "findings": []}), "not a refcheck baseline: expected"),
        (json.dumps({"schema": "refcheck-baseline/1", "findings": [{"code": "RC1"}]}), r"findings\[0\] has no \"fingerprint\""),
    ],
)
def test_unreadable_baseline_is_a_usage_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as err:
        load(str(path))
    assert str(err.value).startswith(str(path))
