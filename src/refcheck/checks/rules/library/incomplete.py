"""RC403 incomplete-entry."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.library.unused import entry_summary
from refcheck.library.fields import missing_fields
from refcheck.model import Severity


class IncompleteEntry(Rule):
    """An entry missing a field its type requires.

    Why
        BibTeX styles print what is there: an ``@article`` with no journal or a
        ``@book`` with no publisher becomes a reference nobody can find.

    Failing example
        ``@article{lee2006, author = {Lee, H.}, title = {Cultural Transmission}, year = {2006}}`` (no ``journal``).

    Passing example
        The same entry with ``journal = {Journal of Asian History}``.

    How to silence
        Fill the field; or use a type that does not require it (``@misc``);
        ``--ignore incomplete-entry``.
    """

    code = "RC403"
    name = "incomplete-entry"
    severity = Severity.WARNING
    scope = "library"

    def check(self, ctx):
        for e in ctx.library.entries:
            missing = missing_fields(e)
            if missing:
                yield self.finding(
                    e.path, e.line, 1,
                    f"@{e.type}{{{e.key}}} lacks {', '.join(missing)}, which its type requires",
                    entry=e.key, entry_summary=entry_summary(e),
                    suggestion=f"add {' and '.join(missing)}",
                )
