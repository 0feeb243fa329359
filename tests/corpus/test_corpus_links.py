"""`refcheck corpus link`: entries tied to stored documents by file field, DOI/URL, or first page, with the evidence."""

from __future__ import annotations

import shutil

from corpus_support import run, run_json
from support import ROOT

LIBRARY = """
@article{moisio2013geopolitical, author = {Moisio, Sami and Paasi, Anssi},
  title = {From Geopolitical to Geoeconomic? The Changing Political Rationalities of State Space},
  journal = {Geopolitics}, year = {2013}, volume = {18}, number = {2}, pages = {267--283}}
@article{agnew1994trap, author = {Agnew, John}, title = {The Territorial Trap}, year = {1994},
  journal = {Review of International Political Economy}, doi = {10.1080/09692299408434268}}
@article{cited1999other, author = {Other, Ann}, title = {A Work the Source Cites}, year = {1999},
  journal = {Elsewhere}, doi = {10.5555/cited.1}}
@misc{news2024romance, author = {Lee, Gyu-lee}, title = {Japanese-Korean romances are all the rage}, year = {2024},
  file = {corpus/001_a4473a96e4f5caf0.txt}}
@misc{blog2012, title = {Favorite Japanese-Korean Movie Collaborations}, url = {https://example.org/blog/jk-movies}}
@book{twin2020a, author = {Twin, Tom}, title = {One Title Twice}, year = {2020}, publisher = {P}}
@book{twin2020b, author = {Twin, Tom}, title = {One Title Twice}, year = {2020}, publisher = {Q}}
"""


def _project(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "lib.bib").write_text(LIBRARY, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "moisio.md").write_text(
        "# From Geopolitical to Geoeconomic? The Changing Political Rationalities of State Space\n\n"
        "Sami Moisio and Anssi Paasi\n\nGeopolitics 18(2), 2013\n\nThe article argues that state space is rethought.\n",
        encoding="utf-8")
    (sources / "agnew.md").write_text(
        "# The Territorial Trap\n\nhttps://doi.org/10.1080/09692299408434268\n\n"
        "States are taken as fixed units of sovereign space.[^1]\n\n[^1]: Other, A. (1999). A Work the Source Cites. "
        "Elsewhere. https://doi.org/10.5555/cited.1\n", encoding="utf-8")
    (sources / "blog.md").write_text("Saved from https://example.org/blog/jk-movies/ on 2 May.\n\nFive films.\n",
                                     encoding="utf-8")
    (sources / "twin.md").write_text("# One Title Twice\n\nTom Twin\n\n2020\n\nText.\n", encoding="utf-8")
    return tmp_path


def _links(payload):
    return {(k["entry"], k["path"]): k for k in payload["links"]}


def test_links_by_file_doi_url_and_first_page_with_evidence(capsys, tmp_path):
    folder = _project(tmp_path)
    assert run(capsys, folder, "corpus", "add", "corpus", "sources", "--blank-pipeline")[0] == 0
    payload = run_json(capsys, folder, "corpus", "link", "--bib", "lib.bib")
    links = _links(payload)
    assert set(links) == {
        ("news2024romance", "corpus/001_a4473a96e4f5caf0.txt"),
        ("agnew1994trap", "sources/agnew.md"),
        ("blog2012", "sources/blog.md"),
        ("moisio2013geopolitical", "sources/moisio.md"),
    }
    assert links[("news2024romance", "corpus/001_a4473a96e4f5caf0.txt")]["method"] == "file"
    assert links[("agnew1994trap", "sources/agnew.md")]["evidence"] == ["DOI 10.1080/09692299408434268 on the first page"]
    assert links[("blog2012", "sources/blog.md")]["method"] == "url"
    moisio = links[("moisio2013geopolitical", "sources/moisio.md")]
    assert moisio["method"] == "title" and "year 2013" in moisio["evidence"][0] and "authors" in moisio["evidence"][0]
    # the DOI in agnew.md's footnote names a work it cites, not agnew.md itself
    assert not any(k["entry"] == "cited1999other" for k in payload["links"])
    # two entries fit twin.md equally: shown, not guessed
    assert payload["ambiguous"] == [{"doc": payload["ambiguous"][0]["doc"], "path": "sources/twin.md", "method": "title",
                                     "candidates": [{"entry": "twin2020a", "evidence": payload["ambiguous"][0]["candidates"][0]["evidence"]},
                                                    {"entry": "twin2020b", "evidence": "first page: fits equally"}]}]
    code, out, err = run(capsys, folder, "corpus", "link", "--bib", "lib.bib")
    assert "ambiguous: sources/twin.md fits 2 entries by title; not linked" in out
    assert "agnew1994trap -> sources/agnew.md  [doi]" in out and "DOI 10.1080/09692299408434268 on the first page" in out
    stats = run_json(capsys, folder, "corpus", "stats")["stats"]
    assert stats["linked_entries"] == 4 and stats["links"] == {"doi": 1, "file": 1, "title": 1, "url": 1}


def test_manual_pin_survives_relinking_and_can_be_undone(capsys, tmp_path):
    folder = _project(tmp_path)
    assert run(capsys, folder, "corpus", "add", "sources", "--blank-pipeline")[0] == 0
    code, out, _ = run(capsys, folder, "corpus", "link", "--bib", "lib.bib", "--manual", "twin2020b", "twin.md")
    assert code == 0 and out.strip() == "pinned twin2020b to sources/twin.md"
    links = _links(run_json(capsys, folder, "corpus", "link", "--bib", "lib.bib"))
    assert links[("twin2020b", "sources/twin.md")]["pinned"] is True
    assert links[("twin2020b", "sources/twin.md")]["method"] == "manual"
    assert run(capsys, folder, "corpus", "link", "--unlink", "twin2020b", "twin.md")[0] == 0
    assert ("twin2020b", "sources/twin.md") not in _links(run_json(capsys, folder, "corpus", "link", "--bib", "lib.bib"))


def test_pinning_an_unknown_key_or_document_is_a_usage_error(capsys, tmp_path):
    folder = _project(tmp_path)
    assert run(capsys, folder, "corpus", "add", "sources", "--blank-pipeline")[0] == 0
    code, _, err = run(capsys, folder, "corpus", "link", "--bib", "lib.bib", "--manual", "nokey2000", "twin.md")
    assert code == 2 and "no entry 'nokey2000'" in err
    code, _, err = run(capsys, folder, "corpus", "link", "--bib", "lib.bib", "--manual", "twin2020a", "nodoc.md")
    assert code == 2 and "no stored document 'nodoc.md'" in err


def test_dry_run_stores_nothing(capsys, tmp_path):
    folder = _project(tmp_path)
    assert run(capsys, folder, "corpus", "add", "sources", "--blank-pipeline")[0] == 0
    assert run_json(capsys, folder, "corpus", "link", "--bib", "lib.bib", "--dry-run")["links"]
    assert run_json(capsys, folder, "corpus", "stats")["stats"]["links"] == {}
