"""`refcheck audit --corpus`: every stored document audited as stored, names compared across them."""

from __future__ import annotations

import json

from corpus_support import project, run, run_json

CITATION_RULES = "RC101,RC102,RC103,RC104,RC108"


def _report(capsys, folder, *args):
    code, out, err = run(capsys, folder, "audit", *args, "--bib", "bib", "--select", CITATION_RULES,
                         "--format", "json", "--blank-pipeline", "--jobs", "1")
    assert code in (0, 1), err
    return json.loads(out)


def _keys(report):
    return sorted((f["code"], f["path"], f["line"], f["citation"], f["entry"]) for f in report["findings"])


def test_the_store_is_audited_like_the_files(capsys, added):
    from support import ROOT
    import shutil

    shutil.copytree(ROOT / "bib", added / "bib", dirs_exist_ok=True)
    from_files = _report(capsys, added, "corpus")
    from_store = _report(capsys, added, "--corpus")
    assert from_store["documents"] == from_files["documents"]
    assert _keys(from_store) == _keys(from_files) and any(f[0] == "RC102" for f in _keys(from_store))
    stats = run_json(capsys, added, "corpus", "stats")["stats"]
    assert sum(d["citations"] for d in from_store["documents"]) == stats["citations"]
    # a PATH given as well is read from its file, not audited twice
    both = _report(capsys, added, "--corpus", "corpus/002_d244ba052e56942e.txt")
    assert sorted(d["path"] for d in both["documents"]) == sorted(d["path"] for d in from_files["documents"])


def test_names_are_compared_across_the_stored_documents(capsys, tmp_path):
    folder = project(tmp_path)
    notes = folder / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("Joe Odagiri plays the lead. Critics praised Joe Odagiri for it.\n", encoding="utf-8")
    (notes / "b.md").write_text("Later, Jo Odagiri returned to Korean cinema.\n", encoding="utf-8")
    (folder / "lib.bib").write_text("@misc{x, title={X}, year={2000}}\n", encoding="utf-8")
    assert run(capsys, folder, "corpus", "add", "notes", "--blank-pipeline")[0] == 0
    code, out, err = run(capsys, folder, "audit", "--corpus", "--bib", "lib.bib", "--select", "name-inconsistent",
                         "--format", "json", "--blank-pipeline", "--jobs", "1")
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["suggestion"]) for f in findings] == [("notes/b.md", "Joe Odagiri")], err
    # each document alone has one spelling only
    code, out, _ = run(capsys, folder, "audit", "notes/b.md", "--bib", "lib.bib", "--select", "name-inconsistent",
                       "--format", "json", "--blank-pipeline", "--jobs", "1")
    assert json.loads(out)["findings"] == []


def test_audit_corpus_without_a_store_is_a_usage_error(capsys, tmp_path):
    (tmp_path / "lib.bib").write_text("@misc{x, title={X}, year={2000}}\n", encoding="utf-8")
    code, _, err = run(capsys, tmp_path, "audit", "--corpus", "--bib", "lib.bib", "--blank-pipeline")
    assert code == 2 and "corpus add" in err and "Traceback" not in err
