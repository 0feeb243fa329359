"""SIGKILL a `refcheck corpus add` child at random points, 20 times: the store opens, holds whole documents, completes."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
import time

import pytest

from refcheck.corpus.add import content_hash
from refcheck.corpus.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32", reason="needs SIGKILL and fork")

KILLS = 20


def _documents(folder, n=40):
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        sentences = [f"Sentence {j} of document {i} says that exchange grew by {rng.randint(1, 99)}%.<sup>{j}</sup>"
                     for j in range(1, 16)]
        notes = [f"<sup>{j}</sup> Kim, S. ({rng.randint(1990, 2020)}). Title {j}. Journal, {j}(2), 1-9." for j in range(1, 16)]
        (folder / f"doc{i:03}.txt").write_text(" ".join(sentences) + "\n\n---\n\n" + "\n\n".join(notes) + "\n",
                                               encoding="utf-8")


def _run_cli(folder) -> None:
    os.chdir(folder)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from refcheck.cli import main

    try:
        main(["corpus", "add", "docs", "--blank-pipeline", "--no-progress"])
    except SystemExit as exc:
        os._exit(exc.code or 0)
    os._exit(0)


def _add(folder):
    """`refcheck corpus add docs` in a child process, forked so that it need not import spaCy again."""
    child = multiprocessing.get_context("fork").Process(target=_run_cli, args=(str(folder),))
    child.start()
    return child


def _check_whole(folder) -> int:
    with Store.open(folder / ".refcheck" / "corpus.db", folder) as store:
        assert store.verify() == []
        docs = store.documents()
        for d in docs:  # every stored document is the file's current content, with all its parts
            assert d.hash == content_hash(str(folder / d.path))[0]
            assert d.footnotes == 15 and d.citations == 15
        return len(docs)


def test_killed_add_leaves_whole_documents_and_completes(tmp_path, monkeypatch):
    _documents(tmp_path / "docs")
    from refcheck.corpus import add
    from refcheck.extract.nlp import load_pipeline

    # a commit after every document, so that a kill can find some documents stored and not others on a machine
    # of any speed (with the quarter-second batches an idle machine adds all 40 in one commit); a batch is
    # committed the same way, one transaction, whatever its size
    monkeypatch.setattr(add.Batch.__init__, "__defaults__", (0.0, None))

    load_pipeline(blank=True)  # imported once here; every forked child has it
    rng = random.Random(2024)
    started = time.monotonic()
    # how long a whole run takes, so that the kills fall anywhere in it
    probe = _add(tmp_path)
    probe.join(timeout=120)
    assert probe.exitcode == 0
    full = time.monotonic() - started
    (tmp_path / ".refcheck" / "corpus.db").unlink()
    for extra in ("-wal", "-shm"):
        (tmp_path / ".refcheck" / f"corpus.db{extra}").unlink(missing_ok=True)
    counts = []
    for _ in range(KILLS):
        child = _add(tmp_path)
        time.sleep(rng.uniform(0.0, full * 0.9))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        if (tmp_path / ".refcheck" / "corpus.db").exists():
            counts.append(_check_whole(tmp_path))
    assert any(0 < c < 40 for c in counts), counts  # kills fell while documents were being written
    finish = _add(tmp_path)
    finish.join(timeout=120)
    assert finish.exitcode == 0
    assert _check_whole(tmp_path) == 40
