"""`refcheck parse-reference`: show how refcheck reads reference strings, field by field."""

from __future__ import annotations

import json
import sys

import click

_FIELDS = ("year", "title", "container", "volume", "issue", "pages", "publisher", "url", "doi")


@click.command("parse-reference")
@click.argument("strings", nargs=-1, metavar="[STRING...]")
@click.option("--file", "-f", "path", metavar="F", help="Read one reference per line from F ('-' for stdin).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: a block per reference; json: one object per line (the report contract's parsed references).",
)
def command(strings: tuple[str, ...], path: str | None, fmt: str) -> None:
    """Parse reference strings (a footnote, a reference-list item) into fields."""
    from refcheck.extract.refparse import parse_reference

    items = [s for s in strings if s.strip()]
    if path is not None:
        items.extend(_read_lines(path))
    if not items:
        raise click.UsageError("no reference given: pass STRING... or --file F (one reference per line)")
    out = sys.stdout
    for n, text in enumerate(items):
        ref = parse_reference(text)
        if fmt == "json":
            out.write(json.dumps(ref.to_json(), ensure_ascii=False) + "\n")
        else:
            if n:
                out.write("\n")
            out.write(_text_block(ref))
    out.flush()


def _read_lines(path: str) -> list[str]:
    from refcheck.errors import InputError

    if path == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as stream:
                text = stream.read()
        except FileNotFoundError:
            raise InputError("file not found", path) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a file of references", path) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def _text_block(ref) -> str:
    rows = [("input", ref.raw.replace("\n", " / "))]
    if ref.authors:
        names = "; ".join(a.display for a in ref.authors)
        rows.append(("authors", names + (" et al." if ref.et_al else "")))
    elif ref.et_al:
        rows.append(("authors", "et al."))
    if ref.editors:
        rows.append(("editors", "; ".join(a.display for a in ref.editors)))
    for name in _FIELDS:
        value = getattr(ref, name)
        if value is None:
            continue
        if name == "year" and ref.year_suffix:
            value = f"{value} (suffix {ref.year_suffix})"
        rows.append((name, value))
    width = max(len(label) for label, _ in rows) + 1
    return "".join(f"{label + ':':<{width}} {value}\n" for label, value in rows)
