"""Options shared by several commands, declared once."""

from __future__ import annotations

import click

paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


def pipeline_option(f):
    return click.option(
        "--blank-pipeline",
        is_flag=True,
        help="Use spaCy's blank English pipeline with rule-based sentences, even if the trained one is installed.",
    )(f)
