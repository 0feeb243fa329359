"""Crossref's REST API: a DOI looked up at /works/{doi}, else a bibliographic query at /works."""

from __future__ import annotations

from urllib.parse import quote

from refcheck.verify.http import HttpClient
from refcheck.verify.record import Record, authors_from
from refcheck.verify.sources.base import Query, Source

DEFAULT_URL = "https://api.crossref.org"
ROWS = 5
# Crossref's update types that take a work out of the record (Retraction Watch data included since 2023)
_RETRACTING = frozenset({"retraction", "withdrawal", "removal"})


class Crossref(Source):
    name = "crossref"

    def __init__(self, http: HttpClient, url: str = DEFAULT_URL) -> None:
        self.http, self.url = http, url.rstrip("/")

    def _params(self, **params) -> dict:
        if self.http.settings.mailto:
            params["mailto"] = self.http.settings.mailto  # the "polite pool"
        return params

    def search(self, query: Query) -> list[Record]:
        if query.doi:
            data = self.http.get_json(self.name, f"{self.url}/works/{quote(query.doi, safe='/')}", self._params())
            if data is not None:
                return [record(data.get("message") or {})]
        text = query.bibliographic()
        if not query.title:
            return []
        data = self.http.get_json(self.name, f"{self.url}/works",
                                  self._params(**{"query.bibliographic": text, "rows": ROWS}))
        items = ((data or {}).get("message") or {}).get("items") or []
        return [record(item) for item in items]


def _years(item: dict) -> tuple[str, ...]:
    out = []
    for name in ("issued", "published-print", "published-online", "published"):
        parts = (item.get(name) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            out.append(str(parts[0][0]))
    return tuple(dict.fromkeys(out))


def _first(value) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def record(item: dict) -> Record:
    """A Crossref work (a /works item, or a line of a Crossref dump) as a Record."""
    years = _years(item)
    title = _first(item.get("title"))
    subtitle = _first(item.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    updates = [u for u in item.get("updated-by") or [] if isinstance(u, dict)]
    retracted = any(str(u.get("type", "")).lower() in _RETRACTING for u in updates)
    retracted |= bool(title and title.upper().startswith("RETRACTED"))
    doi = item.get("DOI")
    return Record(
        source="crossref",
        title=title,
        authors=authors_from(item.get("author") or item.get("editor") or []),
        year=years[0] if years else None,
        other_years=years[1:],
        container=_first(item.get("container-title")),
        volume=_first(item.get("volume")),
        issue=_first(item.get("issue")),
        pages=(_first(item.get("page")) or "").replace("–", "-") or None,
        doi=doi.lower() if doi else None,
        url=item.get("URL"),
        ident=doi,
        retracted=retracted,
    )
