"""The sample paper verified offline against a snapshot written for this test (tests/verify/fixtures):
Moisio & Paasi 2013 (the paper spells 'Passi'), Kim & Kingston with another year than the paper's, a Korean
article, and two works the paper does not cite."""

from __future__ import annotations

import json

from registry_server import no_user_cache, registry, run_refcheck  # noqa: F401 (fixtures)
from support import ROOT, SAMPLE_PAPER

SNAPSHOT = ROOT / "tests" / "verify" / "fixtures" / "sample-snapshot.jsonl"


def verify_sample(capsys, *extra):
    code, out, err = run_refcheck(capsys, "verify", str(SAMPLE_PAPER), "--snapshot", str(SNAPSHOT), "--offline",
                                  "--format", "json", *extra)
    assert code in (0, 1), err
    return json.loads(out)


def by_words(report, words):
    hits = [r for r in report["references"] if words in r["reference"]]
    assert hits, words
    return hits


def test_moisio_and_paasi_is_verified_with_the_registry_spelling(capsys):
    report = verify_sample(capsys)
    for ref in by_words(report, "From geopolitical to geoeconomic"):  # the reference list item and footnote 6
        assert ref["status"] == "verified" and ref["source"] == "snapshot"
        assert [a["family"] for a in ref["record"]["authors"]] == ["Moisio", "Paasi"]
        assert {"field": "author", "cited": "Passi", "registry": "Paasi"} in ref["mismatches"]
    lines = {f["line"] for f in report["findings"] if f["code"] == "RC111" and f["suggestion"] == "Paasi"}
    assert lines == {134, 207}


def test_every_reference_is_verified_mismatched_unverified_or_not_checked(capsys):
    report = verify_sample(capsys)
    status = {r["reference"][:25]: r["status"] for r in report["references"]}
    assert by_words(report, "Legacies of Colonialism")[0]["mismatches"] == [
        {"field": "year", "cited": "2014", "registry": "2015"}]
    assert status["Kim, S., & Kingston, J. ("] == "mismatched"
    assert status["일본 내 한류의 현황과 한일관계: 한류의 문화"] == "verified"
    assert status["Jung, S. (2018). *K-Pop a"] == "unverified"
    assert status["<https://press.ajou.ac.kr"] == "unchecked"
    assert set(status.values()) == {"verified", "mismatched", "unverified", "unchecked"}
    summary = report["summary"]
    assert summary["verified"] == 3 and summary["mismatched"] == 1 and summary["requests"] == 0
    assert [u["reference"] for u in report["unchecked"]] == ["<https://press.ajou.ac.kr/news/articleView.html?idxno=10120>"]
    jung = next(f for f in report["findings"] if f["code"] == "RC110" and f["line"] == 194)
    assert "snapshot searched" in jung["message"]


def test_the_text_report_says_which_were_not_checked(capsys):
    code, out, _err = run_refcheck(capsys, "verify", str(SAMPLE_PAPER), "--snapshot", str(SNAPSHOT), "--offline")
    assert code == 0  # warnings only; --fail-on decides
    assert "author: cited 'Passi', registry 'Paasi'" in out
    assert "not checked: no title or DOI to look up" in out
    assert out.rstrip().endswith("3 verified, 1 mismatched, 12 unverified, 1 not checked; offline")


def test_fail_on_warning_fails_on_an_unverified_reference(capsys):
    code, _out, _err = run_refcheck(capsys, "verify", str(SAMPLE_PAPER), "--snapshot", str(SNAPSHOT), "--offline",
                                    "--fail-on", "warning")
    assert code == 1


def test_audit_verify_reports_the_library_entries_against_the_snapshot(capsys):
    code, out, err = run_refcheck(capsys, "audit", str(SAMPLE_PAPER), "--bib", str(ROOT / "bib"), "--verify",
                                  "--snapshot", str(SNAPSHOT), "--offline", "--format", "json",
                                  "--select", "RC110,RC111,RC112", "--no-progress")
    assert code == 0, err
    findings = json.loads(out)["findings"]
    year = [f for f in findings if f["code"] == "RC111"]
    assert [(f["entry"], f["suggestion"]) for f in year] == [("kim2014legacies", "2015")]
    assert year[0]["path"].endswith("korea-japan.bib") and year[0]["line"] > 1
    assert "moisio2013geopolitical" not in {f["entry"] for f in findings}  # the library spells Paasi


def test_audit_without_verify_looks_nothing_up(capsys, registry, tmp_path):
    from registry_server import write_config

    config = write_config(tmp_path, registry)
    code, out, err = run_refcheck(capsys, "audit", str(SAMPLE_PAPER), "--bib", str(ROOT / "bib"), "--config",
                                  str(config), "--format", "json", "--no-progress", "--fail-on", "never")
    assert code == 0, err
    assert registry.requests == []
    assert not {f["code"] for f in json.loads(out)["findings"]} & {"RC110", "RC111", "RC112"}
