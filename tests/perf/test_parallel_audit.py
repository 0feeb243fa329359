"""`--jobs N` and a Dask cluster give the report of one process, in the same order."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from support import CORPUS, ROOT

STRUCTURAL = ["--ignore", "RC105,RC106,RC107,RC301,RC302"]


def corpus_of(folder, copies: int):
    """`copies` rounds of the sample corpus under new names: documents that differ in order and content."""
    folder.mkdir()
    for n in range(copies):
        for doc in sorted(CORPUS.glob("*.txt")):
            shutil.copy(doc, folder / f"{n:02d}_{doc.name}")
    return folder


def audit(*args, cwd):
    run = subprocess.run([sys.executable, "-m", "refcheck", "audit", *args, "--format", "json"], cwd=cwd,
                         capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert run.returncode in (0, 1), run.stderr[-2000:]
    return run.stdout


@pytest.mark.slow
def test_two_jobs_report_exactly_what_one_does(tmp_path):
    docs = corpus_of(tmp_path / "docs", 3)
    one = audit("docs", "--bib", str(ROOT / "bib"), "--jobs", "1", *STRUCTURAL, cwd=tmp_path)
    two = audit("docs", "--bib", str(ROOT / "bib"), "--jobs", "2", *STRUCTURAL, cwd=tmp_path)
    assert one == two
    report = json.loads(two)
    assert [d["path"] for d in report["documents"]] == [f"docs/{p.name}" for p in sorted(docs.iterdir())]
    assert report["findings"]


def test_extraction_on_workers_keeps_order_and_unreadable_documents_in_place(tmp_path):
    from refcheck.errors import InputError
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import iter_documents
    from refcheck.parallel import extract_documents

    corpus_of(tmp_path / "docs", 3)
    (tmp_path / "docs" / "04_broken.pdf").write_bytes(b"not a pdf")
    items = list(iter_documents([str(tmp_path / "docs")]))
    assert any(isinstance(i, InputError) for i in items)
    nlp = load_pipeline(blank=True)
    parallel = list(extract_documents(items, nlp, jobs=2, blank=True))
    assert [item for item, _ in parallel] == items
    for item, extraction in parallel:
        if isinstance(item, InputError):
            assert extraction is None
        else:
            assert extraction == extract(item, nlp)


@pytest.mark.slow
def test_a_local_dask_cluster_reports_what_one_process_does(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra: pip install 'refcheck-corpus[dask]'")
    corpus_of(tmp_path / "docs", 2)
    one = audit("docs", "--bib", str(ROOT / "bib"), "--jobs", "1", *STRUCTURAL, cwd=tmp_path)
    on_dask = audit("docs", "--bib", str(ROOT / "bib"), "--jobs", "2", "--dask", "local", *STRUCTURAL, cwd=tmp_path)
    assert one == on_dask and json.loads(one)["findings"]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    pytest.importorskip("distributed")
    doc = tmp_path / "a.md"
    doc.write_text("Text.[^1]\n\n[^1]: Kim, S. (2014). Title. Journal, 1, 2-3.\n", encoding="utf-8")
    doc2 = tmp_path / "b.md"
    doc2.write_text(doc.read_text(), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "refcheck", "audit", str(doc), str(doc2), "--bib", str(ROOT / "bib"),
                          "--dask-scheduler", "tcp://127.0.0.1:9", "--format", "json"],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("refcheck: error: cannot reach the Dask scheduler")
