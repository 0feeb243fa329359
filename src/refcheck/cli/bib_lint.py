"""`refcheck bib lint`: the library rules alone (duplicate, incomplete, malformed) and names spelled two ways."""

from __future__ import annotations

import sys

import click

from refcheck.exit_codes import EXIT_INTERNAL
from refcheck.report.summary import FAIL_ON_LEVELS

NAME_RULE, NAME_CODE = "name-inconsistent", "RC302"  # the report contract's code for one name spelled two ways


def name_findings(library) -> list:
    """One info finding per name written two ways, at the first entry of the rarer spelling."""
    from refcheck.library.name_variants import name_variants
    from refcheck.model import Finding, Severity

    findings = []
    for v in name_variants(library.entries):
        common, *others = v.spellings
        for s in others:
            findings.append(Finding(
                rule=NAME_RULE, code=NAME_CODE, severity=Severity.INFO, path=s.path, line=s.line, column=1,
                message=f"'{s.name}' ({', '.join(s.keys[:3])}{'…' if len(s.keys) > 3 else ''}) is also written "
                        f"'{common.name}' ({len(common.keys)} entr{'y' if len(common.keys) == 1 else 'ies'}; {v.reason})",
                entry=s.keys[0], suggestion=common.name,
                evidence=tuple(f"{x.name}: {', '.join(x.keys[:5])}" for x in v.spellings),
            ))
    return findings


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, metavar="BIB...")
@click.option("--format", "fmt", default="text", show_default=True, metavar="FORMAT", help="text or json (any report format).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_LEVELS), default="error", show_default=True,
              help="Exit 1 when a finding at or above this severity is reported.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
def command(paths, fmt, output, fail_on, color):
    """Check BIB... (files or folders) with the library rules: duplicates, incomplete and malformed entries, name variants."""
    from refcheck.checks import run_rules
    from refcheck.checks.context import AuditContext
    from refcheck.checks.registry import select_rules
    from refcheck.cli.bib_common import configured_distinct, echo_err
    from refcheck.library.load import load_library
    from refcheck.report import exit_code, get_reporter, render

    from refcheck.library.atomic import refuse_overwriting_inputs, write_atomic

    get_reporter(fmt)  # an unknown format fails before any work
    refuse_overwriting_inputs([("--output", output)], list(paths), folder_suffixes=(".bib",))
    library = load_library(list(paths))
    library.distinct |= configured_distinct()
    rules = [r for r in select_rules(["RC4"], None) if r.scope == "library"]
    findings, crashed = run_rules(rules, AuditContext([], library, {}), lambda m: echo_err(f"refcheck: {m}"))
    findings += name_findings(library)
    if output:
        import io

        stream = io.StringIO()
        render(findings, [], fmt, stream, color=False)
        write_atomic(output, stream.getvalue())
    else:
        render(findings, [], fmt, sys.stdout, color=color)
    if crashed:  # a lint without a rule's findings must not pass as a clean one
        echo_err(f"refcheck: error: rule(s) crashed: {', '.join(crashed)}; their findings are missing")
        sys.exit(EXIT_INTERNAL)
    sys.exit(exit_code(findings, fail_on))
