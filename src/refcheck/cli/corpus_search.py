"""`refcheck corpus search`: ranked passages of the stored documents, the matched words highlighted."""

from __future__ import annotations

import sys

import click

from refcheck.cli.corpus_common import emit_json, format_option, open_store, store_options


@click.command("search")
@click.argument("query", nargs=-1, required=True, metavar="QUERY...")
@store_options
@format_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most this many hits.")
def command(query, config_file, db, fmt, limit):
    """Search the stored documents: words (all must occur), "a phrase", prefix*, OR; Chinese, Japanese, Korean too."""
    from refcheck.corpus.search import CLOSE, OPEN, search
    from refcheck.report.base import is_terminal

    text = " ".join(query)
    with open_store(config_file, db) as store:
        hits = search(store, text, limit)
    if fmt == "json":
        emit_json({"query": text, "hits": [h.to_json() for h in hits]})
        return
    if not hits:
        click.echo(f"no document matches {text!r}", err=True)
        return
    colour = is_terminal(sys.stdout)
    for rank, h in enumerate(hits, 1):
        where = h.path + (f" (page {h.page})" if h.page else "")
        click.echo(click.style(f"{rank:>2}. {where}", bold=True) + (f" — {h.title[:70]}" if h.title else "")
                   + f"  [{-h.score:.2f}]")
        snippet = (h.snippet.replace(OPEN, click.style("", fg="yellow", bold=True, reset=False)).replace(CLOSE, "\x1b[0m")
                   if colour else h.plain())
        click.echo(f"    {snippet}", color=colour)
