"""Writes a user can trust: atomic, through symlinks, keeping the file's identity, and never over an input.

A write goes to a temporary file in the target's folder (`os.replace` is atomic
only within one file system), is synced, and replaces the target: a reader or a
crash sees the old file or the new one, never half of one. A symlink is
followed, so the link stays a link and its target is updated, with the `.bak`
beside the target. The new file keeps the old one's mode, owner (where the
system allows) and extended attributes; the backup is a hard link to the old
file, so it keeps them too. A read-only file is refused unless forced.

Temporary files are named `.NAME.refcheck-PID-XXXX.tmp`: a run killed midway
leaves one behind, and the next write to NAME removes it once process PID is
gone. `refuse_overwriting_inputs` is the one check, shared by every command,
that no output option names a file the command reads.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterable

from refcheck.errors import InputError, UsageError

_TAG = ".refcheck-"


def target_of(path: str) -> str:
    """The file a write to `path` changes: the end of its symlink chain, else `path` itself."""
    return os.path.realpath(path) if os.path.islink(path) else path


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on some systems (Windows): the replace is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def remove_stale_temporaries(target: str) -> list[str]:
    """Remove the temporary files an earlier, killed run left beside `target` (its own kind only); their names."""
    folder, base = os.path.split(os.path.abspath(target))
    mine = re.compile(rf"^\.{re.escape(base)}(?:\.bak)?{re.escape(_TAG)}(\d+)-[^./]*\.tmp$")
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = mine.match(name)
        if m and not _alive(int(m.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


def _temporary_name(path: str) -> str:
    folder, base = os.path.split(os.path.abspath(path))
    return os.path.join(folder, f".{base}{_TAG}{os.getpid()}-")


def _keep_identity(tmp: str, old: os.stat_result, old_path: str) -> None:
    """Give `tmp` the old file's owner, mode and extended attributes, as far as the system lets us."""
    if (old.st_uid, old.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:  # only root may give a file away: the mode below still holds
            pass
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "listxattr"):
        try:
            for name in os.listxattr(old_path):
                try:
                    os.setxattr(tmp, name, os.getxattr(old_path, name))
                except OSError:
                    pass
        except OSError:
            pass


def _temporary(path: str, data: bytes, old: os.stat_result | None) -> str:
    """Write `data` to a new temporary file next to `path`, synced to disk; its name."""
    prefix = _temporary_name(path)
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(prefix), suffix=".tmp", dir=os.path.dirname(prefix))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if old is not None:
            _keep_identity(tmp, old, path)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; a new output gets the usual mode
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _backup(target: str, old: os.stat_result) -> str:
    """`target.bak`: a hard link to the old file (its mode, owner and attributes), else a copy with its mode."""
    bak = target + ".bak"
    prefix = _temporary_name(bak)
    while True:
        link = f"{prefix}{secrets.token_hex(4)}.tmp"
        try:
            os.link(target, link)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            with open(target, "rb") as f:
                link = _temporary(bak, f.read(), old)
        break
    try:
        os.replace(link, bak)
    except BaseException:
        if os.path.exists(link):
            os.unlink(link)
        raise
    return bak


def read_only(path: str) -> bool:
    """True when `path` exists and its owner may not write it (mode 0444), or this user may not."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not (st.st_mode & 0o222) or not os.access(path, os.W_OK)


def write_atomic(
    path: str, data: str | bytes, *, backup: bool = False, encoding: str = "utf-8", force: bool = False
) -> str | None:
    """Replace `path` (through its symlinks) with `data` atomically; with `backup`, keep the old file as `.bak` beside it.

    A read-only file is refused unless `force`; the new file keeps the old one's
    mode and owner. Returns the backup's path, or None.
    """
    try:
        raw = data.encode(encoding) if isinstance(data, str) else data
    except UnicodeEncodeError as e:
        raise InputError(f"cannot write {data[e.start:e.end]!r} in the file's encoding ({encoding})", path) from None
    target = target_of(path)
    remove_stale_temporaries(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path) from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise InputError("not a regular file: refusing to replace it", path)
    if old is not None and read_only(target) and not force:
        raise InputError("the file is read-only: not rewritten (--force writes it anyway)", path)
    tmp = bak = None
    try:
        tmp = _temporary(target, raw, old)
        if backup and old is not None:
            bak = _backup(target, old)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path) from None
    finally:
        if tmp is not None and os.path.exists(tmp):  # a failed write leaves no stray temporary file
            os.unlink(tmp)
    _fsync_folder(os.path.dirname(os.path.abspath(target)))
    return bak


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _inside(path: str, folder: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real.startswith(base.rstrip(os.sep) + os.sep)


def refuse_overwriting_inputs(
    outputs: Iterable[tuple[str, str | None]],
    inputs: Iterable[str | None],
    *,
    folder_suffixes: Iterable[str] | None = None,
    in_place_hint: str | None = None,
) -> None:
    """UsageError when an output names a file the command reads (the same file after resolving links).

    `outputs` are (option, path) pairs; `inputs` the files and folders read. A
    folder stands for the files under it with one of `folder_suffixes` (any file
    when None). Two outputs naming one file are refused too.
    """
    files: dict[tuple[int, int], str] = {}
    folders: list[str] = []
    for given in inputs:
        if not given:
            continue
        if os.path.isdir(given):
            folders.append(given)
        elif (ident := _identity(given)) is not None:
            files.setdefault(ident, given)
    suffixes = tuple(s.lower() for s in folder_suffixes) if folder_suffixes is not None else None
    written: dict[tuple[int, int] | str, str] = {}
    for option, out in outputs:
        if not out or out == "-":
            continue
        ident = _identity(out)
        if ident is not None:
            read = files.get(ident) or next(
                (f for f in folders if _inside(out, f) and (suffixes is None or out.lower().endswith(suffixes))), None
            )
            if read is not None:
                hint = f" ({in_place_hint})" if in_place_hint and option in ("-o", "--output") else ""
                raise UsageError(f"{option} names an input file; refcheck never writes over what it reads{hint}", out)
        mark = ident if ident is not None else os.path.realpath(out)
        if mark in written:
            raise UsageError(f"{option} and {written[mark]} name the same file", out)
        written[mark] = option
