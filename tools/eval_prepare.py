"""Build the evaluation cases that are generated from fetched repositories, once, outside the repository.

The real-writing cases (`../shared/eval/real`: export + mutate) and the Check-COVID
cases (`../shared/eval/covid/make_cases.py`) are made from bare git copies under
MIRROR_ROOT. Their text is not ours, so they are written under the cache folder
(`EVAL_OUT`) and reused: a stamp records the scripts' content and the parameters,
and a set is rebuilt only when one of them changes. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

COVID_REPO = "posuer+Check-COVID"
COVID_SEED = 11
# name -> make_cases.py arguments; "test-*" draw from the dataset's held-out test split
COVID_VARIANTS = {
    "random": ["--split", "train,dev"],
    "topic": ["--split", "train,dev", "--same-topic"],
    "test-random": ["--split", "test"],
    "test-topic": ["--split", "test", "--same-topic"],
}
REAL_SEEDS = (1, 2)


class MissingMirror(Exception):
    """A repository the set is made from has not been fetched; the message says how to get it."""


def _stamp(files: list[Path], params: object) -> str:
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fresh(folder: Path, stamp: str) -> bool:
    marker = folder / ".stamp"
    return marker.is_file() and marker.read_text().strip() == stamp


def _run(cmd: list[str], log) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log.write(f"$ {' '.join(cmd)}\n{proc.stdout}\n")
    return proc


def _repos(sources: Path) -> list[str]:
    return [e["repo"] for e in json.loads(sources.read_text(encoding="utf-8")) if e.get("kind", "paper") == "paper"]


def real_cases(shared: Path, mirror_root: Path, out: Path) -> list[Path]:
    """Exported cases and two mutated copies of each, under out/{cases,mutated}; the folders to score."""
    scripts = shared / "eval" / "real"
    sources = scripts / "sources.json"
    missing = [r for r in _repos(sources) if not (mirror_root / r.replace("/", "+", 1) / "repo").exists()]
    if missing:
        raise MissingMirror(
            f"real: {len(missing)} repositories of {sources} are not under MIRROR_ROOT={mirror_root} "
            f"(e.g. {missing[0]}): fetch each with the search tool's `fetch github:OWNER/NAME` "
            "and set MIRROR_ROOT to the folder holding the <owner>+<name> folders"
        )
    stamp = _stamp(sorted(scripts.glob("*.py")) + [sources], {"seeds": REAL_SEEDS, "mirror": str(mirror_root)})
    folders = [out / "cases", out / "mutated"]
    if _fresh(out, stamp):
        return folders
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "prepare.log", "w", encoding="utf-8") as log:
        proc = _run([sys.executable, str(scripts / "export.py"), str(mirror_root), str(out / "cases")], log)
        if proc.returncode:
            raise RuntimeError(f"export.py failed (see {out / 'prepare.log'})")
        for case in sorted(p for p in (out / "cases").iterdir() if (p / "case.json").is_file()):
            for seed in REAL_SEEDS:
                target = out / "mutated" / f"{case.name}-s{seed}"
                # mutate.py refuses a case it cannot mutate (johannessen/combiner cites through macros): logged, skipped
                _run([sys.executable, str(scripts / "mutate.py"), str(case), str(target), "--seed", str(seed)], log)
    (out / ".stamp").write_text(stamp + "\n")
    return folders


def covid_cases(shared: Path, mirror_root: Path, out: Path) -> dict[str, Path]:
    """The Check-COVID variants (seed 11): name -> case folder."""
    script = shared / "eval" / "covid" / "make_cases.py"
    if not (mirror_root / COVID_REPO / "repo").exists():
        raise MissingMirror(
            f"covid: {COVID_REPO}/repo is not under MIRROR_ROOT={mirror_root}: fetch it with the search tool's "
            "`fetch github:posuer/Check-COVID` and set MIRROR_ROOT to the folder holding it"
        )
    stamp = _stamp([script], {"seed": COVID_SEED, "variants": COVID_VARIANTS, "mirror": str(mirror_root)})
    folders = {name: out / name for name in COVID_VARIANTS}
    if _fresh(out, stamp):
        return folders
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "prepare.log", "w", encoding="utf-8") as log:
        for name, extra in COVID_VARIANTS.items():
            cmd = [sys.executable, str(script), str(mirror_root), str(folders[name]), "--seed", str(COVID_SEED),
                   "--force", *extra]  # fmt: skip
            if _run(cmd, log).returncode:
                raise RuntimeError(f"make_cases.py failed for {name} (see {out / 'prepare.log'})")
    (out / ".stamp").write_text(stamp + "\n")
    return folders
