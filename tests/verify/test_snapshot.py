"""Snapshots: built from registry dumps, libraries and the Retraction Watch CSV; looked up despite typos."""

from __future__ import annotations

import json

from registry_server import no_user_cache, registry, run_refcheck  # noqa: F401 (fixtures)

from refcheck.match.matcher import Cited
from refcheck.model import Author
from refcheck.verify.snapshot import build_snapshot, open_snapshot
from refcheck.verify.sources.snapshot import Snapshot
from refcheck.verify.verifier import Verifier

OPENALEX = {"id": "https://openalex.org/W1", "display_name": "Deep Residual Learning for Image Recognition",
            "publication_year": 2016, "doi": "https://doi.org/10.1109/cvpr.2016.90",
            "authorships": [{"author": {"display_name": "Kaiming He"}}, {"author": {"display_name": "Xiangyu Zhang"}},
                            {"author": {"display_name": "Shaoqing Ren"}}, {"author": {"display_name": "Jian Sun"}}],
            "primary_location": {"source": {"display_name": "Computer Vision and Pattern Recognition"}},
            "biblio": {"first_page": "770", "last_page": "778"}}
CROSSREF = {"DOI": "10.1038/nature14539", "title": ["Deep learning"], "issued": {"date-parts": [[2015, 5, 27]]},
            "author": [{"family": "LeCun", "given": "Yann"}, {"family": "Bengio", "given": "Yoshua"},
                       {"family": "Hinton", "given": "Geoffrey"}],
            "container-title": ["Nature"], "volume": "521", "issue": "7553", "page": "436-444"}


def dump(tmp_path):
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(w) for w in (OPENALEX, CROSSREF)) + "\n", encoding="utf-8")
    csv = tmp_path / "retraction_watch.csv"
    csv.write_text("Record ID,Title,OriginalPaperDOI,RetractionNature\n1,Deep learning,10.1038/NATURE14539,Retraction\n"
                   "2,Other,10.1/x,Correction\n", encoding="utf-8")
    return path, csv


def test_build_from_openalex_and_crossref_lines_and_a_retraction_csv(capsys, tmp_path):
    works, csv = dump(tmp_path)
    out = tmp_path / "snap.sqlite"
    code, _out, err = run_refcheck(capsys, "verify", "snapshot", "build", str(works), str(csv), "-o", str(out))
    assert code == 0, err
    assert "2 record(s), 1 retracted DOI(s)" in err
    code, text, _err = run_refcheck(capsys, "verify", "snapshot", "info", str(out))
    assert text.strip() == f"{out}: 2 record(s), 1 retracted DOI(s)"


def test_a_typo_in_the_title_and_a_reordered_author_list_still_find_the_work(tmp_path):
    works, csv = dump(tmp_path)
    build_snapshot([str(works), str(csv)], str(tmp_path / "snap.sqlite"))
    verifier = Verifier([Snapshot(str(tmp_path / "snap.sqlite"))])
    cited = Cited((Author("Zhang", "X."), Author("He", "K."), Author("Ren", "S."), Author("Sun", "J.")), False, "2016",
                  "Deep residual lerning for image recognition", "CVPR")
    verdict = verifier.verify(cited)
    assert verdict.status == "verified", verdict
    assert verdict.record.pages == "770-778"


def test_a_retraction_watch_doi_marks_the_snapshot_record_retracted(tmp_path):
    works, csv = dump(tmp_path)
    build_snapshot([str(works), str(csv)], str(tmp_path / "snap.sqlite"))
    verifier = Verifier([Snapshot(str(tmp_path / "snap.sqlite"))])
    verdict = verifier.verify(Cited((Author("LeCun", "Y."),), True, "2015", "Deep learning", "Nature", doi="10.1038/nature14539"))
    assert verdict.status == "verified" and verdict.retracted


def test_a_library_file_is_a_snapshot_too(tmp_path):
    bib = tmp_path / "inst.bib"
    bib.write_text("@book{k, author = {Kingston, Jeff}, title = {Japan in Transformation, 1945-2010}, year = {2011},"
                   " publisher = {Pearson}}\n", encoding="utf-8")
    store = open_snapshot(str(bib))
    assert store.size == 1
    assert store.lookup(None, "Japan in transformation", "Kingston")[0].year == "2011"


def test_a_line_that_is_not_json_is_one_error_naming_file_and_line(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(CROSSREF) + "\n{not json\n", encoding="utf-8")
    code, _out, err = run_refcheck(capsys, "verify", "snapshot", "build", str(bad), "-o", str(tmp_path / "s.sqlite"))
    assert code == 2 and f"{bad}:2: not JSON" in err and "Traceback" not in err
    assert not (tmp_path / "s.sqlite").exists()  # nothing half-built is left
    assert [p.name for p in tmp_path.iterdir()] == ["bad.jsonl"]


def test_a_file_that_is_not_a_snapshot_is_one_error(capsys, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello\n", encoding="utf-8")
    code, _out, err = run_refcheck(capsys, "verify", "--bib", str(tmp_path / "missing.bib"), "--snapshot", str(other),
                                   "--offline")
    assert code == 2 and "Traceback" not in err


def _dixon_library(tmp_path):
    """Thirty works by Dixon whose titles hold 'Australian languages' and more, then the short-titled one."""
    topics = ["syntax", "phonology", "kinship", "numerals", "verbs", "loans", "songs", "tense", "gender", "case"]
    lines = [{"title": f"The {t} of Australian languages, part {n}", "authors": ["R. M. W. Dixon"],
              "year": str(1970 + n), "container": "Pacific Linguistics"} for n in range(3) for t in topics]
    lines.append({"title": "Australian languages", "authors": ["R. M. W. Dixon"], "year": "1992",
                  "container": "International encyclopedia of linguistics"})
    path = tmp_path / "dixon.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_a_short_title_is_found_among_many_longer_titles_sharing_its_words(tmp_path):
    build_snapshot([str(_dixon_library(tmp_path))], str(tmp_path / "snap.sqlite"))
    verifier = Verifier([Snapshot(str(tmp_path / "snap.sqlite"))])
    for name in ("Dixon", "Dixin"):  # the name itself, and with a typo (then the title's words alone block)
        verdict = verifier.verify(Cited((Author(name, "R. M. W."),), False, "1992", "Australian languages"))
        assert verdict.status == "verified", (name, verdict)
        assert verdict.record.year == "1992"


def test_many_lookups_past_the_decoded_records_kept(tmp_path, monkeypatch):
    from refcheck.verify.snapshot import store

    monkeypatch.setattr(store, "DECODED", 3)
    build_snapshot([str(_dixon_library(tmp_path))], str(tmp_path / "snap.sqlite"))
    verifier = Verifier([Snapshot(str(tmp_path / "snap.sqlite"))])
    for n in range(3):
        for topic in ("syntax", "phonology", "kinship", "numerals"):
            cited = Cited((Author("Dixon", "R."),), False, str(1970 + n), f"The {topic} of Australian languages, part {n}")
            assert verifier.verify(cited).record.year == str(1970 + n)


def test_a_snapshot_of_an_older_format_is_one_error_asking_for_a_rebuild(capsys, tmp_path):
    import sqlite3

    out = tmp_path / "old.sqlite"
    build_snapshot([str(_dixon_library(tmp_path))], str(out))
    with sqlite3.connect(out) as db:  # as a snapshot written before the blocking weights were stored
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        db.execute("DROP TABLE weights")
    code, _text, err = run_refcheck(capsys, "verify", "snapshot", "info", str(out))
    assert code == 2 and "rebuild it with `refcheck verify snapshot build`" in err and "Traceback" not in err
