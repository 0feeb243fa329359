"""SARIF, GitHub annotations, JUnit XML and Markdown on the same fixed findings: goldens, and what each format promises."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from refcheck.model import Finding, Severity
from refcheck.report import render
from refcheck.report.github_format import escape_data, escape_property
from report_fixtures import DOCUMENTS, FINDINGS, RULES, UNUSED, assert_golden
from support import SHARED

SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


def report(fmt: str, findings=FINDINGS, documents=DOCUMENTS, rules=RULES, unused=UNUSED) -> str:
    out = io.StringIO()
    render(findings, documents, fmt, out, rules=rules, unused_suppressions=unused)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "golden"), [("sarif", "report.sarif"), ("github", "report.github.txt"),
                                             ("junit", "report.junit.xml"), ("markdown", "report.md")])  # fmt: skip
def test_format_matches_golden(fmt, golden):
    assert_golden(golden, report(fmt))


def test_sarif_of_the_fixtures_validates_against_the_schema():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    for rules in (RULES, None):  # also without metadata: the results' rules are described from the findings
        log = json.loads(report("sarif", rules=rules))
        assert not [e.message for e in validator.iter_errors(log)]


def test_sarif_results_point_at_their_rules_and_carry_fingerprints_and_pages():
    run = json.loads(report("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["RC102"]["partialFingerprints"] == {"refcheckFingerprint/v1": "3f9a1c0e"}
    assert by_rule["RC301"]["properties"]["page"] == 3 and by_rule["RC301"]["level"] == "note"
    assert by_rule["RC402"]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "bib/library.bib", "uriBaseId": "%SRCROOT%"}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert "unused suppression ignore[RC103]" in note["message"]["text"]


def test_sarif_uri_is_percent_encoded():
    odd = Finding("uncited-claim", "RC301", Severity.INFO, "drafts/chapter one#2.md", 1, 1, "x")
    run = json.loads(report("sarif", findings=[odd]))["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/chapter%20one%232.md"


def test_github_escapes_what_would_break_a_command():
    assert escape_data("50% of\nit") == "50%25 of%0Ait"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"
    odd = Finding("uncited-claim", "RC301", Severity.INFO, "a,b:c.md", 2, 3, "line one\nline two: 5%")
    [line] = report("github", findings=[odd], unused=()).splitlines()
    assert line == "::notice file=a%2Cb%3Ac.md,line=2,col=3,title=refcheck RC301 uncited-claim::line one line two: 5%25"


def test_junit_has_a_case_per_document_and_rule_and_fails_on_errors_and_warnings():
    root = ET.fromstring(report("junit"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["corpus/paper.md", "corpus/report.pdf", "corpus/clean.md", "bib/library.bib"]
    paper = {c.get("name"): c for c in suites["corpus/paper.md"].iter("testcase")}
    assert sorted(paper) == ["RC101 unresolved-citation", "RC102 author-misspelled", "RC105 unrelated-citation",
                             "RC109 unverifiable-citation", "RC301 uncited-claim"]  # fmt: skip
    assert paper["RC102 author-misspelled"].find("failure").get("type") == "error"
    assert paper["RC105 unrelated-citation"].find("failure") is not None
    assert paper["RC109 unverifiable-citation"].find("failure") is None  # info passes, and is shown
    assert "names no locatable source" in paper["RC109 unverifiable-citation"].find("system-out").text
    assert paper["RC101 unresolved-citation"].find("failure") is None
    library = [c.get("name") for c in suites["bib/library.bib"].iter("testcase")]
    assert library == ["RC402 duplicate-entry"]  # library rules only for library files
    assert (root.get("tests"), root.get("failures")) == ("16", "3")


def test_markdown_links_rules_and_escapes_table_cells():
    odd = Finding("uncited-claim", "RC301", Severity.INFO, "a.md", 1, 1, "a | b <br> *c*")
    text = report("markdown", findings=[odd], unused=())
    row = text.splitlines()[-1]
    assert row == "| info | `a.md:1` | [RC301](docs/rules/uncited-claim.md) uncited-claim | a \\| b \\<br\\> \\*c\\* |"


def test_markdown_when_clean():
    assert report("markdown", findings=[], unused=()) == "### refcheck: no problems found in 3 documents\n"


def test_sarif_fix_replaces_the_given_region_and_validates():
    from refcheck.report.base import TextEdit

    edit = TextEdit("corpus/paper.md", 60, 11, 17, "Moisiu", "Moisio")
    out = io.StringIO()
    render(FINDINGS, DOCUMENTS, "sarif", out, rules=RULES, fixes={"3f9a1c0e": (edit,)})
    log = json.loads(out.getvalue())
    [fixed] = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert fixed["ruleId"] == "RC102"
    assert fixed["fixes"] == [{
        "description": {"text": "Replace 'Moisiu' with 'Moisio'"},
        "artifactChanges": [{"artifactLocation": {"uri": "corpus/paper.md", "uriBaseId": "%SRCROOT%"}, "replacements": [
            {"deletedRegion": {"startLine": 60, "startColumn": 11, "endColumn": 17}, "insertedContent": {"text": "Moisio"}}]}],
    }]  # fmt: skip
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
