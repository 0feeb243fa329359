"""`refcheck audit`: check documents' citations against the BibTeX library and report what is wrong."""

from __future__ import annotations

import sys

import click

from refcheck.cli.options import pipeline_option, settings_options


@click.command("audit")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@settings_options
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help="text (default), json, sarif, github, junit, markdown or html; FORMAT:FILE writes a file (repeatable).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--write-baseline", metavar="FILE",
              help="Record today's findings in FILE; later runs with --baseline FILE report only new ones.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("--progress/--no-progress", default=True, help="Progress bar on a terminal.")
@pipeline_option
@click.option("--corpus", is_flag=True,
              help="Also audit every document of the corpus store (`refcheck corpus add`), as stored.")
@click.option("--verify", "verify", is_flag=True,
              help="Also look the cited works up in metadata sources (RC110-RC112; see `refcheck verify`).")
@click.option("--offline", is_flag=True, help="With --verify: only the response cache and the snapshot.")
@click.option("--snapshot", metavar="FILE", help="With --verify: a local snapshot of registry records.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Extract documents on N processes (default 0: one per core); the report is the same.")
@click.option("--stdin-filename", metavar="NAME",
              help="With PATH '-': the name (and by its suffix the type) of the document read from standard input.")
@click.option("--dask-scheduler", "--dask", "dask", metavar="ADDRESS|local",
              help="Extract documents on a Dask cluster: its scheduler's address, or local (needs the dask extra).")
def command(paths, config_file, bibs, fail_on, select, ignore, baseline, thresholds, formats, output, write_baseline,
            color, progress, blank_pipeline, verify, offline, snapshot, jobs, dask, corpus, stdin_filename):
    """Audit the citations of PATH... (documents or folders; default: `documents` of the configuration)."""
    from refcheck import baseline as baselines
    from refcheck.checks import cap
    from refcheck.exit_codes import EXIT_INTERNAL
    from refcheck.cli.options import load_settings, parse_outputs
    from refcheck.parallel import default_jobs
    from refcheck.pipeline import run_configured, write_reports
    from refcheck.report import exit_code
    from refcheck.report.progress import progress as progress_bar

    from refcheck.ingest import STDIN
    from refcheck.ingest.stdin import stdin_named

    if stdin_filename and STDIN not in paths:
        from refcheck.errors import UsageError

        raise UsageError("--stdin-filename names the document read from '-': give '-' as PATH")
    settings = load_settings(config_file, bibs, fail_on, select, ignore, baseline, thresholds, paths)
    outputs = parse_outputs(formats, output)
    _refuse_overwriting_inputs(settings, outputs, output, write_baseline)
    total = len(settings.paths("documents"))
    with progress_bar(total, "auditing", enabled=progress and ("text", None) in outputs) as bar, \
            stdin_named(stdin_filename):
        result = run_configured(settings, blank_pipeline=blank_pipeline, jobs=jobs or default_jobs(), dask=dask,
                                on_document=lambda _p: bar.advance(), corpus=corpus,
                                verify=_verify_settings(settings, verify, offline, snapshot))
    if write_baseline:
        # Everything found today, also what an older baseline already held: the new file replaces it.
        n = baselines.write(write_baseline, result.findings + result.baselined, settings.root)
        click.echo(f"refcheck: wrote {n} finding{'s' if n != 1 else ''} to the baseline {write_baseline}", err=True)
    elif result.baselined:
        click.echo(f"refcheck: {len(result.baselined)} finding(s) in the baseline {settings.path_of('baseline')} "
                   "not reported", err=True)
    write_reports(result, outputs, settings["rule-docs-url"], color=color, per_rule=settings.threshold(cap.OPTION))
    if result.crashed_rules:  # a report without a rule's findings must not pass as a clean one
        click.echo(f"refcheck: error: rule(s) crashed: {', '.join(result.crashed_rules)}; their findings are missing",
                   err=True)
        sys.exit(EXIT_INTERNAL)
    # Writing a baseline accepts today's findings: that run passes, the next fails only on new ones.
    sys.exit(0 if write_baseline else exit_code(result.findings, settings["fail-on"]))


def _verify_settings(settings, verify: bool, offline: bool, snapshot: str | None):
    """--verify's settings ([tool.refcheck.verify] and the command line), or None: nothing is contacted."""
    if not verify:
        if offline or snapshot:
            from refcheck.errors import UsageError

            raise UsageError("--offline and --snapshot go with --verify")
        return None
    from refcheck.cli.verify import verify_settings

    return verify_settings(settings, snapshot, offline, None, None, None, False)


def _refuse_overwriting_inputs(settings, outputs, output: str | None, write_baseline: str | None) -> None:
    """No report or baseline over a document, a library, the configuration or the corpus (before any work).

    `--write-baseline` may name the `--baseline` it replaces: that is its purpose.
    """
    from refcheck.errors import UsageError
    from refcheck.ingest import SUFFIXES
    from refcheck.library.atomic import refuse_overwriting_inputs
    from refcheck.pipeline import library_paths

    inputs = settings.paths("documents") + [str(settings.file) if settings.file else None, settings.path_of("corpus")]
    try:
        inputs += library_paths(settings)
    except UsageError:
        pass  # no library: the audit says so itself
    written = [("--output" if path == output else f"--format {fmt}:FILE", path) for fmt, path in outputs]
    written.append(("--write-baseline", write_baseline))
    refuse_overwriting_inputs(written, inputs, folder_suffixes=SUFFIXES + (".bib",))
