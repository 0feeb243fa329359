"""Golden files: the mess library cleaned with the default options and with --encoding unicode --sort author.

The expected files were reviewed by eye. To refresh them after a deliberate
change, run with REFCHECK_REGOLD=1, review `git diff tests/fixtures/bib`, and
run again without it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from refcheck.library import load_library
from refcheck.library.clean import CleanOptions, clean_library
from refcheck.library.write import write_items

BIB = Path(__file__).resolve().parents[2] / "fixtures" / "bib"
CASES = {
    "mess.clean.bib": CleanOptions(),
    "mess.unicode.bib": CleanOptions(encoding="unicode", sort=("author",)),
}


def _differences(name: str, actual: str) -> str:
    path = BIB / name
    if os.environ.get("REFCHECK_REGOLD"):
        path.write_text(actual, encoding="utf-8")
        return f"{name} rewritten: review it, then run the tests without REFCHECK_REGOLD\n"
    expected = path.read_text(encoding="utf-8")
    if actual == expected:
        return ""
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"expected/{name}", f"actual/{name}"))
    return f"{name} differs from the golden file:\n{diff}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_mess_library_cleans_to_its_golden_file(name, monkeypatch):
    monkeypatch.chdir(BIB)  # paths in the report are as given: mess.bib
    result = clean_library(load_library(["mess.bib"]), CASES[name])
    problems = _differences(name, write_items(result.items))
    problems += _differences(name.replace(".bib", ".report.txt"), result.report.text() + result.report.summary() + "\n")
    if problems:
        pytest.fail(problems)
