"""`refcheck bib fix`: only the named fixes change the file; --diff shows them; inputs untouched unless --in-place."""

from __future__ import annotations

from bib_cli_support import run

BROKEN = """% keep   this   spacing
@article{a,
  title = {T},
  doi = {doi:10.1/x},
}
"""


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path, capsys):
    lib = tmp_path / "lib.bib"
    lib.write_text(BROKEN)
    code, out, err = run(capsys, "bib", "fix", str(lib), "--diff")
    assert code == 0
    assert out.splitlines()[-4:] == ["   title = {T},", "-  doi = {doi:10.1/x},", "+  doi = {10.1/x},", " }"]
    assert "doi-prefix" in err and "1 fix(es)" in err
    assert lib.read_text() == BROKEN


def test_in_place_changes_only_the_fixed_bytes_and_keeps_a_backup(tmp_path, capsys):
    lib = tmp_path / "lib.bib"
    lib.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode())  # a BOM and CRLF line ends stay
    code, _out, _err = run(capsys, "bib", "fix", str(lib), "--in-place")
    assert code == 0
    assert lib.read_bytes() == b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").replace("doi:10", "10").encode()
    assert (tmp_path / "lib.bib.bak").read_bytes().startswith(b"\xef\xbb\xbf% keep   this")


def test_output_file_and_nothing_to_fix(tmp_path, capsys):
    lib = tmp_path / "lib.bib"
    lib.write_text("@misc{a, title = {T}}\n")
    code, _out, err = run(capsys, "bib", "fix", str(lib), "-o", str(tmp_path / "out.bib"))
    assert code == 0 and "nothing to fix" in err
    assert (tmp_path / "out.bib").read_text() == "@misc{a, title = {T}}\n"


def test_several_files_need_in_place_or_diff(tmp_path, capsys):
    a, b = tmp_path / "a.bib", tmp_path / "b.bib"
    a.write_text(BROKEN)
    b.write_text(BROKEN)
    code, _out, err = run(capsys, "bib", "fix", str(a), str(b))
    assert code == 2 and "--in-place or --diff" in err
