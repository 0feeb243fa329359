"""`[tool.refcheck.verify]`: which sources, in which order, the contact e-mail, rate limits, cache and snapshot.

    [tool.refcheck.verify]
    sources = ["snapshot", "crossref", "openalex"]   # asked in this order
    mailto = "you@example.org"                       # Crossref's and OpenAlex's polite pool
    snapshot = "refs-snapshot.sqlite"
    cache = "~/.cache/refcheck/verify.sqlite3"       # default: the user cache folder
    cache-max-age = 30                               # days before an answer is asked again
    rate-limit = { crossref = 5, openalex = 10 }     # requests per second
    timeout = 10                                     # seconds
    retries = 3
    urls = { crossref = "https://api.crossref.org" } # a mirror
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from refcheck.errors import UsageError

SOURCE_NAMES = ("snapshot", "crossref", "openalex", "dblp")
DEFAULT_SOURCES = ["snapshot", "crossref", "openalex"]
DEFAULT_RATE = {"crossref": 5.0, "openalex": 10.0, "dblp": 1.0}

# key -> (kind, help)
KEYS: dict[str, tuple[str, str]] = {
    "sources": ("sources", "metadata sources, asked in this order (snapshot, crossref, openalex, dblp)"),
    "mailto": ("string", "contact e-mail sent to Crossref and OpenAlex (their polite pool)"),
    "snapshot": ("path", "a local snapshot: built .sqlite, or .jsonl / .json / .bib records"),
    "cache": ("path", "the response cache (SQLite); default in the user cache folder"),
    "cache-max-age": ("number", "days a cached answer is used before it is asked again"),
    "rate-limit": ("numbers", "requests per second, per source"),
    "timeout": ("number", "seconds before a request is given up (and retried)"),
    "retries": ("number", "retries after a timeout, a 429 or a 5xx"),
    "backoff": ("number", "seconds before the first retry, doubled each time"),
    "urls": ("strings", "base URL per source (a mirror, or a test server)"),
}


def check_table(value: Any, where: str) -> dict[str, Any]:
    """Validate `[tool.refcheck.verify]`; a bad key or value is one line naming it."""
    if not isinstance(value, dict):
        raise UsageError(f"{where}: must be a table (see `refcheck verify --help`)")
    for key, v in value.items():
        if key not in KEYS:
            raise UsageError(f"{where}: unknown key '{key}'; known keys: {', '.join(KEYS)}")
        kind, here = KEYS[key][0], f"{where}.{key}"
        if kind == "sources":
            if not isinstance(v, list) or not all(isinstance(s, str) and s in SOURCE_NAMES for s in v):
                raise UsageError(f"{here}: must be an array of {', '.join(SOURCE_NAMES)}")
        elif kind in ("string", "path"):
            if not isinstance(v, str) or not v:
                raise UsageError(f"{here}: must be a non-empty string")
        elif kind == "number":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                raise UsageError(f"{here}: must be a number ≥ 0")
        elif kind in ("numbers", "strings"):
            want = str if kind == "strings" else (int, float)
            if not isinstance(v, dict) or not all(k in SOURCE_NAMES and isinstance(x, want) and not isinstance(x, bool)
                                                  for k, x in v.items()):
                raise UsageError(f"{here}: must be a table of source = {'URL' if kind == 'strings' else 'number'}")
    return dict(value)


def default_cache() -> str:
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir("refcheck"), "verify.sqlite3")


@dataclass
class VerifySettings:
    sources: list[str] = field(default_factory=lambda: list(DEFAULT_SOURCES))
    mailto: str | None = None
    snapshot: str | None = None
    cache: str | None = None  # None: no cache
    max_age_days: float = 30.0
    rate: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATE))
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0
    urls: dict[str, str] = field(default_factory=dict)
    offline: bool = False

    @classmethod
    def from_settings(cls, settings) -> VerifySettings:
        """From the configuration's `verify` table; its paths relative to the configuration's folder."""
        table = settings["verify"] if "verify" in settings.values else {}
        origin = settings.origin("verify") if "verify" in settings.values else "default"
        out = cls(cache=default_cache())
        if "sources" in table:
            out.sources = list(table["sources"])
        out.mailto = table.get("mailto")
        for key, attr in (("snapshot", "snapshot"), ("cache", "cache")):
            if key in table:
                path = os.path.expanduser(table[key])
                setattr(out, attr, path if os.path.isabs(path) or origin == "default" else str(settings.root / path))
        out.max_age_days = float(table.get("cache-max-age", out.max_age_days))
        out.rate.update({k: float(v) for k, v in table.get("rate-limit", {}).items()})
        out.timeout = float(table.get("timeout", out.timeout))
        out.retries = int(table.get("retries", out.retries))
        out.backoff = float(table.get("backoff", out.backoff))
        out.urls = dict(table.get("urls", {}))
        return out
