"""Author-list comparison as the matcher and the rules need it: a graded score, the first author, the typos."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.match.names import Kind, match_author_lists
from refcheck.model import Author

_VALUE = {Kind.SAME: 1.0, Kind.TYPO: 0.8, Kind.DIFFERENT: 0.0}


@dataclass(frozen=True)
class AuthorVerdict:
    score: float  # 0..1: the share of cited names that are the entry's (a typo counts 0.8)
    first_differs: bool  # the first cited name is not the entry's first (or any) author
    typos: tuple[tuple[str, str], ...]  # (as cited, as in the entry) when every other name is the same
    names: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(self.names)


def compare_authors(
    cited: list[Author | str], cited_et_al: bool, entry_people: tuple[Author, ...], entry_et_al: bool = False
) -> AuthorVerdict:
    result = match_author_lists(cited, cited_et_al, entry_people, entry_et_al)
    if not result.names:
        return AuthorVerdict(0.0, True, (), ())
    values = [_VALUE[n.verdict.kind] for n in result.names]
    first = result.names[0]
    return AuthorVerdict(
        score=sum(values) / len(values),
        first_differs=first.verdict.is_different,
        typos=result.typos,
        names=tuple(n.entry or n.cited for n in result.names if not n.verdict.is_different),
    )
