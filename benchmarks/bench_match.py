"""Matching at scale: a 100,000-entry library, 1,000 citations, the blocking index against a linear scan.

The library is the real entries of ../shared/data/bib/ (when present) topped up
with generated ones. Times: load, index build, and per-citation matching through
the index; the naive matcher scores every entry with the same scorer (on a
sample of the citations, as it is slow) and must pick the same entries.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bib"
FAMILIES = ["Smith", "Müller", "Kim", "Nakamura", "García", "Novák", "Okafor", "Larsen", "Rossi", "Chen", "Dubois",
            "Kowalski", "Andersson", "Haddad", "Ivanova", "Tanaka", "O'Brien", "van der Berg", "Silva", "Nguyen"]
WORDS = ("climate policy memory trade language migration network protein market theory evidence history "
         "model learning health water urban ritual grammar dialect kinship reform survey empire colonial").split()


def generated_entries(n: int, rng: random.Random) -> str:
    out = []
    for i in range(n):
        authors = " and ".join(f"{rng.choice(FAMILIES)}{rng.randint(1, 400)}, {chr(65 + rng.randint(0, 25))}." for _ in range(rng.randint(1, 3)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize() + f" {i}"
        out.append(f"@article{{gen{i},\n  author = {{{authors}}},\n  title = {{{title}}},\n  journal = {{Journal of {rng.choice(WORDS).title()}}},\n  year = {{{rng.randint(1950, 2024)}}}\n}}\n")
    return "\n".join(out)


def perturb(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]  # a transposition


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--citations", type=int, default=1_000)
    parser.add_argument("--scan-sample", type=int, default=40, help="citations also matched by the linear scan")
    args = parser.parse_args(argv)

    from refcheck.library import load_library
    from refcheck.match.matcher import Cited, Matcher

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        real = sorted(DATA.glob("*.bib")) if DATA.is_dir() else []
        for f in real:
            files.append(str(f))
        start = time.perf_counter()
        library = load_library(files) if files else None
        have = len(library.entries) if library else 0
        extra = Path(tmp) / "generated.bib"
        extra.write_text(generated_entries(max(0, args.entries - have), rng), encoding="utf-8")
        library = load_library(files + [str(extra)])
        load = time.perf_counter() - start
        start = time.perf_counter()
        matcher = Matcher(library)
        build = time.perf_counter() - start
        entries = [e for e in library.entries if e.authors and e.year and e.title]
        print(f"library: {len(library.entries):,} entries ({have:,} real from {len(real)} files); "
              f"load {load:.1f} s, index {build:.1f} s")

        citations = []
        for _ in range(args.citations):
            e = rng.choice(entries)
            names = [a.family or a.literal or "" for a in e.authors[:2]]
            if rng.random() < 0.2 and len(names[0]) > 4:
                names[0] = perturb(names[0], rng)  # a misspelled author
            title = e.title if rng.random() < 0.5 else None
            citations.append(Cited(tuple(names), len(e.authors) > 2, e.year, title))

        start = time.perf_counter()
        indexed = [matcher.resolve(c) for c in citations]
        per_indexed = (time.perf_counter() - start) / len(citations)

        sample = citations[: args.scan_sample]
        everything = range(len(library.entries))
        start = time.perf_counter()
        scanned = [matcher.resolve(c, candidates=everything) for c in sample]
        per_scan = (time.perf_counter() - start) / len(sample)
        same = sum(1 for a, b in zip(indexed, scanned) if (a and a.key) == (b and b.key))
        resolved = sum(1 for m in indexed if m)
        print(f"indexed: {per_indexed * 1000:.2f} ms per citation ({len(citations):,} citations, {resolved:,} resolved)")
        print(f"linear scan: {per_scan * 1000:.1f} ms per citation ({len(sample)} citations)")
        print(f"speed-up: {per_scan / per_indexed:.0f}x; same best match on {same}/{len(sample)} sampled citations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
