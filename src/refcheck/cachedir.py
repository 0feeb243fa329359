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
