"""`refcheck audit`: check documents' citations against the BibTeX library and report what is wrong."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refcheck.cli.options import pipeline_option

from refcheck.report.summary import FAIL_ON_LEVELS as FAIL_ON


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.command("audit")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--bib", "bibs", multiple=True, metavar="FILE", help="BibTeX file or folder (repeatable). Default: bib/*.bib.")
@click.option("--format", "fmt", default="text", show_default=True, metavar="FORMAT", help="text or json.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding at or above this severity is reported.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (codes, code prefixes or names; comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal.")
@pipeline_option
def command(paths, bibs, fmt, output, fail_on, select, ignore, color, progress, blank_pipeline):
    """Audit the citations of PATH... (documents or folders) against the library."""
    from refcheck.errors import UsageError
    from refcheck.pipeline import run_audit
    from refcheck.report import exit_code, get_reporter, render
    from refcheck.report.progress import progress as progress_bar

    get_reporter(fmt)  # an unknown format fails before any work
    if not paths:
        raise UsageError("no documents given: `refcheck audit PAPER.md --bib LIBRARY.bib`")
    bib_paths = list(bibs) or _default_library()
    total = sum(1 for _ in paths)
    with progress_bar(total, "auditing", enabled=progress and fmt == "text" and output is None) as bar:
        result = run_audit(
            list(paths), bib_paths, select=_split(select) or None, ignore=_split(ignore) or None,
            blank_pipeline=blank_pipeline, on_document=lambda _p: bar.advance(),
        )
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            render(result.findings, result.documents, fmt, stream, color=False)
    else:
        render(result.findings, result.documents, fmt, sys.stdout, color=color)
    sys.exit(exit_code(result.findings, fail_on))


def _default_library() -> list[str]:
    from refcheck.errors import UsageError

    folder = Path("bib")
    if folder.is_dir() and any(folder.glob("*.bib")):
        return [str(folder)]
    raise UsageError("no library: give --bib FILE, or keep the .bib files in bib/")
