"""`refcheck bib fix`: change only what a finding names, so that a pull request shows only the fixes."""

from __future__ import annotations

import sys

import click

from refcheck.cli.bib_common import check_output, echo_err, output_options, stdout_write, unified_diff
from refcheck.cli.verify import apply_verified_options, verified_fixes


def _read(path: str) -> tuple[str, str, bytes]:
    """The file's text as the library reads it, and how to write it back byte for byte: (text, encoding, BOM)."""
    from refcheck.errors import InputError

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        return data[len(bom):].decode("utf-8"), "utf-8", bom
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", b""


@click.command("fix")
@click.argument("paths", nargs=-1, required=True, metavar="IN.bib...")
@output_options
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--no-merge", is_flag=True, help="Leave duplicate entries alone.")
@apply_verified_options
def command(paths, output, in_place, no_backup, show_diff, no_merge, apply_verified, snapshot, offline):
    """Fix IN.bib... with the smallest edits: DOI prefixes, unclosed braces, empty or repeated fields, duplicates."""
    from refcheck.errors import InputError, UsageError
    from refcheck.library.atomic import write_atomic
    from refcheck.library.fix import apply_fixes, find_fixes
    from refcheck.library.load import load_library

    inputs = list(paths)
    check_output(output, in_place, inputs)
    if show_diff and (output or in_place):
        raise UsageError("--diff writes nothing: leave out --output and --in-place")
    if len(inputs) > 1 and not (in_place or show_diff):
        raise UsageError("several files: use --in-place or --diff")
    total = 0
    for path in inputs:
        library = load_library([path])
        for p in library.problems:
            if p.kind in ("unreadable",):
                raise InputError(p.message, p.path)
        file = library.files[0]
        text, encoding, bom = _read(file)
        fixes = find_fixes(library, file, text, duplicates=not no_merge)
        fixes += verified_fixes(library, file, text, apply_verified, snapshot, offline)  # refcheck.verify
        new, applied = apply_fixes(text, fixes)
        total += len(applied)
        for fix in applied:
            echo_err(str(fix))
        if show_diff:
            stdout_write(unified_diff(text, new, file))
        elif in_place:
            if new != text:
                bak = write_atomic(file, bom + new.encode(encoding), backup=not no_backup)
                echo_err(f"refcheck: fixed {file}" + (f" (old file kept as {bak})" if bak else ""))
        elif output:
            write_atomic(output, bom + new.encode(encoding))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(bom + new.encode(encoding))
            sys.stdout.flush()
    echo_err(f"refcheck: {total} fix(es)" if total else "refcheck: nothing to fix")
