"""What a citation says of the work it cites, whatever its syntax: names, year, title, venue, identifiers, raw text."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.model import Author, NameMention, Reference


@dataclass(frozen=True, slots=True)
class CitedWork:
    """The evidence one citation gives. Parsed fields are hints; `raw` is what was written."""

    raw: str = ""
    authors: tuple[Author | str, ...] = ()
    et_al: bool = False
    year: str | None = None
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    form: str = "reference"  # "reference" (a note or list item) or "mention" (author–year text)

    @classmethod
    def from_reference(cls, ref: Reference) -> CitedWork:
        people = ref.authors or ref.editors
        return cls(
            ref.raw, tuple(people), ref.et_al, ref.year, ref.title, ref.container, ref.volume, ref.pages,
            ref.doi, ref.url, "reference",
        )  # fmt: skip

    @classmethod
    def from_mention(cls, mention: NameMention, raw: str = "") -> CitedWork:
        return cls(raw or " ".join(mention.names), tuple(mention.names), mention.et_al, mention.year, form="mention")

    def name_strings(self) -> list[str]:
        """Every name-like string the citation gives, for the blocking index."""
        out: list[str] = []
        for a in self.authors:
            if isinstance(a, str):
                out.extend([a, *a.split()] if " " in a else [a])
            else:
                out.extend(x for x in (a.literal, a.family, a.given) if x)
        return out

    @property
    def says_something(self) -> bool:
        """Enough to look a work up: a DOI, a URL, a title, or names."""
        return bool(self.doi or self.url or self.title or self.authors)
