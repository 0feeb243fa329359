"""A LaTeX thesis with \\include'd chapters: biblatex multicites, \\citeauthor/\\citeyear, \\nocite,
citations broken across lines, a missing chapter, and findings at the chapter's file and line in every format."""

from __future__ import annotations

import json
import subprocess
import sys

from support import DOCS

from refcheck.ingest import read_document

THESIS = DOCS / "thesis"


def _citations(extract_doc):
    return extract_doc("thesis/thesis.tex", blank=True).citations


def test_chapter_citations_carry_the_chapter_file_and_line(extract_doc):
    where = [(c.key, c.location.path.replace(str(DOCS), "D"), c.location.line) for c in _citations(extract_doc)]
    assert where[:4] == [
        ("vaswani2017attention", "D/thesis/chapters/intro.tex", 3),
        ("steele1995stereotype", "D/thesis/chapters/intro.tex", 4),
        ("goodfellow2016deep", "D/thesis/chapters/intro.tex", 7),
        ("missing2020nowhere", "D/thesis/chapters/intro.tex", 8),
    ]
    assert "commented2019out" not in {k for k, _, _ in where}


def test_multicites_keep_every_group_with_its_own_postnote(extract_doc):
    method = [(c.key, c.locator, c.narrative) for c in _citations(extract_doc) if c.location.path.endswith("method.tex")]
    assert method == [
        ("vaswani2017attention", "4", False),  # \autocites[see][4]{a}[12]{b}
        ("steele1995stereotype", "12", False),
        ("goodfellow2016deep", None, True),  # \citeauthor
        ("goodfellow2016deep", None, False),  # \citeyear
        ("goodfellow2016deep", None, False),  # \parencites(see)(and others){a}[ch.~2]{b}
        ("vaswani2017attention", "ch.~2", False),
        ("steele1995stereotype", None, True),  # \textcites{a}{b}
        ("goodfellow2016deep", None, True),
        ("vaswani2017attention", None, False),  # \cite{a,\n b}: broken across lines
        ("typo2017attnetion", None, False),
    ]


def test_a_missing_chapter_is_a_warning_and_the_rest_is_read():
    doc = read_document(THESIS / "thesis.tex")
    [warning] = doc.warnings
    assert warning.endswith(r"thesis.tex:8: \include{chapters/appendix}: no such file appendix.tex; the rest is read")
    assert "Several works agree" in doc.text


def _audit(*fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "refcheck", "audit", "thesis.tex", "--bib", "thesis.bib", "--select", "RC101,RC401",
         "--blank-pipeline", *fmt],
        cwd=THESIS, capture_output=True, text=True,
    )


def test_github_annotations_land_on_the_chapter_files():
    out = _audit("--format", "github", "--format", "json:report.json")
    try:
        assert out.returncode == 1, out.stderr
        lines = out.stdout.splitlines()
        assert [line.split("::")[1] for line in lines] == [
            "error file=chapters/intro.tex,line=8,col=28,title=refcheck RC101 unresolved-citation",
            "error file=chapters/method.tex,line=7,col=14,title=refcheck RC101 unresolved-citation",
            "notice file=thesis.bib,line=29,col=1,title=refcheck RC401 unused-entry",  # \nocite keeps kahneman
        ]
        assert "thesis.tex:8: \\include{chapters/appendix}: no such file appendix.tex" in out.stderr
        report = json.loads((THESIS / "report.json").read_text(encoding="utf-8"))
        places = {(f["path"], f["line"], f["citation"]) for f in report["findings"] if f["code"] == "RC101"}
        assert places == {("chapters/intro.tex", 8, "missing2020nowhere"), ("chapters/method.tex", 7, "typo2017attnetion")}
    finally:
        (THESIS / "report.json").unlink(missing_ok=True)


def test_a_suppression_in_a_chapter_silences_its_finding(tmp_path):
    import shutil

    copy = tmp_path / "thesis"
    shutil.copytree(THESIS, copy)
    intro = copy / "chapters" / "intro.tex"
    intro.write_text(intro.read_text().replace("here \\cite{missing", "here % refcheck: ignore[RC101]\n\\cite{missing"))
    out = subprocess.run(
        [sys.executable, "-m", "refcheck", "audit", "thesis.tex", "--bib", "thesis.bib", "--select", "RC101",
         "--blank-pipeline", "--format", "github"],
        cwd=copy, capture_output=True, text=True,
    )
    assert [line.split(",")[0] for line in out.stdout.splitlines()] == ["::error file=chapters/method.tex"]
