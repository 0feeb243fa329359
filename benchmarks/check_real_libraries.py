"""No-loss check of `refcheck bib clean` on the real libraries in ../shared/data/bib/ (read there, never copied).

For each file: clean it, load the result, and check that every entry and
every non-empty field value of the original is in the result or in the
report (`refcheck.library.clean.verify`), listing every merge. Then, on the
Zotero export: cleaning the cleaned file again gives the same bytes, and
`refcheck bib clean --check` passes on the result and fails on the original.
Cleaned files go to benchmarks/out/ (git-ignored). Exit 1 if any check fails.

Usage: python benchmarks/check_real_libraries.py [FILE.bib ...] [--quiet]
"""

from __future__ import annotations

import argparse
import glob
import logging
import subprocess
import sys
import time
from pathlib import Path

from refcheck.library import load_library
from refcheck.library.clean import CleanOptions, clean_paths
from refcheck.library.clean import report as R
from refcheck.library.clean.verify import lost_values
from refcheck.library.write import write_items

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DEFAULT = ROOT.parent / "shared" / "data" / "bib"
ZOTERO = "zotero-user-library.bib"


def clean_text(path: str) -> tuple:
    library, result = clean_paths([path], CleanOptions(combine=False))
    return library, result, write_items(result.items)


def check_file(path: str, quiet: bool) -> bool:
    start = time.perf_counter()
    before, result, text = clean_text(path)
    out = OUT / f"{Path(path).stem}.clean.bib"
    out.write_text(text, encoding="utf-8")
    after = load_library([str(out)])
    lost = lost_values(before, after, result.report, result.aliases, text)
    merges = result.report.of(R.MERGED)
    differs = result.report.of(R.DIFFERS)
    conflicts = result.report.of(R.DOI_CONFLICT) + result.report.of(R.KEY_CONFLICT)
    print(f"{Path(path).name}: {len(before.entries):,} entries -> {len(after.entries):,}; "
          f"{len(merges)} merges ({len(differs)} differing values listed), {len(conflicts)} conflicts left apart; "
          f"lost: {len(lost)}; {time.perf_counter() - start:.1f} s")
    if not quiet:
        for change in merges:
            print(f"    {change}")
    for problem in lost:
        print(f"    LOST {problem}")
    expected = len(before.entries) - len(merges)
    if len(after.entries) != expected:
        print(f"    LOST {expected - len(after.entries)} entries beyond the merges")
        return False
    return not lost


def check_zotero(path: str) -> bool:
    """Cleaning twice gives the same bytes; --check passes on the result and fails on the original."""
    _b, _r, once = clean_text(path)
    first = OUT / "zotero.clean.bib"
    first.write_text(once, encoding="utf-8")
    _b, _r, twice = clean_text(str(first))
    same = once.encode("utf-8") == twice.encode("utf-8")
    print(f"{ZOTERO}: cleaning the cleaned file again gives the same bytes: {'yes' if same else 'NO'}")
    refcheck = str(Path(sys.executable).with_name("refcheck"))
    ok = subprocess.run([refcheck, "bib", "clean", "--check", str(first)], capture_output=True).returncode
    start = time.perf_counter()
    bad = subprocess.run([refcheck, "bib", "clean", "--check", path], capture_output=True)
    hunks = bad.stdout.count(b"\n@@ ")
    print(f"{ZOTERO}: --check on the result exits {ok} (want 0); on the original exits {bad.returncode} (want 1, "
          f"{hunks:,} diff hunks, {time.perf_counter() - start:.1f} s)")
    return same and ok == 0 and bad.returncode == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--quiet", action="store_true", help="count the merges, do not list them")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # bibtexparser logs each block it cannot parse
    files = args.files or sorted(glob.glob(str(DEFAULT / "*.bib")))
    if not files:
        raise SystemExit(f"no .bib files in {DEFAULT}")
    OUT.mkdir(parents=True, exist_ok=True)
    ok = all([check_file(f, args.quiet) for f in files])
    zotero = [f for f in files if Path(f).name == ZOTERO]
    if zotero:
        ok = check_zotero(zotero[0]) and ok
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
