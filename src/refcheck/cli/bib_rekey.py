"""`refcheck bib rekey`: rewrite citation keys in LaTeX and Markdown sources with the map `bib clean --aliases` wrote."""

from __future__ import annotations

import os
import re

import click

from refcheck.cli.bib_common import echo_err, read_encoded, read_text, stdout_write, unified_diff

# the key list of a \cite-like command; *cites commands take several: \cites[p. 4]{a}{b, c}
_MORE_KEYS = re.compile(r"\s*(?:\[[^\[\]]*\]\s*){0,2}\{([^{}]*)\}")
# a Pandoc citation: [@key], [see @key, p. 4; @other], or @key in running text (never an e-mail address)
_PANDOC = re.compile(r"(?<![\w.@])@\{?([A-Za-z0-9_][\w:.#$%&+?<>~/-]*?)\}?(?=[\s,;\]).]|$)", re.MULTILINE)
_SOURCES = (".tex", ".ltx", ".md", ".markdown", ".txt", ".rmd", ".qmd")


def read_aliases(path: str) -> dict[str, str]:
    """`old<TAB>new` lines (or `old -> new`); `#` starts a comment."""
    from refcheck.errors import UsageError

    aliases: dict[str, str] = {}
    for n, line in enumerate(read_text(path).splitlines(), 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        parts = line.replace("->", " ").split()
        if len(parts) != 2:
            raise UsageError("expected 'old-key<TAB>kept-key'", path, n)
        aliases[parts[0]] = parts[1]
    return aliases


def rekey_latex(text: str, aliases: dict[str, str]) -> tuple[str, int]:
    """`text` with the keys of its \\cite commands renamed; and how many keys changed."""
    from refcheck.extract.citations.latex import CITE

    count = 0

    def keys(group: str) -> str:
        nonlocal count
        out = []
        for part in group.split(","):
            key = part.strip()
            if key in aliases:
                count += 1
                part = part.replace(key, aliases[key], 1)
            out.append(part)
        return ",".join(out)

    pieces, pos = [], 0
    for m in CITE.finditer(text):
        pieces.append(text[pos : m.start("keys")])
        pieces.append(keys(m.group("keys")))
        pos = m.end("keys")
        if m.group("cmd").endswith("cites"):
            end = m.end()
            while (more := _MORE_KEYS.match(text, end)) is not None:
                pieces.append(text[pos : more.start(1)])
                pieces.append(keys(more.group(1)))
                pos, end = more.end(1), more.end()
    pieces.append(text[pos:])
    return "".join(pieces), count


def rekey_pandoc(text: str, aliases: dict[str, str]) -> tuple[str, int]:
    """`text` with Pandoc citation keys (`@key`) renamed where the map knows them."""
    count = 0

    def rename(m: re.Match) -> str:
        nonlocal count
        key = m.group(1)
        if key not in aliases:
            return m.group(0)
        count += 1
        return m.group(0).replace(key, aliases[key], 1)

    return _PANDOC.sub(rename, text), count


def _sources(paths: list[str]) -> list[str]:
    from refcheck.errors import InputError

    out = []
    for path in paths:
        if os.path.isdir(path):
            out += sorted(
                os.path.join(root, name) for root, _dirs, names in os.walk(path)
                for name in names if name.lower().endswith(_SOURCES)
            )
        elif os.path.isfile(path):
            out.append(path)
        elif os.path.exists(path):
            raise InputError("not a regular file (a FIFO, device or socket): not read", path)
        else:
            raise InputError("no such file or folder", path)
    return out


@click.command("rekey")
@click.argument("paths", nargs=-1, required=True, metavar="DOC...")
@click.option("--aliases", "aliases_path", required=True, type=click.Path(dir_okay=False),
              help="The old-key -> kept-key map written by `refcheck bib clean --aliases`.")
@click.option("--in-place", is_flag=True, help="Rewrite the documents (atomically; DOC.bak keeps the old one).")
@click.option("--no-backup", is_flag=True, help="With --in-place: do not keep DOC.bak.")
@click.option("--force", is_flag=True, help="With --in-place: rewrite read-only documents too.")
def command(paths, aliases_path, in_place, no_backup, force):
    """Rename citation keys in DOC... (\\cite in LaTeX, @key in Markdown); print a diff, or rewrite with --in-place."""
    from refcheck.errors import InputError
    from refcheck.library.atomic import write_atomic

    if not os.path.exists(aliases_path):
        raise InputError("no such file", aliases_path)
    if not os.path.isfile(aliases_path):
        raise InputError("not a regular file (a FIFO, device or socket): not read", aliases_path)
    aliases = read_aliases(aliases_path)
    total = 0
    for path in _sources(list(paths)):
        text, encoding = read_encoded(path)  # written back in its own encoding: Latin-1 stays Latin-1
        latex = path.lower().endswith((".tex", ".ltx"))
        new, n = rekey_latex(text, aliases) if latex else rekey_pandoc(text, aliases)
        total += n
        if new == text:
            continue
        if in_place:
            bak = write_atomic(path, new, backup=not no_backup, encoding=encoding, force=force)
            echo_err(f"refcheck: {path}: {n} key(s) renamed" + (f" (old file kept as {bak})" if bak else ""))
        else:
            stdout_write(unified_diff(text, new, path))
    echo_err(f"refcheck: {total} citation key(s) renamed" if total else "refcheck: no key to rename")
