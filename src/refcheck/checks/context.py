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
            # by that name, as MLA writes a narrative citation ("Okafor returned to the material")
            if _author_page(d):
                named = _named_in_text(d)
                keys.update(m.key for item, m in d.list_matches if m is not None and named(item))
            for r in d.resolutions:  # the document's own list items are not citations
                outcome = r.outcome
                keys.update(outcome.copies)  # a duplicate of the cited entry is a duplicate-entry, not also unused
                for scored in (outcome.best, outcome.runner_up if outcome.status.value == "ambiguous" else None):
                    if scored is not None and scored.probability >= REFERRED:
                        keys.add(scored.key)
        return keys


def _author_page(audit: DocumentAudit) -> bool:
    """An author–page (MLA) document: "(Okafor and Lind 156)", names and no year, where a name alone in the
    text is how a work is cited. A list item alone is not a citation (a paper's bibliography may hold works no
    note cites, and those are unused), nor is a name in a notes or numeric paper."""
    from refcheck.model import CitationKind

    return any(c.kind is CitationKind.AUTHOR_YEAR and c.mention and not c.mention.year for c in audit.extraction.citations)


def _named_in_text(audit: DocumentAudit):
    """A test of list items: is the item's first author named in the document more often than its list names them?"""
    import re

    body = " ".join(audit.extraction.body.split())
    # the list's own mentions do not count, where the body still holds the list
    raws = [i.reference.raw or "" for i in audit.extraction.reference_list]
    in_body = [raw for raw in raws if " ".join(raw.split()) in body]

    def named(item) -> bool:
        people = item.reference.authors
        family = (people[0].family or people[0].literal or "") if people else ""
        if len(family) < 3 or not family[0].isupper():
            return False
        word = re.compile(rf"(?<!\w){re.escape(family)}(?!\w)")
        return len(word.findall(body)) > sum(bool(word.search(raw)) for raw in in_body)

    return named
