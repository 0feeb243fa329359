"""refcheck verify against a fake Crossref / OpenAlex / DBLP on loopback: lookups, retries, timeouts, the cache."""

from __future__ import annotations

import json

import pytest
from registry_server import no_user_cache, registry, run_refcheck, write_config  # noqa: F401 (fixtures)

LIBRARY = r"""
@article{moisio2013,
  author  = {Moisio, Sami and Passi, Anssi},
  title   = {From Geopolitical to Geoeconomic? The Changing Political Rationalities of State Space},
  journal = {Geopolitics},
  year    = {2013},
  volume  = {18},
  number  = {2},
  pages   = {267--283},
  doi     = {10.1080/14650045.2012.723287}
}

@article{nye2008,
  author  = {Nye, Joseph S.},
  title   = {Public Diplomacy and Soft Power},
  journal = {The Annals of the American Academy of Political and Social Science},
  year    = {2009},
  volume  = {616},
  pages   = {94--109}
}

@article{wakefield1998,
  author  = {Wakefield, A. J. and Murch, S. H. and Anthony, A.},
  title   = {Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children},
  journal = {The Lancet},
  year    = {1998},
  doi     = {10.1016/S0140-6736(97)11096-0}
}

@article{moisio2013culture,
  author  = {Moisio, Sami and Ruiz, Teresa},
  title   = {Cultural Diplomacy after Confucius: Heritage Networks in East Asia},
  journal = {Geopolitics},
  year    = {2013}
}
"""


@pytest.fixture
def project(tmp_path, registry):
    (tmp_path / "refs.bib").write_text(LIBRARY, encoding="utf-8")
    write_config(tmp_path, registry, sources=("crossref",))
    return tmp_path


def verify_json(capsys, project, *extra):
    code, out, err = run_refcheck(capsys, "verify", "--bib", str(project / "refs.bib"),
                                  "--config", str(project / "refcheck.toml"), "--format", "json", *extra)
    assert code in (0, 1), err
    report = json.loads(out)
    return code, {r["entry"]: r for r in report["references"]}, report, err


def test_a_doi_lookup_verifies_the_work_and_gives_the_registry_spelling(capsys, project, registry):
    _code, refs, report, _err = verify_json(capsys, project)
    moisio = refs["moisio2013"]
    assert moisio["status"] == "verified" and moisio["source"] == "crossref"
    assert {"field": "author", "cited": "Passi", "registry": "Paasi"} in moisio["mismatches"]
    assert any(p.startswith("/crossref/works/10.1080/14650045.2012.723287") and "mailto=tests" in p
               for p in registry.requests)
    finding = next(f for f in report["findings"] if f["entry"] == "moisio2013")
    assert finding["code"] == "RC111" and finding["suggestion"] == "Paasi"


def test_a_bibliographic_query_finds_a_work_without_a_doi_and_names_the_wrong_year(capsys, project, registry):
    _code, refs, report, _err = verify_json(capsys, project)
    nye = refs["nye2008"]
    assert nye["status"] == "mismatched"
    assert nye["mismatches"] == [{"field": "year", "cited": "2009", "registry": "2008"}]
    assert any("query.bibliographic=" in p for p in registry.requests)
    year = next(f for f in report["findings"] if f["entry"] == "nye2008")
    assert year["rule"] == "metadata-mismatch" and year["suggestion"] == "2008"


def test_a_retracted_work_is_an_error_and_fails_the_run(capsys, project):
    code, refs, report, _err = verify_json(capsys, project)
    assert refs["wakefield1998"]["retracted"] is True and refs["wakefield1998"]["status"] == "verified"
    assert [f["entry"] for f in report["findings"] if f["code"] == "RC112"] == ["wakefield1998"]
    assert code == 1


def test_a_recombined_reference_is_unverified_with_what_was_searched(capsys, project):
    _code, refs, report, _err = verify_json(capsys, project)
    fake = refs["moisio2013culture"]
    assert fake["status"] == "unverified" and fake["searched"] == ["crossref"]
    rc110 = [f for f in report["findings"] if f["code"] == "RC110"]
    assert [f["entry"] for f in rc110] == ["moisio2013culture"]
    assert "crossref searched" in rc110[0]["message"]


