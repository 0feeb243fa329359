"""Every option that writes refuses a file the command reads: one line, exit 2, the input untouched."""

from __future__ import annotations

import os

import pytest

from bib_cli_support import run

LIB = "@article{a,\n  title = {T},\n  year = {2000},\n}\n"
DOC = "A claim.[^1]\n\n[^1]: Smith, J. (2000). T.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with refs.bib, paper.md and a refcheck.toml naming both; the working directory."""
    (tmp_path / "refs.bib").write_text(LIB)
    (tmp_path / "paper.md").write_text(DOC)
    (tmp_path / "refcheck.toml").write_text('documents = ["paper.md"]\nbib = ["refs.bib"]\n')
    os.symlink("refs.bib", tmp_path / "link.bib")  # the same file under another name
    monkeypatch.chdir(tmp_path)
    return tmp_path


CASES = {
    "clean --report": ("bib", "clean", "refs.bib", "--report", "refs.bib"),
    "clean --aliases": ("bib", "clean", "refs.bib", "--aliases", "refs.bib"),
    "clean -o through a link": ("bib", "clean", "refs.bib", "-o", "link.bib"),
    "clean --report over --cited-by": ("bib", "clean", "refs.bib", "--cited-by", "paper.md", "--report", "paper.md"),
    "fix -o": ("bib", "fix", "refs.bib", "-o", "refs.bib"),
    "fix --aliases": ("bib", "fix", "refs.bib", "--merge-duplicates", "--aliases", "link.bib"),
    "import -o": ("bib", "import", "paper.md", "-o", "paper.md"),
    "import -o over --taken": ("bib", "import", "paper.md", "--taken", "refs.bib", "-o", "link.bib"),
    "lint -o": ("bib", "lint", "refs.bib", "-o", "refs.bib"),
    "lint -o in a folder read": ("bib", "lint", ".", "-o", "link.bib"),
    "audit --output": ("audit", "--output", "paper.md"),
    "audit --format json:FILE": ("audit", "--format", "json:refs.bib"),
    "audit --write-baseline": ("audit", "--write-baseline", "paper.md"),
    "audit --output over the configuration": ("audit", "--output", "refcheck.toml"),
    "audit --format sarif:FILE over --bib": ("audit", "paper.md", "--bib", "link.bib", "--format", "sarif:refs.bib"),
}


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_an_output_naming_an_input_is_refused_in_one_line(project, capsys, args):
    before = {p: p.read_bytes() for p in project.iterdir() if p.is_file()}
    code, out, err = run(capsys, *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "never writes over what it reads" in err
    assert {p: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


def test_two_outputs_naming_one_file_are_refused(project, capsys):
    code, _out, err = run(capsys, "bib", "clean", "refs.bib", "-o", "out.bib", "--report", "out.bib")
    assert code == 2 and "name the same file" in err


def test_o_names_the_in_place_way_to_rewrite_an_input(project, capsys):
    code, _out, err = run(capsys, "bib", "clean", "refs.bib", "-o", "refs.bib")
    assert code == 2 and "--in-place" in err


def test_outputs_beside_the_inputs_are_written(project, capsys):
    code, _out, _err = run(capsys, "bib", "clean", "refs.bib", "-o", "clean.bib", "--report", "report.json")
    assert code == 0
    assert (project / "clean.bib").read_text().startswith("@article{a,")
    assert (project / "report.json").read_text().startswith("{")
    assert (project / "refs.bib").read_text() == LIB


def test_a_report_file_in_a_document_folder_that_is_not_a_document_is_fine(tmp_path):
    from refcheck.library.atomic import refuse_overwriting_inputs

    (tmp_path / "paper.md").write_text(DOC)
    (tmp_path / "report.json").write_text("{}")
    refuse_overwriting_inputs([("--output", str(tmp_path / "report.json"))], [str(tmp_path)], folder_suffixes=(".md",))
    with pytest.raises(Exception, match="never writes over"):
        refuse_overwriting_inputs([("--output", str(tmp_path / "paper.md"))], [str(tmp_path)], folder_suffixes=(".md",))
