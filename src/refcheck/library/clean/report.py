"""What cleaning did: every merge and removal listed, the normalisations counted."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

# Kinds of listed changes; none of them loses a value without saying which.
MERGED = "merged"  # a duplicate entry merged into the kept one
DIFFERS = "field-differs"  # a duplicate's field value that differs from the kept entry's (kept's wins)
REPEATED = "repeated-field"  # a field written twice in one entry
EMPTY = "empty-field"  # a field with no value, removed
UNCITED = "uncited"  # an entry no document cites, left out by --cited-by
DOI_CONFLICT = "doi-conflict"  # two different works with one DOI: not merged
KEY_CONFLICT = "key-conflict"  # two different works with one key: not merged
NOT_MERGED = "distinct"  # duplicates a user declared distinct
SIMILAR = "similar-not-merged"  # alike entries whose titles differ beyond case, punctuation and accents
VERBATIM = "kept-verbatim"  # a block that does not parse cleanly, written back as it was
ENCODING = "encoding"  # a file read as Latin-1, written as UTF-8


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    path: str
    line: int | None
    key: str | None
    message: str
    field: str | None = None
    value: str | None = None  # a value the output no longer holds (a dropped repeat, a duplicate's differing value)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValueChange:
    """A field value one transform changed (`before` None: added; `after` None: removed)."""

    transform: str
    path: str
    line: int | None
    key: str
    field: str
    before: str | None
    after: str | None


@dataclass
class CleanReport:
    changes: list[Change] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # values each normalisation changed, by transform name
    values: list[ValueChange] = field(default_factory=list)  # every value changed, by the transform that did it

    def add(self, kind: str, path: str, line: int | None, key: str | None, message: str, **extra) -> None:
        self.changes.append(Change(kind, path, line, key, message, **extra))

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def summary(self) -> str:
        """One line: listed changes by kind, then normalisations by transform."""
        listed = Counter(c.kind for c in self.changes)
        parts = [f"{n} {kind}" for kind, n in sorted(listed.items())]
        parts += [f"{n} {name}" for name, n in sorted(self.counts.items()) if n]
        return ", ".join(parts) if parts else "no entry or value to change"  # the layout may still change

    def text(self) -> str:
        return "".join(f"{c}\n" for c in self.changes)

    def to_json(self) -> str:
        return json.dumps(
            {
                "schema": "refcheck-bib-clean/1",
                "changes": [{k: v for k, v in asdict(c).items() if v is not None} for c in self.changes],
                "normalised": dict(sorted(self.counts.items())),
                "values": [asdict(v) for v in self.values],
            },
            ensure_ascii=False,
            indent=2,
        )
