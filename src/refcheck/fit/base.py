"""The scorer interface: a fit matrix (claims × entries) and the shared terms that explain one cell."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np


@dataclass(frozen=True)
class ClaimText:
    """A claim to score: the citing sentence, and its paragraph as weaker context."""

    sentence: str
    paragraph: str = ""


@dataclass(frozen=True)
class EntryText:
    """What a library entry says of its work: its descriptive fields, and an excerpt of its source when held."""

    key: str
    text: str  # title, keywords, abstract, note: what the work is about
    venue: str = ""  # journal, book title, institution: the field it is in (weaker evidence)
    source: str = ""  # the start of the cited work's own text (the entry's `file`), or ""

    @property
    def full(self) -> str:
        """The text to embed: what the work is about, then its own opening words."""
        return f"{self.text}\n{self.source}" if self.source else self.text


class Scorer(ABC):
    """Scores how well each entry fits each claim: higher is better, comparable within one scorer."""

    name: ClassVar[str]

    @abstractmethod
    def score(self, claims: Sequence[ClaimText], entries: Sequence[EntryText]) -> np.ndarray:
        """A float matrix of shape (len(claims), len(entries))."""

    def explain(self, claim: ClaimText, entry: EntryText, entries: Sequence[EntryText] = ()) -> tuple[str, ...]:
        """The terms claim and entry share, most telling first (`entries`: the library, for term weights)."""
        return ()
