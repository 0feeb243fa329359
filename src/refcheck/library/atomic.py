"""Atomic file writes: a temporary file in the same folder, fsync, then `os.replace`; an optional `.bak` of the old file.

A reader (or a crash) sees the old file or the new one, never half of one; the
temporary file lives in the target's folder because `os.replace` is atomic only
within one file system.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from refcheck.errors import InputError


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


def _temporary(path: str, data: bytes) -> str:
    """Write `data` to a new temporary file next to `path`, synced to disk; its name."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(path):
            shutil.copymode(path, tmp)  # the new file keeps the old one's permissions
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes files private; a new output gets the usual mode
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: str, data: str | bytes, *, backup: bool = False, encoding: str = "utf-8") -> str | None:
    """Replace `path` with `data` atomically; with `backup`, keep the old file as `path.bak`. The backup's path or None."""
    raw = data.encode(encoding) if isinstance(data, str) else data
    tmp = bak_tmp = bak = None
    try:
        tmp = _temporary(path, raw)
        if backup and os.path.exists(path):
            bak = path + ".bak"
            with open(path, "rb") as f:
                bak_tmp = _temporary(bak, f.read())
            os.replace(bak_tmp, bak)
            bak_tmp = None
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path) from None
    finally:
        for left in (tmp, bak_tmp):  # a failed write leaves no stray temporary file
            if left is not None and os.path.exists(left):
                os.unlink(left)
    _fsync_folder(os.path.dirname(os.path.abspath(path)))
    return bak
