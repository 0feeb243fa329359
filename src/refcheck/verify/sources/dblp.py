"""DBLP (computer science): the publication search API at /search/publ/api, by title and first author."""

from __future__ import annotations

from refcheck.verify.http import HttpClient
from refcheck.verify.record import Record, authors_from
from refcheck.verify.sources.base import Query, Source

DEFAULT_URL = "https://dblp.org"
ROWS = 5


class Dblp(Source):
    name = "dblp"

    def __init__(self, http: HttpClient, url: str = DEFAULT_URL) -> None:
        self.http, self.url = http, url.rstrip("/")

    def search(self, query: Query) -> list[Record]:
        if not query.title:
            return []  # DBLP's search has no DOI lookup; a DOI alone is left to the other sources
        q = " ".join(x for x in (query.title, query.first_author) if x)
        data = self.http.get_json(self.name, f"{self.url}/search/publ/api", {"q": q, "format": "json", "h": ROWS})
        hits = (((data or {}).get("result") or {}).get("hits") or {}).get("hit") or []
        return [record(h.get("info") or {}) for h in hits if isinstance(h, dict)]


def record(info: dict) -> Record:
    """A DBLP hit's `info` as a Record ('Title.' loses DBLP's closing stop)."""
    people = (info.get("authors") or {}).get("author") or []
    if isinstance(people, dict):
        people = [people]
    names = [p.get("text") if isinstance(p, dict) else str(p) for p in people]
    title = info.get("title")
    if isinstance(title, str) and title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    doi = info.get("doi")
    return Record(
        source="dblp",
        title=title,
        authors=authors_from([n for n in names if n]),
        year=str(info["year"]) if info.get("year") else None,
        container=info.get("venue") if isinstance(info.get("venue"), str) else None,
        volume=info.get("volume"),
        issue=info.get("number"),
        pages=info.get("pages"),
        doi=doi.lower() if doi else None,
        url=info.get("ee") if isinstance(info.get("ee"), str) else info.get("url"),
        ident=info.get("key"),
    )
