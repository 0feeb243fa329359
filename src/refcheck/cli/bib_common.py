"""What the `bib` subcommands share: output options, the configuration's distinct pairs, writing and diffs."""

from __future__ import annotations

import difflib
import os
import sys

import click

from refcheck.errors import InputError, UsageError


def output_options(f):
    """-o/--output, --in-place and --no-backup, declared once."""
    f = click.option("--no-backup", is_flag=True, help="With --in-place: do not keep FILE.bak.")(f)
    f = click.option("--in-place", is_flag=True, help="Rewrite the input files (atomically; FILE.bak keeps the old one).")(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the result to this file.")(f)
    return f


def check_output(output: str | None, in_place: bool, inputs: list[str]) -> None:
    """Refuse to write over an input unless --in-place says so."""
    if output and in_place:
        raise UsageError("give either --output or --in-place, not both")
    if output and os.path.exists(output):
        for path in inputs:
            if os.path.exists(path) and os.path.samefile(output, path):
                raise UsageError("--output names an input file; use --in-place to rewrite it", output)


def read_text(path: str) -> str:
    """A text file as read for comparing and rewriting (UTF-8, else Latin-1)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff of `old` -> `new` labelled a/PATH and b/PATH (empty when they are the same)."""
    if old == new:
        return ""
    a, b = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")  # git's labels for a relative path
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), a, b, n=3)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def configured_distinct() -> set[frozenset[str]]:
    """Key pairs the configuration declares distinct: `distinct = [["kim2014a", "kim2014b"], ...]`.

    Read through the same settings as `audit` (validated, found by walking up), so
    both commands honour the same decisions.
    """
    from refcheck.config import distinct_pairs, load_settings

    return distinct_pairs(load_settings()["distinct"])


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def stdout_write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
