"""A progress bar on stderr while documents are audited, only when someone is watching."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from refcheck.report.base import is_terminal


class _Silent:
    """What `progress` yields when no bar is shown: `advance()` does nothing."""

    def advance(self, n: int = 1) -> None:
        pass


class _Bar:
    def __init__(self, bar, task) -> None:
        self._bar, self._task = bar, task

    def advance(self, n: int = 1) -> None:
        self._bar.advance(self._task, n)


@contextmanager
def progress(total: int, label: str, enabled: bool = True, stream: TextIO | None = None) -> Iterator[_Silent | _Bar]:
    """Yield an object whose `advance()` moves a bar on `stream` (stderr) if it is a terminal."""
    stream = stream if stream is not None else sys.stderr
    # Piped or in CI, a bar is only noise in the log; stdout (the report) is never touched.
    if not (enabled and is_terminal(stream)):
        yield _Silent()
        return
    # Imported here so that runs without a bar never load rich for it.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # transient: the bar disappears when done, leaving stderr for messages that matter.
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        yield _Bar(bar, bar.add_task(label, total=total))
