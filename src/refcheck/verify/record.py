"""A work as a metadata source describes it: the fields verification compares, in one shape for every source."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from refcheck.library.names import split_names
from refcheck.model import Author


@dataclass(frozen=True, slots=True)
class Record:
    source: str  # "crossref", "openalex", "dblp", "snapshot"
    title: str | None = None
    authors: tuple[Author, ...] = ()
    year: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    ident: str | None = None  # the source's own id (an OpenAlex W-number, a DBLP key)
    other_years: tuple[str, ...] = ()  # online-first and print years: either agrees with a citation
    retracted: bool = False

    @property
    def years(self) -> tuple[str, ...]:
        return tuple(y for y in (self.year, *self.other_years) if y)

    def short(self) -> str:
        """'Moisio & Paasi (2013) From Geopolitical to Geoeconomic?' as a message names the record."""
        names = [a.literal or a.family or a.given or "" for a in self.authors]
        who = names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2 else f"{names[0]} et al." if names else ""
        year = f" ({self.year})" if self.year else ""
        doi = f" doi:{self.doi}" if self.doi else ""
        return f"{who}{year} {self.title or '(untitled)'}".strip() + doi

    def to_json(self) -> dict:
        out: dict = {"source": self.source}
        for name in ("title", "year", "container", "volume", "issue", "pages", "doi", "url", "ident"):
            if (value := getattr(self, name)) is not None:
                out[name] = value
        out["authors"] = [a.to_json() for a in self.authors]
        if self.other_years:
            out["other_years"] = list(self.other_years)
        if self.retracted:
            out["retracted"] = True
        return out

    @classmethod
    def from_json(cls, data: dict, source: str | None = None) -> Record:
        """A record as `to_json` writes it, or as a user writes one line of a snapshot (authors may be strings)."""
        return cls(
            source=source or str(data.get("source") or "snapshot"),
            title=_str(data.get("title")),
            authors=named(authors_from(data.get("authors") or data.get("author") or ())),
            year=_str(data.get("year")),
            container=_str(data.get("container") or data.get("journal") or data.get("venue")),
            volume=_str(data.get("volume")),
            issue=_str(data.get("issue") or data.get("number")),
            pages=_str(data.get("pages")),
            doi=_str(data.get("doi")),
            url=_str(data.get("url")),
            ident=_str(data.get("ident") or data.get("id")),
            other_years=tuple(str(y) for y in data.get("other_years") or ()),
            retracted=bool(data.get("retracted")),
        )

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))


def _str(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value).strip() or None


_WRITTEN = {"family", "given"}


def authors_from(value) -> tuple[Author, ...]:
    """Authors from JSON: {"family", "given"} / {"literal"} objects, "Family, Given" or "Given Family" strings."""
    if isinstance(value, str):
        return split_names(value)[0]
    out: list[Author] = []
    for item in value:
        if isinstance(item, str):
            out.extend(person(item))
        elif isinstance(item, dict):
            if item.keys() == _WRITTEN:  # as `Author.to_json` writes a person: read without looking further
                out.append(Author(family=_str(item["family"]), given=_str(item["given"])))
            elif item.get("literal"):
                out.append(Author(literal=str(item["literal"])))
            elif item.get("family") or item.get("given"):
                out.append(Author(family=_str(item.get("family")), given=_str(item.get("given")),
                                  particle=_str(item.get("particle")), suffix=_str(item.get("suffix"))))
            elif item.get("name"):
                out.extend(person(str(item["name"])))
    return tuple(out)


def named(authors) -> tuple:
    """The authors that are names: a placeholder without a letter ('___', '--' for an anonymous author) is none."""
    def text(a) -> str:
        return a if isinstance(a, str) else (a.literal or a.family or a.given or "")

    return tuple(a for a in authors if any(ch.isalpha() for ch in text(a)))


def person(name: str) -> tuple[Author, ...]:
    """One name as a registry writes it ('Sami Moisio', 'Moisio, Sami'), read by BibTeX's rules."""
    name = " ".join(w for w in name.split() if not w.isdigit())  # DBLP's homonym numbers: "Wei Wang 0001"
    if not name:
        return ()
    return split_names(name.replace(" and ", " {and} "))[0]


def first_page_range(first, last) -> str | None:
    first, last = _str(first), _str(last)
    if first and last and last != first:
        return f"{first}-{last}"
    return first
