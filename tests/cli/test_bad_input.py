"""Bad input is one line on stderr naming the file, exit 2, never a traceback; the rest still runs."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support import DOCS, SAMPLE_PAPER


def refcheck(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "refcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def one_line_error(result, *names):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "no message"
    for name in names:
        assert any(name in line for line in lines), (name, lines)
    return lines


@pytest.fixture
def bad_files(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 au lait\nline two \xe9\n".encode("latin-1"))
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntruncated")
    (tmp_path / "good.md").write_text("A claim.[^1]\n\n[^1]: Lee, H. (2006). A title. A Journal, 1, 2-3.\n", encoding="utf-8")
    return tmp_path


def test_missing_file(tmp_path):
    lines = one_line_error(refcheck("extract", str(tmp_path / "nope.md")), "nope.md")
    assert len(lines) == 1 and "no such file" in lines[0]


def test_folder_without_documents(tmp_path):
    (tmp_path / "notes.rtf").write_bytes(b"{\\rtf1}")  # not a format refcheck reads
    lines = one_line_error(refcheck("extract", str(tmp_path)), str(tmp_path))
    assert "no documents" in lines[0]


@pytest.mark.parametrize("name, says", [("binary.txt", "binary"), ("latin1.md", "not UTF-8"), ("corrupt.pdf", "PDF")])
def test_unreadable_document(bad_files, name, says):
    lines = one_line_error(refcheck("extract", str(bad_files / name)), name)
    assert len(lines) == 1 and says in lines[0]


def test_non_utf8_error_names_the_line(bad_files):
    line = one_line_error(refcheck("extract", str(bad_files / "latin1.md")), "latin1.md")[0]
    assert "latin1.md:1:" in line


def test_folder_reports_each_bad_file_and_reads_the_rest(bad_files):
    result = refcheck("extract", str(bad_files), "--format", "json", "--no-body")
    lines = one_line_error(result, "binary.txt", "latin1.md", "corrupt.pdf")
    assert len(lines) == 3
    assert '"path": "' + str(bad_files / "good.md") in result.stdout


def test_audit_with_a_missing_library(tmp_path):
    result = refcheck("audit", str(SAMPLE_PAPER), "--bib", str(tmp_path / "missing.bib"))
    assert "missing.bib" in one_line_error(result)[0]


def test_audit_goes_on_past_a_malformed_library_and_writes_nothing(tmp_path):
    bib = tmp_path / "lib.bib"
    bib.write_bytes(
        b"@article{a, author = {Lee, H.}, title = {Unbalanced {brace}, year = {2006}}\n\n"
        b"@article{lee2006, author = {Lee, H.}, title = {A title}, journal = {A Journal}, year = {2006}}\n"
        b"@article{lee2006, author = {Lee, H.}, title = {Again}, journal = {J}, year = {2007}}\n"
        b"@book{caf\xe9, author = {Caf\xe9, C.}, title = {Latin-1}, publisher = {P}, year = {2001}}\n"
    )
    doc = DOCS / "markdown_footnotes.md"
    before = (bib.read_bytes(), doc.read_bytes())
    result = refcheck("audit", str(doc), "--bib", str(bib), "--format", "json", "--select", "RC4")
    assert result.returncode == 1
    assert result.stderr == ""  # each problem is a finding, not log noise
    import json

    findings = json.loads(result.stdout)["findings"]
    where = {(f["rule"], f["line"]) for f in findings}
    assert ("malformed-entry", 1) in where  # the unbalanced entry, by its line
    assert ("duplicate-entry", 4) in where  # the second lee2006
    assert any(f["rule"] == "malformed-entry" and "UTF-8" in (f["suggestion"] or "") for f in findings)
    assert any(f["entry"] == "lee2006" for f in findings)  # entries after the broken one were read
    assert (bib.read_bytes(), doc.read_bytes()) == before
