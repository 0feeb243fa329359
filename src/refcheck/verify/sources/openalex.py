"""OpenAlex: a DOI looked up at /works/doi:{doi}, else a title search at /works; `is_retracted` is read."""

from __future__ import annotations

from refcheck.verify.http import HttpClient
from refcheck.verify.record import Record, authors_from, first_page_range
from refcheck.verify.sources.base import Query, Source

DEFAULT_URL = "https://api.openalex.org"
ROWS = 5


class OpenAlex(Source):
    name = "openalex"

    def __init__(self, http: HttpClient, url: str = DEFAULT_URL) -> None:
        self.http, self.url = http, url.rstrip("/")

    def _params(self, **params) -> dict:
        if self.http.settings.mailto:
            params["mailto"] = self.http.settings.mailto
        return params

    def search(self, query: Query) -> list[Record]:
        if query.doi:
            data = self.http.get_json(self.name, f"{self.url}/works/doi:{query.doi}", self._params())
            if data is not None:
                return [record(data)]
        if not query.title:
            return []
        params = {"search": query.title, "per-page": ROWS}
        if query.year:
            # a year either side: online-first and print years differ
            y = int(query.year)
            params["filter"] = f"publication_year:{y - 1}-{y + 1}"
        data = self.http.get_json(self.name, f"{self.url}/works", self._params(**params))
        return [record(w) for w in (data or {}).get("results") or []]


def record(work: dict) -> Record:
    """An OpenAlex work (an API answer or a line of an OpenAlex snapshot) as a Record."""
    names = [(a.get("author") or {}).get("display_name") or a.get("raw_author_name") or ""
             for a in work.get("authorships") or []]
    location = work.get("primary_location") or {}
    source = location.get("source") or {}
    biblio = work.get("biblio") or {}
    doi = work.get("doi") or (work.get("ids") or {}).get("doi")
    if doi:
        doi = doi.lower().removeprefix("https://doi.org/")
    year = work.get("publication_year")
    return Record(
        source="openalex",
        title=work.get("title") or work.get("display_name"),
        authors=authors_from([n for n in names if n]),
        year=str(year) if year else None,
        container=source.get("display_name"),
        volume=biblio.get("volume"),
        issue=biblio.get("issue"),
        pages=first_page_range(biblio.get("first_page"), biblio.get("last_page")),
        doi=doi,
        url=work.get("id"),
        ident=(work.get("id") or "").rsplit("/", 1)[-1] or None,
        retracted=bool(work.get("is_retracted")),
    )
