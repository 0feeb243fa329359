"""Verification: does `refcheck verify` flag fabricated references and leave real ones alone, and how fast?

    .venv/bin/python benchmarks/bench_verify.py [--per-library N] [--records N] [--queries N] [--skip-speed]
                                               [--repeat N] [--show-flags]

Detection (data: benchmarks/verify_data.py): every real work of the five real
libraries in ../shared/data/bib and of the AnyStyle strings is a snapshot
record; per library, N real references, the same with a typo or swapped
authors, and N fabricated ones (real authors, another work's title, a third's
venue) are verified against it offline. Reported: fabricated flagged
(unverified) %, target >= 95; real ones wrongly flagged per 100 (real and
typo together), target <= 1 — on the held-out libraries (the thresholds in
src/refcheck/verify/params.json were fitted on the others by
tools/fit_verify.py) and on all.

Speed: a snapshot of --records records (the real ones plus generated records
drawn from their words, names and venues; built once under the user cache
folder and reused) answers --queries references (real, typo and fabricated
in the detection's proportions), --repeat times with a fresh verifier; the
best and median rates are printed by wall clock and per second of one core's
CPU time (the machine may be shared); target >= 500 references/s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verify_data as vd  # noqa: E402

from refcheck.verify.snapshot.store import SCHEMA_VERSION, SnapshotStore, SnapshotWriter  # noqa: E402
from refcheck.verify.sources.snapshot import Snapshot  # noqa: E402
from refcheck.verify.verifier import Verifier  # noqa: E402


def snapshot_of(works, extra: int = 0, path: str = ":memory:") -> SnapshotStore:
    db = sqlite3.connect(path)
    writer = SnapshotWriter(db)
    for ws in works.values():
        for w in ws:
            writer.add(w.record)
    for record in vd.generated_records(works, extra):
        writer.add(record)
    writer.finish()
    return SnapshotStore(db, path)


def rates(outcomes: list[tuple[str, str]]) -> tuple[float, float, int, int]:
    """(fabricated flagged %, real wrongly flagged per 100, n fabricated, n real)."""
    fab = [s for g, s in outcomes if g == "fabricated"]
    real = [s for g, s in outcomes if g != "fabricated"]
    return (100 * sum(s == "unverified" for s in fab) / max(len(fab), 1),
            100 * sum(s == "unverified" for s in real) / max(len(real), 1), len(fab), len(real))


def _show(it, verdict) -> None:
    """A wrong outcome, with what was cited and what the snapshot held nearest, to find its cause."""
    names = ", ".join(a.display if hasattr(a, "display") else str(a) for a in it.cited.authors)
    print(f"  {it.library} {it.group} -> {verdict.status}: {names} ({it.cited.year}) {it.cited.title!r}")
    for r in ((verdict.record,) if verdict.record else verdict.nearest):
        print(f"      snapshot: {r.short()}")


def detection(works, per_library: int, show: bool = False) -> None:
    items = vd.items(works, per_library)
    verifier = Verifier([Snapshot(store=snapshot_of(works))])
    outcomes = {name: [] for name in works}
    statuses = Counter()
    for it in items:
        verdict = verifier.verify(it.cited, it.issue)
        status = verdict.status
        outcomes[it.library].append((it.group, status))
        statuses[(it.group, status)] += 1
        if show and (status == "unverified") != (it.group == "fabricated"):
            _show(it, verdict)
    print(f"detection: {sum(len(ws) for ws in works.values())} real works in the snapshot, {len(items)} references")
    print(f"{'library':<22} {'split':<9} {'fabricated flagged':>19} {'real flagged /100':>18}")
    for name, out in outcomes.items():
        fab, real, nf, nr = rates(out)
        split = "held-out" if name in vd.HELD_OUT else "train"
        print(f"{name:<22} {split:<9} {fab:>16.1f} %  {real:>12.2f}  (n={nf}/{nr})")
    for label, names in (("held-out", vd.HELD_OUT), ("all", tuple(works))):
        fab, real, nf, nr = rates([o for n in names for o in outcomes[n]])
        print(f"{label:<32} {fab:>16.1f} %  {real:>12.2f}  (n={nf}/{nr})   targets: >= 95 %, <= 1")
    print("outcomes:", ", ".join(f"{g} {s}: {n}" for (g, s), n in sorted(statuses.items())))


def speed(works, records: int, queries: int, rebuild: bool, repeat: int = 3) -> None:
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("refcheck-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"verify-snapshot-{records}-v{SCHEMA_VERSION}.sqlite"  # rebuilt when the format changes
    real = sum(len(ws) for ws in works.values())
    if rebuild or not path.exists():
        start = time.perf_counter()
        tmp = str(path) + ".tmp"
        Path(tmp).unlink(missing_ok=True)
        snapshot_of(works, max(records - real, 0), tmp).close()
        os.replace(tmp, path)
        print(f"built {path} ({records} records) in {time.perf_counter() - start:.0f} s")
    store = SnapshotStore(sqlite3.connect(f"file:{path}?mode=ro", uri=True), str(path))
    items = vd.items(works, queries // (3 * len(works)) + 1, seed=7)[:queries]
    walls, cpus = [], []
    for run in range(repeat):  # a fresh verifier each run: nothing remembered from the run before
        verifier = Verifier([Snapshot(store=SnapshotStore(sqlite3.connect(f"file:{path}?mode=ro", uri=True),
                                                          str(path)))])
        start, cpu = time.perf_counter(), time.process_time()
        flagged = Counter()
        for it in items:
            flagged[(it.group, verifier.verify(it.cited, it.issue).status == "unverified")] += 1
        walls.append(len(items) / (time.perf_counter() - start))
        cpus.append(len(items) / (time.process_time() - cpu))
        verifier.close()
        print(f"speed run {run + 1}: {len(items)} references against {store.size} records: "
              f"{walls[-1]:.0f} references/s (wall clock), {cpus[-1]:.0f} references/s of one core's CPU time")
    print(f"speed: best {max(walls):.0f}, median {statistics.median(walls):.0f} references/s wall clock; "
          f"best {max(cpus):.0f}, median {statistics.median(cpus):.0f} per CPU second (target >= 500)")
    fab, real = flagged[("fabricated", True)], flagged[("real", True)] + flagged[("typo", True)]
    n_fab = fab + flagged[("fabricated", False)]
    n_real = sum(n for (g, _f), n in flagged.items() if g != "fabricated")
    print(f"  with {store.size} records: fabricated flagged {100 * fab / n_fab:.1f} %, "
          f"real flagged {100 * real / n_real:.2f} per 100")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-library", type=int, default=400)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--show-flags", action="store_true",
                    help="Print each real reference flagged and each fabricated one not flagged.")
    ap.add_argument("--repeat", type=int, default=3, help="Speed runs; the best and the median are reported.")
    ap.add_argument("--rebuild", action="store_true", help="Build the big snapshot again.")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    works = vd.real_works()
    print(f"read {sum(len(w) for w in works.values())} real works in {time.perf_counter() - start:.0f} s")
    detection(works, args.per_library, args.show_flags)
    if not args.skip_speed:
        speed(works, args.records, args.queries, args.rebuild, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
