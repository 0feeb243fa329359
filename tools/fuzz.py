"""`make fuzz`: the long fuzz run over refcheck's command line, with counts of what went wrong.

    python tools/fuzz.py --cases 20000 --minutes 30 [--jobs 2] [--save DIR]

Cases are drawn by Hypothesis (tests/fuzz/fuzz_harness.py: mutated real
libraries and documents over `audit`, `bib clean`, `bib fix`, `bib lint`) and
each runs in a forked child with a 20 s deadline. Prints the counts of cases,
crashes, hangs, invalid outputs and lost entries, per command; each failing
case is saved (JSON) to replay as a regression test in tests/fuzz/regressions/.
Exit 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

KINDS = ("crash", "hang", "invalid", "lost")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("FUZZ_CASES", 20000)))
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("FUZZ_MINUTES", 30)))
    parser.add_argument("--save", type=Path, default=Path(os.environ.get("FUZZ_SAVE", ".fuzz")),
                        help="where failing cases are written (default .fuzz/)")
    parser.add_argument("--commands", default="audit,bib clean,bib fix,bib lint",
                        help="comma-separated: which commands to fuzz (default: all four)")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: a new one each run)")
    args = parser.parse_args()

    # The run's caches go to a private folder: mutated libraries must not fill the user's cache.
    os.environ.setdefault("REFCHECK_CACHE_DIR", str(args.save / "cache"))
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from fuzz_harness import cases, prepare, run_case, save

    commands = tuple(c.strip() for c in args.commands.split(",") if c.strip())
    prepare()
    counts: Counter = Counter()
    by_command: dict[str, Counter] = defaultdict(Counter)
    slowest = [0.0, ""]
    peak = [0]
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()

    class Enough(Exception):
        pass

    def one(case) -> None:
        if time.monotonic() > deadline:
            raise Enough
        outcome = run_case(case)
        counts["cases"] += 1
        by_command[case.command]["cases"] += 1
        peak[0] = max(peak[0], outcome.peak_kb)
        if outcome.seconds > slowest[0]:
            slowest[:] = [outcome.seconds, case.describe()[:160]]
        for kind in outcome.kinds:
            counts[kind] += 1
            by_command[case.command][kind] += 1
        if outcome.problems:
            path = save(outcome, args.save)
            print(f"[{counts['cases']}] {outcome.problems[0][:200]}  -> {path}", flush=True)
        if counts["cases"] % 250 == 0:
            _print(counts, by_command, started, slowest, peak, partial=True)

    test = settings(max_examples=args.cases, deadline=None, database=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck))(given(cases(commands=commands))(one))  # fmt: skip
    if args.seed is not None:
        test = seed(args.seed)(test)
    try:
        test()
    except Enough:
        pass
    _print(counts, by_command, started, slowest, peak)
    return 1 if any(counts[k] for k in KINDS) else 0


def _print(counts, by_command, started, slowest, peak, partial: bool = False) -> None:
    minutes = (time.monotonic() - started) / 60
    head = "so far" if partial else "fuzz"
    print(f"{head}: {counts['cases']} cases in {minutes:.1f} min: " + ", ".join(
        f"{counts[k]} {k if k != 'lost' else 'with entries lost'}" for k in KINDS), flush=True)  # fmt: skip
    if not partial:
        for command, c in sorted(by_command.items()):
            print(f"  {command:<10} {c['cases']:>6} cases  " + "  ".join(f"{k} {c[k]}" for k in KINDS))
        print(f"  slowest case {slowest[0]:.1f} s of CPU: {slowest[1]}")
        print(f"  peak memory of a case {peak[0] / 1024:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
