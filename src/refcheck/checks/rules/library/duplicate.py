"""RC402 duplicate-entry."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.library.duplicates import duplicates_for
from refcheck.model import Severity


class DuplicateEntry(Rule):
    """Two library entries for the same work.

    Why
        Citations of one work split across two keys; the bibliography lists it
        twice, often with different years or spellings.

    Failing example
        ``@article{kim1994culture, author = {Kim, Dae-jung}, title = {Is Culture Destiny? ...}, year = 1994}``
        and ``@article{kimdaejung1994, author = {Dae-jung Kim}, title = {Is culture destiny? ...}, year = 1994}``.

    Passing example
        One entry, and the other key mapped to it: ``refcheck bib clean --aliases aliases.txt``.

    How to silence
        For two works that only look alike, write ``% refcheck: distinct KEY1 KEY2`` in the .bib file.
    """

    code = "RC402"
    name = "duplicate-entry"
    severity = Severity.ERROR
    scope = "library"

    def check(self, ctx):
        entries = ctx.library.entries
        groups, _conflicts = duplicates_for(ctx.library)
        for group in groups:
            first = entries[group.indices[0]]
            for i in group.indices[1:]:
                e, key = entries[i], entries[i].key
                yield self.finding(
                    e.path, e.line, 1,
                    f"entries '{first.key}' and '{key}' are the same work ({group.reason})",
                    entry=key, entry_summary=entry_summary(e),
                    evidence=(f"{first.key}: {entry_summary(first)}", f"{key}: {entry_summary(e)}"),
                    suggestion=f"keep '{first.key}' and cite it instead of '{key}' (`refcheck bib clean` merges them)",
                )
        for problem in ctx.library.problems:
            if problem.kind == "duplicate-key":
                yield self.finding(
                    problem.path, problem.line, 1, problem.message, entry=problem.key,
                    suggestion="rename one of the keys, or merge the two entries",
                )
