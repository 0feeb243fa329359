"""Resolving citations at scale: the fitted resolver against the old hand-weighted matcher, one core, 100,000 entries.

    python benchmarks/bench_match.py [--entries 100000] [--citations 2000] [--markdown] [--old-rev REV]

The library is the real entries of ../shared/data/bib/glottolog-*.bib topped
up to `--entries` with entries recombined from them (real authors, halves of
two real titles, real venues), so common names and title words collide as they
do in a big real library. A tenth of the citations cite real entries held out
of the library (absent works by authors who are in it).

Citations are what refcheck resolves in a draft: reference strings rendered in
eight common styles (APA, Chicago notes and short notes, MLA, Harvard, IEEE,
Vancouver, Nature) and parsed by refcheck's reference parser, and author–year
mentions as extraction labels them ("Kim and Park (2014)", "Kim et al., 2014");
some carry a misspelled author, a year off by one or a dropped subtitle. Two
sets: `distinct`, every citation of another work, and `papers`, documents of 30
works each, every work an item of the document's reference list (one style per
document) and mentioned one to three times in its text, as papers cite.

Parsing is done before the clock starts; what is timed is resolution only, in
CPU seconds of the one thread (a busy shared machine stretches wall time, not
this). Each matcher runs in a fresh forked process (no cache of one serves the
other, nor a later run); the resolver `--repeat` times (3), taken in turn with
the old matcher's one run, and its best rate is the figure: on this machine the
same process runs at speeds up to 2x apart within minutes, and one run moved
the rate by ±15 %. Every run's rate is printed.
The old matcher (`match/matcher.py` before the resolver replaced it) is loaded
from git history into a temporary package, not kept in the tree: by default the
last commit that has the file. Printed as one table: citations per second of
each, the ratio, the target, how often both pick the same entry, and how often
each picks the right one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_MATCHER = "src/refcheck/match/matcher.py"
TARGET = 2000.0  # citations per second (issue 9)


# ---------------------------------------------------------------- the old matcher, from git history


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def old_matcher_rev(rev: str | None) -> str:
    """The commit to take the old matcher from: `rev`, else the last commit that still has the file."""
    if rev:
        return git("rev-parse", "--short", rev).strip()
    last = git("rev-list", "-1", "HEAD", "--", OLD_MATCHER).strip()
    if not last:
        raise SystemExit(f"bench_match: {OLD_MATCHER} is in no commit of this checkout; pass --old-rev")
    exists = subprocess.run(["git", "cat-file", "-e", f"{last}:{OLD_MATCHER}"], cwd=ROOT, capture_output=True)
    return git("rev-parse", "--short", last if exists.returncode == 0 else f"{last}^").strip()


def load_old_matcher(rev: str, into: Path):
    """The old `refcheck.match` package at `rev`, importable as `_old_match` (its own index, names and authors)."""
    folder = str(Path(OLD_MATCHER).parent)
    package = into / "_old_match"
    package.mkdir()
    for name in git("ls-tree", "--name-only", f"{rev}:{folder}").split():
        if name.endswith(".py"):
            text = git("show", f"{rev}:{folder}/{name}")
            (package / name).write_text(text.replace("refcheck.match.", "_old_match."), encoding="utf-8")
    sys.path.insert(0, str(into))
    import _old_match.matcher

    return _old_match.matcher


# ---------------------------------------------------------------- the library


def clean(s: str) -> str:
    return " ".join(s.translate(str.maketrans("", "", "{}\\%@")).split())


def bib_name(a) -> str:
    if a.literal:
        return "{" + clean(a.literal) + "}"
    family = clean(" ".join(p for p in (a.particle, a.family) if p))
    return ", ".join(p for p in (family, clean(a.suffix or ""), clean(a.given or "")) if p) if a.given else family


def recombined_entries(n: int, real: list, rng: random.Random) -> str:
    """`n` BibTeX entries made of real parts: 1–4 real authors, halves of two real titles, a real venue."""
    people = [a for e in real for a in e.authors if " and " not in (a.literal or a.family or "")]
    titles = [e.title.split() for e in real if len(e.title.split()) >= 2]
    venues = [e.container for e in real if e.container]
    out = []
    for i in range(n):
        authors = " and ".join(bib_name(a) for a in rng.sample(people, rng.choice((1, 1, 2, 2, 3, 4))))
        a, b = rng.choice(titles), rng.choice(titles)
        title = clean(" ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :]))
        fields = [f"author = {{{authors}}}", f"title = {{{title}}}", f"year = {{{rng.randint(1950, 2024)}}}"]
        if rng.random() < 0.6:
            fields += [f"journal = {{{clean(rng.choice(venues))}}}", f"volume = {{{rng.randint(1, 80)}}}",
                       f"pages = {{{(p := rng.randint(1, 400))}--{p + rng.randint(5, 30)}}}"]  # fmt: skip
            kind = "article"
        else:
            kind = "book"
        out.append(f"@{kind}{{recombined{i},\n  " + ",\n  ".join(fields) + "\n}\n")
    return "\n".join(out)


def build_library(files: list[str], size: int, absent: int, tmp: Path, rng: random.Random):
    """The library (real + recombined entries, `absent` real ones held out) and the held-out entries."""
    from refcheck.library import load_library

    entries = load_library(files).entries
    real = [e for e in entries if e.authors and e.title and e.year]
    held = rng.sample(real, absent)
    extra = tmp / "recombined.bib"
    have = len(entries)
    extra.write_text(recombined_entries(max(0, size + absent - have), real, rng), encoding="utf-8")
    library = load_library(files + [str(extra)])
    gone = {e.key for e in held}
    library.entries[:] = [e for e in library.entries if e.key not in gone]
    library.by_key = {e.key: e for e in library.entries}
    return library, held, have - absent


# ---------------------------------------------------------------- citations


def family(a) -> str:
    return a.literal or " ".join(p for p in (a.particle, a.family) if p) or ""


def initials(a, dots: bool = True) -> str:
    parts = (a.given or "").replace("-", " ").split()
    return (" " if dots else "").join(p[0] + ("." if dots else "") for p in parts if p[:1].isalpha())


def full(a) -> str:
    return a.literal or " ".join(p for p in (a.given, a.particle, a.family) if p)


def listed(names: list[str]) -> str:
    """"A", "A and B", "A, B, and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _inverted(a) -> str:
    return family(a) if a.literal else ", ".join(p for p in (family(a), initials(a)) if p)


