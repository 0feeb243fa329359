"""CSL JSON, CSL YAML and RIS libraries load into the same entries as BibTeX, with lines and problems."""

from __future__ import annotations

import subprocess
import sys

from support import FIXTURES

from refcheck.library import load_library

BIB = FIXTURES / "bib"


def _by_key(path):
    lib = load_library([str(path)])
    return lib, {e.key: e for e in lib.entries}


def test_csl_json_items_become_entries_with_their_lines():
    lib, entries = _by_key(BIB / "csl_library.json")
    assert list(entries) == ["vaswani2017attention", "vangogh1888letters", "who2020report"]
    v = entries["vaswani2017attention"]
    assert (v.type, v.line, v.year, v.pages) == ("inproceedings", 3, "2017", "5998-6008")
    assert [a.family for a in v.authors] == ["Vaswani", "Shazeer"]
    assert v.container == "Advances in Neural Information Processing Systems"
    g = entries["vangogh1888letters"]
    assert (g.authors[0].particle, g.authors[0].family) == ("van", "Gogh")
    assert g.title == "Letters & sketches: 100% original"  # CSL markup dropped, % and & literal
    w = entries["who2020report"]
    assert w.authors[0].literal == "World Health Organization" and w.doi == "10.1000/who_2020"
    [problem] = lib.problems
    assert problem.kind == "malformed" and "item 4 has no 'id'" in problem.message and problem.line == 27


def test_csl_yaml_references_list():
    lib, entries = _by_key(BIB / "csl_library.yaml")
    assert list(entries) == ["kahneman1979prospect", "steele1995stereotype"]
    k = entries["kahneman1979prospect"]
    assert (k.line, k.year, k.volume, k.number, k.container) == (3, "1979", "47", "2", "Econometrica")
    assert entries["steele1995stereotype"].year == "1995"
    assert not lib.problems


def test_ris_records_keyed_by_id_or_author_year_word():
    lib, entries = _by_key(BIB / "ris_library.ris")
    # two records would both be kahneman1979prospect: the second gets a letter
    assert list(entries) == ["kahneman1979prospect", "goodfellow2016deep", "kahneman1979prospecta"]
    k = entries["kahneman1979prospect"]
    assert (k.line, k.pages, k.doi, k.container) == (1, "263-291", "10.2307/1914185", "Econometrica")
    assert entries["kahneman1979prospecta"].title == "Prospect theory revisited"  # wrapped value joined
    assert entries["goodfellow2016deep"].line == 14 and not lib.problems


def test_invalid_csl_json_is_a_problem_with_its_line(tmp_path):
    bad = tmp_path / "refs.json"
    bad.write_text('[\n  {"id": "a",\n  "title": }\n]\n', encoding="utf-8")
    lib = load_library([str(bad)])
    assert not lib.entries
    [problem] = lib.problems
    assert problem.kind == "malformed" and problem.line == 3 and problem.message.startswith("not CSL JSON")


def _refcheck(*args, cwd):
    return subprocess.run([sys.executable, "-m", "refcheck", *args], cwd=cwd, capture_output=True, text=True)


def test_bib_clean_writes_a_csl_library_as_bibtex_but_never_in_place(tmp_path):
    lib = tmp_path / "refs.json"
    lib.write_bytes((BIB / "csl_library.json").read_bytes())
    out = _refcheck("bib", "clean", "refs.json", "-o", "refs.bib", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "refs.bib").read_text(encoding="utf-8")
    assert "@inproceedings{vaswani2017attention," in text and "title     = {Letters \\& sketches" in text
    refused = _refcheck("bib", "clean", "refs.json", "--in-place", cwd=tmp_path)
    assert refused.returncode == 2 and "refs.json" in refused.stderr and "-o FILE.bib" in refused.stderr
    assert lib.read_bytes() == (BIB / "csl_library.json").read_bytes()


def test_hayagriva_yaml_for_typst():
    lib, entries = _by_key(BIB / "hayagriva.yml")
    assert list(entries) == ["harry", "electronic", "zygos"] and not lib.problems
    assert (entries["harry"].line, entries["harry"].year, entries["harry"].type) == (2, "2003", "book")
    assert entries["harry"].authors[0].family == "Rowling"
    assert entries["electronic"].authors[0].literal == "Ishkur" and entries["electronic"].doi == "10.1000/ishkur"
    z = entries["zygos"]
    assert ([a.family for a in z.authors], z.container, z.volume, z.pages) == (["Doe", "Roe"], "Journal of Typesetting", "7", "12-30")
