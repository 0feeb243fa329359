"""Citation styles the first release was not built on: short notes, endnotes, numeric superscripts, Vancouver, MLA."""

from __future__ import annotations

import pytest

from refcheck.extract.citations.authorpage import find_author_page
from refcheck.extract.citations.authoryear import find_author_year
from refcheck.extract.citations.numeric import find_numeric
from refcheck.extract.reflist import find_reference_list
from refcheck.extract.refparse import parse_reference
from refcheck.model import CitationKind


@pytest.fixture
def extract_text(tmp_path):
    """The Extraction of a plain-text document with this text (blank spaCy pipeline)."""
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import iter_documents

    def run(text: str):
        path = tmp_path / "doc.txt"
        path.write_text(text, encoding="utf-8")
        return extract(next(iter(iter_documents([str(path)]))), load_pipeline(blank=True))

    return run


@pytest.mark.parametrize(
    "note, families, title",
    [
        ("Okafor, “Rivers Under the City.”", ["Okafor"], "Rivers Under the City"),
        ("Lindqvist, “The Grammar of Ordinal Numbers, II,” 40.", ["Lindqvist"], "The Grammar of Ordinal Numbers, II"),
        ("Haddad and Pereira, “Growth of Silicide Whiskers,” 12–14.", ["Haddad", "Pereira"], "Growth of Silicide Whiskers"),
        ("See Ueda et al., “Transition Between Cubic and Hexagonal Ice.”", ["Ueda"], "Transition Between Cubic and Hexagonal Ice"),
        ("Lie, *Zainichi*, 45.", ["Lie"], "Zainichi"),
    ],
)
def test_a_chicago_short_note_gives_its_names_and_title(note, families, title):
    ref = parse_reference(note)
    assert [a.family for a in ref.authors] == families
    assert ref.title == title


def test_prose_before_a_quotation_is_not_a_short_note():
    assert not parse_reference("See also the report, “Some quote here.”").authors


def test_endnotes_under_a_heading_after_the_last_marker_are_notes(extract_text):
    text = (
        "Body one.<sup>1</sup> Body two.<sup>2</sup>\n\nNotes\n\n"
        "1. Otto Brandt, “Zur Geschichte,” Berichte 4 (1876): 70–75.\n"
        "2. Ruth Okafor, “Towns and Their Rivers,” in Cities and Water (1993), 191–206.\n"
    )
    x = extract_text(text)
    assert [f.label for f in x.footnotes] == ["1", "2"]
    assert not x.markers_without_text
    assert x.footnotes[0].references[0].year == "1876"


def test_superscripts_cite_a_numbered_list_when_there_are_no_notes(extract_text):
    text = (
        "An estimate was lower<sup>see also 1,2</sup>. Data are scarce<sup>2</sup>.\n\nReferences\n\n"
        "1. Avery, C. W. Harbour records. Coast 2, 236–237 (1886).\n"
        "2. Moreau, L. & Tanaka, J. Coastal placenames. Shore 1–23 (2002).\n"
    )
    x = extract_text(text)
    assert [(c.kind, c.label) for c in x.citations] == [(CitationKind.NUMERIC, "1"), (CitationKind.NUMERIC, "2"), (CitationKind.NUMERIC, "2")]
    assert not x.markers_without_text


def test_vancouver_numbers_in_parentheses_cite_the_list_only_when_they_are_its_labels():
    found = list(find_numeric("well documented cases (1). A contribution (2, 3). In 2019 (42) x.", lambda i: True, {"1", "2", "3"}))
    assert [c.label for c in found] == ["1", "2", "3"]


def test_ieee_brackets_may_carry_a_page():
    assert [c.label for c in find_numeric("available [2, p. 570], [3].", lambda i: True, {"2", "3"})] == ["2", "3"]