def test_a_429_is_retried_and_then_answered(capsys, project, registry):
    registry.fail_next = [429]
    _code, refs, _report, _err = verify_json(capsys, project)
    assert refs["moisio2013"]["status"] == "verified"
    first = [p for p in registry.requests if "14650045" in p]
    assert len(first) == 2  # the 429, then the answer


def test_a_timeout_is_retried_reported_and_not_fatal(capsys, project, registry):
    write_config(project, registry, sources=("crossref",), timeout=0.2, retries=1)
    registry.delay = 0.6
    code, refs, report, err = verify_json(capsys, project, "--no-cache")
    assert code == 0  # nothing was found wrong: nothing could be checked
    assert {r["status"] for r in refs.values()} == {"unchecked"}
    assert all("timed out" in r["reason"] for r in refs.values())
    assert len(report["unchecked"]) == 4 and not report["findings"]
    assert len(registry.requests) == 4 * 2  # each reference: the request and one retry


def test_a_second_run_makes_no_request(capsys, project, registry):
    verify_json(capsys, project)
    asked = len(registry.requests)
    assert asked > 0
    _code, refs, report, _err = verify_json(capsys, project)
    assert len(registry.requests) == asked  # the cache answered everything, also the "not found"s
    assert report["summary"]["requests"] == 0
    assert refs["moisio2013"]["status"] == "verified" and refs["moisio2013culture"]["status"] == "unverified"


def test_offline_with_an_empty_cache_contacts_nothing_and_checks_nothing(capsys, project, registry):
    _code, refs, report, _err = verify_json(capsys, project, "--offline")
    assert registry.requests == []
    assert {r["status"] for r in refs.values()} == {"unchecked"}
    assert report["findings"] == []


def test_offline_uses_what_an_earlier_run_cached(capsys, project, registry):
    verify_json(capsys, project)
    asked = len(registry.requests)
    _code, refs, _report, _err = verify_json(capsys, project, "--offline")
    assert len(registry.requests) == asked
    assert refs["nye2008"]["status"] == "mismatched"


def test_openalex_answers_a_title_search(capsys, tmp_path, registry):
    (tmp_path / "refs.bib").write_text(
        "@article{h, author = {Hofstede, Geert}, title = {Dimensionalizing Cultures: The Hofstede Model in Context},"
        " journal = {Online Readings in Psychology and Culture}, year = {2011}, volume = {2}}\n", encoding="utf-8")
    write_config(tmp_path, registry, sources=("openalex",))
    _code, refs, _report, _err = verify_json(capsys, tmp_path)
    assert refs["h"]["status"] == "verified" and refs["h"]["source"] == "openalex"
    assert refs["h"]["record"]["doi"] == "10.9707/2307-0919.1014"
    assert any(p.startswith("/openalex/works?") and "filter=publication_year" in p for p in registry.requests)


def test_dblp_answers_a_computer_science_paper_with_eight_authors(capsys, tmp_path, registry):
    (tmp_path / "refs.bib").write_text(
        "@inproceedings{v, author = {Vaswani, Ashish and Shazeer, Noam and others}, title = {Attention Is All You Need},"
        " booktitle = {Advances in Neural Information Processing Systems}, year = {2017}, pages = {5998--6008}}\n",
        encoding="utf-8")
    write_config(tmp_path, registry, sources=("crossref", "dblp"))
    _code, refs, _report, _err = verify_json(capsys, tmp_path)
    v = refs["v"]
    assert v["status"] == "verified" and v["source"] == "dblp" and v["searched"] == ["crossref", "dblp"]
    assert len(v["record"]["authors"]) == 8


def test_an_unknown_key_in_the_verify_table_is_one_line_and_exit_2(capsys, project):
    (project / "refcheck.toml").write_text('[verify]\nsourcez = ["crossref"]\n', encoding="utf-8")
    code, _out, err = run_refcheck(capsys, "verify", "--bib", str(project / "refs.bib"),
                                   "--config", str(project / "refcheck.toml"))
    assert code == 2 and "unknown key 'sourcez'" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
