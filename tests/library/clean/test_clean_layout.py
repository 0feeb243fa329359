"""Cited-by filtering, sorting, field order and the writer: where things go and how they are written."""

from __future__ import annotations

from clean_support import cleaned, entry, state_of, state_with

from refcheck.library.clean import cited, order, sort
from refcheck.library.clean import report as R
from refcheck.library.clean.model import BARE, EXPR, Field, Verbatim
from refcheck.library.write import WriteOptions, format_entry, write_items

LIB = """
% about b
@article{b, author = {Zhou, A.}, title = {Bee}, year = 2001}
@string{j = "Journal"}
@article{a, author = {Abe, K.}, title = {Ay}, year = 2010, journal = j} % a's remark
@incollection{c, author = {Moon, C.}, title = {Sea}, crossref = {p}}
@book{p, editor = {Ray, P.}, title = {Pea}, year = 1999}
% the end
"""


def test_cited_by_keeps_the_cited_and_their_crossref_parents_and_lists_the_rest(tmp_path):
    s = state_of(tmp_path, LIB, cited=frozenset({"c", "B"}))  # BibTeX finds keys whatever their case
    cited.run(s)
    assert [e.key for e in s.entries()] == ["b", "c", "p"]
    assert [c.key for c in s.report.of(R.UNCITED)] == ["a"]


def test_sort_by_key_moves_strings_first_and_comments_with_their_entry(tmp_path):
    s = state_of(tmp_path, LIB, sort=("key",))
    sort.run(s)
    kinds = [(i.kind, i.raw) if isinstance(i, Verbatim) else i.key for i in s.items]
    assert kinds == [
        ("string", '@string{j = "Journal"}'),
        "a", ("text", "% a's remark"),
        ("text", "% about b"), "b",
        "c", "p",
        ("text", "% the end"),
    ]


def test_sort_descending_by_year_puts_entries_without_year_last(tmp_path):
    s = state_of(tmp_path, LIB + "@misc{undated, title = {No year}}\n", sort=("-year",))
    sort.run(s)
    assert [e.key for e in s.entries()] == ["a", "b", "c", "p", "undated"]  # c has p's year through crossref


def test_sort_by_author_uses_the_split_family_name(tmp_path):
    s = state_of(tmp_path, LIB, sort=("author",))
    sort.run(s)
    assert [e.key for e in s.entries()] == ["a", "c", "p", "b"]  # Abe, Moon, Ray (editor), Zhou


def test_field_order_puts_known_fields_first_and_keeps_the_others_in_place():
    s = state_with(entry(zeta="1", year="2000", custom="2", title="T", author="A"), field_order=("author", "title", "year"))
    order.run(s)
    assert [f.name for f in s.entries()[0].fields] == ["author", "title", "year", "zeta", "custom"]


def test_entries_are_aligned_one_field_per_line_with_trailing_commas():
    e = entry("k", author="A", title="T", journal="J")
    e.fields.append(Field("month", "jan", BARE))
    e.fields.append(Field("note", 'a # " b"', EXPR))
    assert format_entry(e) == (
        "@article{k,\n  author  = {A},\n  title   = {T},\n  journal = {J},\n  month   = jan,\n  note    = a # \" b\",\n}"
    )


def test_writer_options_quotes_tabs_no_alignment_no_trailing_comma():
    e = entry("k", title='Has a "quote"', year="2000")
    out = format_entry(e, WriteOptions(indent="\t", align=0, quotes=True, trailing_comma=False))
    assert out == '@article{k,\n\ttitle = {Has a "quote"},\n\tyear = "2000"\n}'  # a bare " keeps its braces


def test_verbatim_blocks_keep_their_text_and_line_breaks(tmp_path):
    out = cleaned(tmp_path, """
        % one
        % two
        @misc{a, title = {x}} % same line

        @comment{keep me}
    """)
    assert out == "% one\n% two\n@misc{a,\n  title = {x},\n} % same line\n\n@comment{keep me}\n"


def test_an_entry_closed_early_is_written_back_as_it_was(tmp_path):
    out = cleaned(tmp_path, "@misc{c, a = {x}} , b = {y}}\n@misc{d, a = {x}}\n")
    assert out.startswith("@misc{c, a = {x}} , b = {y}}\n@misc{d,")


def test_write_items_of_nothing_is_empty():
    assert write_items([]) == ""
