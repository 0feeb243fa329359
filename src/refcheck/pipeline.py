"""The audit pipeline end to end: ingest -> extract -> library -> match -> checks, for the CLI and for tests.

After the rules: fingerprints, per-file ignores, inline suppressions and the
baseline, in that order, so that a suppressed or ignored finding is never
written into a baseline.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from refcheck.errors import InputError, UsageError
from refcheck.model import DocumentSummary, Finding

if TYPE_CHECKING:
    from refcheck.config import Settings
    from refcheck.suppress import UnusedSuppression


def _stderr(msg: str) -> None:
    from refcheck.safetext import message_line

    # one line whatever the message quotes (a file name, an \input argument): never a forged CI command
    print(message_line(f"refcheck: {msg}"), file=sys.stderr)


@dataclass
class AuditResult:
    findings: list[Finding]
    documents: list[DocumentSummary]
    input_errors: list[InputError] = field(default_factory=list)
    crashed_rules: list[str] = field(default_factory=list)
    rules: list[type] = field(default_factory=list)  # the rule classes that ran, for the reports' rule metadata
    suppressed: list[Finding] = field(default_factory=list)  # by inline comments or per-file ignores
    unused_suppressions: list[UnusedSuppression] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)  # found, but recorded in the baseline
    fixes: dict[str, tuple] = field(default_factory=dict)  # fingerprint -> report.base.TextEdit(s)
    notes: dict[str, Any] = field(default_factory=dict)  # the rules' notes: "checks", "abstained", "warnings"
    gather: Callable[[], Any] | None = field(default=None, repr=False)  # makes `sources`, when first asked for

    @cached_property
    def sources(self) -> Any:
        """report.sources.ReportSources: the texts and the library, for the HTML report.

        Gathered on first use: a pass over every finding's document and entry (a second of 30,000 library
        findings) that the formats which do not show them (`Reporter.shows_sources`) never pay for.
        """
        return self.gather() if self.gather else None


def run_audit(paths: list[str], bib_paths: list[str], **options: Any) -> AuditResult:
    """Audit documents against a library (see `_run_audit`), reading only inside the project.

    The project's roots are those `confine.reading_inside` set (the configured
    run sets them); else the project found from `root` and the documents.
    """
    from refcheck.confine import active_roots, project_root, reading_inside

    roots = active_roots() or (project_root(options.get("root"), paths),)
    with reading_inside(roots):
        return _run_audit(paths, bib_paths, **options)


def _run_audit(
    paths: list[str],
    bib_paths: list[str],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    options: dict[str, Any] | None = None,
    blank_pipeline: bool = False,
    jobs: int = 1,
    dask: str | None = None,
    on_document: Callable[[str], None] | None = None,
    warn: Callable[[str], None] = _stderr,
    per_file_ignores: dict[str, list[str]] | None = None,
    root: Path | None = None,
    baseline: str | None = None,
    distinct: set[frozenset[str]] | None = None,
    verify: Any = None,
    stored: Any = (),  # (Extraction, nocite keys) of stored documents: `audit --corpus`
) -> AuditResult:
    """Audit documents against a library. Unreadable documents are reported and skipped.

    `root` is the project folder (the configuration's): per-file-ignore globs and
    fingerprints are relative to it. `baseline` is a baseline file whose findings
    are left out of `findings` (kept in `baselined`).
    """
    from refcheck import baseline as baselines
    from refcheck import fixes
    from refcheck.checks import run_rules
    from refcheck.checks.context import AuditContext
    from refcheck.checks.registry import select_rules
    from refcheck.extract.citations.latex import nocite_keys
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import Format, iter_documents
    from refcheck.parallel import extract_documents
    from refcheck.library import load_library
    from refcheck.resolve import Resolver
    from refcheck.resolve.document import resolve_document
    from refcheck.relocate import relocate

    # Before any work: an unknown rule or an unreadable baseline is a usage error.
    rules = select_rules(select, ignore)
    ignored_by_file = {pattern: _codes(idents) for pattern, idents in (per_file_ignores or {}).items()}
    known = baselines.load(baseline) if baseline else None
    root = root or Path.cwd()
    library = load_library(bib_paths)
    from refcheck.confine import active_roots
    from refcheck.library.attached import drop_outside_files

    drop_outside_files(library, active_roots() or (), warn)  # `file = {/etc/passwd}` is not read, and said so
    library.distinct |= distinct or set()  # pairs the configuration declares different works
    resolver = Resolver(library)
    nlp = load_pipeline(blank=blank_pipeline)
    audits = []
    read = []  # (document, audit): the texts the HTML report shows
    summaries: list[DocumentSummary] = []
    errors: list[InputError] = []
    nocite: list[str] = []
    # extracted in order, on `jobs` cores or a Dask cluster; resolution and rules stay here
    for item, extraction in extract_documents(iter_documents(paths), nlp, jobs=jobs, blank=blank_pipeline, dask=dask):
        if isinstance(item, InputError):
            if audits:  # else held back: when nothing can be read, the run ends on the error, said once
                warn(f"error: {item}")
            errors.append(item)
            continue
        if not audits:
            for held in errors:
                warn(f"error: {held}")
        for message in item.warnings:
            warn(f"warning: {message}")
        if item.format is Format.LATEX:
            nocite += nocite_keys(item.text)
        nocite += item.nocite  # Pandoc's front matter `nocite:`
        audits.append(resolve_document(extraction, resolver))
        read.append((item, audits[-1]))
        counts = (len(extraction.footnotes), len(extraction.citations), len(extraction.claims))
        summaries.append(DocumentSummary(item.path, *counts))
        if on_document:
            on_document(item.path)
    if stored and not audits:
        for held in errors:
            warn(f"error: {held}")
    for extraction, keys in stored:  # extracted when `refcheck corpus add` stored them
        nocite += keys
        audits.append(resolve_document(extraction, resolver))
        counts = (len(extraction.footnotes), len(extraction.citations), len(extraction.claims))
        summaries.append(DocumentSummary(extraction.path, *counts))
        if on_document:
            on_document(extraction.path)
    if not audits and errors:
        if len(errors) == 1:
            raise errors[0]
        for held in errors:
            warn(f"error: {held}")
        raise UsageError("no document could be read")
    # Set by the pipeline, not by users: the LaTeX \nocite keys, and whether spaCy is blank (the fit scorer reads it).
    ctx = AuditContext(audits, library, {**(options or {}), "nocite": nocite, "blank_pipeline": blank_pipeline})
    if verify is not None:  # `audit --verify` (refcheck.verify.settings.VerifySettings): only then is anything contacted
        ctx.options["verification"] = _verify(audits, library, verify, warn)
    findings, crashed = run_rules(rules, ctx, warn)
    for message in ctx.notes.get("warnings", ()):  # a claim rule skipped or degraded: say so, loudly
        warn(f"warning: {message}")
    findings = relocate(findings, audits)  # a finding in an \input chapter names the chapter's file
    findings = baselines.with_fingerprints(findings, root)
    kept, suppressed = [], []
    for f in findings:
        (suppressed if _ignored_for_file(f, ignored_by_file, root) else kept).append(f)
    kept, silenced, unused = _apply_suppressions(kept, audits)
    for u in unused:
        warn(f"warning: {u}")
    result = AuditResult(kept, summaries, errors, crashed, list(rules), suppressed + silenced, unused)
    result.notes = ctx.notes
    if known is not None:
        result.findings, result.baselined = baselines.split(kept, known)
    result.fixes = fixes.edits(result.findings, audits, library)
    from refcheck.checks.registry import all_rules
    from refcheck.report.sources import gather_sources

    findings = result.findings
    result.gather = lambda: gather_sources(read, library, findings, rules, crashed, all_rules(), nocite)
    return result


def _verify(audits, library, settings, warn) -> list:
    """RC110-RC112's input: the cited entries and unresolved references, verified; the unchecked ones on stderr."""
    from refcheck.verify.run import verify_entries_and_references
    from refcheck.verify.subjects import unchecked

    checked = verify_entries_and_references(audits, library, settings, warn)
    for c in unchecked(checked):
        warn(f"warning: {c.subject.path}:{c.subject.line}: not verified ({c.verdict.reason}): {c.subject.text}")
    return checked


def _codes(idents: list[str]) -> set[str]:
    from refcheck.checks.registry import select_rules

    return {r.code for r in select_rules(idents, None)}


def _rule_codes(ident: str) -> set[str] | None:
    """The codes a rule id in a suppression names (code, prefix or name); None when it names none."""
    try:
        return _codes([ident])
    except UsageError:
        return None


def _ignored_for_file(f: Finding, table: dict[str, set[str]], root: Path) -> bool:
    if not table:
        return False
    path = Path(f.path)
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    for pattern, codes in table.items():
        # A pattern without a slash names files anywhere (`*.bib`), as in .gitignore.
        hit = fnmatch.fnmatchcase(relative, pattern) or ("/" not in pattern and fnmatch.fnmatchcase(path.name, pattern))
        if hit and f.code in codes:
            return True
    return False


def _apply_suppressions(findings: list[Finding], audits) -> tuple[list[Finding], list[Finding], list]:
    from refcheck import suppress

    suppressions: dict[str, list] = {}
    unused: list = []
    targets: dict[str, list[tuple[int, int]]] = {}
    for audit in audits:
        x = audit.extraction
        # Every place a finding about a citation can point at: markers, notes, list items.
        places = [c.location for c in (*x.citations, *x.markers_without_text)]
        places += [n.location for n in x.footnotes] + [i.location for i in x.reference_list]
        # the document and each file it \input-s: findings there name that file (relocate)
        for path in dict.fromkeys([audit.path] + [loc.path for loc in places if loc.path]):
            found, broken = suppress.read(path)
            unused += broken
            if not found:
                continue
            suppressions[path] = found
            targets[path] = [(loc.line, loc.column) for loc in places if (loc.path or audit.path) == path]
            targets[path] += [(f.line, f.column) for f in findings if f.path == path and f.citation and f.line]
    outcome = suppress.apply(findings, suppressions, targets, _rule_codes)
    return outcome.kept, outcome.suppressed, sorted(unused + outcome.unused, key=lambda u: (u.path, u.line, u.column))


def run_configured(
    settings: Settings,
    *,
    blank_pipeline: bool = False,
    jobs: int = 1,
    dask: str | None = None,
    on_document: Callable[[str], None] | None = None,
    warn: Callable[[str], None] = _stderr,
    verify: Any = None,
    corpus: bool = False,
) -> AuditResult:
    """`refcheck audit` as configured: documents, library, rules, ignores and baseline from the settings."""
    from refcheck.config import distinct_pairs
    from refcheck.confine import project_root, reading_inside

    documents = settings.paths("documents")
    # what documents and libraries name is read inside the project and the folders the configuration names
    roots = [project_root(settings.root if settings.file else None, documents)]
    roots += [settings.path_of("corpus")] + settings.paths("sources")
    with reading_inside(roots):
        return _run_configured(settings, documents, blank_pipeline=blank_pipeline, jobs=jobs, dask=dask,
                               on_document=on_document, warn=warn, verify=verify, corpus=corpus)


def _run_configured(settings: Settings, documents: list[str], *, blank_pipeline, jobs, dask, on_document, warn,
                    verify, corpus) -> AuditResult:
    from refcheck.config import distinct_pairs

    stored = ()
    if corpus:  # every document of the corpus store, those given as PATH read afresh instead
        from refcheck.corpus.stored import for_audit

        stored = for_audit(settings, documents)
    if not documents and not corpus:
        raise UsageError("no documents given: `refcheck audit PAPER.md`, or set documents in [tool.refcheck]")
    return run_audit(
        documents, library_paths(settings),
        select=settings["select"] or None, ignore=settings["ignore"] or None, options=settings.options(),
        blank_pipeline=blank_pipeline, jobs=jobs, dask=dask, on_document=on_document, warn=warn,
        per_file_ignores=settings["per-file-ignores"], root=settings.root, baseline=settings.path_of("baseline"),
        distinct=distinct_pairs(settings["distinct"]), verify=verify, stored=stored,
    )  # fmt: skip


def library_paths(settings: Settings) -> list[str]:
    """`bib` from the command line or the configuration; then the libraries the documents name; then bib/*.bib."""
    bibs = settings.paths("bib")
    if bibs:
        return bibs
    from refcheck.ingest.declared import declared_libraries

    named = declared_libraries(settings.paths("documents"))  # front matter `bibliography:`, #bibliography(...)
    if named:
        return named
    folder = Path("bib")
    if folder.is_dir() and any(folder.glob("*.bib")):
        return [str(folder)]
    raise UsageError("no library: give --bib FILE, set bib in [tool.refcheck], or keep the .bib files in bib/")


def rule_metadata(rules: Sequence[type], docs_url: str) -> dict:
    """What SARIF, JUnit and Markdown say of each rule that ran: its page and the link to it."""
    from refcheck.checks.docs import page
    from refcheck.report.base import RuleMeta

    base = docs_url if docs_url.endswith("/") else docs_url + "/"
    return {
        r.code: RuleMeta(r.code, r.name, r.severity, r.summary(), page(r), f"{base}{r.name}.md", r.scope) for r in rules
    }


def write_reports(
    result: AuditResult, outputs: list[tuple[str, str | None]], docs_url: str, color: bool | None = None,
    stdout: TextIO | None = None, per_rule: int | None = None,
) -> None:
    """Every requested format in one run: each to its file (atomically), or to standard output.

    At most `per_rule` findings of each rule are shown, the rest counted
    (`checks.cap`; None: its default); the exit status still sees them all.
    """
    import io

    from refcheck.checks.cap import DEFAULT, cap_findings
    from refcheck.library.atomic import write_atomic
    from refcheck.report import get_reporter, render

    rules = rule_metadata(result.rules, docs_url)
    shown = cap_findings(result.findings, DEFAULT if per_rule is None else per_rule)
    for fmt, path in outputs:
        kwargs = dict(rules=rules, unused_suppressions=result.unused_suppressions, fixes=result.fixes,
                      sources=result.sources if get_reporter(fmt).shows_sources else None, notes=result.notes)
        if path is None:
            render(shown, result.documents, fmt, stdout or sys.stdout, color=color, **kwargs)
            continue
        stream = io.StringIO()
        render(shown, result.documents, fmt, stream, color=False, **kwargs)
        try:
            write_atomic(path, stream.getvalue())
        except InputError as exc:
            raise UsageError(f"cannot write the {fmt} report: {exc.message}", path) from None