def apa(e, year, title):
    names = [_inverted(a) for a in e.authors[:20]]
    names = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else names[0]
    venue = f" {e.container}" + (f", {e.volume}" if e.volume else "") + (f", {e.pages}" if e.pages else "") + "." if e.container else " Routledge."
    return f"{names} ({year}). {title}.{venue}"


def chicago_note(e, year, title):
    names = listed([full(a) for a in e.authors[:3]]) + (" et al." if len(e.authors) > 3 else "")
    if e.container:
        return f"{names}, “{title},” {e.container} {e.volume or ''} ({year}): {e.pages or '12'}."
    return f"{names}, {title} (London: Routledge, {year}), 45."


def chicago_short(e, year, title):
    short = title.split(":")[0].split(" ")
    return f"{family(e.authors[0])}, {' '.join(short[:5])}, {random.Random(title).randint(2, 300)}."


def mla(e, year, title):
    first = e.authors[0]
    head = f"{family(first)}, {first.given}" if first.given else family(first)
    head += ", et al." if len(e.authors) > 2 else (f", and {full(e.authors[1])}." if len(e.authors) == 2 else ".")
    venue = f" {e.container}, vol. {e.volume or 1}, {year}, pp. {e.pages or 1}." if e.container else f" Routledge, {year}."
    return f"{head} “{title}.”{venue}"


def harvard(e, year, title):
    names = listed([_inverted(a) for a in e.authors[:3]]) + (" et al." if len(e.authors) > 3 else "")
    venue = f" {e.container}, {e.volume or 1}, pp. {e.pages or 1}." if e.container else " London: Routledge."
    return f"{names} ({year}) ‘{title}’,{venue}"


