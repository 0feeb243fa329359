"""The one interface every metadata source implements: a name, and `search(query) -> records`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from refcheck.match.matcher import Cited
from refcheck.model import Author
from refcheck.textnorm import normalize_doi
from refcheck.verify.http import SourceUnavailable
from refcheck.verify.record import Record

__all__ = ["Query", "Source", "SourceUnavailable"]


@dataclass(frozen=True)
class Query:
    """What is looked up: the DOI, else the title with the first author and the year."""

    doi: str | None
    title: str | None
    first_author: str | None
    year: str | None

    @classmethod
    def of(cls, cited: Cited) -> Query:
        first = cited.authors[0] if cited.authors else None
        if isinstance(first, Author):
            first = first.literal or first.family or first.given
        return cls(normalize_doi(cited.doi), cited.title, first, cited.year)

    def bibliographic(self) -> str:
        return " ".join(x for x in (self.first_author, self.title, self.year) if x)


class Source:
    """A metadata source. `search` returns the records it holds that may be the work (the verifier decides);
    it raises `SourceUnavailable` when it cannot answer."""

    name: ClassVar[str]
    online: ClassVar[bool] = True

    def search(self, query: Query) -> list[Record]:
        raise NotImplementedError

    def close(self) -> None:
        pass
