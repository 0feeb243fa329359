"""What every rule sees: the documents with their resolved citations, the library, the options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from refcheck.resolve.document import DocumentAudit, Resolution

__all__ = ["AuditContext", "DocumentAudit", "Resolution"]


@dataclass
class AuditContext:
    documents: list[DocumentAudit]
    library: Any  # refcheck.library.Library
    options: dict[str, Any] = field(default_factory=dict)
    # what rules tell the report besides findings (checks.rules.claims.runnotes): "checks", "abstained", "warnings"
    notes: dict[str, Any] = field(default_factory=dict)

    def entry(self, key: str | None):
        return self.library.by_key.get(key) if key else None

    def cited_keys(self) -> set[str]:
        keys = {r.key for d in self.documents for r in d.resolutions if r.key}
        keys |= set(self.options.get("nocite", ()))
        return keys