def ieee(e, year, title):
    names = listed([" ".join(p for p in (initials(a), family(a)) if p) for a in e.authors[:6]])
    volume, pages = f" vol. {e.volume}," if e.volume else "", f" pp. {e.pages}," if e.pages else ""
    venue = f" {e.container},{volume}{pages} {year}." if e.container else f" London: Routledge, {year}."
    return f"{names}, “{title},”{venue}"


def vancouver(e, year, title):
    names = ", ".join(" ".join(p for p in (family(a), initials(a, dots=False).replace(" ", "")) if p) for a in e.authors[:6])
    names += ", et al." if len(e.authors) > 6 else "."
    venue = f" {e.container}. {year};{e.volume or 1}:{e.pages or 1}." if e.container else f" London: Routledge; {year}."
    return f"{names} {title}.{venue}"


def nature(e, year, title):
    names = ", ".join(" ".join(p for p in (family(a) + ",", initials(a)) if p).rstrip(",") for a in e.authors[:5])
    venue = f" {e.container} {e.volume or ''}, {e.pages or ''} ({year})." if e.container else f" (Routledge, {year})."
    return f"{names} {title}.{venue}"


STYLES = (apa, chicago_note, chicago_short, mla, harvard, ieee, vancouver, nature)


def mention(e, year, rng: random.Random) -> tuple[tuple[str, ...], bool, str]:
    """An author–year mention as extraction labels it: narrative "Kim and Park (2014)" or bracketed "Kim et al., 2014"."""
    names = [family(a) for a in e.authors]
    et_al = len(names) > 2
    names = names[:1] if et_al else names
    written = names[0] + " et al." if et_al else " and ".join(names)
    return tuple(names), et_al, f"{written} ({year})" if rng.random() < 0.5 else f"{written}, {year}"


