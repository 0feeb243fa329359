"""`refcheck corpus link`: tie library entries to stored documents, with the evidence; pin or unpin by hand."""

from __future__ import annotations

import click

from refcheck.cli.corpus_common import emit_json, format_option, open_store, settings_for, store_options, styled


@click.command("link")
@store_options
@click.option("--bib", "bibs", multiple=True, metavar="FILE",
              help="BibTeX file or folder (repeatable). Default: `bib` of the configuration, else bib/*.bib.")
@click.option("--manual", nargs=2, metavar="KEY DOC", help="Pin entry KEY to the stored document DOC.")
@click.option("--unlink", nargs=2, metavar="KEY DOC", help="Remove the link (or pin) between KEY and DOC.")
@click.option("--dry-run", is_flag=True, help="Show the links found without storing them.")
@format_option
def command(config_file, db, bibs, manual, unlink, dry_run, fmt):
    """Link library entries to the stored documents that are their sources, and show every link with its evidence.

    By the entry's `file` field, a DOI or URL of the entry on the document's
    first page, or the first page's title, authors and year; a document that
    fits several entries equally is listed as ambiguous and not linked.
    """
    from refcheck.corpus import links
    from refcheck.library import load_library
    from refcheck.pipeline import library_paths

    settings = settings_for(config_file, db)
    if bibs:
        settings.override("bib", list(bibs), "--bib")
    with open_store(config_file, db, settings=settings) as store:
        if unlink:
            key, doc = unlink
            if not links.unpin(store, key, store.find(doc)):
                from refcheck.errors import UsageError

                raise UsageError(f"'{key}' is not linked to '{doc}'")
            _done(fmt, f"unlinked {key} and {doc}", {"unlinked": {"entry": key, "doc": doc}})
            return
        library = load_library(library_paths(settings))
        if manual:
            key, doc = manual
            link = links.pin(store, key, store.find(doc), library)
            _done(fmt, f"pinned {key} to {link.path}", {"pinned": link.to_json()})
            return
        found, ambiguous = links.propose(store, library)
        if not dry_run:
            links.save(store, found)
        shown = links.stored(store) if not dry_run else found + [k for k in links.stored(store) if k.pinned]
    if fmt == "json":
        emit_json({"links": [k.to_json() for k in shown], "ambiguous": [a.to_json() for a in ambiguous],
                   "stored": not dry_run})
        return
    for k in shown:
        click.echo(f"{styled(k.entry, bold=True)} -> {k.path}  [{k.method}{', pinned' if k.pinned else ''}]")
        for e in k.evidence:
            click.echo(f"    {e}")
    for a in ambiguous:
        click.echo(styled(f"ambiguous: {a.path}", fg="yellow") + f" fits {len(a.candidates)} entries by {a.method}; "
                   "not linked (pin one with --manual KEY DOC)")
        for key, evidence in a.candidates:
            click.echo(f"    {key}: {evidence}")
    if not shown and not ambiguous:
        click.echo("no links found", err=True)
    else:
        click.echo(f"refcheck: {len(shown)} link(s){'' if dry_run else ' stored'}, {len(ambiguous)} ambiguous", err=True)


def _done(fmt: str, text: str, payload: dict) -> None:
    if fmt == "json":
        emit_json(payload)
    else:
        click.echo(text)
