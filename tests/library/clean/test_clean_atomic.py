"""Atomic writes: the new file or the old one, never half; a .bak of the old one when asked; no stray temporary file."""

from __future__ import annotations

import os
import stat

import pytest

from refcheck.errors import InputError
from refcheck.library import atomic
from refcheck.library.atomic import write_atomic


def test_a_new_file_is_written_with_the_usual_mode(tmp_path):
    path = tmp_path / "out.bib"
    assert write_atomic(str(path), "héllo\n") is None
    assert path.read_text(encoding="utf-8") == "héllo\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert os.listdir(tmp_path) == ["out.bib"]


def test_replacing_keeps_the_old_files_permissions_and_a_backup_when_asked(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    path.chmod(0o640)
    bak = write_atomic(str(path), "new\n", backup=True)
    assert bak == str(path) + ".bak"
    assert path.read_text() == "new\n" and (tmp_path / "lib.bib.bak").read_text() == "old\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["lib.bib", "lib.bib.bak"]


def test_no_backup_unless_asked(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    assert write_atomic(str(path), "new\n") is None
    assert os.listdir(tmp_path) == ["lib.bib"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(str(path), "new\n", backup=True)
    assert path.read_text() == "old\n"
    assert [n for n in os.listdir(tmp_path) if n != "lib.bib"] == []


def test_a_folder_that_cannot_be_written_is_an_input_error_naming_the_file(tmp_path):
    missing = tmp_path / "no" / "such" / "out.bib"
    with pytest.raises(InputError) as e:
        write_atomic(str(missing), "x")
    assert str(missing) in str(e.value)
