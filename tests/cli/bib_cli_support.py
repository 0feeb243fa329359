"""Run `refcheck` in-process as a user would: exit status, standard output and standard error."""

from __future__ import annotations

from refcheck.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err