def transposed(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


class Works:
    """Draws the works cited: mostly entries of the library (real or recombined), a tenth held-out real ones."""

    def __init__(self, entries: list, held: list, rng: random.Random) -> None:
        self.real = [e for e in entries if not e.key.startswith("recombined") and e.authors and e.title and e.year]
        self.made = [e for e in entries if e.key.startswith("recombined")]
        self.held, self.rng = held, rng

    def draw(self):
        """(entry as the document writes it, its year, its title, the key it means or None)."""
        from dataclasses import replace

        rng = self.rng
        absent = rng.random() < 0.1
        e = rng.choice(self.held if absent else (self.real if rng.random() < 0.5 else self.made))
        year, title = e.year, e.title
        truth = None if absent else e.key
        if rng.random() < 0.08:  # a year off by one
            year = str(int(year[:4]) + rng.choice((-1, 1))) if year[:4].isdigit() else year
        if rng.random() < 0.1 and ":" in title:  # the subtitle left out
            title = title.split(":")[0]
        if rng.random() < 0.1:  # the first author misspelled
            first = e.authors[0]
            typo = replace(first, literal=transposed(first.literal, rng)) if first.literal else replace(
                first, family=transposed(first.family or "", rng))  # fmt: skip
            e = replace(e, authors=(typo, *e.authors[1:]))
        return e, year, title, truth


def distinct_citations(works: Works, n: int) -> list[tuple[str, object, str | None]]:
    """(form, parsed citation, the key it means or None) for `n` citations, each of another work, in any style."""
    from refcheck.extract.refparse.parser import parse_reference
    from refcheck.model import NameMention

    out = []
    for _ in range(n):
        e, year, title, truth = works.draw()
        if works.rng.random() < 0.6:
            out.append(("reference", parse_reference(works.rng.choice(STYLES)(e, year, title)), truth))
        else:
            names, et_al, raw = mention(e, year, works.rng)
            out.append(("mention", (NameMention(names, et_al, year), raw), truth))
    return out


def document_citations(works: Works, n: int, per_document: int = 30) -> list[tuple[str, object, str | None]]:
    """About `n` citations as papers make them: each of `per_document` works is an item of the paper's
    reference list (one style per paper) and is mentioned one to three times in the text."""
    from refcheck.extract.refparse.parser import parse_reference
    from refcheck.model import NameMention

    out: list = []
    rng = works.rng
    while len(out) < n:
        style = rng.choice(STYLES)
        for _ in range(per_document):
            e, year, title, truth = works.draw()
            out.append(("reference", parse_reference(style(e, year, title)), truth))
            for _ in range(rng.randint(1, 3)):
                names, et_al, raw = mention(e, year, rng)
                out.append(("mention", (NameMention(names, et_al, year), raw), truth))
    return out[:n]


# ---------------------------------------------------------------- timing


_STATE: dict = {}  # what the measuring processes inherit: the library, the citation sets, the old matcher


def measure(which: str) -> tuple[float, dict[str, tuple[float, list[str | None]]]]:
    """In a process of its own (forked, so no cache of one matcher serves the other): build `which` matcher
    and resolve every set; CPU seconds of the one thread for the build and for each set, and the keys picked."""
    from refcheck.resolve import CitedWork, Resolver

    library, old = _STATE["library"], _STATE["old"]
    start = time.thread_time()
    if which == "resolver":
        resolver = Resolver(library)

        def pick(c):
            form, parsed, _ = c
            cited = CitedWork.from_reference(parsed) if form == "reference" else CitedWork.from_mention(*parsed)
            return resolver.resolve(cited).key
    else:
        matcher = old.Matcher(library)

        def pick(c):
            form, parsed, _ = c
            cited = old.Cited.from_reference(parsed) if form == "reference" else old.Cited.from_mention(parsed[0])
            m = matcher.resolve(cited)
            return m.key if m else None
    build = time.thread_time() - start
    out = {}
    for name, work in _STATE["sets"].items():
        start = time.thread_time()
        keys = [pick(c) for c in work]
        out[name] = (time.thread_time() - start, keys)
    return build, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--citations", type=int, default=2_000, help="citations in each of the two sets")
    ap.add_argument("--old-rev", help="the commit to take the old matcher from (default: the last that has it)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="holds data/bib/glottolog-*.bib")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (benchmarks/results.md)")
    ap.add_argument("--show", type=int, default=0, help="print this many citations with what each matcher picked")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the resolver, each in a fresh process (best taken)")
    args = ap.parse_args(argv)
    files = [str(p) for p in sorted((args.shared / "data" / "bib").glob("glottolog-*.bib"))]
    if not files:
        print(f"bench_match: no {args.shared}/data/bib/glottolog-*.bib: nothing to build the library from", file=sys.stderr)
        return 2

    # the library is a temporary file: kept in the user's cache it would only fill it, and the index build
    # below would include writing its record
    os.environ["REFCHECK_NO_CACHE"] = "1"
    from refcheck.textnorm import fold

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        rev = old_matcher_rev(args.old_rev)
        old = load_old_matcher(rev, Path(tmp))
        start = time.perf_counter()
        library, held, real = build_library(files, args.entries, max(1, args.citations // 5), Path(tmp), rng)
        print(f"library: {len(library.entries):,} entries ({real:,} real from {len(files)} Glottolog files), "
              f"{len(held):,} real entries held out as absent works; built in {time.perf_counter() - start:.0f} s",
              file=sys.stderr)  # fmt: skip
        works = Works(library.entries, held, rng)
        sets = {"distinct": distinct_citations(works, args.citations), "papers": document_citations(works, args.citations)}

    _STATE.update(library=library, old=old, sets=sets)
    fork = multiprocessing.get_context("fork")
    runs = []
    for which in ["resolver", "old"] + ["resolver"] * (args.repeat - 1):  # one at a time: none waits for a core
        with fork.Pool(1) as pool:
            runs.append((which, pool.apply(measure, (which,))))
    (old_build, old_sets), = (r for which, r in runs if which == "old")
    resolver_runs = [r for which, r in runs if which == "resolver"]
    new_build = min(build for build, _ in resolver_runs)
    # the fastest run of each set; the picks are the same in every run (the resolver is deterministic)
    new_sets = {name: min((sets_[name] for _, sets_ in resolver_runs), key=lambda t: t[0]) for name in sets}
    for name, work in sets.items():
        rates = ", ".join(f"{len(work) / sets_[name][0]:,.0f}" for _, sets_ in resolver_runs)
        print(f"{name}: resolver runs {rates} citations/s (best taken)", file=sys.stderr)

    by_key = library.by_key

    def right(picked: str | None, truth: str | None) -> bool:
        """The entry meant, or one of the same work (a duplicate), or none for an absent work."""
        if picked == truth:
            return True
        if picked is None or truth is None:
            return False
        a, b = by_key[picked], by_key[truth]
        return a.year == b.year and fold(a.title or "") == fold(b.title or "")

    def share(keys: list, work: list, form: str) -> float:
        picked = [right(k, c[2]) for k, c in zip(keys, work) if c[0] == form]
        return sum(picked) / max(1, len(picked))

    def coverage(keys: list) -> float:
        return sum(k is not None for k in keys) / max(1, len(keys))

    def precision(keys: list, work: list) -> float:
        """Of the citations given an entry, the share given the right one: a wrong pick is a false finding,
        an abstention (ambiguous, none) is not."""
        picked = [right(k, c[2]) for k, c in zip(keys, work) if k is not None]
        return sum(picked) / max(1, len(picked))

    head = ("figure", "resolver", "old matcher", "ratio", "target", "met")
    rows = [("index build, s", f"{new_build:.1f}", f"{old_build:.1f}",
             f"{new_build / old_build:.2f}×", "", "")]  # fmt: skip
    what = {
        "distinct": "every citation of another work, in one of 8 styles or as a mention",
        "papers": "papers of 30 works, each work a list item in the paper's style and mentioned 1-3 times",
    }
    for name, work in sets.items():
        refs = sum(c[0] == "reference" for c in work)
        print(f"{name}: {len(work):,} citations ({refs:,} references, {len(work) - refs:,} mentions): {what[name]}",
              file=sys.stderr)  # fmt: skip
    for name, work in sets.items():
        (t_new, new_keys), (t_old, old_keys) = new_sets[name], old_sets[name]
        for c, a, b in list(zip(work, new_keys, old_keys))[: args.show]:
            text = c[1].raw if c[0] == "reference" else c[1][1]
            print(f"{text}\n    truth {c[2]}  resolver {a}  old {b}", file=sys.stderr)
        n = len(work)
        rate_new, rate_old = n / t_new, n / t_old
        agree = sum(a == b for a, b in zip(new_keys, old_keys))
        right_new = sum(right(k, c[2]) for k, c in zip(new_keys, work))
        right_old = sum(right(k, c[2]) for k, c in zip(old_keys, work))
        rows += [
            (f"{name}: citations/s, one core, {len(library.entries):,} entries",
             f"{rate_new:,.0f}", f"{rate_old:,.0f}", f"{rate_new / rate_old:.2f}×", f"≥ {TARGET:,.0f}/s",
             "yes" if rate_new >= TARGET else "NO"),
            (f"{name}: right entry (or none for an absent work)", f"{right_new / n:.1%}", f"{right_old / n:.1%}", "", "", ""),
            *((f"{name}: right entry, {form}s", f"{share(new_keys, work, form):.1%}", f"{share(old_keys, work, form):.1%}",
               "", "", "") for form in ("reference", "mention")),
            (f"{name}: picks an entry (coverage)", f"{coverage(new_keys):.1%}", f"{coverage(old_keys):.1%}", "", "", ""),
            (f"{name}: picked entry is right (precision)", f"{precision(new_keys, work):.1%}",
             f"{precision(old_keys, work):.1%}", "", "", ""),
            (f"{name}: same pick by both (entry or none)", f"{agree / n:.1%}", "", "", "", ""),
        ]  # fmt: skip
    print(f"old matcher: {OLD_MATCHER} at {rev}; times are CPU seconds of the one thread; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores", file=sys.stderr)  # fmt: skip
    print_table(head, rows, args.markdown)
    return 0


def print_table(head: tuple, rows: list[tuple], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))


if __name__ == "__main__":
    sys.exit(main())
