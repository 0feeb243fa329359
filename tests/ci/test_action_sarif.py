"""The Action's own audit command, run in the example: its SARIF validates against the OASIS 2.1.0 schema."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from ci_support import EXAMPLE, SARIF_SCHEMA, WORKFLOW_COMMAND, copy_example, run
from support import ROOT


def action_audit_args() -> list[str]:
    """The `refcheck audit ...` line of action.yml with its inputs at their defaults: what CI runs."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    line = next(s["run"] for s in action["runs"]["steps"] if "run" in s and "refcheck audit" in s["run"])
    line = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: defaults[m.group(1)], line)
    return [part.strip('"') for part in line.split()][1:]  # without the leading `refcheck`


@pytest.fixture(scope="module")
def action_run(tmp_path_factory):
    repo = copy_example(tmp_path_factory.mktemp("action"))
    return repo, run(repo, *action_audit_args())


def sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA} (CI has it in ../shared/data/)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_action_runs_the_audit_with_sarif_and_github_formats(action_run):
    repo, result = action_run
    assert action_audit_args() == ["audit", "--format", "sarif:refcheck.sarif", "--format", "github"]
    assert result.returncode == 1, result.stderr  # the seeded errors fail the check
    assert (repo / "refcheck.sarif").is_file()
    assert result.stdout and all(WORKFLOW_COMMAND.match(line) for line in result.stdout.splitlines())


def test_sarif_validates_against_the_oasis_schema(action_run):
    validator = sarif_validator()
    repo, _ = action_run
    log = json.loads((repo / "refcheck.sarif").read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_every_result_has_rule_id_level_location_and_message(action_run):
    repo, _ = action_run
    run_ = json.loads((repo / "refcheck.sarif").read_text(encoding="utf-8"))["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
            if r["level"] == "error"} == {("RC102", 3), ("RC103", 5), ("RC201", 5)}  # fmt: skip
    for r in results:
        assert re.fullmatch(r"RC\d{3}", r["ruleId"]) and rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
        assert r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in ("paper.md", "notes/outline.md", "refs.bib")
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1


def test_rule_metadata_has_help_and_a_link_to_the_rule_page(action_run):
    repo, _ = action_run
    rules = json.loads((repo / "refcheck.sarif").read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    misspelled = by_id["RC102"]
    assert misspelled["name"] == "author-misspelled"
    assert misspelled["defaultConfiguration"]["level"] == "error"
    assert misspelled["shortDescription"]["text"].startswith("A cited author's name differs")
    assert "## Why" in misspelled["help"]["markdown"]
    assert "(docs/rules/author-misspelled.md)" in misspelled["help"]["markdown"]
    assert "helpUri" not in misspelled  # SARIF's helpUri is absolute; the default base is repository-relative
    assert by_id["RC103"]["help"]["text"].startswith("# RC103 `year-mismatch`")


def test_absolute_rule_docs_url_becomes_help_uri(tmp_path):
    validator = sarif_validator()
    repo = copy_example(tmp_path)
    config = repo / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'fail-on = "error"', 'fail-on = "error"\nrule-docs-url = "https://refcheck.example.org/rules"'), encoding="utf-8")
    result = run(repo, "audit", "--select", "RC2", "--format", "sarif")
    log = json.loads(result.stdout)
    assert not list(validator.iter_errors(log))
    [rule] = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "RC201"]
    assert rule["helpUri"] == "https://refcheck.example.org/rules/footnote-missing.md"


def test_example_workflow_runs_the_action_with_code_scanning_permission():
    workflow = yaml.safe_load((EXAMPLE / ".github" / "workflows" / "refcheck.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["refcheck"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert any(s.get("uses", "").endswith("/refcheck@main") for s in steps)


def test_fixes_replace_exactly_the_wrong_values(action_run):
    repo, _ = action_run
    results = json.loads((repo / "refcheck.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    lines = (repo / "paper.md").read_text(encoding="utf-8").split("\n")
    applied = {}
    for r in results:
        for fix in r.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == "paper.md"
                for rep in change["replacements"]:
                    region = rep["deletedRegion"]
                    line = lines[region["startLine"] - 1]
                    start, end = region["startColumn"] - 1, region["endColumn"] - 1
                    applied[r["ruleId"]] = (line[start:end], rep["insertedContent"]["text"])
                    lines[region["startLine"] - 1] = line[:start] + rep["insertedContent"]["text"] + line[end:]
    # the rules whose suggestion replaces written text get a fix; a missing note has none to make
    assert applied == {"RC102": ("Moisiu", "Moisio"), "RC103": ("1987", "1997")}
    assert lines[10].startswith("[^1]: Sami Moisio, Anssi Paasi.") and lines[11].startswith("[^2]: Cumings, B. (1997).")
