"""`refcheck config`: the effective configuration, each value with where it came from."""

from __future__ import annotations

import click

from refcheck.cli.options import settings_options


@click.command("config")
@settings_options
def command(config_file, bibs, fail_on, select, ignore, baseline, thresholds):
    """Print the settings `refcheck audit` would use (as TOML), and the origin of each."""
    from refcheck.cli.options import load_settings
    from refcheck.config import describe

    click.echo(describe(load_settings(config_file, bibs, fail_on, select, ignore, baseline, thresholds)), nl=False)
