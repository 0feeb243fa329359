"""`refcheck bib clean`: where the result goes, --check for CI, backups, aliases, reports, errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from bib_cli_support import run

from support import CORPUS, ROOT

MESS = ROOT / "tests" / "fixtures" / "bib" / "mess.bib"
SAMPLE_BIB = ROOT / "bib" / "korea-japan.bib"


def _copy(tmp_path: Path, src: Path = MESS, name: str = "lib.bib") -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def test_the_cleaned_library_goes_to_stdout_and_the_input_is_untouched(tmp_path, capsys):
    lib = _copy(tmp_path)
    before = lib.read_bytes()
    code, out, err = run(capsys, "bib", "clean", str(lib))
    assert code == 0
    assert out == (MESS.parent / "mess.clean.bib").read_text(encoding="utf-8")
    assert lib.read_bytes() == before
    assert os.listdir(tmp_path) == ["lib.bib"]
    assert "merged: 'Moisio_2013' merged into 'moisio2013geopolitical'" in err
    assert "kept-verbatim" in err and "empty-field" in err


def test_output_file(tmp_path, capsys):
    lib = _copy(tmp_path)
    code, out, _err = run(capsys, "bib", "clean", str(lib), "-o", str(tmp_path / "clean.bib"))
    assert code == 0 and out == ""
    assert (tmp_path / "clean.bib").read_text(encoding="utf-8") == (MESS.parent / "mess.clean.bib").read_text(encoding="utf-8")


def test_in_place_keeps_a_backup_unless_told_not_to(tmp_path, capsys):
    lib = _copy(tmp_path)
    original = lib.read_text(encoding="utf-8")
    code, _out, err = run(capsys, "bib", "clean", str(lib), "--in-place")
    assert code == 0 and "old file kept as" in err
    assert (tmp_path / "lib.bib.bak").read_text(encoding="utf-8") == original
    assert lib.read_text(encoding="utf-8") == (MESS.parent / "mess.clean.bib").read_text(encoding="utf-8")
    other = _copy(tmp_path, name="other.bib")
    run(capsys, "bib", "clean", str(other), "--in-place", "--no-backup")
    assert not (tmp_path / "other.bib.bak").exists()


def test_in_place_on_a_clean_file_writes_nothing(tmp_path, capsys):
    lib = _copy(tmp_path, MESS.parent / "mess.clean.bib")
    mtime = lib.stat().st_mtime_ns
    code, _out, _err = run(capsys, "bib", "clean", str(lib), "--in-place")
    assert code == 0 and lib.stat().st_mtime_ns == mtime and not (tmp_path / "lib.bib.bak").exists()


def test_check_fails_with_a_diff_on_a_messy_file_and_passes_on_a_clean_one(tmp_path, capsys):
    lib = _copy(tmp_path)
    code, out, err = run(capsys, "bib", "clean", "--check", str(lib))
    assert code == 1
    assert out.startswith(f"--- {lib}\n+++ {lib}\n@@ ")
    assert "-@ARTICLE{moisio2013geopolitical," in out and "+@article{moisio2013geopolitical," in out
    assert "not clean" in err
    clean = _copy(tmp_path, MESS.parent / "mess.clean.bib", "clean.bib")
    code, out, err = run(capsys, "bib", "clean", "--check", str(clean))
    assert (code, out) == (0, "")


def test_check_with_in_place_is_a_usage_error(tmp_path, capsys):
    code, _out, err = run(capsys, "bib", "clean", "--check", "--in-place", str(_copy(tmp_path)))
    assert code == 2 and "--check writes nothing" in err


def test_output_onto_an_input_needs_in_place(tmp_path, capsys):
    lib = _copy(tmp_path)
    code, _out, err = run(capsys, "bib", "clean", str(lib), "-o", str(lib))
    assert code == 2 and "use --in-place" in err


def test_a_missing_input_is_one_line_and_exit_2(tmp_path, capsys):
    code, out, err = run(capsys, "bib", "clean", str(tmp_path / "nope.bib"))
    assert code == 2 and out == ""
    assert err.strip() == f"refcheck: error: {tmp_path / 'nope.bib'}: no such file or folder"


def test_aliases_and_a_json_report(tmp_path, capsys):
    lib = _copy(tmp_path)
    code, _out, err = run(capsys, "bib", "clean", str(lib), "-o", str(tmp_path / "c.bib"),
                          "--aliases", str(tmp_path / "aliases.tsv"), "--report", str(tmp_path / "report.json"))
    assert code == 0
    assert (tmp_path / "aliases.tsv").read_text().splitlines()[1:] == ["Moisio_2013\tmoisio2013geopolitical"]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "refcheck-bib-clean/1"
    assert {c["kind"] for c in report["changes"]} >= {"merged", "empty-field", "kept-verbatim", "doi-conflict"}
    assert "merged:" not in err and "1 merged" in err  # listed in the file; counted on stderr


def test_a_declared_distinct_pair_is_not_merged_and_is_remembered_in_the_file(tmp_path, capsys):
    lib = _copy(tmp_path)
    code, _out, err = run(capsys, "bib", "clean", str(lib), "--in-place", "--distinct", "moisio2013geopolitical,Moisio_2013")
    assert code == 0 and "recorded as different works" in err
    text = lib.read_text(encoding="utf-8")
    assert "% refcheck: distinct Moisio_2013 moisio2013geopolitical" in text
    assert "@article{Moisio_2013," in text
    code, _out, err = run(capsys, "bib", "clean", str(lib), "--check")  # remembered: never asked again
    assert code == 0 and "recorded" not in err


def test_the_configuration_can_declare_a_distinct_pair(tmp_path, capsys, monkeypatch):
    _copy(tmp_path)
    (tmp_path / "refcheck.toml").write_text('distinct = [["moisio2013geopolitical", "Moisio_2013"]]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _err = run(capsys, "bib", "clean", "lib.bib")
    assert code == 0 and "@article{Moisio_2013," in out


def test_several_inputs_make_one_output_sorted_across_them(tmp_path, capsys):
    a = tmp_path / "a.bib"
    b = tmp_path / "b.bib"
    a.write_text("@misc{zed, title = {Z}}\n")
    b.write_text("@misc{abe, title = {A}}\n")
    code, out, _err = run(capsys, "bib", "clean", str(a), str(b), "--sort", "key")
    assert code == 0 and out.index("@misc{abe,") < out.index("@misc{zed,")


def test_formatting_options(tmp_path, capsys):
    lib = tmp_path / "a.bib"
    lib.write_text("@misc{k, year = {2000}, title = {T}}\n")
    code, out, _err = run(capsys, "bib", "clean", str(lib), "--quotes", "--indent", "tab", "--align", "none",
                          "--no-trailing-comma", "--field-order", "keep")
    assert code == 0 and out == '@misc{k,\n\tyear = "2000",\n\ttitle = "T"\n}\n'


def test_cited_by_keeps_what_the_sample_paper_cites(tmp_path, capsys):
    lib = _copy(tmp_path, SAMPLE_BIB)
    code, out, err = run(capsys, "bib", "clean", str(lib), "--cited-by", str(CORPUS / "002_d244ba052e56942e.txt"),
                         "--blank-pipeline")
    assert code == 0
    assert "@article{moisio2013geopolitical," in out and "@article{kim2014legacies," in out
    kept = out.count("\n@")
    uncited = err.count(": uncited: ")
    assert kept + 1 + uncited == SAMPLE_BIB.read_text(encoding="utf-8").count("\n@") + 1


def test_a_malformed_entry_is_reported_with_its_line_and_the_output_keeps_everything(tmp_path, capsys):
    lib = tmp_path / "broken.bib"
    lib.write_text(
        "@article{before, title = {Fine}, year = 2000}\n\n"
        "@article{broken,\n  title = {An {unbalanced title,\n  year = 2001\n}\n\n"
        "@article{after1, title = {Still here}, year = 2002}\n@article{after2, title = {Also here}, year = 2003}\n"
    )
    code, out, err = run(capsys, "bib", "clean", str(lib))
    assert code == 0
    assert f"{lib}:3: kept-verbatim: @article 'broken' does not parse" in err
    assert "@article{broken,\n  title = {An {unbalanced title,\n  year = 2001\n}" in out
    assert [line for line in out.splitlines() if line.startswith("@")] == [
        "@article{before,", "@article{broken,", "@article{after1,", "@article{after2,",
    ]
