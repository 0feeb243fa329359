"""`refcheck corpus`: the research corpus store — add, list, show, search, link, remove, stats, rebuild.

Each subcommand is its own module (`corpus_*.py`), imported only when run.
"""

from __future__ import annotations

import importlib

import click

SUBCOMMANDS = {
    "add": "refcheck.cli.corpus_add:command",
    "list": "refcheck.cli.corpus_docs:list_command",
    "show": "refcheck.cli.corpus_docs:show_command",
    "search": "refcheck.cli.corpus_search:command",
    "link": "refcheck.cli.corpus_link:command",
    "remove": "refcheck.cli.corpus_docs:remove_command",
    "stats": "refcheck.cli.corpus_docs:stats_command",
    "rebuild": "refcheck.cli.corpus_add:rebuild_command",
}


class _LazyCorpus(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUBCOMMANDS:
            return None
        module, attr = SUBCOMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group("corpus", cls=_LazyCorpus)
def group() -> None:
    """The research corpus: sources and drafts stored with their text, notes and citations, searchable, linked to entries."""
