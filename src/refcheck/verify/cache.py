"""The response cache: every registry answer (also "not found") kept in SQLite with the time it was fetched.

A repeated or CI run asks nothing again while the answer is younger than the
configured age; `--offline` reads only this and the snapshot. A cache that
cannot be opened is left out with a warning: verification still runs.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_SCHEMA = "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, status INTEGER, body TEXT, fetched REAL)"


class ResponseCache:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get(self, key: str, max_age: float | None) -> tuple[int, str | None] | None:
        """(status, body) of the stored answer, or None when there is none younger than `max_age` seconds."""
        row = self._db.execute("SELECT status, body, fetched FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None or (max_age is not None and time.time() - row[2] > max_age):
            return None
        return row[0], row[1]

    def put(self, key: str, status: int, body: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)", (key, status, body, time.time()))
        self._db.commit()

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def open_cache(path: str | None, warn) -> ResponseCache | None:
    """The cache at `path`, or None (with a warning naming the file) when it cannot be used."""
    if not path:
        return None
    try:
        return ResponseCache(path)
    except (sqlite3.Error, OSError) as exc:
        warn(f"warning: {path}: response cache not usable ({exc}); answers are not kept")
        return None
