"""--in-place keeps what the file is: its line ends, its encoding, its link, its permissions."""

from __future__ import annotations

import stat

from bib_cli_support import run

CLEAN = "@article{a,\n  author = {Moisio, Sami},\n  title  = {Geopolitics},\n  year   = {2013},\n}\n"
MESSY = "@article{a, author = {Moisio, Sami}, title = {Geopolitics},\n year = {2013}, note = {}}\n"


def test_a_clean_crlf_library_passes_check(tmp_path, capsys):
    lib = tmp_path / "refs.bib"
    lib.write_bytes(CLEAN.replace("\n", "\r\n").encode())
    code, out, err = run(capsys, "bib", "clean", str(lib), "--check")
    assert code == 0 and out == "" and "not clean" not in err


def test_in_place_on_a_crlf_library_writes_crlf(tmp_path, capsys):
    lib = tmp_path / "refs.bib"
    lib.write_bytes(MESSY.replace("\n", "\r\n").encode())
    code, _out, _err = run(capsys, "bib", "clean", str(lib), "--in-place")
    assert code == 0
    assert lib.read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert run(capsys, "bib", "clean", str(lib), "--check")[0] == 0


def test_in_place_through_a_symlink_updates_the_shared_file(tmp_path, capsys):
    shared = tmp_path / "shared.bib"
    shared.write_text(MESSY)
    link = tmp_path / "refs.bib"
    link.symlink_to(shared)
    code, _out, _err = run(capsys, "bib", "clean", str(link), "--in-place")
    assert code == 0
    assert link.is_symlink() and shared.read_text() == CLEAN
    assert (tmp_path / "shared.bib.bak").read_text() == MESSY


def test_a_read_only_library_needs_force(tmp_path, capsys):
    lib = tmp_path / "refs.bib"
    lib.write_text(MESSY)
    lib.chmod(0o444)
    code, _out, err = run(capsys, "bib", "clean", str(lib), "--in-place")
    assert code == 2 and "read-only" in err and len(err.strip().splitlines()) == 1
    assert lib.read_text() == MESSY
    code, _out, _err = run(capsys, "bib", "fix", str(lib), "--in-place", "--force")
    assert code == 0 and "note" not in lib.read_text() and stat.S_IMODE(lib.stat().st_mode) == 0o444


def test_rekey_in_place_keeps_a_latin1_document_latin1(tmp_path, capsys):
    tex = tmp_path / "paper.tex"
    tex.write_bytes("Caf\u00e9 \\cite{old}.\n".encode("latin-1"))
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("old\tnew\n")
    code, _out, _err = run(capsys, "bib", "rekey", str(tex), "--aliases", str(aliases), "--in-place")
    assert code == 0
    assert tex.read_bytes() == "Caf\u00e9 \\cite{new}.\n".encode("latin-1")
    assert (tmp_path / "paper.tex.bak").read_bytes() == "Caf\u00e9 \\cite{old}.\n".encode("latin-1")


def test_inputs_that_are_not_regular_files_are_refused(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.bib"
    os.mkfifo(fifo)
    for args in (("bib", "lint", str(fifo)), ("bib", "clean", "/dev/zero"), ("bib", "fix", str(fifo))):
        code, _out, err = run(capsys, *args)
        assert code == 2 and "not a regular file" in err and len(err.strip().splitlines()) == 1, args
