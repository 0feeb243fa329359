"""What a snapshot is built from, by file kind: JSON Lines or JSON of records (OpenAlex works, Crossref works,
DBLP hits, CSL JSON, refcheck's own records), BibTeX / RIS / CSL YAML libraries, and the Retraction Watch CSV."""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import replace
import os
from collections.abc import Iterator

from refcheck.errors import InputError
from refcheck.verify.record import Record, named

# A retracted DOI is yielded as a plain string; every record as a Record.
Item = Record | str


def read_items(path: str) -> Iterator[Item]:
    name = path.lower().removesuffix(".gz")
    if not os.path.exists(path):
        raise InputError("no such file", path)
    if name.endswith((".jsonl", ".ndjson")):
        yield from _json_lines(path)
    elif name.endswith(".json"):
        yield from _json_file(path)
    elif name.endswith(".csv"):
        yield from _retraction_watch(path)
    elif name.endswith((".bib", ".ris", ".yaml", ".yml")):
        yield from _library(path)
    else:
        raise InputError("unknown snapshot input: give .jsonl, .json, .bib, .ris, .yaml or a Retraction Watch .csv", path)


def _open(path: str):
    try:
        if path.lower().endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8")
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def _json_lines(path: str) -> Iterator[Record]:
    with _open(path) as stream:
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"not JSON: {exc.msg}", path, number) from None
                if not isinstance(obj, dict):
                    raise InputError("each line must be one JSON object (a work)", path, number)
                yield record_of(obj)
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", path) from None


def _json_file(path: str) -> Iterator[Record]:
    with _open(path) as stream:
        try:
            data = json.load(stream)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not JSON: {getattr(exc, 'msg', exc)}", path) from None
    # API answers saved as they came: Crossref {"message": {"items": [...]}}, OpenAlex {"results": [...]}, DBLP
    if isinstance(data, dict):
        message = data.get("message")
        if isinstance(message, dict):
            data = message.get("items", [message])
        elif "results" in data:
            data = data["results"]
        elif "result" in data:
            data = ((data["result"].get("hits") or {}).get("hit")) or []
        else:
            data = [data]
    if not isinstance(data, list):
        raise InputError("expected a JSON array of works", path)
    for obj in data:
        if isinstance(obj, dict):
            yield record_of(obj)


def record_of(obj: dict) -> Record:
    """One work in whichever registry's shape it comes."""
    from refcheck.verify.sources import crossref, dblp, openalex

    if "authorships" in obj or "publication_year" in obj or "display_name" in obj:
        record = openalex.record(obj)
    elif "DOI" in obj or "container-title" in obj or "issued" in obj:
        record = crossref.record(obj)
    elif isinstance(obj.get("info"), dict):
        record = dblp.record(obj["info"])
    elif isinstance(obj.get("authors"), dict):
        record = dblp.record(obj)
    else:
        return Record.from_json(obj, "snapshot")
    return replace(record, source="snapshot")


def _retraction_watch(path: str) -> Iterator[str]:
    """Retraction Watch's CSV: each row whose nature is a retraction marks its original paper's DOI."""
    with _open(path) as stream:
        reader = csv.DictReader(stream)
        if not reader.fieldnames or "OriginalPaperDOI" not in reader.fieldnames:
            raise InputError("a Retraction Watch CSV needs the column OriginalPaperDOI", path)
        for row in reader:
            nature = (row.get("RetractionNature") or "Retraction").lower()
            doi = (row.get("OriginalPaperDOI") or "").strip()
            if doi and doi.lower() not in ("unavailable", "0") and "retraction" in nature:
                yield doi


def _library(path: str) -> Iterator[Record]:
    from refcheck.library.load import load_library

    library = load_library([path])
    for e in library.entries:
        yield Record(source="snapshot", title=e.title, authors=named(e.authors or e.editors), year=e.year,
                     container=e.container, volume=e.volume, issue=e.number, pages=e.pages, doi=e.doi, url=e.url,
                     ident=e.key)