def test_a_signal_may_stand_before_the_numbers():
    text = "is available elsewhere (cf. 5,6,7). Compare (see also 2) but not (Table 3) or (step 3)."
    assert [c.label for c in find_numeric(text, lambda i: True, {"2", "3", "5", "6", "7"})] == ["5", "6", "7", "2"]
    assert [c.label for c in find_numeric("as shown [see 4].", lambda i: True, {"4"})] == ["4"]


def test_a_lower_second_number_is_a_page_not_a_year():
    found = list(find_author_year("variation (Halvorsen et al. 2008, 1707). Both (Smith 2001, 2005).", lambda i: True))
    assert [(c.label, c.mention.year) for c in found] == [
        ("Halvorsen et al. 2008", "2008"), ("Smith 2001, 2005", "2001"), ("Smith 2001, 2005", "2005"),
    ]  # fmt: skip


def test_apa_initials_tell_two_authors_of_one_family_apart():
    found = list(find_author_year("tone (M. M. Ferreira, 1927) and song (F. Ferreira, 1918, p. 177).", lambda i: True))
    assert [c.mention.names for c in found] == [("M. M. Ferreira",), ("F. Ferreira",)]


def test_mla_author_page_citations_are_tentative_and_labelled_by_their_names():
    found = list(find_author_page("discussed in detail (Abara 510). Others (Novak et al.; Lind et al.).", lambda i: True))
    assert [(c.label, c.locator, c.tentative) for c in found] == [
        ("Abara", "510", True), ("Novak et al.", None, True), ("Lind et al.", None, True),
    ]  # fmt: skip


def test_a_section_of_prose_is_not_a_reference_list():
    text = (
        "Intro (Ramos and Pike, 1991).\n\n## 2. Sources\n\nThe matter came up (Castellano, 1878). Later\n"
        "work took it further (Wexler, 2004).\n\n## 3. Methods in use\n\nMore text.\n"
    )
    assert find_reference_list(text) is None
    listed = text + "\n## References\n\nRamos, J. and Pike, K. (1991) Title. Journal 3, 1–2.\n"
    found = find_reference_list(listed)
    assert found is not None and listed[found[0] :].lstrip("# ").startswith("References")


def test_ama_superscripts_may_carry_a_page_after_each_number(extract_text):
    x = extract_text(
        "Earlier work disagreed<sup>2(pp41-48)</sup>. It was challenged<sup>2(p52),3</sup>.\n\n"
        "References\n\n1. A. Smith. One title. J Lang. 2001;1:1-2.\n2. B. Jones. Two title. J Lang. 2002;2:3-4.\n"
        "3. C. Lee. Three title. J Lang. 2003;3:5-6.\n"
    )
    assert [c.label for c in x.citations] == ["2", "2", "3"]


def test_an_institution_may_be_the_author_of_a_parenthetical_citation():
    found = list(find_author_year(
        "A plan (Canada. Department of Transport and Works, 2004; Ministry of Health, 2019).", lambda i: True
    ))
    assert [c.mention.names for c in found] == [("Canada. Department of Transport", "Works"), ("Ministry of Health",)]
    assert not any(c.tentative for c in found)
    # a phrase of the same shape is left to the library to confirm
    [phrase] = find_author_year("It rose (In the United States of America, 2019).", lambda i: True)
    assert phrase.tentative


def test_a_name_with_combining_accents_is_read_whole_and_a_heading_is_not_part_of_it():
    text = "Scope\n\nBu\u0308hler-Hansen et al. (2015) found the same."
    [c] = list(find_author_year(text, lambda i: True))
    assert c.mention.names == ("Bu\u0308hler-Hansen",)


def test_a_short_note_without_its_italics_points_at_the_full_note(extract_text):
    x = extract_text(
        "A plan was made.<sup>1</sup> It set targets.<sup>2</sup>\n\n---\n"
        "1 Canada. Department of Transport and Public Works, National Road Safety and Rural Transit "
        "Plan (Dept of Transport, 2004).\n"
        "2 Canada. Department of Transport and Works, National Road Safety and Rural Transit "
        "Plan, 57.\n"
    )
    assert [n.ibid_of for n in x.footnotes] == [None, "1"]
