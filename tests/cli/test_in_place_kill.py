"""SIGKILL at random moments of `bib clean --in-place` and `bib fix --in-place` never leaves a damaged library.

50 kills of each command on copies of a real 7,166-entry library: half at a moment drawn over
the whole run, half just after the temporary file appears (the write itself).
Each time the library is byte-identical to the original or exactly the
complete result, with the backup beside it whenever it changed; the temporary
files killed runs leave are removed by the next run.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import SHARED

ZOTERO = SHARED / "data" / "bib" / "zotero-user-library.bib"
KILLS_PER_COMMAND = 50

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not ZOTERO.is_file(), reason="../shared/data/bib is not here")]


def _start(folder: Path, command: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "refcheck", "bib", command, "lib.bib", "--in-place"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _temporaries(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(".tmp")]


def _wait_for_write(proc: subprocess.Popen, folder: Path, before: set[str]) -> float | None:
    """Poll until the run's temporary file appears (its write begins); when, or None if the run ended first."""
    while proc.poll() is None:
        if set(_temporaries(folder)) - before:
            return time.perf_counter()
        time.sleep(0.002)
    return None


def _reference(folder: Path, command: str, original: bytes, env: dict) -> tuple[bytes, float, float]:
    """The complete result, how long a run takes, and how long its write lasts (from its temporary file to its exit)."""
    (folder / "lib.bib").write_bytes(original)
    started = time.perf_counter()
    proc = _start(folder, command, env)
    writing = _wait_for_write(proc, folder, set())
    assert proc.wait() == 0
    ended = time.perf_counter()
    result = (folder / "lib.bib").read_bytes()
    assert result != original and (folder / "lib.bib.bak").read_bytes() == original
    return result, ended - started, (ended - writing) if writing else 0.05


def _worker(
    folder: Path, command: str, original: bytes, expected: bytes, took: float, write: float, seed: int, env: dict
) -> dict:
    rng = random.Random(seed)
    outcomes = {"original": 0, "complete": 0, "temporary left": 0}
    for n in range(KILLS_PER_COMMAND):
        (folder / "lib.bib").write_bytes(original)
        (folder / "lib.bib.bak").unlink(missing_ok=True)
        before = set(_temporaries(folder))  # what earlier kills left: this run must remove it when it writes
        proc = _start(folder, command, env)
        if n % 2 and _wait_for_write(proc, folder, before) is not None:
            time.sleep(rng.uniform(0, write * 1.2))  # somewhere in the write, the backup or the rename
        elif not n % 2:
            time.sleep(rng.uniform(0, took * 1.05))
        proc.kill()
        proc.wait()
        now = (folder / "lib.bib").read_bytes()
        assert now in (original, expected), f"{command} killed (run {n}): the library is neither the old nor the new file"
        if now == expected:
            assert (folder / "lib.bib.bak").read_bytes() == original, f"{command} killed (run {n}): no backup"
            outcomes["complete"] += 1
        else:
            outcomes["original"] += 1
        outcomes["temporary left"] += bool(set(_temporaries(folder)) - before)
    # the next run removes what the killed ones left
    (folder / "lib.bib").write_bytes(original)
    assert _start(folder, command, env).wait() == 0
    assert (folder / "lib.bib").read_bytes() == expected and _temporaries(folder) == []
    return outcomes


def test_sigkill_during_in_place_leaves_the_old_file_or_the_whole_new_one(tmp_path):
    original = ZOTERO.read_bytes()
    env = {**os.environ, "REFCHECK_CACHE_DIR": str(tmp_path / "cache")}
    jobs = []
    for command in ("clean", "fix"):
        folder = tmp_path / command
        folder.mkdir()
        expected, took, write = _reference(folder, command, original, env)
        jobs.append((folder, command, original, expected, took, write))
    with ThreadPoolExecutor(2) as pool:  # one command's kills beside the other's: two cores
        seeds = [random.randrange(2**32) for _ in jobs]  # printed, so that a failing run can be replayed
        print(f"kill moments seeded with {seeds}")
        results = list(pool.map(lambda job, seed: _worker(*job, seed=seed, env=env), jobs, seeds))
    for (_folder, command, *_rest), outcome in zip(jobs, results):
        print(f"bib {command} --in-place, {KILLS_PER_COMMAND} kills: {outcome}; a run {_rest[-2]:.1f} s, "
              f"its write {_rest[-1] * 1000:.0f} ms")
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
