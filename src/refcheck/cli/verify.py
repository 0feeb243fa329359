"""`refcheck verify`: do the cited works exist? Each reference (or library entry) looked up in metadata sources.

    refcheck verify paper.md                      # the document's references
    refcheck verify --bib refs.bib                # every entry of a library
    refcheck verify paper.md --snapshot works.sqlite --offline
    refcheck verify snapshot build dump.jsonl.gz retraction_watch.csv -o works.sqlite
"""

from __future__ import annotations

import json
import sys

import click

from refcheck.cli.options import load_settings
from refcheck.report.summary import FAIL_ON_LEVELS


class _DefaultCheck(click.Group):
    """`refcheck verify PATH...` runs `check`; `refcheck verify snapshot ...` manages snapshots."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group("verify", cls=_DefaultCheck)
def group() -> None:
    """Do the cited works exist? Look references up in Crossref, OpenAlex, DBLP or a local snapshot."""


def _verify_options(f):
    options = (
        click.option("--snapshot", metavar="FILE", help="A local snapshot: built .sqlite, or .jsonl/.json/.bib records."),
        click.option("--offline", is_flag=True, help="Use only the response cache and the snapshot; contact nothing."),
        click.option("--sources", metavar="NAMES", help="Sources in order, comma-separated (snapshot, crossref, openalex, dblp)."),
        click.option("--mailto", metavar="EMAIL", help="Contact e-mail for Crossref's and OpenAlex's polite pool."),
        click.option("--cache", "cache_path", metavar="FILE", help="The response cache (default: the user cache folder)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor keep cached answers."),
    )  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return f


def verify_settings(settings, snapshot, offline, sources, mailto, cache_path, no_cache):
    """The configuration's [verify] table with the command line on top."""
    from refcheck.errors import UsageError
    from refcheck.verify.settings import SOURCE_NAMES, VerifySettings

    vs = VerifySettings.from_settings(settings)
    if sources:
        names = [s.strip() for s in sources.split(",") if s.strip()]
        unknown = [n for n in names if n not in SOURCE_NAMES]
        if unknown:
            raise UsageError(f"--sources: unknown source '{unknown[0]}'; known: {', '.join(SOURCE_NAMES)}")
        vs.sources = names
    if snapshot:
        vs.snapshot = snapshot
    if mailto:
        vs.mailto = mailto
    if cache_path:
        vs.cache = cache_path
    if no_cache:
        vs.cache = None
    vs.offline = offline
    return vs


@group.command("check")
@click.argument("paths", nargs=-1, metavar="[DOC]...")
@click.option("--bib", "bibs", multiple=True, metavar="FILE", help="Verify every entry of this library (repeatable).")
@_verify_options
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False), help="Read this configuration.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="text (default) or json.")
@click.option("--output", "-o", metavar="FILE", help="Write the report to a file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_LEVELS), default=None,
              help="Exit 1 when a finding at or above this severity is reported (default: the configuration's).")
def check(paths, bibs, snapshot, offline, sources, mailto, cache_path, no_cache, config_file, fmt, output, fail_on):
    """Verify the references of DOC... and the entries of --bib FILE... against metadata sources."""
    from refcheck.errors import UsageError
    from refcheck.report.summary import exit_code

    settings = load_settings(config_file, fail_on=fail_on, paths=paths)
    vs = verify_settings(settings, snapshot, offline, sources, mailto, cache_path, no_cache)
    documents = settings.paths("documents")
    if not documents and not bibs:
        raise UsageError("nothing to verify: `refcheck verify PAPER.md` or `refcheck verify --bib refs.bib`")
    subjects = _subjects(documents, list(bibs))
    from refcheck.verify.run import open_session

    session = open_session(vs, _warn)
    try:
        checked = session.run(subjects)
        requests = session.http.requests
    finally:
        session.close()
    findings = _findings(checked)
    text = _json(checked, findings, requests) if fmt == "json" else _text(checked, requests, vs.offline)
    _write(text, output)
    sys.exit(exit_code(findings, settings["fail-on"]))


def _warn(message: str) -> None:
    click.echo(f"refcheck: {message}", err=True)


def _subjects(documents: list[str], bibs: list[str]):
    from refcheck.errors import InputError, UsageError
    from refcheck.verify.subjects import of_document, of_entry

    subjects = []
    if documents:
        from refcheck.extract import extract
        from refcheck.extract.nlp import load_pipeline
        from refcheck.ingest import iter_documents

        nlp = load_pipeline(blank=True)  # references need no trained sentences
        read = 0
        for item in iter_documents(documents):
            if isinstance(item, InputError):
                _warn(f"error: {item}")
                continue
            read += 1
            subjects += of_document(extract(item, nlp))
        if not read:
            raise UsageError("no document could be read")
    if bibs:
        from refcheck.library import load_library

        library = load_library(bibs)
        for p in library.problems:
            _warn(f"warning: {p.path}:{p.line}: {p.message}" if getattr(p, "line", None) else f"warning: {p.message}")
        subjects += [of_entry(e) for e in library.entries]
    return subjects


