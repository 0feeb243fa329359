"""The rule catalogue: codes and names are the contract's, never reused; every rule documents itself."""

from __future__ import annotations

import re
import sys

import pytest
from click.testing import CliRunner
from support import ROOT, SHARED

from refcheck.checks.docs import missing_sections
from refcheck.checks.registry import all_rules, rule_by_id, select_rules
from refcheck.cli import cli
from refcheck.errors import UsageError

# The report contract's catalogue (shared/spec/report-contract.md), frozen here so that a
# code that disappears, is renamed or is reused fails even where shared/ is absent.
CATALOGUE = {
    "RC101": ("unresolved-citation", "error"), "RC102": ("author-misspelled", "error"),
    "RC103": ("year-mismatch", "error"), "RC104": ("title-mismatch", "warning"),
    "RC105": ("unrelated-citation", "warning"), "RC106": ("anachronistic-citation", "warning"),
    "RC107": ("quote-not-found", "warning"), "RC108": ("reference-list-mismatch", "warning"),
    "RC109": ("unverifiable-citation", "info"), "RC110": ("unverified-reference", "warning"),
    "RC111": ("metadata-mismatch", "warning"), "RC112": ("retracted-work", "error"),
    "RC201": ("footnote-missing", "error"), "RC202": ("footnote-unreferenced", "warning"),
    "RC203": ("footnote-order", "warning"), "RC301": ("uncited-claim", "info"),
    "RC302": ("name-inconsistent", "info"), "RC401": ("unused-entry", "info"),
    "RC402": ("duplicate-entry", "error"), "RC403": ("incomplete-entry", "warning"),
    "RC404": ("malformed-entry", "error"),
}


def test_every_rule_is_in_the_contract_with_its_name_and_severity():
    for rule in all_rules():
        assert CATALOGUE.get(rule.code) == (rule.name, rule.severity.value), rule.code


def test_frozen_catalogue_agrees_with_the_contract():
    contract = SHARED / "spec" / "report-contract.md"
    if not contract.exists():
        pytest.skip(f"{contract} is not here")
    rows = re.findall(r"^\| (RC\d+) \| `([a-z-]+)` \| (\w+) \|", contract.read_text(), re.M)
    assert {code: (name, sev) for code, name, sev in rows} == CATALOGUE


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_rule_docstring_has_every_section(rule):
    assert not missing_sections(rule), f"{rule.name} lacks {missing_sections(rule)}"


def test_rule_pages_are_up_to_date():
    sys.path.insert(0, str(ROOT / "tools"))
    from gen_rule_docs import expected

    stale = [p.name for p, text in expected().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `make docs`: {stale}"


def test_rules_found_by_code_name_and_prefix():
    assert rule_by_id("rc102").name == "author-misspelled"
    assert rule_by_id("author-misspelled").code == "RC102"
    assert {r.code for r in select_rules(["RC2"], None)} == {"RC201", "RC202", "RC203"}
    assert "RC401" not in {r.code for r in select_rules(None, ["unused-entry"])}
    with pytest.raises(UsageError, match="unknown rule 'RC999'"):
        select_rules(["RC999"], None)


def test_rules_and_explain_commands():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"]).output
    assert "RC102  author-misspelled" in listing
    page = runner.invoke(cli, ["explain", "RC102"])
    assert page.exit_code == 0 and "## Why" in page.output and "## How to silence" in page.output


def test_the_registry_table_names_every_rule_where_it_is_defined():
    import importlib
    import pkgutil

    import refcheck.checks.rules as package
    from refcheck.checks.base import Rule
    from refcheck.checks.registry import RULES

    found = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        found += [obj for obj in vars(module).values()
                  if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__]
    assert len({r.code for r in found}) == len({r.name for r in found}) == len(found)  # codes and names unique
    assert RULES == {r.code: (r.name, r.__module__) for r in found}
    assert list(all_rules()) == sorted(found, key=lambda r: r.code)


def test_rules_left_out_are_not_imported():
    import subprocess

    code = ("import sys\nfrom refcheck.checks.registry import select_rules\n"
            "chosen = select_rules(None, ['RC105', 'uncited-claim'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('refcheck.checks.rules.claims.')))\n"
            "print([r.code for r in chosen])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert "refcheck.checks.rules.claims.unrelated" not in out[0] and "refcheck.checks.rules.claims.uncited" not in out[0]
    assert "'RC105'" not in out[1] and "'RC301'" not in out[1] and "'RC101'" in out[1]
