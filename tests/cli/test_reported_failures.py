"""What the first fuzz run of refcheck found (issue 13), each kind as a user meets it: no crash, no entry lost, no
workflow command forged on standard error.

The other kinds have their tests beside the code they concern: bounded work in
tests/fuzz/test_bounded_work.py, reading outside the project and output
injection in tests/cli/test_untrusted_input.py and
tests/report/test_untrusted_text.py, writes in tests/cli/test_in_place_*.py and
tests/cli/test_bib_fix_never_damages.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bib_cli_support import run
from refcheck.ingest import read_document
from refcheck.library.bibfile import PREDEFINED, parse_bib
from support import SHARED

REAL_LIBRARY = SHARED / "data" / "bib" / "glottolog-ozbib.bib"


def keys(text: str) -> list[str]:
    return [e.key for e in parse_bib(text, "lib.bib", dict(PREDEFINED)).entries if not e.malformed]


def test_an_input_of_a_folder_or_an_empty_name_is_a_warning_and_the_rest_is_read(tmp_path, monkeypatch):
    # found by the fuzz run: `\input{.}` raised ValueError in the LaTeX reader (a path with no name) and the
    # audit died with a traceback
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    Path("main.tex").write_text("Before \\cite{a}.\n\\input{.}\n\\input{./}\n\\subfile{.}\n\\input{sub/.}\n"
                                "After \\cite{b}.\n", encoding="utf-8")  # fmt: skip
    doc = read_document(Path("main.tex"))
    assert "Before \\cite{a}." in doc.text and "After \\cite{b}." in doc.text
    assert doc.warnings[:3] == ("main.tex:2: \\input{.}: not a file name; the rest is read",
                                "main.tex:3: \\input{./}: not a file name; the rest is read",
                                "main.tex:4: \\subfile{.}: not a file name; the rest is read")  # fmt: skip
    assert doc.warnings[3].startswith("main.tex:5: \\input{sub/.}: no such file")


BROKEN = ("@misc{one,\n  title = {One},\n  year = {2001},\n}\n"
          "@\n"  # a stray @
          "@misc{two,\n  title = {Two},\n  year = {2002},\n}\n"
          "@misc{three,\n  title = {Three {unbalanced},\n  year = {2003},\n}\n\n"  # a brace left open
          "@misc{four,\n  title = {Four},\n  year = {2004},\n}\n")  # fmt: skip


@pytest.mark.parametrize("command", ["fix", "clean"])
def test_a_stray_at_sign_and_an_open_brace_lose_no_entry(tmp_path, capsys, command):
    # found by the fuzz run: `bib fix` dropped the entry after a stray `@` or an unbalanced brace
    lib = tmp_path / "refs.bib"
    lib.write_text(BROKEN, encoding="utf-8")
    code, _out, err = run(capsys, "bib", command, str(lib), "-o", str(tmp_path / "out.bib"))
    assert code == 0, err
    written = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert {"one", "two", "four"} <= set(keys(written))
    assert "@misc{three," in written and "Three {unbalanced}" in written  # fixed or kept verbatim, never dropped


@pytest.mark.parametrize("command", ["fix", "clean"])
def test_a_nul_byte_before_an_entry_leaves_the_library_untouched_with_one_line(tmp_path, capsys, command):
    # found by the fuzz run: `bib fix` dropped the entry after a NUL byte; now such a file is not a library
    lib = tmp_path / "refs.bib"
    data = BROKEN.replace("@misc{two", "\x00@misc{two").encode()
    lib.write_bytes(data)
    code, _out, err = run(capsys, "bib", command, str(lib), "--in-place")
    assert code == 2
    assert err.splitlines() == [f"refcheck: error: {lib}: not a text file (binary content)"]
    assert lib.read_bytes() == data


@pytest.mark.skipif(not REAL_LIBRARY.is_file(), reason="../shared/data/bib is not here")
def test_fix_of_a_large_real_library_with_broken_entries_writes_every_entry(tmp_path, capsys):
    # found by the fuzz run: `bib fix` once wrote 2.8 kB for a 4 MB library
    text = REAL_LIBRARY.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^@", text, re.MULTILINE)]
    cut = starts[len(starts) // 2]
    text = text[: starts[10]] + "@misc{broken,\n  title = {Open\n\n" + text[starts[10] : cut] + "@\n" + text[cut:]
    lib = tmp_path / "refs.bib"
    lib.write_text(text, encoding="utf-8")
    before = keys(text)
    code, _out, err = run(capsys, "bib", "fix", str(lib), "-o", str(tmp_path / "out.bib"))
    assert code == 0, err
    written = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert len(written) >= len(text)  # fixes add characters, none takes a whole entry away
    assert sorted(keys(written)) == sorted(before + ["broken"])  # each entry kept, the open one closed


def test_a_file_name_or_an_input_holding_a_workflow_command_never_starts_a_line_on_stderr(tmp_path):
    # found by the fuzz run: a file name or `\input{…}` with a newline and `::error` became a command on stderr
    (tmp_path / "refs.bib").write_text("@misc{a,\n  title = {A},\n  year = {2001},\n}\n", encoding="utf-8")
    name = "x\n::error::name.tex"
    (tmp_path / name).write_text("Text \\cite{a} and \\cite{gone}.\n\\input{y\n::error::gotcha}\n\\input{missing\n"
                                 "##[error]z}\n", encoding="utf-8")  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "refcheck", "audit", name, "--bib", "refs.bib", "--blank-pipeline",
                             "--fail-on", "never", "--format", "github"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert sum("gotcha" in line for line in warnings) == 1 and sum("##[error]z" in line for line in warnings) == 1
    for line in warnings + result.stdout.splitlines():
        assert not line.lstrip().startswith(("::", "##[")) or line.startswith("::error file=x%0A"), line
    annotations = result.stdout.splitlines()
    assert annotations and all(line.startswith("::") for line in annotations)


def test_check_of_a_library_whose_layout_alone_differs_never_says_nothing_to_change(tmp_path, capsys):
    # a new user's surprise: `bib clean --check` said "nothing to change" and "not clean" together
    lib = tmp_path / "refs.bib"
    lib.write_text("@article{a,\n  title = {X},\n  year = {2001},\n}\n", encoding="utf-8")
    code, out, err = run(capsys, "bib", "clean", str(lib), "--check")
    assert code == 1 and "+  year  = {2001}," in out
    assert err.splitlines() == ["refcheck: no entry or value to change", "refcheck: 1 of 1 file(s) not clean (layout only)"]
