"""GitHub Actions workflow commands (`--format github`): each finding annotates its line in a pull request."""

from __future__ import annotations

from collections.abc import Mapping

from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter
from refcheck.report.excerpt import one_line
from refcheck.safetext import printable

# GitHub has three annotation levels; "info" is its "notice".
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message after `::`: a newline would end the command, and % starts an escape; other controls are dropped."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ',' (between properties) and ':' (ends the properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int | None) -> str:
    """`::level file=…,line=…,col=…,title=…::message`; properties left unset are left out."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    lines = [one_line(f.message)]
    if f.suggestion:
        lines.append(f"suggestion: {one_line(f.suggestion)}")
    if f.page is not None:
        lines.append(f"page {f.page} of the PDF")
    return command(
        LEVEL[Severity(f.severity)], "\n".join(lines),
        file=f.path.replace("\\", "/"), line=f.line, col=f.column if f.line is not None else None,
        title=f"refcheck {f.code} {f.rule}",
    )  # fmt: skip


class GithubReporter(Reporter):
    """One workflow command per finding, then one warning per unused suppression; nothing else is printed."""

    name = "github"

    def write(self, summary: Mapping[str, int]) -> None:
        for f in self.sorted_findings():
            self.stream.write(annotation(f) + "\n")
        for u in self.unused_suppressions:
            self.stream.write(command(
                "warning", f"unused suppression ignore[{','.join(u.rules)}]: {u.reason}",
                file=u.path.replace("\\", "/"), line=u.line, col=u.column, title="refcheck unused suppression",
            ) + "\n")  # fmt: skip
