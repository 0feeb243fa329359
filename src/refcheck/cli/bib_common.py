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

    Read from the nearest configuration file (`refcheck.config.find_config`), so
    that `bib` finds the same file as `audit` does.
    """
    from pathlib import Path

    from refcheck.config import find_config

    found = find_config(Path.cwd())
    if found is None:
        return set()
    path, table, name = found
    groups = table.get("distinct", [])
    if not isinstance(groups, list):
        raise UsageError(f"{name} distinct: must be an array of key pairs, like [[\"kim2014a\", \"kim2014b\"]]", str(path))
    pairs: set[frozenset[str]] = set()
    for group in groups:
        keys = [group] if isinstance(group, str) else list(group)
        keys = [k for item in keys for k in str(item).replace(",", " ").split()]
        pairs.update(frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1 :] if a != b)
    return pairs


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def stdout_write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
