"""Run `refcheck` in-process as a user would: exit status, standard output and standard error."""

from __future__ import annotations

from support import refcheck_in_process


def run(capsys, *args: str) -> tuple[int, str, str]:
    return refcheck_in_process(capsys, *args)
