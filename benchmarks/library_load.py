"""Library load speed: bibtexparser's bare parse_string against refcheck's load_library on the same files.

Usage: python benchmarks/library_load.py [FILE.bib ...] [--runs N]
Defaults to /work/shared/data/bib/*.bib. Each timing is the best of N runs and
includes reading the files, so both sides do the same I/O.
"""

from __future__ import annotations

import argparse
import glob
import logging
import time

import bibtexparser

from refcheck.library import latex, load_library, names

DEFAULT_FILES = "/work/shared/data/bib/*.bib"


def bare_parse(files: list[str]) -> int:
    """bibtexparser v2 with its default parse stack (string references, enclosing removal)."""
    n = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            n += len(bibtexparser.parse_string(f.read()).entries)
    return n


def split_only(files: list[str]) -> int:
    """bibtexparser v2's splitter alone: the part of the work load_library delegates."""
    n = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            n += len(bibtexparser.parse_string(f.read(), parse_stack=[]).entries)
    return n


def refcheck_load(files: list[str]) -> int:
    # Empty the memo caches, or every run after the first would be timed warm.
    for cached in (latex._decode_slow, names.split_name, names.split_names):
        cached.cache_clear()
    return len(load_library(files).entries)


def best_of(runs: int, fn, files: list[str]) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        n = fn(files)
        best = min(best, time.perf_counter() - start)
    return best, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(DEFAULT_FILES))
    if not files:
        raise SystemExit(f"no .bib files (default: {DEFAULT_FILES})")
    logging.disable(logging.WARNING)  # bibtexparser logs every failed block

    results = {}
    for name, fn in (("bibtexparser parse_string", bare_parse),
                     ("bibtexparser splitter only", split_only),
                     ("refcheck load_library", refcheck_load)):
        seconds, n = best_of(args.runs, fn, files)
        results[name] = seconds
        print(f"{name:28} {n:7d} entries  {seconds:6.2f} s  {n / seconds:9,.0f} entries/s")
    ratio = results["refcheck load_library"] / results["bibtexparser parse_string"]
    print(f"load_library / parse_string: {ratio:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
