"""Duplicates merged field by field; conflicts and declared-distinct pairs left apart; everything reported."""

from __future__ import annotations

from clean_support import state_of

from refcheck.library.clean import merge
from refcheck.library.clean import report as R

PAIR = """
@article{kept,
  author = {Moisio, Sami and Paasi, Anssi},
  title = {From Geopolitical to Geoeconomic?},
  journal = {Geopolitics}, year = 2013, volume = 18,
  doi = {https://doi.org/10.1080/14650045.2012.723287},
}
@article{dup,
  author = {Sami Moisio and Anssi Paasi},
  title = {From geopolitical to geoeconomic?},
  journal = {Geopolitics: the journal}, year = 2013,
  doi = {10.1080/14650045.2012.723287},
  issn = {1465-0045},
}
"""


def test_a_duplicate_is_merged_into_the_first_and_its_new_fields_taken(tmp_path):
    s = state_of(tmp_path, PAIR)
    merge.run(s)
    (e,) = s.entries()
    assert e.key == "kept"
    assert e.text("issn") == "1465-0045"
    assert s.aliases == {"dup": "kept"}
    merged = s.report.of(R.MERGED)
    assert len(merged) == 1 and "same DOI" in merged[0].message and "took issn" in merged[0].message


def test_a_differing_value_is_not_overwritten_but_reported_with_the_duplicates_value(tmp_path):
    s = state_of(tmp_path, PAIR)
    merge.run(s)
    (differs,) = s.report.of(R.DIFFERS)
    assert (differs.key, differs.field, differs.value) == ("dup", "journal", "Geopolitics: the journal")
    assert s.entries()[0].text("journal") == "Geopolitics"


def test_names_written_in_another_order_are_no_difference(tmp_path):
    s = state_of(tmp_path, PAIR)
    merge.run(s)
    assert not [c for c in s.report.of(R.DIFFERS) if c.field == "author"]


def test_the_cited_key_is_the_one_kept(tmp_path):
    s = state_of(tmp_path, PAIR, prefer=frozenset({"dup"}))
    merge.run(s)
    assert [e.key for e in s.entries()] == ["dup"]
    assert s.aliases == {"kept": "dup"}


def test_one_doi_on_two_different_titles_is_a_conflict_not_a_merge(tmp_path):
    s = state_of(tmp_path, """
        @article{a, title = {Legacies of colonialism}, year = 2014, doi = {10.5555/x}}
        @article{b, title = {Cultural transmission in East Asia}, year = 2006, doi = {10.5555/X}}
    """)
    merge.run(s)
    assert [e.key for e in s.entries()] == ["a", "b"]
    assert [c.kind for c in s.report.changes] == [R.DOI_CONFLICT]


def test_one_key_on_two_different_works_is_a_conflict(tmp_path):
    s = state_of(tmp_path, """
        @article{kim2019, title = {Optical bound states in nanowires}, year = 2019}
        @article{Kim2019, title = {Photonics of nanowire superlattices}, year = 2019}
    """)
    merge.run(s)
    assert len(s.entries()) == 2
    assert [c.kind for c in s.report.changes] == [R.KEY_CONFLICT]


def test_one_key_twice_for_one_work_is_merged(tmp_path):
    s = state_of(tmp_path, """
        @article{kim2019, title = {Optical bound states in nanowires}, year = 2019}
        @article{kim2019, title = {Optical Bound States in Nanowires}, year = 2019, pages = {1--9}}
    """)
    merge.run(s)
    (e,) = s.entries()
    assert e.text("pages") == "1--9"
    assert "same key" in s.report.of(R.MERGED)[0].message
    assert s.aliases == {}  # the key did not change


def test_a_pair_declared_distinct_is_never_merged(tmp_path):
    s = state_of(tmp_path, """
        % refcheck: distinct a b
        @article{a, author = {Park, Y.}, title = {Academic diplomacy in East Asia}, year = 2021}
        @article{b, author = {Park, Y.}, title = {Academic Diplomacy in East Asia}, year = 2021}
    """)
    merge.run(s)
    assert [e.key for e in s.entries()] == ["a", "b"]
    assert not s.report.changes


def test_chapters_on_other_pages_are_not_duplicates(tmp_path):
    s = state_of(tmp_path, """
        @book{a1, author = {Anderson, G.}, title = {Present tense formations in Altai-Sayan Turkic: Tofa}, pages = {35-39}, year = 2004}
        @book{a2, author = {Anderson, G.}, title = {Present tense formations in Altai-Sayan Turkic: Tuvan}, pages = {39-41}, year = 2004}
    """)
    merge.run(s)
    assert len(s.entries()) == 2


def test_keywords_of_a_duplicate_are_added_not_dropped(tmp_path):
    s = state_of(tmp_path, """
        @misc{a, title = {Same work here}, year = 2000, doi = {10.1/x}, keywords = {tone; Obolo}}
        @misc{b, title = {Same work here}, year = 2000, doi = {10.1/x}, keywords = {Obolo; syntax}}
    """)
    merge.run(s)
    assert s.entries()[0].text("keywords") == "tone; Obolo; syntax"


def test_cross_references_to_a_merged_key_follow_it(tmp_path):
    s = state_of(tmp_path, """
        @incollection{ch, title = {A chapter}, crossref = {dupbook}, year = 2005}
        @book{book, title = {Studies in African linguistics}, year = 2005, doi = {10.1/b}}
        @book{dupbook, title = {Studies in African Linguistics}, year = 2005, doi = {10.1/b}}
    """)
    merge.run(s)
    assert [e.key for e in s.entries()] == ["ch", "book"]
    assert s.entries()[0].text("crossref") == "book"


def test_a_merge_that_adds_a_year_looks_for_duplicates_again(tmp_path):
    s = state_of(tmp_path, """
        @article{a, author = {Lee, H.}, title = {Cultural transmission}, doi = {10.1/c}}
        @article{b, author = {Lee, H.}, title = {Cultural transmission}, doi = {10.1/c}, year = 2006}
        @article{c, author = {Lee, H.}, title = {Cultural Transmission}, year = 2006, pages = {21--35}}
    """)
    merge.run(s)
    (e,) = s.entries()
    assert (e.key, e.text("year"), e.text("pages")) == ("a", "2006", "21--35")


def test_no_merge_leaves_duplicates(tmp_path):
    s = state_of(tmp_path, PAIR, merge=False)
    merge.run(s)
    assert len(s.entries()) == 2
