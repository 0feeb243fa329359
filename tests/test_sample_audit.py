"""The audit acceptance lines of the sample paper against the sample library."""

from __future__ import annotations

import json
from functools import lru_cache

from click.testing import CliRunner
from support import ROOT, SAMPLE_PAPER

from refcheck.cli import cli

CITATION_RULES = {"unresolved-citation", "author-misspelled", "year-mismatch", "title-mismatch", "reference-list-mismatch"}


@lru_cache(maxsize=None)
def report() -> dict:
    result = CliRunner().invoke(
        cli, ["audit", str(SAMPLE_PAPER), "--bib", str(ROOT / "bib"), "--format", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def findings(rule: str) -> list[dict]:
    return [f for f in report()["findings"] if f["rule"] == rule]


def test_footnote_six_misspells_both_authors():
    (f,) = findings("author-misspelled")
    assert (f["citation"], f["entry"]) == ("6", "moisio2013geopolitical")
    assert "'Moisiu'" in f["message"] and "'Passi'" in f["message"]
    assert f["suggestion"] == "Moisio, Paasi"
    assert f["context"].endswith("at the national level in the cultural domain.")


def test_footnote_six_disagrees_with_the_papers_own_list():
    (f,) = findings("reference-list-mismatch")
    assert f["citation"] == "6" and "'Moisiu'" in f["message"] and "'Moisio'" in f["message"]


def test_seven_uncited_entries():
    unused = findings("unused-entry")
    assert sorted(f["entry"] for f in unused) == sorted(
        ["jung2018kpop", "kto2019annual", "mofa2022overview", "park2021academic", "unwto2021sustainable",
         "mcst2021analysis", "yoon2023"]
    )
    # the paper's own reference list names most of them: the finding says so, and so does its suggestion
    # (`bib clean --cited-by` keeps a work the paper lists, so it is not what to suggest)
    listed = [f for f in unused if "the reference list of" in f["message"]]
    assert {f["entry"] for f in listed} >= {"jung2018kpop", "park2021academic", "yoon2023"}
    assert all("reference list" in f["suggestion"] and "bib clean" not in f["suggestion"] for f in listed)


def test_no_other_citation_finding_hangul_footnotes_included():
    others = [f for f in report()["findings"] if f["rule"] in CITATION_RULES and f["citation"] != "6"]
    assert others == []
    assert not findings("unresolved-citation")


def test_report_follows_the_contract():
    r = report()
    assert r["schema"] == "refcheck-report/1"
    assert r["documents"] == [{"path": str(SAMPLE_PAPER), "footnotes": 9, "citations": 9, "claims": r["documents"][0]["claims"]}]
    assert set(r["summary"]) == {"error", "warning", "info"}
