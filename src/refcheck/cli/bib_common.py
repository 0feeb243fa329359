"""What the `bib` subcommands share: output options, the configuration's distinct pairs, writing and diffs."""

from __future__ import annotations

import difflib
import os
import sys

import click

from refcheck.errors import InputError, UsageError


def output_options(f):
    """-o/--output, --in-place, --no-backup and --force, declared once."""
    f = click.option("--force", is_flag=True, help="With --in-place or -o: write a read-only file too.")(f)
    f = click.option("--no-backup", is_flag=True, help="With --in-place: do not keep FILE.bak.")(f)
    f = click.option("--in-place", is_flag=True, help="Rewrite the input files (atomically; FILE.bak keeps the old one).")(f)
    f = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the result to this file.")(f)
    return f


def check_output(
    output: str | None, in_place: bool, inputs: list[str], force: bool = False, reads: tuple[str, ...] = (),
    **others: str | None,
) -> None:
    """Refuse to write over an input unless --in-place says so; `others` are further outputs by option (--report=...).

    `inputs` are the files --in-place rewrites (a read-only one is refused before
    any work, unless --force); `reads` the other files read (documents).
    """
    from refcheck.library.atomic import read_only, refuse_overwriting_inputs

    if output and in_place:
        raise UsageError("give either --output or --in-place, not both")
    if in_place and not force:
        for path in inputs:
            if os.path.isfile(path) and read_only(path):
                raise UsageError("the file is read-only: not rewritten (--force writes it anyway)", path)
    outputs = [("--output", output)] + [(f"--{name.replace('_', '-')}", path) for name, path in others.items()]
    refuse_overwriting_inputs(outputs, [*inputs, *reads], folder_suffixes=(".bib",), in_place_hint="use --in-place to rewrite it")


def newline_of(text: str) -> str:
    """The file's line end: CRLF when most of its lines end so, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 > text.count("\n") else "\n"


def with_newline(text: str, newline: str) -> str:
    """`text` (written with LF) with every line end as `newline`."""
    return text if newline == "\n" else text.replace("\r\n", "\n").replace("\n", newline)


def read_encoded(path: str) -> tuple[str, str]:
    """A text file as read for rewriting, and the encoding to write it back in: (text, "utf-8" | "utf-8-sig" | "latin-1")."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text(path: str) -> str:
    """A text file as read for comparing and rewriting (UTF-8, else Latin-1)."""
    return read_encoded(path)[0]


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff of `old` -> `new` labelled a/PATH and b/PATH (empty when they are the same)."""
    if old == new:
        return ""
    a, b = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")  # git's labels for a relative path
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), a, b, n=3)
    diff = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    from refcheck.safetext import guard_commands

    # a CI log reads ` ::error::x` (a context line) as a workflow command: such a line is shown defused
    return guard_commands(diff)


def configured_distinct() -> set[frozenset[str]]:
    """Key pairs the configuration declares distinct: `distinct = [["kim2014a", "kim2014b"], ...]`.

    Read through the same settings as `audit` (validated, found by walking up), so
    both commands honour the same decisions.
    """
    from refcheck.config import distinct_pairs, load_settings

    return distinct_pairs(load_settings()["distinct"])


def echo_err(message: str) -> None:
    """A message on stderr: controls in quoted text written out, no line a CI runner would take for a command."""
    from refcheck.safetext import escaped, guard_commands

    click.echo(guard_commands("\n".join(escaped(line) for line in message.split("\n"))), err=True)


def stdout_write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
