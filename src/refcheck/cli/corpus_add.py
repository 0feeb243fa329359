"""`refcheck corpus add` and `refcheck corpus rebuild`: documents into the store."""

from __future__ import annotations

import os
import sys

import click

from refcheck.cli.corpus_common import emit_json, format_option, open_store, settings_for, store_options
from refcheck.cli.options import pipeline_option
from refcheck.exit_codes import EXIT_USAGE
from refcheck.safetext import message_line


def _run(store, paths, blank_pipeline, progress, fmt):
    from refcheck.corpus.add import add_paths
    from refcheck.extract.nlp import load_pipeline
    from refcheck.report.base import is_terminal
    from refcheck.report.progress import progress as progress_bar

    nlp = load_pipeline(blank=blank_pipeline)
    # a bar on a terminal (only failures printed above it); one plain line per document otherwise
    show_bar = progress and fmt == "text" and is_terminal(sys.stderr)
    if show_bar:
        from refcheck.corpus.add import list_files

        n = sum(1 for _ in list_files(paths))
        with progress_bar(n, "adding", enabled=True) as bar:
            def report(o):
                if o.status == "failed":
                    click.echo(message_line(f"refcheck: error: {o.path}: {o.message}"), err=True)
                bar.advance()
            outcomes = add_paths(store, paths, nlp, report)
    else:
        def report(o):
            if o.status == "failed":
                click.echo(message_line(f"refcheck: error: {o.path}: {o.message}"), err=True)
            elif fmt == "text":
                click.echo(message_line(o.line()), err=True)
        outcomes = add_paths(store, paths, nlp, report)
    return outcomes


def _summary(outcomes) -> str:
    from collections import Counter

    counts = Counter(o.status for o in outcomes)
    order = ("added", "replaced", "moved", "unchanged", "failed")
    return ", ".join(f"{counts[s]} {s}" for s in order if counts[s]) or "no documents"


@click.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_options
@format_option
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal.")
@pipeline_option
def command(paths, config_file, db, fmt, progress, blank_pipeline):
    """Add documents or folders to the corpus store; unchanged files are skipped, changed ones replaced."""
    with open_store(config_file, db, create=True) as store:
        outcomes = _run(store, list(paths), blank_pipeline, progress, fmt)
        if fmt == "json":
            emit_json({"store": str(store.path), "documents": [
                {"path": o.path, "status": o.status, "message": o.message or None,
                 "footnotes": o.counts[0], "citations": o.counts[1], "claims": o.counts[2]} for o in outcomes]})
        else:
            click.echo(f"refcheck: corpus {store.path}: {_summary(outcomes)}", err=True)
    if any(o.status == "failed" for o in outcomes):
        sys.exit(EXIT_USAGE)


@click.command("rebuild")
@store_options
@format_option
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal.")
@pipeline_option
def rebuild_command(config_file, db, fmt, progress, blank_pipeline):
    """Build the store anew from the files it names (after an upgrade of refcheck); pinned links are kept."""
    import sqlite3

    from refcheck.corpus.store import Store
    from refcheck.errors import UsageError

    settings = settings_for(config_file, db)
    with open_store(config_file, db, settings=settings) as old:
        files = [str(old.file_of(d.path)) for d in old.documents()]
        pins = old.conn.execute("SELECT l.entry, d.path FROM links l JOIN documents d ON d.id = l.doc "
                                "WHERE l.pinned = 1").fetchall()
        target = old.path
        try:
            old.conn.execute("PRAGMA journal_mode = DELETE")  # no WAL file may outlive the file it belongs to
        except sqlite3.OperationalError:
            raise UsageError("the store is open in another process; rebuild it when that has finished",
                             str(target)) from None
    fresh = target.with_name(target.name + ".rebuild")
    for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
        leftover.unlink(missing_ok=True)
    with Store.open(fresh, settings.root) as store:
        present = [f for f in files if os.path.exists(f)]
        for f in sorted(set(files) - set(present)):
            click.echo(message_line(f"refcheck: warning: {os.path.relpath(f)}: no longer exists; left out"), err=True)
        outcomes = _run(store, present, blank_pipeline, progress, fmt) if present else []
        from refcheck.corpus import links

        for key, path in pins:
            if doc := store.by_path(path):
                links.pin(store, key, doc)
        store.conn.execute("PRAGMA journal_mode = DELETE")
    os.replace(fresh, target)  # atomically: a reader sees the old store or the new one
    if fmt == "json":
        emit_json({"store": str(target), "documents": [{"path": o.path, "status": o.status} for o in outcomes]})
    else:
        click.echo(f"refcheck: rebuilt {target}: {_summary(outcomes)}", err=True)
    if any(o.status == "failed" for o in outcomes):
        sys.exit(EXIT_USAGE)
