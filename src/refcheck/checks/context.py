"""What every rule sees: the documents with their resolved citations, the library, the options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from refcheck.resolve.document import DocumentAudit, Resolution

__all__ = ["AuditContext", "DocumentAudit", "Resolution"]

# An unmatched citation refers to its nearest entry when that entry is more likely than not the cited work.
REFERRED = 0.5


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

    def referred_keys(self) -> set[str]:
        """Entries some citation or reference-list item refers to: matched, or the likely one of an unmatched or ambiguous citation.

        One error, one finding: a citation with a wrong year that the resolver would not
        match is an unresolved citation, not also an unused entry.
        """
        keys = self.cited_keys()
        for d in self.documents:
            # a work the document's own reference list names is one its author means to cite, as
            # `bib clean --cited-by` keeps it: a narrative mention ("Malcolm argues") may be all the text has
            keys.update(m.key for _item, m in d.list_matches if m is not None)
            for r in d.resolutions:  # the document's own list items are not citations
                outcome = r.outcome
                keys.update(outcome.copies)  # a duplicate of the cited entry is a duplicate-entry, not also unused
                for scored in (outcome.best, outcome.runner_up if outcome.status.value == "ambiguous" else None):
                    if scored is not None and scored.probability >= REFERRED:
                        keys.add(scored.key)
        return keys
