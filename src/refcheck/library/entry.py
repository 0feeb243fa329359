"""A library entry: its raw fields, and the decoded views the matcher and checks compare."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from refcheck.library.bibfile import RawEntry
from refcheck.library.latex import decode
from refcheck.library.names import split_names
from refcheck.model import Author

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)
_URL_MACRO = re.compile(r"\\url\{([^}]*)\}")
_ESCAPED = re.compile(r"\\([_%&#$~])")
_PAGE_DASH = re.compile(r"\s*(?:-+|–|—)\s*")


def _verbatim(value: str | None) -> str | None:
    """A URL, DOI or path as written, with TeX escapes (`\\_`) and braces removed."""
    if not value:
        return None
    value = _ESCAPED.sub(r"\1", value).replace("{", "").replace("}", "").strip()
    return value or None


def _text(value: str | None) -> str | None:
    return decode(value) or None if value else None


def _doi(fields: dict[str, str]) -> str | None:
    doi = _verbatim(fields.get("doi"))
    if doi:
        return _DOI_PREFIX.sub("", doi).strip().lower() or None
    m = _DOI_URL.match(_verbatim(fields.get("url")) or "")
    return m.group(1).lower() if m else None


def _url(fields: dict[str, str]) -> str | None:
    url = _verbatim(fields.get("url"))
    if url:
        return url
    m = _URL_MACRO.search(fields.get("howpublished", ""))  # old style: howpublished = {\url{...}}
    return _verbatim(m.group(1)) if m else None


def _pages(value: str | None) -> str | None:
    """Pages with a plain hyphen between first and last page, as the report contract asks."""
    text = _text(value)
    return _PAGE_DASH.sub("-", text) if text else None


def _year(fields: dict[str, str]) -> str | None:
    for name in ("year", "date"):
        m = _YEAR.search(fields.get(name, ""))
        if m:
            return m.group(1)
    return None


def _title(fields: dict[str, str]) -> str | None:
    title = _text(fields.get("title"))
    subtitle = _text(fields.get("subtitle"))  # biblatex; the work is cited by both
    if title and subtitle:
        return f"{title}: {subtitle}"
    return title or subtitle


@dataclass(frozen=True, eq=False)
class Entry:
    """One BibTeX entry. `fields` are raw (macros resolved, outer braces removed);
    the other attributes are decoded to Unicode. Entries compare by identity."""

    key: str
    type: str
    fields: dict[str, str]
    path: str
    line: int
    title: str | None = None
    authors: tuple[Author, ...] = ()
    editors: tuple[Author, ...] = ()
    et_al: bool = False
    year: str | None = None
    container: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    inherited: frozenset[str] = frozenset()  # field names taken from the crossref parent

    @classmethod
    def from_raw(cls, raw: RawEntry, inherited: frozenset[str] = frozenset()) -> Entry:
        f = raw.fields
        authors, et_al = split_names(f["author"]) if "author" in f else ((), False)
        editors = split_names(f["editor"])[0] if "editor" in f else ()
        return cls(
            key=raw.key,
            type=raw.type,
            fields=f,
            path=raw.path,
            line=raw.line,
            title=_title(f),
            authors=authors,
            editors=editors,
            et_al=et_al,
            year=_year(f),
            container=_text(f.get("journal") or f.get("journaltitle") or f.get("booktitle")),
            volume=_text(f.get("volume")),
            number=_text(f.get("number") or f.get("issue")),
            pages=_pages(f.get("pages")),
            doi=_doi(f),
            url=_url(f),
            inherited=inherited,
        )

    # Rarely compared, and long (abstracts): decoded on first use.
    @cached_property
    def abstract(self) -> str | None:
        return _text(self.fields.get("abstract"))

    @cached_property
    def keywords(self) -> str | None:
        return _text(self.fields.get("keywords"))

    @cached_property
    def note(self) -> str | None:
        return _text(self.fields.get("note"))

    @cached_property
    def publisher(self) -> str | None:
        return _text(self.fields.get("publisher"))

    @cached_property
    def file(self) -> str | None:
        return _verbatim(self.fields.get("file"))

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"
