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
@click.option("--merge-duplicates", is_flag=True,
              help="Also merge duplicate entries (the later ones go); the old -> kept key map is written for `bib rekey`.")
@click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False),
              help="With --merge-duplicates: write the old-key<TAB>kept-key map here (default: OUT.aliases.tsv).")
@click.option("--no-merge", is_flag=True, hidden=True, help="Kept for old scripts: duplicates are left alone by default.")
@apply_verified_options
def command(paths, output, in_place, no_backup, force, show_diff, merge_duplicates, aliases_path, no_merge,
            apply_verified, snapshot, offline):
    """Fix IN.bib... with the smallest edits: DOI prefixes, unclosed braces, empty or repeated fields (duplicates when asked)."""
    from refcheck.errors import InputError, UsageError
    from refcheck.library.atomic import write_atomic
    from refcheck.library.fix import apply_fixes, find_fixes
    from refcheck.library.load import load_library

    inputs = list(paths)
    check_output(output, in_place, inputs, force, aliases=aliases_path)
    if show_diff and (output or in_place):
        raise UsageError("--diff writes nothing: leave out --output and --in-place")
    if len(inputs) > 1 and not (in_place or show_diff):
        raise UsageError("several files: use --in-place or --diff")
    if aliases_path and not merge_duplicates:
        raise UsageError("--aliases is the key map of --merge-duplicates: give both")
    total = 0
    aliases: dict[str, str] = {}
    for path in inputs:
        library = load_library([path])
        for p in library.problems:
            if p.kind in ("unreadable",):
                raise InputError(p.message, p.path)
        file = library.files[0]
        text, encoding, bom = _read(file)
        fixes = find_fixes(library, file, text, duplicates=merge_duplicates and not no_merge)
        fixes += verified_fixes(library, file, text, apply_verified, snapshot, offline)  # refcheck.verify
        new, applied = apply_fixes(text, fixes, file, library)
        total += len(applied)
        for fix in applied:
            echo_err(str(fix))
            aliases.update({old: fix.key for old in fix.removed if old != fix.key})
        if show_diff:
            stdout_write(unified_diff(text, new, file))
        elif in_place:
            if new != text:
                bak = write_atomic(file, bom + new.encode(encoding), backup=not no_backup, force=force)
                echo_err(f"refcheck: fixed {file}" + (f" (old file kept as {bak})" if bak else ""))
        elif output:
            write_atomic(output, bom + new.encode(encoding), force=force)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(bom + new.encode(encoding))
            sys.stdout.flush()
    echo_err(f"refcheck: {total} fix(es)" if total else "refcheck: nothing to fix")
    if aliases:
        _write_key_map(aliases, aliases_path or _default_map(output, inputs, in_place, show_diff), force)


def _default_map(output: str | None, inputs: list[str], in_place: bool, show_diff: bool) -> str | None:
    """Where the key map goes when --aliases is not given: beside what was written; None (stderr) for --diff or stdout."""
    if show_diff:
        return None
    if output:
        return output + ".aliases.tsv"
    if in_place:
        return inputs[0] + ".aliases.tsv"
    return None


def _write_key_map(aliases: dict[str, str], path: str | None, force: bool) -> None:
    from refcheck.library.atomic import write_atomic

    lines = "".join(f"{old}\t{new}\n" for old, new in sorted(aliases.items()))
    if path is None:
        echo_err("refcheck: keys merged away (old -> kept):\n" + lines.rstrip("\n").replace("\t", " -> "))
        echo_err("refcheck: save them as old<TAB>kept lines and run `refcheck bib rekey DOC... --aliases FILE`")
        return
    write_atomic(path, "# refcheck bib fix --merge-duplicates: merged key<TAB>kept key\n" + lines, force=force)
    echo_err(f"refcheck: {len(aliases)} key(s) merged away; the map is in {path}: "
             f"`refcheck bib rekey DOC... --aliases {path}` updates the citations")
