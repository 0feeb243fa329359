"""Where refcheck keeps what it can compute again: the user's cache folder, never beside the user's files."""

from __future__ import annotations

import os


def cache_folder() -> str | None:
    """REFCHECK_CACHE_DIR, else $XDG_CACHE_HOME/refcheck, else ~/.cache/refcheck; None when REFCHECK_NO_CACHE is set."""
    if os.environ.get("REFCHECK_NO_CACHE"):
        return None
    if os.environ.get("REFCHECK_CACHE_DIR"):
        return os.environ["REFCHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "refcheck")


def read_pickle(path: str):
    """The object pickled at `path`, or None when there is none or it cannot be read (truncated, foreign, from
    another Python). Read with the cyclic collector paused: a record of a million objects, all kept, would
    otherwise have them walked again and again for nothing."""
    import gc
    import pickle

    was = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as stream:
            return pickle.loads(stream.read())
    except Exception:
        return None
    finally:
        if was:
            gc.enable()


def write_pickle(path: str, value) -> bool:
    """Pickle `value` to `path` atomically (a temporary file beside it, then a rename); False, and nothing
    written, when it cannot be (a cache that cannot be written is simply not kept)."""
    import pickle
    import tempfile

    folder = os.path.dirname(path)
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".refcheck-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        return True
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
