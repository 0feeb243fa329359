"""RC404 malformed-entry."""

from __future__ import annotations

from dataclasses import replace

from refcheck.checks.base import Rule
from refcheck.model import Severity

_HINTS = {
    "malformed": "fix the entry so that it parses (braces balanced, fields separated by commas)",
    "encoding": "save the file as UTF-8 (it was read as Latin-1)",
    "unreadable": "check that the file is a BibTeX text file and can be read",
    "comment-in-entry": "move the `%` line out of the entry, or delete it",
}
_KINDS = set(_HINTS)
# read as biber reads it, so nothing is lost; only BibTeX would stumble: a warning
_WARNINGS = {"comment-in-entry"}


class MalformedEntry(Rule):
    """BibTeX that does not parse (file and line given).

    Why
        BibTeX skips what it cannot parse, often silently, and an unbalanced
        brace can swallow the entries after it. refcheck reads past it and
        checks the rest, but the entry itself is lost until it is fixed.

    Failing example
        ``@article{kim2014, title = {Legacies of Colonialism, year = {2014}}`` (a brace never closed).

    Passing example
        ``@article{kim2014, title = {Legacies of Colonialism}, year = {2014}}``.
        A ``%`` comment line inside an entry is skipped as biber skips it, and
        reported as a warning only: BibTeX would read it as text.

    How to silence
        Fix the entry; ``refcheck bib fix`` repairs what it can.
    """

    code = "RC404"
    name = "malformed-entry"
    severity = Severity.ERROR
    scope = "library"

    def check(self, ctx):
        for problem in ctx.library.problems:
            if problem.kind in _KINDS:
                finding = self.finding(
                    problem.path, problem.line, 1, problem.message, entry=problem.key,
                    context=(problem.raw or "")[:200] or None,
                    suggestion=_HINTS[problem.kind],
                )
                yield replace(finding, severity=Severity.WARNING) if problem.kind in _WARNINGS else finding
