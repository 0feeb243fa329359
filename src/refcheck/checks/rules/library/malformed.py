"""RC404 malformed-entry."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.model import Severity

_HINTS = {
    "malformed": "fix the entry so that it parses (braces balanced, fields separated by commas)",
    "encoding": "save the file as UTF-8 (it was read as Latin-1)",
    "unreadable": "check that the file is a BibTeX text file and can be read",
}
_KINDS = set(_HINTS)


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
                yield self.finding(
                    problem.path, problem.line, 1, problem.message, entry=problem.key,
                    context=(problem.raw or "")[:200] or None,
                    suggestion=_HINTS[problem.kind],
                )
