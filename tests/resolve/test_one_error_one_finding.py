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


def test_a_list_item_cited_three_times_is_one_finding(tmp_path):
    text = (
        "Diversity raised productivity<sup>1</sup>. It held later<sup>1(p719)</sup>. Again<sup>1</sup>. "
        "States changed<sup>2</sup>. Korea<sup>3</sup>.\n\n"
        "References\n\n"
        "1. David Tilman, David Wedin, Johannes Knops. Productivity and sustainability influenced by biodiversity "
        "in grassland ecosystems. Nature. 1997;379:718-720.\n"
        "2. Sami Moisio, Anssi Paasi. From geopolitical to geoeconomic? The changing political rationalities of "
        "state space. Geopolitics. 2013;18(2):267-283.\n"
        "3. Samuel Kim. Legacies of the Korean War. Columbia University Press; 2014.\n"
    )
    findings = audit(tmp_path, text, name="paper.txt")
    assert [f[0] for f in findings if f[2] == "tilman1996productivity"] == ["year-mismatch"], findings
    assert not [f for f in findings if f[0] in ("unused-entry", "unresolved-citation")], findings


def test_a_work_the_reference_list_names_is_not_unused_though_the_text_names_it_without_a_citation(tmp_path):
    text = (
        "Tilman showed that diversity raises productivity (Moisio and Paasi 270). Kim agrees (Kim 12).\n\n"
        "Works Cited\n\n"
        "Kim, Samuel. Legacies of the Korean War. Columbia University Press, 2014.\n"
        "Moisio, Sami, and Anssi Paasi. “From Geopolitical to Geoeconomic? The Changing Political Rationalities "
        "of State Space.” Geopolitics, vol. 18, no. 2, 2013, pp. 267–83.\n"
        "Tilman, David, et al. “Productivity and Sustainability Influenced by Biodiversity in Grassland "
        "Ecosystems.” Nature, vol. 379, 1996, pp. 718–20.\n"
    )
    findings = audit(tmp_path, text)
    assert not [f for f in findings if f[0] == "unused-entry"], findings


def test_the_spare_copy_of_a_cited_work_is_a_duplicate_not_also_unused(tmp_path):
    (tmp_path / "more.bib").write_text(
        "@book{Kim2014, author = {Kim, S.}, title = {Legacies of the {Korean} War}, year = {2014},\n"
        "  publisher = {Columbia University Press}}\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(LIBRARY, encoding="utf-8")

    def about_kim(text):
        (tmp_path / "paper.md").write_text(text, encoding="utf-8")
        result = run_audit(
            [str(tmp_path / "paper.md")], [str(tmp_path / "refs.bib"), str(tmp_path / "more.bib")],
            blank_pipeline=True, warn=lambda _: None,
        )
        return sorted((f.rule, f.entry) for f in result.findings if f.entry in ("Kim2014", "kim2014legacies"))

    both = "Tilman et al. (1996) and Moisio and Paasi (2013)."
    assert about_kim(f"War shaped it (Kim, 2014). {both}\n") == [("duplicate-entry", "Kim2014")]
    # cited by nobody: both copies are unused (deleting the duplicate leaves the other unused)
    assert about_kim(f"{both}\n") == [
        ("duplicate-entry", "Kim2014"), ("unused-entry", "Kim2014"), ("unused-entry", "kim2014legacies")
    ]


def test_a_word_changed_in_the_title_of_a_reference_found_by_its_doi_is_a_title_mismatch(tmp_path):
    library = LIBRARY.replace("pages = {718--720}", "pages = {718--720}, doi = {10.1038/379718a0}")
    (tmp_path / "refs.bib").write_text(library, encoding="utf-8")
    (tmp_path / "paper.md").write_text(
        "Diversity raised productivity [1].\n\n## References\n\n"
        "1. Tilman D, Wedin D, Knops J. Productivity and sustainability influenced by biodiversity in grassland "
        "forests. Nature. 1996;379:718-720. doi:10.1038/379718a0\n",
        encoding="utf-8",
    )
    result = run_audit([str(tmp_path / "paper.md")], [str(tmp_path / "refs.bib")], blank_pipeline=True, warn=lambda _: None)
    titles = [f for f in result.findings if f.rule == "title-mismatch"]
    assert [f.entry for f in titles] == ["tilman1996productivity"], [(f.rule, f.message) for f in result.findings]
    assert any("'forests'" in e for e in titles[0].evidence)
