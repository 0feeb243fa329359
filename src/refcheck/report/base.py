"""The reporter lifecycle every output format shares: start, finding..., end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TextIO

from refcheck.model import DocumentSummary, Finding, Severity
from refcheck.report.summary import summarise


@dataclass(frozen=True)
class RuleMeta:
    """What a report may say of a rule beyond its findings; the caller passes it in (reporters import no rules)."""

    code: str
    name: str
    severity: Severity
    summary: str  # one line
    page: str  # the Markdown page, as `refcheck explain` prints it
    url: str  # the page's link: docs/rules/<name>.md under the configured base
    scope: str = "document"  # "document" or "library"


@dataclass(frozen=True)
class TextEdit:
    """A fix, exactly placed: `new` for `old` at line, column..end_column (1-based, end exclusive) of `path`."""

    path: str
    line: int
    column: int
    end_column: int
    old: str
    new: str


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is an interactive terminal (False for files, pipes and closed streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def sort_key(f: Finding) -> tuple:
    """The report order: path, line, column, code; the rest only makes ties deterministic."""
    # None (a finding about a whole file) sorts before line 1.
    return (f.path, f.line or 0, f.column or 0, f.code, f.citation or "", f.entry or "", f.message)


class Reporter:
    """Collects findings and writes one report to `stream` at `end()`."""

    # Buffering is the default because sorted and grouped formats need every
    # finding first; a streaming format (annotations, say) overrides `finding`.
    name: ClassVar[str]  # the --format name in the registry
    # Shows the documents' texts and the library entries (`sources`); gathering them costs a pass over every
    # finding's document and entry, which the other formats do not pay.
    shows_sources: ClassVar[bool] = False

    def __init__(
        self,
        stream: TextIO,
        color: bool | None = None,
        *,
        rules: Mapping[str, RuleMeta] | None = None,
        unused_suppressions: Sequence[Any] = (),
        fixes: Mapping[str, Sequence[TextEdit]] | None = None,
        sources: Any = None,
        notes: Mapping[str, Any] | None = None,
    ) -> None:
        self.stream = stream
        self.color = color  # None: decide from the stream; only the terminal format uses it
        # By code, for the rules that ran; formats that describe rules fall back to what findings say.
        self.rules: Mapping[str, RuleMeta] = rules or {}
        # suppress.UnusedSuppression records: reported, never counted in the summary.
        self.unused_suppressions = tuple(unused_suppressions)
        # By finding fingerprint: the exact edits that apply a suggestion, where the pipeline could place them.
        self.fixes: Mapping[str, Sequence[TextEdit]] = fixes or {}
        # report.sources.ReportSources: the documents' texts and the library, for formats that show them (HTML).
        self.sources = sources
        # what the rules noted besides findings: "checks" (the scorer per claim rule), "abstained" (counts by reason)
        self.notes: Mapping[str, Any] = notes or {}
        self.documents: tuple[DocumentSummary, ...] = ()
        self.collected: list[Finding] = []

    def start(self, documents: Sequence[DocumentSummary]) -> None:
        self.documents = tuple(documents)

    def finding(self, finding: Finding) -> None:
        self.collected.append(finding)

    def findings(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.finding(f)

    def end(self, summary: Mapping[str, int] | None = None) -> None:
        """Write the report; `summary` defaults to the counts of the collected findings."""
        self.write(summary if summary is not None else summarise(self.collected))

    def write(self, summary: Mapping[str, int]) -> None:
        raise NotImplementedError

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.collected, key=sort_key)