def _findings(checked):
    from refcheck.checks import run_rules
    from refcheck.checks.context import AuditContext
    from refcheck.checks.registry import select_rules

    ctx = AuditContext([], None, {"verification": checked})
    findings, _crashed = run_rules(select_rules(["RC110", "RC111", "RC112"], None), ctx, _warn)
    return findings


def counts(checked) -> dict[str, int]:
    from refcheck.verify.verdict import MISMATCHED, UNCHECKED, UNVERIFIED, VERIFIED

    out = {s: 0 for s in (VERIFIED, MISMATCHED, UNVERIFIED, UNCHECKED)}
    for c in checked:
        out[c.verdict.status] += 1
    out["retracted"] = sum(c.verdict.retracted for c in checked)
    return out


def _json(checked, findings, requests: int) -> str:
    from refcheck.report.json_format import finding_to_json

    report = {
        "schema": "refcheck-verify/1",
        "references": [{**c.subject.to_json(), **c.verdict.to_json()} for c in checked],
        "unchecked": [{**c.subject.to_json(), "reason": c.verdict.reason}
                      for c in checked if c.verdict.status == "unchecked"],
        "findings": [finding_to_json(f) for f in findings],
        "summary": {**counts(checked), "requests": requests},
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _text(checked, requests: int, offline: bool) -> str:
    lines = []
    for c in checked:
        s, v = c.subject, c.verdict
        where = f"{s.path}:{s.line}" + (f":{s.column}" if s.column else "")
        label = v.status + (" RETRACTED" if v.retracted else "")
        lines.append(f"{where}  {label:<11} {s.text}")
        if v.record:
            lines.append(f"    {v.record.source}: {v.record.short()}")
        for m in v.mismatches:
            lines.append(f"    {m.field}: cited '{m.cited}', registry '{m.registry}'")
        if v.status == "unverified":
            lines.append(f"    searched: {', '.join(v.searched)}")
            for r in v.nearest:
                lines.append(f"    nearest: {r.short()}")
        if v.status == "unchecked":
            lines.append(f"    not checked: {v.reason}")
    n = counts(checked)
    lines.append("")
    lines.append(f"{len(checked)} reference(s): {n['verified']} verified, {n['mismatched']} mismatched, "
                 f"{n['unverified']} unverified, {n['unchecked']} not checked"
                 + (f", {n['retracted']} retracted" if n["retracted"] else "")
                 + ("; offline" if offline else f"; {requests} request(s) made"))
    return "\n".join(lines) + "\n"


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from refcheck.library.atomic import write_atomic

    write_atomic(output, text.encode("utf-8"))


@group.group("snapshot")
def snapshot_group() -> None:
    """Build and inspect local snapshots of registry records."""


@snapshot_group.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--output", "-o", required=True, metavar="FILE", help="The snapshot to write (SQLite).")
def snapshot_build(inputs, output):
    """Build a snapshot from OpenAlex / Crossref / DBLP JSON (Lines, .gz too), libraries and Retraction Watch CSV."""
    import os

    from refcheck.errors import UsageError
    from refcheck.verify.snapshot import build_snapshot

    if os.path.realpath(output) in {os.path.realpath(p) for p in inputs}:
        raise UsageError("--output names an input; write the snapshot to another file", output)
    records, retracted = build_snapshot(list(inputs), output, on_file=lambda p: _warn(f"read {p}"))
    _warn(f"wrote {output}: {records} record(s), {retracted} retracted DOI(s)")


@snapshot_group.command("info")
@click.argument("path", metavar="SNAPSHOT")
def snapshot_info(path):
    """How many records and retracted DOIs a snapshot holds."""
    from refcheck.verify.snapshot import open_snapshot

    store = open_snapshot(path)
    retracted = store.db.execute("SELECT count(*) FROM retracted").fetchone()[0]
    click.echo(f"{path}: {store.size} record(s), {retracted} retracted DOI(s)")
    store.close()


def apply_verified_options(f):
    """`bib fix --apply-verified [--snapshot FILE] [--offline]`, declared here to keep bib_fix.py's edit small."""
    options = (
        click.option("--apply-verified", is_flag=True,
                     help="Write the metadata sources' values (year, volume, pages, DOI, author spelling) into entries."),
        click.option("--snapshot", metavar="FILE", help="With --apply-verified: a local snapshot of registry records."),
        click.option("--offline", is_flag=True, help="With --apply-verified: only the response cache and the snapshot."),
    )  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return f


def verified_fixes(library, file: str, text: str, apply_verified: bool, snapshot: str | None, offline: bool) -> list:
    """The --apply-verified fixes of one file (none without the flag): its entries verified, mismatches written."""
    if not apply_verified:
        return []
    from refcheck.verify.apply import verified_fixes as fixes_for
    from refcheck.verify.run import open_session
    from refcheck.verify.subjects import of_entry

    vs = verify_settings(load_settings(None), snapshot, offline, None, None, None, False)
    session = open_session(vs, _warn)
    try:
        checked = session.run([of_entry(e) for e in library.entries if e.path == file])
    finally:
        session.close()
    fixes, skipped = fixes_for(library, file, text, checked)
    for note in skipped:
        _warn(f"not applied: {note}")
    return fixes
