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
        """Entries some citation refers to: matched, or the likely one of an unmatched or ambiguous citation.

        One error, one finding: a citation with a wrong year that the resolver would not
        match is an unresolved citation, not also an unused entry.
        """
        keys = self.cited_keys()
        for d in self.documents:
            # a work of the document's own reference list whose author the text names outside the list is cited
            # by that name, as MLA writes a narrative citation ("Malcolm returned to the material")
            keys.update(m.key for item, m in d.list_matches if m is not None and _named_in_text(item, d))
            for r in d.resolutions:  # the document's own list items are not citations
                outcome = r.outcome
                keys.update(outcome.copies)  # a duplicate of the cited entry is a duplicate-entry, not also unused
                for scored in (outcome.best, outcome.runner_up if outcome.status.value == "ambiguous" else None):
                    if scored is not None and scored.probability >= REFERRED:
                        keys.add(scored.key)
        return keys


def _named_in_text(item, audit: DocumentAudit) -> bool:
    """The list item's first author is named in an author–page document more often than its list names them.

    Only in an author–page document (MLA: "(Okafor and Lind 156)", no year), where
    a name alone in the text is how a work is cited. A list item alone is not a
    citation (a paper's bibliography may hold works no note cites, and those are
    unused), nor is a name in a notes or numeric paper.
    """
    import re

    from refcheck.model import CitationKind

    if not any(c.kind is CitationKind.AUTHOR_YEAR and c.mention and not c.mention.year for c in audit.extraction.citations):
        return False
    people = item.reference.authors
    family = (people[0].family or people[0].literal or "") if people else ""
    if len(family) < 3 or not family[0].isupper():
        return False
    word = re.compile(rf"(?<!\w){re.escape(family)}(?!\w)")
    body = " ".join(audit.extraction.body.split())
    items = audit.extraction.reference_list
    # the list's own mentions do not count, where the body still holds the list
    in_list = sum(bool(word.search(i.reference.raw or "")) for i in items if " ".join((i.reference.raw or "").split()) in body)
    return len(word.findall(body)) > in_list
