"""What the transforms of the clean stack share: the items being cleaned, the options and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refcheck.library.clean.model import CleanEntry, Item
from refcheck.library.clean.report import CleanReport

if TYPE_CHECKING:
    from refcheck.library.clean import CleanOptions


@dataclass
class CleanState:
    items: list[Item]
    options: CleanOptions
    report: CleanReport = field(default_factory=CleanReport)
    aliases: dict[str, str] = field(default_factory=dict)  # merged key -> kept key
    distinct: set[frozenset[str]] = field(default_factory=set)  # key pairs declared different works

    def entries(self) -> list[CleanEntry]:
        """The entries still in the output that transforms may edit (not the verbatim ones)."""
        return [i for i in self.items if isinstance(i, CleanEntry)]
