"""Score refcheck on every evaluation set with one audit process per core, then the shared scorers.

    eval_batch.py run [dev] [generated] [real] [covid]   audit and score (default: all four)
    eval_batch.py verify [SET...] [--n 2]                 batch reports == `refcheck audit` run as a command
    eval_batch.py show --store DIR DOC                     print a stored report (the scorers' --cmd)

Each case is audited exactly as the scorers would run it -- the same argument
list (built by the scorer's own `build_command` from its default template
`refcheck audit {doc} --bib {bib} --format json`), in the case folder -- but
through `refcheck.cli.main` inside a long-lived worker, so spaCy and the
models load once per worker instead of once per case. The reports (standard
output, standard error, exit status) are stored, and the scorers
(`../shared/eval/score.py`, `../shared/eval/real/run_real.py`) then score them
with `--cmd 'eval_batch.py show --store DIR {doc}'`, so what is scored is the
scorers' own matching on the command's own output. The per-rule table and the
overall line of each set are printed; the whole scorer output is kept in
EVAL_OUT/logs/. Sets generated from fetched repositories are built once under
EVAL_OUT (see eval_prepare.py); a missing repository skips that set with one
line saying how to fetch it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
SETS = ("dev", "generated", "real", "covid")
CASE_TIMEOUT = 600  # seconds one audit may take in a worker before it counts as broken


def store_key(doc: str) -> str:
    return hashlib.sha1(os.path.abspath(doc).encode("utf-8", "surrogateescape")).hexdigest()


# ----------------------------------------------------------------------------- show (run once per case by a scorer)


def show(store: Path, doc: str) -> int:
    path = store / f"{store_key(doc)}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"eval_batch: no stored report for {doc} in {store}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(record["stdout"].encode("utf-8", "surrogateescape"))
    sys.stderr.buffer.write(record["stderr"].encode("utf-8", "surrogateescape"))
    return int(record["rc"])


# ----------------------------------------------------------------------------- the scorers and their cases


def _load_scorer(path: Path, name: str):
    import importlib.util

    sys.dont_write_bytecode = True  # keep ../shared free of __pycache__
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Subset:
    """One table: a scorer, its case folders, and the audits it needs (argv, case folder, report key)."""

    def __init__(self, name: str, kind: str, folders: list[Path], shared: Path):
        self.name, self.kind, self.folders = name, kind, folders
        self.tasks: list[tuple[str, list[str], str]] = []
        if kind == "real":
            self.scorer = shared / "eval" / "real" / "run_real.py"
            mod = _load_scorer(self.scorer, "run_real")
            for _, folder in mod.discover(folders, None):
                case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
                if case.get("kind", "paper") != "paper":
                    continue  # run_real.py skips them too
                self._add(mod.build_command(mod.DEFAULT_CMD, folder, case), (folder / case["main"]).resolve(), folder)
        else:
            self.scorer = shared / "eval" / "score.py"
            mod = _load_scorer(self.scorer, "score")
            for folder in folders:
                for case in mod.discover(folder, None):
                    self._add(mod.build_command(mod.DEFAULT_CMD, case), case.doc, case.folder)

    def _add(self, command: str, doc: Path, folder: Path) -> None:
        argv = shlex.split(command)
        assert argv[0] == "refcheck", command
        self.tasks.append((store_key(str(doc)), argv[1:], str(folder)))

    def score(self, store: Path, logs: Path) -> tuple[str, float]:
        import subprocess

        show_cmd = f"{shlex.quote(sys.executable)} -S {shlex.quote(str(HERE))} show --store {shlex.quote(str(store))} {{doc}}"
        cmd = [sys.executable, str(self.scorer), *map(str, self.folders), "--cmd", show_cmd,
               "--json", str(logs / f"{self.name}.json")]  # fmt: skip
        start = time.monotonic()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        (logs / f"{self.name}.txt").write_text(proc.stdout, encoding="utf-8")
        return proc.stdout, time.monotonic() - start


def summary_lines(output: str) -> list[str]:
    """The per-rule table (with run_real's exported/mutated lines), the broken count and the overall line."""
    lines = output.splitlines()
    keep: list[str] = []
    in_table = False
    for line in lines:
        if line.startswith("rule "):
            in_table = True
        if in_table:
            if not line.strip():
                in_table = False
                continue
            keep.append(line)
    broken = [line for line in lines if line.startswith("broken cases")]
    last = [line for line in lines if line.startswith(("overall:", "real:"))]
    return keep + broken + last[-1:]


# ----------------------------------------------------------------------------- the workers


class _CaseTimeout(BaseException):  # BaseException: the CLI turns Exceptions into exit 3
    pass


def _on_alarm(signum, frame):
    raise _CaseTimeout()


def _worker_init(threads: int | None = None) -> None:
    import signal

    signal.signal(signal.SIGALRM, _on_alarm)
    if threads:  # workers share the cores: torch's own threads on top of them only contend
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    import refcheck.cli  # noqa: F401  (import once per worker)


def audit_one(task: tuple[str, list[str], str]) -> dict:
    """Run `refcheck ARGV` in the case folder in this process; its stdout, stderr and exit status."""
    import io
    import signal
    from contextlib import redirect_stderr, redirect_stdout

    from refcheck.cli import main

    key, argv, cwd = task
    out, err = io.StringIO(), io.StringIO()
    rc = 0
    start = time.monotonic()
    here = os.getcwd()
    os.chdir(cwd)  # the command runs in the case folder (configuration lookup, relative paths)
    signal.alarm(CASE_TIMEOUT)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main(argv)
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except _CaseTimeout:
        rc = 124
        err.write(f"eval_batch: timeout after {CASE_TIMEOUT} s\n")
    finally:
        signal.alarm(0)
        os.chdir(here)
    return {"key": key, "argv": argv, "cwd": cwd, "rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue(),
            "seconds": round(time.monotonic() - start, 3)}  # fmt: skip


def _weight(task) -> int:
    return sum(p.stat().st_size for p in Path(task[2]).rglob("*") if p.is_file())


def audit_all(tasks: list, store: Path, jobs: int) -> dict[str, dict]:
    """Audit every task with `jobs` workers (largest cases first, so no worker is left with a long tail)."""
    import multiprocessing

    store.mkdir(parents=True, exist_ok=True)
    for key, _, _ in tasks:  # only this run's reports: another set may be scored from the same store meanwhile
        (store / f"{key}.json").unlink(missing_ok=True)
    records: dict[str, dict] = {}
    ordered = sorted(tasks, key=_weight, reverse=True)
    threads = max(1, (os.cpu_count() or 1) // jobs)
    import signal

    # `kill` of this process must not leave the workers running: SIGTERM unwinds through pool.terminate() below
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_worker_init, initargs=(threads,))
    try:
        for record in pool.imap_unordered(audit_one, ordered):
            (store / f"{record['key']}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            records[record["key"]] = record
            print(".", end="", file=sys.stderr, flush=True)
        pool.close()  # let the workers exit on their own, so their models and semaphores are released cleanly
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    print(file=sys.stderr)
    return records


# ----------------------------------------------------------------------------- the sets


def build_subsets(names: list[str], shared: Path, mirror_root: Path, out: Path) -> tuple[list[Subset], list[str]]:
    sys.path.insert(0, str(HERE.parent))
    import eval_prepare as prep

    subsets, skipped = [], []
    for name in names:
        try:
            if name in ("dev", "generated"):
                subsets.append(Subset(name, "cases", [shared / "eval" / name], shared))
            elif name == "real":
                subsets.append(Subset("real", "real", prep.real_cases(shared, mirror_root, out / "sets" / "real"), shared))
            elif name == "covid":
                for variant, folder in prep.covid_cases(shared, mirror_root, out / "sets" / "covid").items():
                    subsets.append(Subset(f"covid-{variant}", "cases", [folder], shared))
        except prep.MissingMirror as exc:
            skipped.append(f"== {name}: skipped: {exc}")
    return subsets, skipped


def run(args) -> int:
    shared, out = args.shared.resolve(), args.out.resolve()
    names = args.sets or list(SETS)
    wall = time.monotonic()
    subsets, skipped = build_subsets(names, shared, args.mirror_root.resolve(), out)
    for line in skipped:
        print(line, flush=True)
    if not subsets:
        return 0
    # a store of this run's own: two evaluations at once (two sessions, two sets) never read each other's reports
    store, logs = out / "reports" / f"run-{os.getpid()}", out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    tasks = [t for s in subsets for t in s.tasks]
    start = time.monotonic()
    print(f"auditing {len(tasks)} cases with {args.jobs} workers ...", file=sys.stderr, flush=True)
    records = audit_all(tasks, store, args.jobs)
    audit_wall = time.monotonic() - start
    for s in subsets:
        output, secs = s.score(store, logs)
        own = [records[k] for k, _, _ in s.tasks if k in records]
        case_secs = sum(r["seconds"] for r in own)
        slow = max(own, key=lambda r: r["seconds"]) if own else None
        failed = sum(1 for r in own if r["rc"] not in (0, 1))
        print(f"\n== {s.name}: {len(s.tasks)} cases, {case_secs:.1f} s of audits "
              f"(slowest {slow['seconds']:.1f} s: {Path(slow['cwd']).name}), scored in {secs:.1f} s"
              + (f", {failed} exited with neither 0 nor 1" if failed else "") + f"; full report {logs / s.name}.txt")
        for line in summary_lines(output):
            print(line)
        sys.stdout.flush()
    print(f"\neval: {len(tasks)} cases audited in {audit_wall:.1f} s wall with {args.jobs} workers; "
          f"{time.monotonic() - wall:.1f} s in all")
    import shutil

    shutil.rmtree(store, ignore_errors=True)  # the scorers' JSON and text outputs stay in logs/
    return 0


def verify(args) -> int:
    """Run `refcheck audit` as a command on the first --n cases of each set; its output must equal the batch's."""
    import subprocess

    shared, out = args.shared.resolve(), args.out.resolve()
    subsets, skipped = build_subsets(args.sets or ["dev"], shared, args.mirror_root.resolve(), out)
    for line in skipped:
        print(line)
    _worker_init()
    refcheck = Path(sys.executable).with_name("refcheck")
    bad = 0
    for s in subsets:
        for task in s.tasks[: args.n]:
            mine = audit_one(task)
            proc = subprocess.run([str(refcheck), *task[1]], cwd=task[2], capture_output=True, text=True)
            same = proc.stdout == mine["stdout"] and proc.returncode == mine["rc"]
            bad += not same
            print(f"{s.name} {Path(task[2]).name}: {'identical' if same else 'DIFFERENT'} "
                  f"({len(proc.stdout)} bytes, exit {proc.returncode}; batch {len(mine['stdout'])} bytes, exit {mine['rc']})")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("run", "verify"):
        p = sub.add_parser(name)
        p.add_argument("sets", nargs="*", metavar="SET",
                       help=f"any of {', '.join(SETS)}, by name or as its folder SHARED/eval/NAME (default: all)")
        p.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
        p.add_argument("--mirror-root", type=Path, default=Path(os.environ.get("MIRROR_ROOT", ROOT.parent / ".mirror")))
        p.add_argument("--out", type=Path, default=Path.home() / ".cache" / "refcheck-eval")
        p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
        p.add_argument("--n", type=int, default=2, help="verify: cases per set")
    p = sub.add_parser("show")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("doc")
    args = ap.parse_args(argv)
    if args.command == "show":
        return show(args.store, args.doc)
    args.sets = [_set_name(s, args, ap) for s in args.sets]
    return run(args) if args.command == "run" else verify(args)


def _set_name(given: str, args, ap) -> str:
    """A set named (`generated`) or given as its folder (`../shared/eval/generated`, what the Makefile passes):
    a folder also says where the shared material is."""
    if given in SETS:
        return given
    folder = Path(given)
    if folder.name not in SETS:
        ap.error(f"unknown set {given!r}: choose from {', '.join(SETS)}, or give its folder under SHARED/eval/")
    if not folder.is_dir():
        ap.error(f"{given}: no such folder (the evaluation sets live in ../shared/eval/)")
    args.shared = folder.resolve().parent.parent
    return folder.name


if __name__ == "__main__":
    sys.exit(main())
