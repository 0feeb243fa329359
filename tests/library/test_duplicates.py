"""Which entries are one work: identifiers and numbers keep alike titles apart; a URL names a page without a year."""

from __future__ import annotations

import textwrap

from refcheck.library import load_library
from refcheck.library.duplicates import find_duplicates


def _pairs(tmp_path, bib: str) -> set[frozenset[str]]:
    path = tmp_path / "refs.bib"
    path.write_text(textwrap.dedent(bib), encoding="utf-8")
    library = load_library([str(path)])
    groups, _ = find_duplicates(library.entries, library.distinct)
    return {frozenset((g.keys[0], k)) for g in groups for k in g.keys[1:]}


def test_two_volumes_of_one_book_with_their_own_isbns_are_two_works(tmp_path):
    assert not _pairs(tmp_path, """
        @book{cai2023a, title = {政治经济学演变（上册）}, author = {蔡继明}, year = {2023}, isbn = {978-7-5217-5104-8}}
        @book{cai2023b, title = {政治经济学演变（下册）}, author = {蔡继明}, year = {2023}, isbn = {978-7-5217-5628-9}}
    """)


def test_a_book_listed_with_two_isbns_is_still_the_book_with_one_of_them(tmp_path):
    assert _pairs(tmp_path, """
        @book{henderson1976, title = {Vestiges of morphology}, author = {Henderson, E.}, year = {1976}, isbn = {9780824802806}}
        @book{henderson76, title = {Vestiges of Morphology}, author = {Henderson, Eugénie}, year = {1976},
              isbn = {978-0-8248-0280-6, 9780858831438}}
    """) == {frozenset(("henderson1976", "henderson76"))}


def test_other_dois_or_editions_keep_alike_titles_apart(tmp_path):
    assert not _pairs(tmp_path, """
        @article{a1, title = {Deep learning}, author = {LeCun, Y.}, year = {2015}, doi = {10.1038/nature14539}}
        @article{a2, title = {Deep Learning}, author = {LeCun, Y.}, year = {2015}, doi = {10.1000/other}}
        @book{b1, title = {Speech and Language Processing}, author = {Jurafsky, D.}, year = {2009}, edition = {2nd}}
        @book{b2, title = {Speech and language processing}, author = {Jurafsky, D.}, year = {2009}, edition = {3}}
    """)


def test_a_web_page_without_year_is_found_twice_by_its_url_and_title(tmp_path):
    assert _pairs(tmp_path, """
        @online{MozPushState, author = {Mozilla}, title = {History.pushState()},
                url = {https://developer.mozilla.org/en-US/docs/Web/API/History/pushState}}
        @online{mozillaPushstate, title = {HISTORY.PUSHSTATE()}, author = {Mozilla},
                url = {http://www.developer.mozilla.org/en-US/docs/Web/API/History/pushState/}}
        @online{MozReplace, author = {Mozilla}, title = {History.replaceState()},
                url = {https://developer.mozilla.org/en-US/docs/Web/API/History/pushState}}
    """) == {frozenset(("MozPushState", "mozillaPushstate"))}
