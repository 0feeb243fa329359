"""`refcheck extract`: show the footnotes, citations, claims and reference list found in documents."""

from __future__ import annotations

import json
import sys

import click

from refcheck.exit_codes import EXIT_USAGE
from refcheck.cli.options import paths_argument, pipeline_option
from refcheck.safetext import message_line


@click.command("extract")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--sentences", is_flag=True, help="Also list every sentence of the body (JSON: 'sentences').")
@click.option("--no-body", is_flag=True, help="Leave the re-joined body text out of the JSON.")
@pipeline_option
def command(paths: tuple[str, ...], fmt: str, sentences: bool, no_body: bool, blank_pipeline: bool) -> None:
    """Extract footnotes, citations, claims and the reference list from PATH... (files or folders)."""
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.extract.serialize import extraction_json
    from refcheck.errors import InputError
    from refcheck.ingest import iter_documents

    nlp = load_pipeline(blank=blank_pipeline)
    results = []
    failed = False
    for item in iter_documents(list(paths)):
        if isinstance(item, InputError):
            click.echo(message_line(f"refcheck: error: {item}"), err=True)
            failed = True
            continue
        for message in item.warnings:
            click.echo(message_line(f"refcheck: warning: {message}"), err=True)
        ex = extract(item, nlp)
        if fmt == "json":
            results.append(extraction_json(ex, with_body=not no_body, with_claims=sentences))
        else:
            _print_text(ex)
    if fmt == "json":
        from refcheck.safetext import json_safe  # a file name's undecodable bytes must not break the JSON

        json.dump(json_safe({"schema": "refcheck-extract/1", "documents": results}), sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    if failed:
        sys.exit(EXIT_USAGE)


def _print_text(ex) -> None:
    from refcheck.safetext import escaped, guard_commands, printable

    def echo(text: str) -> None:  # document text: no escape sequence reaches the terminal, no line a CI command
        click.echo(guard_commands(printable(text)))

    click.echo(click.style(guard_commands(escaped(ex.path)), bold=True))
    echo(f"  {len(ex.footnotes)} footnotes, {len(ex.citations)} citations, {len(ex.claims)} sentences, "
         f"{len(ex.reference_list)} reference-list items")
    if ex.footnotes:
        echo("\n  Footnotes")
        for f in ex.footnotes:
            extra = f"  (= note {f.ibid_of})" if f.ibid_of else ""
            echo(f"    {f.label:>3}  line {f.location.line}: {f.text}{extra}")
    if ex.citations:
        echo("\n  Citations")
        for c in ex.citations:
            where = f"line {c.location.line}:{c.location.column}" + (f" p.{c.location.page}" if c.location.page else "")
            if c.location.path and c.location.path != ex.path:  # in an \input file
                where = f"{c.location.path}:{c.location.line}:{c.location.column}"
            echo(f"    [{c.kind.value}] {c.label}  ({where})")
            if c.claim:
                echo(f"        claim: {c.claim.text}")
    if ex.markers_without_text:
        echo("\n  Markers with no footnote text: " + ", ".join(c.label for c in ex.markers_without_text))
    if ex.reference_list:
        echo("\n  Reference list")
        for item in ex.reference_list:
            r = item.reference
            authors = "; ".join(a.display for a in r.authors) or "-"
            echo(f"    line {item.location.line}: {authors} ({r.year or 'n.d.'}) {r.title or r.raw[:60]}")
    echo("")
