"""examples/pandoc-book: a Pandoc Markdown book with a CSL JSON library named in its front matter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from support import ROOT

BOOK = ROOT / "examples" / "pandoc-book"


def _refcheck(cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "refcheck", *args], cwd=cwd, capture_output=True, text=True)


def test_audit_reports_exactly_the_unresolved_and_unused_keys(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(BOOK, book)
    out = _refcheck(book, "audit", "--select", "RC101,RC401", "--blank-pipeline", "--format", "json")
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    assert [d["path"] for d in report["documents"]] == [
        "chapters/01-introduction.md", "chapters/02-methods.md", "chapters/03-results.md",
    ]
    unresolved = {(f["citation"], f["path"], f["line"]) for f in report["findings"] if f["code"] == "RC101"}
    assert unresolved == {("smith2020missing", "chapters/02-methods.md", 13), ("kingma2051adam", "chapters/02-methods.md", 13)}
    unused = {(f["entry"], f["path"]) for f in report["findings"] if f["code"] == "RC401"}
    assert unused == {("lecun2015deep", "references.json"), ("rumelhart1986learning", "references.json")}


def test_bib_clean_cited_by_keeps_exactly_the_cited_entries(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(BOOK, book)
    out = _refcheck(book, "bib", "clean", "references.json", "--cited-by", "chapters", "-o", "cited.bib", "--blank-pipeline")
    assert out.returncode == 0, out.stderr
    keys = re.findall(r"^@\w+\{([^,]+),", (book / "cited.bib").read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(keys) == sorted([
        "hochreiter1997long", "graves2005framewise", "vaswani2017attention", "devlin2019bert", "kingma2015adam",
        "srivastava2014dropout", "he2016deep", "goodfellow2016deep",
    ])
    assert "'lecun2015deep' is cited by none" in out.stderr and "'rumelhart1986learning' is cited by none" in out.stderr
    assert (book / "references.json").read_bytes() == (BOOK / "references.json").read_bytes()


def test_extract_shows_each_citation_with_its_file_and_line():
    out = _refcheck(BOOK, "extract", "chapters/02-methods.md", "--format", "json", "--no-body", "--blank-pipeline")
    doc = json.loads(out.stdout)["documents"][0]
    keyed = [(c["citation"], c["line"], c["column"], c["locator"]) for c in doc["citations"] if c["kind"] == "latex"]
    assert keyed == [
        ("kingma2015adam", 8, 21, None), ("srivastava2014dropout", 9, 3, None), ("he2016deep", 9, 50, None),
        ("smith2020missing", 13, 2, None), ("kingma2051adam", 13, 47, None),
        ("he2016deep", 15, 11, "p. 772"), ("goodfellow2016deep", 16, 31, "ch. 8"),  # in the footnote
    ]  # columns are those of the '@'; the footnote marker [^depth] is a citation of its own
    assert {c["path"] for c in doc["citations"]} == {"chapters/02-methods.md"}
