"""What the `refcheck corpus` commands share: the store's options, opening it, and JSON output."""

from __future__ import annotations

import json
import sys

import click

SCHEMA = "refcheck-corpus/1"


def store_options(f):
    f = click.option("--db", metavar="FILE", help="The corpus store (default: `corpus-db` of the configuration, "
                     ".refcheck/corpus.db).")(f)
    f = click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Read this configuration instead of the nearest [tool.refcheck] / refcheck.toml.")(f)
    return f


format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def settings_for(config_file, db=None):
    from refcheck.config import load_settings

    settings = load_settings(config_file)
    if db:
        settings.override("corpus-db", db, "--db")
    return settings


def open_store(config_file, db, *, create: bool = False, settings=None):
    """The configured store; `create` for commands that write (add), else a missing store is a usage error."""
    from refcheck.corpus.store import Store

    settings = settings or settings_for(config_file, db)
    return Store.open(settings.path_of("corpus-db"), settings.root, create=create)


def emit_json(payload: dict) -> None:
    json.dump({"schema": SCHEMA, **payload}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def styled(text: str, **style) -> str:
    """Coloured on a terminal, plain otherwise (click drops the codes when piped)."""
    return click.style(text, **style)
