"""The small normalising transforms, each alone: repeated and empty fields, whitespace, DOI, URL, pages, months."""

from __future__ import annotations

import pytest
from clean_support import entry, state_of, state_with

from refcheck.library.clean import doi, empty, months, pages, repeated, url, whitespace
from refcheck.library.clean import report as R
from refcheck.library.clean.model import BARE, EXPR, TEXT, parse_value


@pytest.mark.parametrize(
    ("written", "kind", "value"),
    [
        ("{Plain}", TEXT, "Plain"),
        ('"Quoted {with} braces"', TEXT, "Quoted {with} braces"),
        ("{A {nested} value}", TEXT, "A {nested} value"),
        ("2013", TEXT, "2013"),
        ("jan", BARE, "jan"),
        ('jpr # " vol."', EXPR, 'jpr # " vol."'),
        ("{a} # {b}", EXPR, "{a} # {b}"),
    ],
)
def test_a_value_as_written_is_text_a_macro_or_an_expression(written, kind, value):
    f = parse_value(written, "x")
    assert (f.kind, f.value) == (kind, value)


def test_repeated_field_with_the_same_value_is_kept_once_and_reported(tmp_path):
    s = state_of(tmp_path, "@misc{a, pages = {1--2}, pages = {1-2}}")
    repeated.run(s)
    assert [(f.name, f.value) for f in s.entries()[0].fields] == [("pages", "1--2")]
    assert [c.kind for c in s.report.changes] == [R.REPEATED]


def test_repeated_field_with_another_value_keeps_the_first_and_lists_the_dropped_one(tmp_path):
    s = state_of(tmp_path, "@misc{a, year = {2001}, year = {2002}}")
    repeated.run(s)
    assert [f.value for f in s.entries()[0].fields] == ["2001"]
    (change,) = s.report.changes
    assert change.value == "2002" and change.field == "year"


def test_an_empty_first_value_gives_way_to_the_repeat(tmp_path):
    s = state_of(tmp_path, "@misc{a, note = {}, note = {Second}}")
    repeated.run(s)
    assert [f.value for f in s.entries()[0].fields] == ["Second"]


def test_empty_fields_are_removed_and_each_is_reported():
    s = state_with(entry(note="", title="T", pages="{ }"))
    empty.run(s)
    assert [f.name for f in s.entries()[0].fields] == ["title"]
    assert sorted(c.field for c in s.report.of(R.EMPTY)) == ["note", "pages"]


def test_keep_empty_leaves_them():
    s = state_with(entry(note=""), remove_empty=False)
    empty.run(s)
    assert [f.name for f in s.entries()[0].fields] == ["note"]


def test_whitespace_folds_line_breaks_but_keeps_a_paragraph_break():
    s = state_with(entry(title="A  long\n     title ", abstract="One.\n   Two.\n\n  New paragraph."))
    whitespace.run(s)
    assert s.entries()[0].text("title") == "A long title"
    assert s.entries()[0].text("abstract") == "One. Two.\n\nNew paragraph."


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("https://doi.org/10.1080/14650045.2012.723287", "10.1080/14650045.2012.723287"),
        ("http://dx.doi.org/10.1000/XYZ", "10.1000/XYZ"),
        ("doi:10.1000/xyz", "10.1000/xyz"),
        ("DOI: 10.1000/xyz", "10.1000/xyz"),
        ("\\url{https://doi.org/10.1000/a_b}", "10.1000/a_b"),
        (" 10.1000/xyz ", "10.1000/xyz"),
        ("10.1000/xyz", "10.1000/xyz"),
    ],
)
def test_dois_are_written_bare(written, bare):
    s = state_with(entry(doi=written))
    doi.run(s)
    assert s.entries()[0].text("doi") == bare


@pytest.mark.parametrize(
    ("written", "tidy"),
    [
        ("\\url{https://example.org/a}", "https://example.org/a"),
        ("<https://example.org/a>", "https://example.org/a"),
        ("http://dx.doi.org/10.1000/x", "https://doi.org/10.1000/x"),
        ("https://example.org/a file.pdf", "https://example.org/a%20file.pdf"),
        ("https://example.org/a", "https://example.org/a"),
    ],
)
def test_urls_are_tidied(written, tidy):
    s = state_with(entry(url=written))
    url.run(s)
    assert s.entries()[0].text("url") == tidy


@pytest.mark.parametrize(
    ("written", "ranged"),
    [
        ("267-283", "267--283"),
        ("267 – 283", "267--283"),
        ("267—283", "267--283"),
        ("R4231----R4234", "R4231--R4234"),
        ("e1234-e1240", "e1234--e1240"),
        ("xi-xv", "xi--xv"),
        ("1-5, 7, 9-12", "1--5, 7, 9--12"),
        ("1,120", "1,120"),  # no range: a count, left as written
        ("320", "320"),
        ("144 (55-90)", "144 (55-90)"),  # not a page list: left alone
        ("pp. 12-15", "pp. 12-15"),
    ],
)
def test_page_ranges_get_bibtex_en_dash(written, ranged):
    s = state_with(entry(pages=written))
    pages.run(s)
    assert s.entries()[0].text("pages") == ranged


@pytest.mark.parametrize("written", ["January", "jan", "Jan.", "1", "01", "JAN"])
def test_months_become_macros(written):
    s = state_with(entry(month=written))
    months.run(s)
    f = s.entries()[0].get("month")
    assert (f.kind, f.value) == (BARE, "jan")


def test_a_month_that_is_no_single_month_is_left_alone():
    s = state_with(entry(month="Jan--Feb"))
    months.run(s)
    f = s.entries()[0].get("month")
    assert (f.kind, f.value) == (TEXT, "Jan--Feb")
