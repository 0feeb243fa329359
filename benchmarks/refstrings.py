"""Field-level accuracy of `parse_reference` on AnyStyle's tagged reference strings.

    .venv/bin/python benchmarks/refstrings.py [--data PATH] [--show-errors N] [--field F]

The data set (AnyStyle's `core.xml` training data, 1,514 references) is read,
never copied: each `<sequence>` holds the pieces of one reference string, each
piece wrapped in a tag naming its field. The input to the parser is the text of
the pieces joined by single spaces, which is the reference as it was written.

How gold values are derived from the tags (and compared with the parse):

- authors: the `<author>` text is split into persons and each person's family
  name is taken (by `gold_family_names` below, a reading of the tagged name list
  written independently of the parser's own name scanner; lower-case particles
  such as "van der" are dropped, capitalised prefixes such as "Di" kept). An
  author that is an organisation (a name with Organization, Department,
  Commission, ... or a lone acronym) counts as its whole name. The field is
  correct when the *set* of case-folded family names equals the parser's set
  (an institution's literal stands for its family name). References with only
  `<editor>` have no gold author, and editors parsed as editors are not authors.
- year: the first 4-digit year (1500-2099) in the `<date>` pieces, in order.
- title: the first `<title>`.
- container: the first `<journal>` or `<container-title>`, with a leading
  "In"/"In:" removed (AnyStyle tags that word as part of the container).
- volume / issue: read from `<volume>` (AnyStyle has no issue tag): "12(3)",
  "Vol. 39, No. 9", "v. 27, no. 8", "36, 3", "2012;30(15):" (the year before a
  Vancouver semicolon is dropped), "XIV:4"; "No. 134" / "n° 95" / "Heft 4" alone
  are an issue; "2 vols." (a count of volumes) is no volume.
- pages: the first page or page range in `<pages>`, dashes made plain hyphens
  ("pp. 1761–1800)." -> "1761-1800"); "312 pp." (a page count) is no page range.

Strings are compared after normalising their edges (surrounding quotes,
brackets, stops, commas, colons and spaces removed), inner whitespace runs
collapsed, typographic quotes and dashes unified, and case folded. A field
absent from both gold and parse is not counted; a wrong value counts once as a
false positive and once as a false negative. Micro-F1 pools all fields.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from refcheck.extract.refparse import parse_reference  # noqa: E402
from refcheck.model import Reference  # noqa: E402

DEFAULT_DATA = REPO / ".." / "shared" / "data" / "refstrings" / "anystyle-core.xml"
FIELDS = ("authors", "year", "title", "container", "volume", "issue", "pages")

# --- normalisation ------------------------------------------------------------

_EDGE = " \t`.,;:!?\"'()[]{}<>\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb*_/"
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]|--")
_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"'}
)


def norm(text: str | None) -> str | None:
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"</?[a-z]+>", "", text)  # AnyStyle keeps a few <italic> tags as text
    text = _DASHES_RE.sub("-", text.translate(_QUOTES))
    text = re.sub(r"\s+", " ", text).strip(_EDGE).strip()
    return text.casefold() or None


# --- gold values ----------------------------------------------------------------

_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_ORG_RE = re.compile(
    r"\b(?:Organi[sz]ation|Association|Department|Ministry|Institute|University|Commission|Council|Agency|Bureau"
    r"|Society|Office|Committee|Cent(?:er|re)|Foundation|Bank|Group|Corporation|Company|Board|Service|Government"
    r"|Panel|Union|Federation|Program(?:me)?|Authority|Academy|Nations|Administration|Laboratory|Press|Library"
    r"|Alliance|Corps|Institut|Forum)\b",
    re.I,
)
_LOWER_PARTICLES = set("van von der den de del della di da das do dos du la le ten ter zu bin al el".split())
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "jnr"}


def _is_initials(part: str) -> bool:
    # "S.", "B. B.", "D.I.", "J.-P.", "JJ", "Th." (but not the names "Li." or "Yu.")
    p = part.replace(" ", "")
    if re.fullmatch(r"(?:(?:[A-Z]|Th|Ch|Ph|Wm|Chr)\.-?)*(?:[A-Z]|Th|Ch|Ph|Wm|Chr)\.?", p) and "." in part + ".":
        return True
    return bool(re.fullmatch(r"[A-Z]{1,3}", p))


def _strip_particles(words: list[str]) -> str:
    while len(words) > 1 and words[0] in _LOWER_PARTICLES:
        words = words[1:]
    return " ".join(words)


def _family_of(words: list[str]) -> str:
    words = [w for w in words if w.strip(".,").casefold() not in _SUFFIXES]
    if len(words) > 1 and _is_initials(words[-1]):
        # "Pérez-Higueras JJ", "De Lorenzo S", "Heidegger M.": family first
        while len(words) > 1 and _is_initials(words[-1]):
            words = words[:-1]
        return _strip_particles(words)
    # given-first ("A. Vaswani", "Larry D. Wittie", "W.-P. de Roever"): the last word
    return words[-1] if words else ""


def gold_family_names(text: str) -> frozenset[str] | None:
    text = re.sub(r"\(\s*(?:eds?|editors?|hrsg|comp)\.?\s*\)|,\s*(?:eds?|editors?)\.?$", "", text, flags=re.I)
    text = re.sub(r"\[?\bet\.?\s*al\.?\]?|\band others\b|\.\.\.|\u2026", "", text).strip(" .,;:&")
    if not text:
        return None
    if _ORG_RE.search(text) and ";" not in text and text.count(",") <= 1:
        return frozenset({norm(text)})
    if re.fullmatch(r"[A-Z&]{2,8}", text):
        return frozenset({norm(text)})
    if ";" in text:
        parts = [re.sub(r"^(?:and|&)\s+", "", p.strip()) for p in text.split(";")]
        seps = [";"] * len(parts)
    else:
        pieces = re.split(r"(,\s*(?:and|&|et)\s+|\s+(?:and|And|&|et|und|y|e)\s+|,\s*|\s*&\s*)", text)
        parts = [p.strip() for p in pieces[0::2]]
        # seps[i] is the separator after parts[i]
        seps = [q.strip() for q in pieces[1::2]] + [""]
    keep = [i for i, p in enumerate(parts) if p and p.strip(" .")]
    parts, seps = [parts[i] for i in keep], [seps[i] for i in keep]
    names: list[str] = []
    inverted = False  # the list so far is "Family, Given" pairs
    i = 0
    while i < len(parts):
        part = parts[i]
        words = part.split()
        if ";" in text and "," in part:
            names.append(_strip_particles(part.split(",")[0].split()))
            i += 1
            continue
        if part.strip(".").casefold() in _SUFFIXES:
            i += 1
            continue
        caps = [w for w in words if len(w.rstrip(".,")) > 1 and w.isupper() and not _is_initials(w)]
        if caps and len(caps) < len(words) or (caps and len(words) == 1):
            # capitals mark the family name ("DELISLE Léopold", "Maria GREENWALD", "BESSA")
            names.append(" ".join(caps))
            i += 1
            if i < len(parts) and seps[i - 1] == "," and (_is_initials(parts[i]) or _looks_given(parts[i])):
                i += 1
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        has_initials = any(_is_initials(w) for w in words)
        if nxt is not None and not has_initials and seps[i] == ",":
            # "Family, Initials"; "Family, Given Names" for the first author or in an inverted list
            nxt_words = nxt.split()
            one_family = len(words) == 1 or all(w.casefold() in _LOWER_PARTICLES for w in words[:-1])
            if _is_initials(nxt) or (
                (i == 0 or inverted) and one_family and len(nxt_words) <= 3 and _looks_given(nxt)
            ):
                names.append(_strip_particles(words))
                inverted = True
                i += 2
                if i < len(parts) and parts[i].strip(".").casefold() in _SUFFIXES:
                    i += 1
                continue
        inverted = False
        names.append(_family_of(words))
        i += 1
    out = frozenset(n for n in (norm(n) for n in names) if n)
    return out or None


def _looks_given(part: str) -> bool:
    # a given name starts capitalised and goes on in lower case ("Marcelo Secron", "Kjell-Arne", "Nicholson B.")
    first = part.split()[0].rstrip(".")
    return len(first) > 1 and all(p[:1].isupper() and (p[1:].islower() or not p[1:]) for p in first.split("-"))


_VOL_KW_RE = re.compile(r"\b(?:vol(?:ume)?s?|v|bd|band|t|tome|т)\.?\s*([0-9]+[A-Za-z]?|[IVXLCDM]+\b|[ivxlc]+\b)", re.I)
_ISS_KW_RE = re.compile(r"(?:\b(?:nos?|nr|n|issue|heft|h)\.?|n\s*[°º])\s*(\d+(?:\s*[-/&]\s*\d+)?)", re.I)


def gold_volume_issue(text: str) -> tuple[str | None, str | None]:
    t = text.strip()
    t = re.sub(r"^\s*;?\s*(?:1[5-9]\d\d|20\d\d)\s*;", "", t)  # Vancouver "2012;30(15):"
    t = t.lstrip(";").strip()
    if re.fullmatch(r"\d+\s+vols?\.?", t, re.I):
        return None, None
    volume = issue = None
    m = _VOL_KW_RE.search(t)
    if m:
        volume = m.group(1)
    m = _ISS_KW_RE.search(t)
    if m:
        issue = re.sub(r"\s+", "", m.group(1))
    if volume is None:
        m = re.match(r"^\(?\s*([A-Z]?\d+[A-Za-z]?|[IVXLC]+\b)", t)
        if m and not _ISS_KW_RE.match(t):
            volume = m.group(1)
    if issue is None and volume is not None:
        m = re.search(re.escape(volume) + r"\s*,?\s*\(\s*([^()]+?)\s*\)", t)
        if m:
            issue = re.sub(r"\s+", "", m.group(1))
        else:
            m = re.match(r"^\s*" + re.escape(volume) + r"\s*[:,./]\s*(\d+)\s*[,:.]?\s*$", t)
            if m:
                issue = m.group(1)
    return volume, issue


_PAGE_RE = re.compile(
    r"([A-Za-z]?\d+[A-Za-z]?|[ivxlc]+)\s*(?:[-\u2010-\u2015\u2212]+\s*([A-Za-z]?\d+[A-Za-z]?|[ivxlc]+))?"
)


def gold_pages(text: str) -> str | None:
    if re.fullmatch(r"\s*\d+\s*(?:pp|pages|p|S)\.?\s*", text):
        return None
    t = re.sub(r"^\W*(?:pp?|pages?|s|ss|str)\.?\s*", "", text.strip(), flags=re.I)
    t = re.sub(r"^[^\d]*?(?:pp?\.|pages)\s*", "", t)
    m = _PAGE_RE.search(t)
    if not m:
        return None
    return m.group(1) + ("-" + m.group(2) if m.group(2) else "")


def gold_of(seq: ET.Element) -> dict[str, object]:
    gold: dict[str, object] = dict.fromkeys(FIELDS)
    authors = " ".join((e.text or "").strip() for e in seq if e.tag == "author")
    gold["authors"] = gold_family_names(authors) if authors else None
    for e in seq:
        text = (e.text or "").strip()
        if e.tag == "date" and gold["year"] is None:
            m = _YEAR_RE.search(text)
            if m:
                gold["year"] = m.group(1)
        elif e.tag == "title" and gold["title"] is None:
            gold["title"] = norm(text)
        elif e.tag in ("journal", "container-title") and gold["container"] is None:
            gold["container"] = norm(re.sub(r"^\s*(?:in|dans)\s*:?\s+", "", text, flags=re.I))
        elif e.tag == "volume" and gold["volume"] is None and gold["issue"] is None:
            v, i = gold_volume_issue(text)
            gold["volume"], gold["issue"] = norm(v), norm(i)
        elif e.tag == "pages" and gold["pages"] is None:
            gold["pages"] = norm(gold_pages(text))
    return gold


def parsed_of(ref: Reference) -> dict[str, object]:
    names = set()
    for a in ref.authors:
        name = a.literal if a.literal else a.family
        if name:
            names.add(norm(name))
    return {
        "authors": frozenset(n for n in names if n) or None,
        "year": ref.year,
        "title": norm(ref.title),
        "container": norm(ref.container),
        "volume": norm(ref.volume),
        "issue": norm(ref.issue),
        "pages": norm(ref.pages.replace("\u2013", "-") if ref.pages else None),
    }


# --- scoring --------------------------------------------------------------------


def load(path: Path) -> list[tuple[str, dict[str, object]]]:
    root = ET.parse(path).getroot()
    items = []
    for seq in root.iter("sequence"):
        text = " ".join((e.text or "").strip() for e in seq if (e.text or "").strip())
        items.append((text, gold_of(seq)))
    return items


def _show(value: object) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return repr(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="AnyStyle XML (default: %(default)s)")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N errors per field")
    ap.add_argument("--field", choices=FIELDS, action="append", help="with --show-errors: only these fields")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(
            f"refstrings benchmark: data file not found: {args.data}\n"
            "  pass --data PATH to AnyStyle's core.xml (tagged reference strings)",
            file=sys.stderr,
        )
        return 2
    items = load(args.data)
    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = [parse_reference(text) for text, _ in items]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

    counts = {f: [0, 0, 0] for f in FIELDS}  # tp, fp, fn
    errors: dict[str, list[str]] = {f: [] for f in FIELDS}
    for (text, gold), ref in zip(items, parsed):
        got = parsed_of(ref)
        for f in FIELDS:
            g, p = gold[f], got[f]
            if g is None and p is None:
                continue
            c = counts[f]
            if g is not None and p is not None and g == p:
                c[0] += 1
                continue
            if p is not None:
                c[1] += 1
            if g is not None:
                c[2] += 1
            errors[f].append(f"  {text}\n    gold: {_show(g)}\n    got:  {_show(p)}")

    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    if args.show_errors:
        for f in args.field or FIELDS:
            print(f"== {f}: {len(errors[f])} errors")
            for e in errors[f][: args.show_errors]:
                print(e)
        print()
    # CPU time as well: on a shared machine the wall clock mostly measures the neighbours
    print(
        f"{len(items)} references from {args.data.name}, parsed in {elapsed:.2f}s "
        f"({len(items) / elapsed:,.0f}/s; {len(items) / max(cpu, 1e-9):,.0f}/s of CPU time)\n"
    )
    print(f"{'field':<10} {'gold':>5} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    total = [0, 0, 0]
    for f in FIELDS:
        tp, fp, fn = counts[f]
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        p, r, f1 = prf(tp, fp, fn)
        print(f"{f:<10} {tp + fn:>5} {tp:>5} {fp:>5} {fn:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")
    p, r, f1 = prf(*total)
    tp, fp, fn = total
    print(f"{'micro':<10} {tp + fn:>5} {tp:>5} {fp:>5} {fn:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
