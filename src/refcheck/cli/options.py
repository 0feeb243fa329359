"""Options shared by several commands, declared once, and the helpers that turn them into settings."""

from __future__ import annotations

import click

from refcheck.report.summary import FAIL_ON_LEVELS

paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


def pipeline_option(f):
    return click.option(
        "--blank-pipeline",
        is_flag=True,
        help="Use spaCy's blank English pipeline with rule-based sentences, even if the trained one is installed.",
    )(f)


# The settings a command line may give over the configuration file; `audit` and `config` share them,
# so that `refcheck config --fail-on warning` shows exactly what `refcheck audit --fail-on warning` would use.
_SETTINGS_OPTIONS = (
    click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
                 help="Read this configuration instead of the nearest [tool.refcheck] / refcheck.toml."),
    click.option("--bib", "bibs", multiple=True, metavar="FILE",
                 help="BibTeX file or folder (repeatable). Default: `bib` of the configuration, else bib/*.bib."),
    click.option("--fail-on", type=click.Choice(FAIL_ON_LEVELS), default=None,
                 help="Exit 1 when a finding at or above this severity is reported (default: error)."),
    click.option("--select", multiple=True, metavar="RULES",
                 help="Only these rules (codes, code prefixes or names; comma-separated)."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules."),
    click.option("--baseline", metavar="FILE", help="Leave out the findings recorded in this baseline file."),
    click.option("--threshold", "thresholds", multiple=True, metavar="NAME=VALUE",
                 help="Set a rule option, e.g. title-similarity=0.75 (repeatable)."),
)  # fmt: skip


def settings_options(f):
    for option in reversed(_SETTINGS_OPTIONS):
        f = option(f)
    return f


def split_rules(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def load_settings(config_file, bibs=(), fail_on=None, select=(), ignore=(), baseline=None, thresholds=(), paths=()):
    """The configuration file's settings with the command line's on top; each keeps its origin."""
    from refcheck.config import load_settings as load, parse_threshold

    settings = load(config_file)
    if paths:
        settings.override("documents", list(paths), "PATH")
    if bibs:
        settings.override("bib", list(bibs), "--bib")
    if fail_on:
        settings.override("fail-on", fail_on, "--fail-on")
    if select:
        settings.override("select", split_rules(select), "--select")
    if ignore:
        settings.override("ignore", split_rules(ignore), "--ignore")
    if baseline:
        settings.override("baseline", baseline, "--baseline")
    for text in thresholds:
        name, value = parse_threshold(text)
        settings.set_threshold(name, value, f"command line (--threshold {name})")
    return settings


def parse_outputs(formats: tuple[str, ...], output: str | None) -> list[tuple[str, str | None]]:
    """`--format X` / `--format X:FILE` (repeatable) and `--output FILE` -> [(format, file or None for stdout)].

    `--output` is the file of the one format given without its own file; at most
    one report may go to standard output.
    """
    from refcheck.errors import UsageError
    from refcheck.report import REPORTERS, get_reporter

    wanted: list[tuple[str, str | None]] = []
    for spec in formats or ("text",):
        name, sep, path = spec.partition(":")
        # Only a known format name before the colon splits: `C:\report.json` is not a format.
        if sep and name in REPORTERS:
            if not path:
                raise UsageError(f"--format {spec}: give a file after the colon, or leave the colon out")
            wanted.append((name, path))
        else:
            get_reporter(spec)  # an unknown format fails before any work
            wanted.append((spec, None))
    to_stdout = [name for name, path in wanted if path is None]
    if output is not None:
        if len(to_stdout) > 1:
            raise UsageError(f"--output takes one format, but {', '.join(to_stdout)} have no file of their own")
        wanted = [(name, output if path is None else path) for name, path in wanted]
    elif len(to_stdout) > 1:
        raise UsageError(f"only one report can go to standard output, not {', '.join(to_stdout)}; "
                         "give the others a file: --format FORMAT:FILE")
    files = [path for _, path in wanted if path is not None]
    if len(set(files)) != len(files):
        raise UsageError("two reports would be written to the same file")
    return wanted
