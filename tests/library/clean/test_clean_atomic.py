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


def test_a_symlink_stays_a_link_and_its_target_is_rewritten_with_the_backup_beside_it(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "lib.bib"
    target.write_text("old\n")
    link = tmp_path / "lib.bib"
    link.symlink_to(target)
    bak = write_atomic(str(link), "new\n", backup=True)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"
    assert bak == str(target) + ".bak" and (shared / "lib.bib.bak").read_text() == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["lib.bib", "shared"]


def test_a_read_only_file_is_refused_unless_forced_and_keeps_its_mode(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    path.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomic(str(path), "new\n")
    assert path.read_text() == "old\n"
    write_atomic(str(path), "new\n", force=True)
    assert path.read_text() == "new\n" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_the_backup_of_a_private_file_stays_private(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    path.chmod(0o600)
    write_atomic(str(path), "new\n", backup=True)
    assert stat.S_IMODE((tmp_path / "lib.bib.bak").stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_the_owner_is_kept(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    os.chown(path, 4321, 4321)
    write_atomic(str(path), "new\n", backup=True)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)
    assert (tmp_path / "lib.bib.bak").stat().st_uid == 4321


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_file_a_killed_run_left_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text("old\n")
    dead = _dead_pid()
    stale = [tmp_path / f".lib.bib.refcheck-{dead}-abc123.tmp", tmp_path / f".lib.bib.bak.refcheck-{dead}-x9.tmp"]
    for s in stale:
        s.write_text("half a file")
    alive = tmp_path / f".lib.bib.refcheck-{os.getppid()}-zz.tmp"  # a run still going: not ours to remove
    alive.write_text("another run")
    foreign = tmp_path / ".lib.bib.other.tmp"  # another tool's: never touched
    foreign.write_text("x")
    write_atomic(str(path), "new\n", backup=True)
    assert sorted(os.listdir(tmp_path)) == sorted([alive.name, foreign.name, "lib.bib", "lib.bib.bak"])
