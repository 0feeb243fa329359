"""A Markdown summary for a pull-request comment (`--format markdown`): counts, then a table of findings."""

from __future__ import annotations

import re
from collections.abc import Mapping

from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter
from refcheck.report.excerpt import one_line, shorten_middle
from refcheck.report.summary import SEVERITIES
from refcheck.report.text_format import counts_phrase

# A comment is read, not searched: past this many rows the rest is counted, and
# the comment stays well under GitHub's 65,536-character limit.
MAX_ROWS = 100
MESSAGE_LIMIT = 300


# Backslash-escaped in a cell: what would start emphasis, code, HTML, a link, a strike-through or end the cell.
_MARKUP = ("\\", "|", "*", "_", "`", "<", ">", "[", "]", "~")
# After '@' or '#': a zero-width space, so that document text never mentions a user or team, nor links an issue.
_NO_MENTION = re.compile(r"([@#])(?=[\w-])")


def cell(text: str) -> str:
    """Text safe in a table cell: one line, no column breaks, no markup, mention or entity from document text."""
    text = one_line(text).replace("&", "&amp;")
    for ch in _MARKUP:
        text = text.replace(ch, "\\" + ch)
    return _NO_MENTION.sub("\\1\u200b", text)


def code_span(text: str) -> str:
    """`text` as inline code: fenced by more backticks than it holds, with its '|' escaped for the table."""
    text = one_line(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class MarkdownReporter(Reporter):
    """A heading with the counts, a table of findings (worst first) linking each rule to its page."""

    name = "markdown"

    def write(self, summary: Mapping[str, int]) -> None:
        out = self.stream
        n = len(self.documents)
        docs = f"{n} document" if n == 1 else f"{n} documents"
        if not any(summary.values()):
            out.write(f"### refcheck: no problems found in {docs}\n")
        else:
            out.write(f"### refcheck: {counts_phrase(summary)} in {docs}\n\n")
            out.write("| severity | location | rule | finding |\n|---|---|---|---|\n")
            rank = {s: i for i, s in enumerate(SEVERITIES)}
            findings = sorted(self.sorted_findings(), key=lambda f: rank[Severity(f.severity)])
            for f in findings[:MAX_ROWS]:
                out.write(self._row(f))
            if len(findings) > MAX_ROWS:
                out.write(f"\n… and {len(findings) - MAX_ROWS} more; the full report is in the job's log.\n")
        if self.unused_suppressions:
            out.write(f"\n{len(self.unused_suppressions)} unused suppression"
                      f"{'s' if len(self.unused_suppressions) != 1 else ''} (they fail nothing; remove them):\n\n")
            for u in self.unused_suppressions:
                out.write(f"- {code_span(f'{u.path}:{u.line}')} ignore\\[{cell(','.join(u.rules))}\\]: {cell(u.reason)}\n")

    def _row(self, f: Finding) -> str:
        where = code_span(f.path + (f":{f.line}" if f.line is not None else ""))
        if f.page is not None:
            where += f" (page {f.page})"
        meta = self.rules.get(f.code)
        rule = f"[{f.code}]({meta.url}) {cell(f.rule)}" if meta else f"{f.code} {cell(f.rule)}"
        text = cell(shorten_middle(f.message, MESSAGE_LIMIT))
        if f.suggestion:
            text += f"<br>suggestion: **{cell(f.suggestion)}**"
        return f"| {Severity(f.severity).value} | {where} | {rule} | {text} |\n"
