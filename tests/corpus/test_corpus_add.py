"""`refcheck corpus add`: keyed by content hash — unchanged files untouched, changed ones replaced, failures reported."""

from __future__ import annotations

import hashlib

import pytest
from corpus_support import run, run_json

import refcheck.extract


def _fingerprint(folder):
    db = folder / ".refcheck" / "corpus.db"
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


def test_adds_every_document_with_its_counts(capsys, added):
    docs = {d["path"]: d for d in run_json(capsys, added, "corpus", "list")["documents"]}
    assert sorted(docs) == ["corpus/000_bbf9fc55a855b69c.txt", "corpus/001_a4473a96e4f5caf0.txt",
                            "corpus/002_d244ba052e56942e.txt"]
    paper = docs["corpus/002_d244ba052e56942e.txt"]
    assert paper["footnotes"] == 9 and paper["citations"] >= 9 and paper["claims"] > 100
    assert paper["title"] == "CULTURAL COOPERATION BETWEEN SOUTH KOREA AND JAPAN"


def test_unchanged_files_touch_nothing(capsys, fresh_copy, monkeypatch):
    before = _fingerprint(fresh_copy)

    def no_extraction(*args, **kwargs):
        raise AssertionError("an unchanged file was extracted again")

    monkeypatch.setattr(refcheck.extract, "extract", no_extraction)
    code, _, err = run(capsys, fresh_copy, "corpus", "add", "corpus", "--blank-pipeline")
    assert code == 0, err
    assert sum(line.startswith("unchanged ") for line in err.splitlines()) == 3 and "3 unchanged" in err
    assert _fingerprint(fresh_copy) == before  # not one byte of the store written


def test_a_changed_file_is_replaced_alone_and_keeps_its_id_and_links(capsys, fresh_copy, monkeypatch):
    news = fresh_copy / "corpus" / "001_a4473a96e4f5caf0.txt"
    old = {d["path"]: d for d in run_json(capsys, fresh_copy, "corpus", "list")["documents"]}
    assert run(capsys, fresh_copy, "corpus", "link", "--manual", "somekey", "001", "--bib", "nothing.bib")[0] == 2  # no library
    (fresh_copy / "lib.bib").write_text("@misc{news, title={Intercultural romances}, year={2024}}\n", encoding="utf-8")
    assert run(capsys, fresh_copy, "corpus", "link", "--manual", "news", "001", "--bib", "lib.bib")[0] == 0
    news.write_text(news.read_text(encoding="utf-8") + "\nA new closing sentence about Odagiri's films.\n",
                    encoding="utf-8")
    calls = []
    real = refcheck.extract.extract
    monkeypatch.setattr(refcheck.extract, "extract", lambda doc, nlp=None: calls.append(doc.path) or real(doc, nlp))
    code, _, err = run(capsys, fresh_copy, "corpus", "add", "corpus", "--blank-pipeline")
    assert code == 0, err
    assert calls == ["corpus/001_a4473a96e4f5caf0.txt"]
    assert "replaced  corpus/001_a4473a96e4f5caf0.txt" in err and "2 unchanged" in err
    new = {d["path"]: d for d in run_json(capsys, fresh_copy, "corpus", "list")["documents"]}
    changed = new["corpus/001_a4473a96e4f5caf0.txt"]
    assert changed["id"] == old["corpus/001_a4473a96e4f5caf0.txt"]["id"]
    assert changed["hash"] != old["corpus/001_a4473a96e4f5caf0.txt"]["hash"]
    assert changed["claims"] == old["corpus/001_a4473a96e4f5caf0.txt"]["claims"] + 1
    hits = run_json(capsys, fresh_copy, "corpus", "search", "closing sentence")["hits"]
    assert [h["path"] for h in hits] == ["corpus/001_a4473a96e4f5caf0.txt"]
    links = run_json(capsys, fresh_copy, "corpus", "show", "001")["document"]["links"]
    assert [(k["entry"], k["method"], k["pinned"]) for k in links] == [("news", "manual", True)]


def test_a_moved_file_keeps_its_record(capsys, fresh_copy):
    (fresh_copy / "corpus" / "000_bbf9fc55a855b69c.txt").rename(fresh_copy / "corpus" / "blog.txt")
    code, _, err = run(capsys, fresh_copy, "corpus", "add", "corpus", "--blank-pipeline")
    assert code == 0 and "moved     corpus/blog.txt (was corpus/000_bbf9fc55a855b69c.txt)" in err
    paths = [d["path"] for d in run_json(capsys, fresh_copy, "corpus", "list")["documents"]]
    assert paths == ["corpus/001_a4473a96e4f5caf0.txt", "corpus/002_d244ba052e56942e.txt", "corpus/blog.txt"]


def test_one_failing_file_is_reported_and_the_rest_go_on(capsys, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("A first claim.[^1]\n\n[^1]: Lee, H. (2006). T. J, 1, 2-3.\n", encoding="utf-8")
    (tmp_path / "docs" / "b.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntruncated")
    (tmp_path / "docs" / "c.txt").write_text("A last claim about Odagiri.\n", encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "corpus", "add", "docs", "--blank-pipeline")
    assert code == 2 and "Traceback" not in err
    failures = [line for line in err.splitlines() if "error" in line]
    assert len(failures) == 1 and "docs/b.pdf" in failures[0]
    assert "2 added, 1 failed" in err
    assert [d["path"] for d in run_json(capsys, tmp_path, "corpus", "list")["documents"]] == ["docs/a.md", "docs/c.txt"]


def test_plain_lines_when_not_on_a_terminal(capsys, tmp_path):
    (tmp_path / "a.md").write_text("One claim.\n", encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "corpus", "add", "a.md", "--blank-pipeline")
    assert code == 0 and out == ""
    assert err.splitlines()[0].startswith("added     a.md (0 footnotes, 0 citations, 1 claims)")
    assert "\x1b[" not in err


@pytest.mark.parametrize("setting", ["pyproject", "option"])
def test_the_store_path_is_configurable(capsys, tmp_path, setting):
    (tmp_path / "a.md").write_text("One claim.\n", encoding="utf-8")
    args = ["corpus", "add", "a.md", "--blank-pipeline"]
    if setting == "pyproject":
        (tmp_path / "pyproject.toml").write_text('[tool.refcheck]\ncorpus-db = "store/sources.db"\n', encoding="utf-8")
    else:
        args += ["--db", "store/sources.db"]
    assert run(capsys, tmp_path, *args)[0] == 0
    assert (tmp_path / "store" / "sources.db").is_file() and not (tmp_path / ".refcheck").exists()
