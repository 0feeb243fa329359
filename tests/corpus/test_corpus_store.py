"""The store file: versioned migrations, refusal of what it cannot read, rebuild from the files, list/show/remove/stats."""

from __future__ import annotations

import sqlite3

from corpus_support import run, run_json

from refcheck.corpus import schema
from refcheck.corpus.store import Store


def test_a_new_store_runs_every_migration(tmp_path):
    with Store.open(tmp_path / "s" / "corpus.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION == len(schema.MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.verify() == []


def test_an_older_store_is_brought_up_to_date(tmp_path, monkeypatch):
    db = tmp_path / "corpus.db"
    with Store.open(db):
        pass
    later = "CREATE TABLE notes_added_later (id INTEGER PRIMARY KEY);"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, later))
    monkeypatch.setattr(schema, "VERSION", len(schema.MIGRATIONS))
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert store.conn.execute("SELECT count(*) FROM notes_added_later").fetchone()[0] == 0


def test_a_store_from_a_newer_refcheck_is_refused(capsys, tmp_path):
    db = tmp_path / ".refcheck" / "corpus.db"
    with Store.open(db) as store:
        store.conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    code, _, err = run(capsys, tmp_path, "corpus", "stats")
    assert code == 2 and "schema version" in err and "corpus.db" in err and "Traceback" not in err


def test_a_file_that_is_not_a_store_is_one_line(capsys, tmp_path):
    (tmp_path / ".refcheck").mkdir()
    (tmp_path / ".refcheck" / "corpus.db").write_text("just text, not SQLite\n" * 200)
    code, _, err = run(capsys, tmp_path, "corpus", "list")
    assert code == 2 and "not a corpus store" in err and len(err.strip().splitlines()) == 1


def test_stats_count_documents_footnotes_citations_claims(capsys, added):
    stats = run_json(capsys, added, "corpus", "stats")["stats"]
    docs = run_json(capsys, added, "corpus", "list")["documents"]
    assert stats["documents"] == 3
    for name in ("footnotes", "citations", "claims"):
        assert stats[name] == sum(d[name] for d in docs) > 0
    code, out, _ = run(capsys, added, "corpus", "stats")
    assert "documents  3" in out and f"footnotes  {stats['footnotes']}" in out and f"claims     {stats['claims']}" in out


def test_show_lists_citations_with_their_claims(capsys, added):
    doc = run_json(capsys, added, "corpus", "show", "002_d244ba052e56942e.txt")["document"]
    assert doc["path"] == "corpus/002_d244ba052e56942e.txt" and len(doc["footnotes"]) == 9
    six = next(c for c in doc["citations"] if c["citation"] == "6")
    assert six["claim"]["text"].startswith("South Korea and Japan, despite having interconnected economies")
    assert six["references"][0]["authors"][0]["family"] == "Moisiu"
    code, out, _ = run(capsys, added, "corpus", "show", "002")
    assert "claim: South Korea and Japan, despite having interconnected economies" in out


def test_remove_and_rebuild(capsys, fresh_copy):
    assert run(capsys, fresh_copy, "corpus", "link", "--manual", "some2000", "001", "--bib", "lib.bib")[0] == 2
    (fresh_copy / "lib.bib").write_text("@misc{some2000, title={Some}, year={2000}}\n", encoding="utf-8")
    assert run(capsys, fresh_copy, "corpus", "link", "--manual", "some2000", "001", "--bib", "lib.bib")[0] == 0
    assert run_json(capsys, fresh_copy, "corpus", "remove", "000")["removed"] == ["corpus/000_bbf9fc55a855b69c.txt"]
    assert run_json(capsys, fresh_copy, "corpus", "search", "Odagiri")["hits"] == []
    db = fresh_copy / ".refcheck" / "corpus.db"
    conn = sqlite3.connect(db)  # the index lost, as after a crash of the disk
    with conn:
        conn.execute("DELETE FROM pages_fts")
    conn.close()
    code, _, err = run(capsys, fresh_copy, "corpus", "rebuild", "--blank-pipeline")
    assert code == 0 and "2 added" in err, err
    assert [h["path"] for h in run_json(capsys, fresh_copy, "corpus", "search", "Netflix")["hits"]][0].endswith("001_a4473a96e4f5caf0.txt")
    links = run_json(capsys, fresh_copy, "corpus", "show", "001")["document"]["links"]
    assert [(k["entry"], k["pinned"]) for k in links] == [("some2000", True)]
    assert not (fresh_copy / ".refcheck" / "corpus.db.rebuild").exists()
