"""Metadata sources, one plug-in per module behind `base.Source`; `make_sources` builds them in the configured order."""

from __future__ import annotations

from refcheck.errors import UsageError
from refcheck.verify.http import HttpClient
from refcheck.verify.sources.base import Query, Source, SourceUnavailable

# name -> "module:class"; a source is imported only when configured
SOURCES = {
    "snapshot": "refcheck.verify.sources.snapshot:Snapshot",
    "crossref": "refcheck.verify.sources.crossref:Crossref",
    "openalex": "refcheck.verify.sources.openalex:OpenAlex",
    "dblp": "refcheck.verify.sources.dblp:Dblp",
}

__all__ = ["Query", "SOURCES", "Source", "SourceUnavailable", "make_sources"]


def make_sources(names: list[str], http: HttpClient, snapshot: str | None, urls: dict[str, str]) -> list[Source]:
    import importlib

    out: list[Source] = []
    for name in names:
        if name not in SOURCES:
            raise UsageError(f"unknown metadata source '{name}'; known: {', '.join(SOURCES)}")
        module, cls = SOURCES[name].split(":")
        factory = getattr(importlib.import_module(module), cls)
        if name == "snapshot":
            if snapshot:
                out.append(factory(snapshot))
            continue
        out.append(factory(http, urls[name]) if name in urls else factory(http))
    return out
