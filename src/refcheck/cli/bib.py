"""`refcheck bib`: the bibliography manager (clean, fix, import, lint, rekey); each subcommand in its own module."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute", imported only when run (`bib import` loads spaCy; `bib clean` must not)
SUBCOMMANDS = {
    "clean": "refcheck.cli.bib_clean:command",
    "fix": "refcheck.cli.bib_fix:command",
    "import": "refcheck.cli.bib_import:command",
    "lint": "refcheck.cli.bib_lint:command",
    "rekey": "refcheck.cli.bib_rekey:command",
}


class _LazyBib(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUBCOMMANDS:
            return None
        module, attr = SUBCOMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group("bib", cls=_LazyBib)
def group() -> None:
    """Manage a BibTeX library: clean it, fix it minimally, import references, lint it, rekey citations."""
    import logging

    # bibtexparser logs each block it cannot parse; refcheck reports them itself, with the line
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
