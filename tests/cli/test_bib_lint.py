"""`refcheck bib lint`: the library rules alone, and one person's name written two ways."""

from __future__ import annotations

import json

from bib_cli_support import run

from support import ROOT

MESS = ROOT / "tests" / "fixtures" / "bib" / "mess.bib"

NAMES = """
@book{a, author = {M{\\"u}ller, Hans}, title = {A}, publisher = {P}, year = 2000}
@book{b, author = {Muller, Hans}, title = {B}, publisher = {P}, year = 2001}
"""


def test_the_mess_library_has_its_duplicate_and_its_malformed_entry_reported(capsys):
    code, out, _err = run(capsys, "bib", "lint", str(MESS), "--format", "json")
    assert code == 1  # errors, at the default --fail-on error
    findings = json.loads(out)["findings"]
    rules = {(f["rule"], f["entry"]) for f in findings}
    assert ("duplicate-entry", "Moisio_2013") in rules
    assert ("malformed-entry", "broken2010") in rules
    assert ("incomplete-entry", "han2020hallyu") not in rules  # misc requires nothing
    assert all(f["path"] == str(MESS) for f in findings)
    assert ("duplicate-entry", "park2021academicb") not in rules  # declared distinct in the file


def test_names_spelled_two_ways_are_info_findings(tmp_path, capsys):
    lib = tmp_path / "names.bib"
    lib.write_text(NAMES, encoding="utf-8")
    code, out, _err = run(capsys, "bib", "lint", str(lib), "--format", "json")
    assert code == 0  # info only
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["rule"], finding["severity"]) == ("RC302", "name-inconsistent", "info")
    assert finding["entry"] == "b" and finding["line"] == 3
    assert finding["suggestion"] == "Müller, Hans"


def test_fail_on_info_fails_on_a_name_variant_and_text_is_the_default(tmp_path, capsys):
    lib = tmp_path / "names.bib"
    lib.write_text(NAMES, encoding="utf-8")
    code, out, _err = run(capsys, "bib", "lint", str(lib), "--fail-on", "info", "--no-color")
    assert code == 1 and "RC302 name-inconsistent" in out


def test_an_unknown_format_or_a_missing_file_is_exit_2(tmp_path, capsys):
    assert run(capsys, "bib", "lint", str(MESS), "--format", "nope")[0] == 2
    code, _out, err = run(capsys, "bib", "lint", str(tmp_path / "none.bib"))
    assert code == 2 and "none.bib" in err
