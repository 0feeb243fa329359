"""The default terminal report: findings grouped by file, coloured only on a terminal."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from rich.console import Console
from rich.text import Text

from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter, is_terminal
from refcheck.report.excerpt import one_line, shorten_middle, shown_path
from refcheck.report.summary import SEVERITIES, summarise

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
PIPED_WIDTH = 100
CONTEXT_LIMIT = 200
INDENT = "    "
LABEL_WIDTH = len("suggestion: ")


def make_console(stream: TextIO, color: bool | None = None) -> Console:
    """A console on `stream`: colour on a terminal unless NO_COLOR; `color` overrides both."""
    tty = is_terminal(stream)
    if color is None:
        color = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        # Only the 8 basic colours are used, so "standard" gives the same bytes on every terminal.
        color_system="standard" if color else None,
        width=None if tty else PIPED_WIDTH,
        soft_wrap=not tty,  # piped: one finding stays on one line for grep
        force_jupyter=False,
        # Messages quote document text: "[source]" is not markup, ":note:" is not an emoji.
        markup=False,
        emoji=False,
        highlight=False,
    )


def location(f: Finding) -> str:
    """`path:line:col (page N)`, as `model.Location` prints it; parts that are unset are left out."""
    where = shown_path(f.path)
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    if f.page is not None:
        where += f" (page {f.page})"
    return where


def counts_phrase(counts: Mapping[str, int], keep_zero: bool = True) -> str:
    """Counts as words: `3 errors, 1 warning, 12 info` ("info" takes no plural)."""
    parts = []
    for severity in SEVERITIES:
        n = counts.get(severity.value, 0)
        if n or keep_zero:
            word = severity.value if n == 1 or severity is Severity.INFO else f"{severity.value}s"
            parts.append(f"{n} {word}")
    return ", ".join(parts)


def group_by_path(findings: list[Finding], document_paths: list[str]) -> list[tuple[str, list[Finding]]]:
    """Findings per file: the documents in the order given, then other files (.bib) by name."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    known = [p for p in dict.fromkeys(document_paths) if p in groups]
    others = sorted(set(groups) - set(known))
    return [(p, groups[p]) for p in known + others]


def _print_hanging(console: Console, prefix: str, value: Text) -> None:
    """Print `prefix` + `value`; on a terminal, wrapped lines of `value` start under its first character."""
    if console.soft_wrap:  # piped: never wrap, so grep sees whole lines
        lines = [value]
    else:
        lines = value.wrap(console, max(console.width - len(prefix), 20), overflow="fold")
    for i, line in enumerate(lines):
        line.rstrip()
        text = Text()
        text.append(prefix if i == 0 else " " * len(prefix), style="dim")
        text.append_text(line)
        console.print(text, soft_wrap=True)


class TextReporter(Reporter):
    """Human-readable blocks: a `path:line:col: severity CODE rule: message` line, then details."""

    name = "text"

    def write(self, summary: Mapping[str, int]) -> None:
        console = make_console(self.stream, self.color)
        for path, group in group_by_path(self.sorted_findings(), [d.path for d in self.documents]):
            heading = Text(shown_path(path), style="bold underline")
            heading.append(f" ({counts_phrase(summarise(group), keep_zero=False)})")
            console.print(heading)
            console.print()
            for f in group:
                self._block(console, f)
        console.print(self._summary_line(summary))

    def _block(self, console: Console, f: Finding) -> None:
        severity = Severity(f.severity)
        header = Text()
        header.append(location(f), style="bold")
        header.append(": ")
        header.append(severity.value, style=SEVERITY_STYLE[severity])
        header.append(f" {f.code} ")
        header.append(one_line(f.rule), style="dim")
        header.append(f": {one_line(f.message)}")
        _print_hanging(console, "", header)
        for label, value in self._details(f):
            _print_hanging(console, INDENT + label.ljust(LABEL_WIDTH), value)
        console.print()

    def _details(self, f: Finding) -> list[tuple[str, Text]]:
        rows = []
        if f.context:
            rows.append(("claim:", Text(shorten_middle(f.context, CONTEXT_LIMIT), style="italic")))
        if f.entry or f.entry_summary:
            entry = " — ".join(one_line(s) for s in (f.entry, f.entry_summary) if s)
            # A library finding (unused, duplicate entry) concerns an entry nobody cited here.
            rows.append(("cited:" if f.citation is not None else "entry:", Text(entry)))
        for i, item in enumerate(f.evidence):
            # The label once, the rest aligned under it: a list, not repeated noise.
            rows.append(("evidence:" if i == 0 else "", Text(shorten_middle(item, CONTEXT_LIMIT))))
        if f.passage is not None:
            where = f.passage.source + (f", line {f.passage.line}" if f.passage.line else "")
            row = Text(f"{where}: ")
            row.append(f"'{one_line(f.passage.text)}'", style="italic")
            rows.append(("passage:", row))
        if f.suggestion:
            rows.append(("suggestion:", Text(one_line(f.suggestion), style="bold green")))
        return rows

    def _summary_line(self, summary: Mapping[str, int]) -> Text:
        n = len(self.documents)
        docs = f"{n} document" if n == 1 else f"{n} documents"
        if not any(summary.values()):
            return Text(f"No problems found in {docs}.", style="green")
        worst = next(s for s in SEVERITIES if summary.get(s.value))
        return Text(f"{counts_phrase(summary)} in {docs}", style=SEVERITY_STYLE[worst])
