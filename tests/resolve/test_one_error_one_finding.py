"""One error, one finding: a wrong year, a short note or an Ibid. never cascades into other rules' findings."""

from __future__ import annotations

from refcheck.pipeline import run_audit

LIBRARY = """
@article{tilman1996productivity,
  author = {Tilman, David and Wedin, David and Knops, Johannes},
  title = {Productivity and sustainability influenced by biodiversity in grassland ecosystems},
  journal = {Nature}, year = {1996}, volume = {379}, pages = {718--720}
}
@article{moisio2013geopolitical,
  author = {Moisio, Sami and Paasi, Anssi},
  title = {From Geopolitical to Geoeconomic? The Changing Political Rationalities of State Space},
  journal = {Geopolitics}, year = {2013}, volume = {18}, number = {2}, pages = {267--283}
}
@book{kim2014legacies,
  author = {Kim, Samuel}, title = {Legacies of the Korean War}, publisher = {Columbia University Press}, year = {2014}
}
"""


def audit(tmp_path, text: str, name: str = "paper.md"):
    (tmp_path / "refs.bib").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_audit([str(tmp_path / name)], [str(tmp_path / "refs.bib")], blank_pipeline=True, warn=lambda _: None)
    return [(f.rule, f.citation, f.entry) for f in result.findings if f.rule != "unrelated-citation"]


def test_a_wrong_year_is_one_finding_not_also_an_unused_entry(tmp_path):
    findings = audit(tmp_path, "Diversity raised productivity (Tilman et al., 1997). Later work agreed (Kim, 2014).\n")
    about = [f for f in findings if f[1] == "Tilman et al., 1997" or f[2] == "tilman1996productivity"]
    assert len(about) == 1, findings
    assert about[0][0] in ("year-mismatch", "unresolved-citation")
    assert ("unused-entry", None, "moisio2013geopolitical") in findings  # a truly uncited entry still is


def test_a_short_note_and_an_ibid_repeat_none_of_their_parents_findings(tmp_path):
    text = (
        "States changed their reasoning.[^1] The shift was gradual.[^2] It was also uneven.[^3]\n\n"
        "[^1]: Sami Moisiu and Anssi Paasi, “From Geopolitical to Geoeconomic? The Changing Political Rationalities "
        "of State Space,” Geopolitics 18, no. 2 (2013): 267–283.\n"
        "[^2]: Ibid., 270.\n"
        "[^3]: Moisiu and Paasi, “From Geopolitical to Geoeconomic?,” 275.\n"
    )
    findings = audit(tmp_path, text)
    misspelled = [f for f in findings if f[0] == "author-misspelled"]
    assert [f[1] for f in misspelled] == ["1"], findings
    assert not [f for f in findings if f[0] == "unresolved-citation"], findings
    assert not [f for f in findings if f[0] == "unused-entry" and f[2] == "moisio2013geopolitical"]


def test_a_work_the_library_lacks_is_unresolved_and_names_no_entry_it_does_not_resemble(tmp_path):
    findings = audit(tmp_path, "Others disagree (Oberdorfer, 1997).\n")
    assert ("unresolved-citation", "Oberdorfer, 1997", None) in findings
