"""The JSON report holds to the contract: its fields, in its order, findings sorted, counts right."""

from __future__ import annotations

import io
import json
import random

import jsonschema

from refcheck.report import render
from report_fixtures import DOCUMENTS, FINDINGS, assert_golden, contract_example

NULLABLE_STRING = {"type": ["string", "null"]}
SCHEMA = {
    "type": "object",
    "required": ["schema", "documents", "findings", "summary"],
    "properties": {
        "schema": {"const": "refcheck-report/1"},
        "documents": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "footnotes", "citations", "claims"],
                "properties": {
                    "path": {"type": "string"},
                    "footnotes": {"type": "integer"},
                    "citations": {"type": "integer"},
                    "claims": {"type": "integer"},
                },
            },
        },
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "rule", "code", "severity", "path", "line", "column",
                    "citation", "entry", "message", "suggestion", "context",
                ],  # fmt: skip
                "properties": {
                    "rule": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                    "code": {"type": "string", "pattern": "^RC[0-9]{3}$"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "path": {"type": "string"},
                    "line": {"type": ["integer", "null"], "minimum": 1},
                    "column": {"type": ["integer", "null"], "minimum": 1},
                    "citation": NULLABLE_STRING,
                    "entry": NULLABLE_STRING,
                    "message": {"type": "string"},
                    "suggestion": NULLABLE_STRING,
                    "context": NULLABLE_STRING,
                    "page": {"type": "integer", "minimum": 1},
                    "evidence": {"type": "array", "items": {"type": "string"}},
                    "entry_summary": {"type": "string"},
                    "fingerprint": {"type": "string"},
                },
            },
        },
        "summary": {
            "type": "object",
            "required": ["error", "warning", "info"],
            "additionalProperties": False,
            "properties": {s: {"type": "integer", "minimum": 0} for s in ("error", "warning", "info")},
        },
    },
}


def json_report(findings, documents) -> str:
    out = io.StringIO()
    render(findings, documents, "json", out)
    return out.getvalue()


def test_report_matches_golden():
    assert_golden("report.json", json_report(FINDINGS, DOCUMENTS))


def test_report_validates_against_the_contract_schema():
    jsonschema.validate(json.loads(json_report(FINDINGS, DOCUMENTS)), SCHEMA)


def test_fields_are_the_contracts_in_its_order():
    contract = contract_example()
    report = json.loads(json_report(FINDINGS, DOCUMENTS))
    assert list(report) == list(contract)
    assert list(report["documents"][0]) == list(contract["documents"][0])
    contract_fields = list(contract["findings"][0])
    for f in report["findings"]:
        assert list(f)[: len(contract_fields)] == contract_fields
    assert SCHEMA["properties"]["findings"]["items"]["required"] == contract_fields


def test_findings_come_sorted_whatever_order_they_arrive_in():
    expected = json_report(FINDINGS, DOCUMENTS)
    findings, rng = list(FINDINGS), random.Random(7)
    for _ in range(5):
        rng.shuffle(findings)
        assert json_report(findings, DOCUMENTS) == expected
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(expected)["findings"]]
    assert keys == sorted(keys)


def test_documents_keep_the_order_given():
    report = json.loads(json_report(FINDINGS, DOCUMENTS))
    assert [d["path"] for d in report["documents"]] == [d.path for d in DOCUMENTS]


def test_summary_counts_each_severity():
    report = json.loads(json_report(FINDINGS, DOCUMENTS))
    assert report["summary"] == {"error": 2, "warning": 1, "info": 2}
    assert sum(report["summary"].values()) == len(report["findings"])


def test_page_and_added_fields_appear_only_when_set():
    by_code = {f["code"]: f for f in json.loads(json_report(FINDINGS, DOCUMENTS))["findings"]}
    assert by_code["RC301"]["page"] == 3
    assert all("page" not in f for code, f in by_code.items() if code != "RC301")
    misspelled = by_code["RC102"]
    assert misspelled["evidence"][1] == "library: author = {Moisio, Sami and Paasi, Anssi}"
    assert misspelled["entry_summary"] == "Moisio & Paasi (2013) From geopolitical to geoeconomic?"
    assert misspelled["fingerprint"] == "3f9a1c0e"
    assert not {"evidence", "entry_summary", "fingerprint"} & set(by_code["RC109"])


def test_library_finding_has_null_citation():
    by_code = {f["code"]: f for f in json.loads(json_report(FINDINGS, DOCUMENTS))["findings"]}
    assert by_code["RC402"]["path"] == "bib/library.bib"
    assert by_code["RC402"]["citation"] is None


def test_non_ascii_is_written_as_is_with_a_trailing_newline():
    text = json_report(FINDINGS, DOCUMENTS)
    assert "Kovács & Lee, 2020" in text
    assert text.endswith("}\n") and not text.endswith("\n\n")


def test_clean_run_still_lists_documents_and_zero_counts():
    report = json.loads(json_report([], DOCUMENTS))
    assert report["findings"] == []
    assert len(report["documents"]) == 3
    assert report["summary"] == {"error": 0, "warning": 0, "info": 0}
