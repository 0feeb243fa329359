"""The rule base class: one rule per module; its docstring is its documentation page.

A rule's docstring has a one-line summary, then the sections `Why`,
`Failing example`, `Passing example` and `How to silence` (a test fails when
one is missing; `docs/rules/` is generated from them).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from refcheck.model import Finding, Severity

if TYPE_CHECKING:
    from refcheck.checks.context import AuditContext

SECTIONS = ("Why", "Failing example", "Passing example", "How to silence")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[str] = "document"  # "document": about citations; "library": about the .bib files
    options: ClassVar[dict[str, object]] = {}  # thresholds this rule reads from ctx.options, with defaults

    def check(self, ctx: AuditContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return inspect.getdoc(cls).splitlines()[0]

    @classmethod
    def doc(cls) -> str:
        return inspect.getdoc(cls) or ""

    def finding(self, path: str, line: int | None, column: int | None, message: str, **fields) -> Finding:
        """A Finding of this rule; keyword fields as in `model.Finding`."""
        severity = fields.pop("severity", self.severity)  # a rule may lower its own severity for a weaker case
        return Finding(
            rule=self.name, code=self.code, severity=severity, path=path, line=line, column=column,
            message=message, **fields,
        )
