"""CSL JSON and CSL YAML libraries (Zotero, Better BibTeX, Pandoc), and Typst's Hayagriva YAML, as BibTeX-shaped entries.

Each CSL item becomes a `RawEntry` with the BibTeX field names the rest of
refcheck reads (`author`, `journal`, `year`, `doi` ...), so a Pandoc user's
`references.json` is checked exactly like a `.bib` file. Values are escaped
for the LaTeX decoder (`%`, `&`, `#`, `$`, `_` and braces are literal in CSL).
"""

from __future__ import annotations

import json
import re

from refcheck.library.bibfile import Block, ParsedFile, RawEntry
from refcheck.library.problems import LibraryProblem

# CSL item types -> BibTeX entry types (biblatex names where BibTeX has none)
_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article", "article": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings", "thesis": "phdthesis",
    "report": "techreport", "webpage": "online", "post-weblog": "online", "post": "online", "dataset": "dataset",
    "software": "software", "manuscript": "unpublished", "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection", "edited-book": "book", "collection": "collection", "patent": "patent",
    "speech": "misc", "legislation": "misc", "legal_case": "misc",
}
_IN_BOOK = {"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"}
_PLAIN = {
    "volume": "volume", "issue": "number", "page": "pages", "publisher": "publisher", "publisher-place": "address",
    "edition": "edition", "ISBN": "isbn", "ISSN": "issn", "abstract": "abstract", "note": "note",
    "collection-title": "series", "number": "number", "keyword": "keywords", "language": "langid",
}
_VERBATIM = {"DOI": "doi", "URL": "url"}
_SPECIAL = re.compile(r"([%&#$_{}])")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def parse_csl_json(text: str, path: str) -> ParsedFile:
    """The items of a CSL JSON file (a list of items, or one item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = LibraryProblem("malformed", path, exc.lineno, f"not CSL JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return ParsedFile([], [problem], [])
    return items_to_entries(data, text, path, key_pattern=r'"id"\s*:\s*"?{key}"?\s*[,}}\n]')


def parse_csl_yaml(text: str, path: str) -> ParsedFile:
    """The items of a CSL YAML file: a `references:` list (Pandoc's form) or a bare list."""
    import yaml

    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = LibraryProblem("malformed", path, line, f"not CSL YAML: {getattr(exc, 'problem', None) or exc}")
        return ParsedFile([], [problem], [])
    items: list = []
    for doc in docs:
        if isinstance(doc, dict) and "references" in doc:
            doc = doc["references"]
        elif _is_hayagriva(doc):
            doc = [hayagriva_item(key, entry) for key, entry in doc.items()]
        items.extend(doc if isinstance(doc, list) else [doc])
    return items_to_entries(items, text, path, key_pattern=r"\bid\s*:\s*['\"]?{key}['\"]?\s*$|^['\"]?{key}['\"]?\s*:\s*$")  # CSL `id: key`, Hayagriva `key:`


def _is_hayagriva(doc) -> bool:
    """Typst's Hayagriva YAML: a mapping of keys to entries (`type`, `title`, `author`, `date`, `parent` ...)."""
    return isinstance(doc, dict) and bool(doc) and "id" not in doc and all(
        isinstance(v, dict) and ("type" in v or "title" in v) for v in doc.values()
    )


def hayagriva_item(key, entry: dict) -> dict:
    """A Hayagriva entry as the CSL item it describes."""
    def names(value):
        people = value if isinstance(value, list) else [value] if value else []
        out = []
        for p in people:
            family, _, given = str(p).partition(",")
            out.append({"family": family.strip(), "given": given.strip()} if given else {"literal": family.strip()})
        return out

    parent = entry.get("parent") if isinstance(entry.get("parent"), dict) else {}
    serial = entry.get("serial-number") if isinstance(entry.get("serial-number"), dict) else {}
    url = entry.get("url")
    item = {
        "id": str(key), "type": {"article": "article-journal", "book": "book", "chapter": "chapter", "thesis": "thesis",
                                 "report": "report", "web": "webpage", "proceedings": "paper-conference"}.get(
            str(entry.get("type", "")).lower(), "article"),
        "title": entry.get("title"), "author": names(entry.get("author")), "editor": names(entry.get("editor")),
        "container-title": parent.get("title"), "volume": entry.get("volume") or parent.get("volume"),
        "issue": entry.get("issue") or parent.get("issue"), "page": entry.get("page-range"),
        "publisher": entry.get("publisher") or parent.get("publisher"),
        "DOI": serial.get("doi") or entry.get("doi"), "URL": url.get("value") if isinstance(url, dict) else url,
        "issued": {"raw": str(entry["date"])} if entry.get("date") else None,
    }
    if isinstance(item["publisher"], dict):
        item["publisher"] = item["publisher"].get("name")
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def items_to_entries(data, text: str, path: str, key_pattern: str) -> ParsedFile:
    """CSL items -> entries, each with the line where its `id` is written."""
    items = data if isinstance(data, list) else [data]
    entries: list[RawEntry] = []
    problems: list[LibraryProblem] = []
    blocks: list[Block] = []
    cursor = 0
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not str(item.get("id", "")).strip():
            found = re.compile(r"^[ \t]*[{-]", re.MULTILINE).search(text, cursor)
            line = text.count("\n", 0, found.start()) + 1 if found else None
            problems.append(LibraryProblem("malformed", path, line, f"item {n} has no 'id': it cannot be cited"))
            # BibTeX skips text between entries: a rewrite keeps the item as it was, harmlessly
            blocks.append(Block("failed", json.dumps(item, ensure_ascii=False), line or 1, cursor, cursor, 1 if blocks else 0))
            continue
        key = str(item["id"]).strip()
        found = re.compile(key_pattern.format(key=re.escape(key)), re.MULTILINE).search(text, cursor)
        offset = found.start() if found else cursor
        cursor = found.end() if found else cursor
        line = text.count("\n", 0, offset) + 1
        fields = csl_fields(item)
        raw_text = json.dumps(item, ensure_ascii=False, indent=2)
        raw = RawEntry(key, csl_type(item), fields, path, line, raw_text, [(k, "{" + v + "}") for k, v in fields.items()])
        entries.append(raw)
        blocks.append(Block("entry", raw_text, line, offset, offset, 1 if blocks else 0, raw))
    return ParsedFile(entries, problems, blocks)


def csl_type(item: dict) -> str:
    return _TYPES.get(str(item.get("type", "")).strip(), "misc")


def csl_fields(item: dict) -> dict[str, str]:
    """BibTeX-named fields of one CSL item (values escaped for the LaTeX decoder)."""
    fields: dict[str, str] = {}
    for role in ("author", "editor", "translator"):
        names = item.get(role)
        if isinstance(names, list) and names:
            fields[role] = " and ".join(n for n in (_name(x) for x in names) if n)
    if item.get("title"):
        fields["title"] = _escape(item["title"])
    container = item.get("container-title")
    if isinstance(container, list):
        container = container[0] if container else None
    if container:
        kind = str(item.get("type", ""))
        fields["booktitle" if kind in _IN_BOOK else "journal"] = _escape(str(container))
    for csl, bib in _PLAIN.items():
        value = item.get(csl)
        if value not in (None, "", []) and bib not in fields:
            fields[bib] = _escape(", ".join(map(str, value)) if isinstance(value, list) else str(value))
    for csl, bib in _VERBATIM.items():
        value = item.get(csl) or item.get(csl.lower())
        if value:
            fields[bib] = re.sub(r"([{}])", r"\\\1", str(value).strip())  # verbatim in BibTeX too
    year, month = _date(item.get("issued"))
    if year:
        fields["year"] = year
    if month:
        fields["month"] = month
    return fields


def _escape(value: str) -> str:
    value = re.sub(r"</?(?:i|b|sup|sub|span[^>]*)>", "", str(value))  # CSL's rich-text markup
    return _SPECIAL.sub(r"\\\1", value)


def _name(person) -> str:
    """A CSL name as BibTeX writes it: `von Last, Jr, First`, or `{Literal}` for an institution."""
    if isinstance(person, str):
        return "{" + _escape(person) + "}"
    if not isinstance(person, dict):
        return ""
    if person.get("literal") and not person.get("family"):
        return "{" + _escape(str(person["literal"])) + "}"
    family = str(person.get("family", "")).strip()
    if not family:
        return ""
    particle = " ".join(str(person[p]).strip() for p in ("dropping-particle", "non-dropping-particle") if person.get(p))
    last = f"{particle} {family}".strip() if particle else family
    if " " in family:
        last = (particle + " " if particle else "") + "{" + _escape(family) + "}"  # "Van Gogh" is one family name
    else:
        last = _escape(last)
    given = _escape(str(person.get("given", "")).strip())
    suffix = _escape(str(person.get("suffix", "")).strip())
    return ", ".join(p for p in (last, suffix, given) if p) if suffix else ", ".join(p for p in (last, given) if p)


def _date(issued) -> tuple[str | None, str | None]:
    """Year and month of a CSL date (`date-parts`, `raw`, `literal`, or EDTF text in CSL YAML)."""
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = str(parts[0][0])
            month = _MONTHS[int(parts[0][1]) - 1] if len(parts[0]) > 1 and str(parts[0][1]).isdigit() and 1 <= int(parts[0][1]) <= 12 else None
            return (year if year.lstrip("-").isdigit() else None), month
        issued = issued.get("raw") or issued.get("literal")
    if issued is None:
        return None, None
    m = re.search(r"(?<!\d)(\d{4})(?:-(\d{2}))?", str(issued))
    if not m:
        return None, None
    month = _MONTHS[int(m.group(2)) - 1] if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
    return m.group(1), month
