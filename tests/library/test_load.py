"""Loading .bib files: what a user sees of entries, line numbers and problems."""

from __future__ import annotations

import textwrap

import pytest

from refcheck.errors import InputError
from refcheck.library import Entry, Library, LibraryProblem, load_library, missing_fields
from refcheck.model import Author


def write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
    return str(path)


def load(tmp_path, text: str, name: str = "lib.bib") -> Library:
    return load_library([write(tmp_path, name, text)])


def kinds(lib: Library) -> list[str]:
    return [p.kind for p in lib.problems]


def test_entries_in_file_order_with_the_line_of_their_at(tmp_path):
    lib = load(tmp_path, """
        % a comment
        @article{first,
          author = {Moisio, Sami and Paasi, Anssi},
          title = {From Geopolitical to Geoeconomic?},
          journal = {Geopolitics},
          year = {2013},
        }

        @Book{second, title = {B}, year = 2001}
    """)
    assert [e.key for e in lib.entries] == ["first", "second"]
    assert [e.line for e in lib.entries] == [2, 9]
    assert lib.entries[1].type == "book"
    assert lib.by_key["first"] is lib.entries[0]
    assert lib.problems == []
    assert isinstance(lib.entries[0], Entry)


def test_unbalanced_entry_in_the_middle_does_not_hide_the_entries_after_it(tmp_path):
    lib = load(tmp_path, """
        @article{before, title = {Fine}, year = 2000}

        @article{broken,
          title = {An {unbalanced title,
          year = 2001
        }

        @article{after1, title = {Still here}, year = 2002}
        @article{after2, title = {Also here}, year = 2003}
    """)
    assert [e.key for e in lib.entries] == ["before", "after1", "after2"]
    [problem] = lib.problems
    assert problem.kind == "malformed"
    assert problem.line == 3
    assert problem.key == "broken"
    assert problem.raw.startswith("@article{broken,")
    assert "after1" not in problem.raw
    assert str(problem).startswith(f"{lib.files[0]}:3: ")
    assert lib.entries[1].line == 8


def test_unclosed_quote_is_malformed_and_the_next_entry_loads(tmp_path):
    lib = load(tmp_path, """
        @misc{q, title = "unbalanced quote,
          year = 2000}
        @misc{next, title = {N}}
    """)
    assert [e.key for e in lib.entries] == ["next"]
    assert [(p.kind, p.line) for p in lib.problems] == [("malformed", 1)]


def test_entry_swallowed_on_the_same_line_is_recovered(tmp_path):
    # bibtexparser only starts a new block at a line start; the rest of the line is lost to the broken block.
    lib = load(tmp_path, """
        @misc{a, title = {x, year = 2001} @misc{same, title = {Same line}}
        @misc{b, title = {B}}
    """)
    assert [e.key for e in lib.entries] == ["same", "b"]
    assert lib.by_key["same"].line == 1
    assert lib.by_key["same"].title == "Same line"
    assert [(p.kind, p.key, p.line) for p in lib.problems] == [("malformed", "a", 1)]


def test_extra_closing_brace_is_reported_on_the_entry(tmp_path):
    lib = load(tmp_path, """
        @misc{early, title = {x}}, year = 2000}
        @misc{ok, title = {y}}
    """)
    assert [e.key for e in lib.entries] == ["early", "ok"]
    [problem] = lib.problems
    assert (problem.kind, problem.key, problem.line) == ("malformed", "early", 1)
    assert "year = 2000" in problem.message


def test_missing_comma_between_fields_is_malformed(tmp_path):
    lib = load(tmp_path, """
        @misc{m, title = {A title}
          year = {2001}}
    """)
    assert lib.by_key["m"].title == "A title"
    [problem] = lib.problems
    assert problem.kind == "malformed" and problem.key == "m" and "missing comma" in problem.message


def test_missing_comma_after_key_keeps_the_whole_entry_text(tmp_path):
    lib = load(tmp_path, """
        @article{k
          title = {x}, year = 2001}
        @misc{after, title = {A}}
    """)
    assert [e.key for e in lib.entries] == ["after"]
    [problem] = lib.problems
    assert problem.line == 1 and "year = 2001}" in problem.raw


def test_line_numbers_stay_right_after_latex_line_breaks(tmp_path):
    # bibtexparser's own start_line skips every newline that follows a backslash.
    lib = load(tmp_path, r"""
        @misc{a,
          note = {one\\
        two\\
        three}
        }

        @misc{b, title = {B}}
        @misc{a, title = {Dup}}
    """)
    assert [e.line for e in lib.entries] == [1, 7, 8]
    assert lib.entries[0].fields["note"] == "one\\\\\ntwo\\\\\nthree"
    [dup] = lib.problems
    assert (dup.kind, dup.line, dup.other_line) == ("duplicate-key", 8, 1)


def test_value_ending_in_a_double_backslash_parses(tmp_path):
    lib = load(tmp_path, r"""
        @misc{w, title = {C:\\}, year = 2001}
        @misc{next, title = {N}}
    """)
    assert lib.by_key["w"].fields == {"title": "C:\\\\", "year": "2001"}
    assert lib.problems == []


def test_duplicate_key_gives_both_lines_and_first_wins(tmp_path):
    lib = load(tmp_path, """
        @book{same, title = {First}}
        @misc{other, title = {O}}
        @book{same, title = {Second}}
    """)
    assert [e.title for e in lib.entries] == ["First", "O", "Second"]
    assert lib.by_key["same"].title == "First"
    [problem] = lib.problems
    assert problem.kind == "duplicate-key" and problem.key == "same"
    assert (problem.line, problem.other_line) == (3, 1)
    assert problem.other_path == problem.path
    assert "line 1" in problem.message


def test_duplicate_key_across_files_names_the_other_file(tmp_path):
    a = write(tmp_path, "a.bib", "@misc{k, title = {A}}\n")
    b = write(tmp_path, "b.bib", "% the second file\n%\n@misc{k, title = {B}}\n")
    lib = load_library([a, b])
    assert lib.by_key["k"].title == "A"
    [problem] = lib.problems
    assert (problem.path, problem.line, problem.other_path, problem.other_line) == (b, 3, a, 1)
    assert a in problem.message


def test_keys_differing_only_in_case_are_duplicates_for_bibtex(tmp_path):
    lib = load(tmp_path, """
        @misc{Smith2000, title = {A}}
        @misc{smith2000, title = {B}}
    """)
    assert lib.by_key["smith2000"].title == "B"  # still found by its own key
    assert kinds(lib) == ["duplicate-key"]


def test_duplicate_field_keeps_the_first_value(tmp_path):
    lib = load(tmp_path, "@misc{d, title = {One}, title = {Two}}\n")
    assert lib.by_key["d"].title == "One"
    assert [(p.kind, p.line) for p in lib.problems] == [("duplicate-field", 1)]


def test_entry_without_key_is_malformed(tmp_path):
    lib = load(tmp_path, "@misc{, title = {No key}}\n@misc{k, title={K}}\n")
    assert [e.key for e in lib.entries] == ["k"]
    assert kinds(lib) == ["malformed"]


def test_string_macros(tmp_path):
    lib = load(tmp_path, """
        @string{JGR = {Journal of Geophysical Research}}
        @string{ser = "Lecture Notes"}
        @article{a, journal = jgr, title = ser # { in } # "Computing", month = jan, year = 2001}
        @string{ser = {Redefined}}
        @misc{b, title = ser}
    """)
    a = lib.by_key["a"]
    assert a.container == "Journal of Geophysical Research"  # macro names ignore case
    assert a.title == "Lecture Notes in Computing"  # concatenation with #
    assert a.fields["month"] == "January"  # BibTeX predefines the months
    assert lib.by_key["b"].title == "Redefined"  # a later @string wins from there on
    assert lib.problems == []


def test_strings_carry_over_to_later_files_and_undefined_ones_are_reported(tmp_path):
    a = write(tmp_path, "a.bib", "@string{pub = {Mouton}}\n")
    b = write(tmp_path, "b.bib", "@book{x, publisher = pub, title = {T}, year = nodate}\n")
    lib = load_library([a, b])
    assert lib.by_key["x"].publisher == "Mouton"
    [problem] = lib.problems
    assert (problem.kind, problem.path, problem.line) == ("undefined-string", b, 1)
    assert "nodate" in problem.message


def test_crossref_inherits_missing_fields(tmp_path):
    lib = load(tmp_path, """
        @inproceedings{child,
          author = {Doe, Jane},
          title = {A Paper},
          pages = {1--10},
          crossref = {PROC},
        }
        @proceedings{proc,
          title = {Proceedings of the Conference},
          editor = {Roe, Rick},
          publisher = {ACM},
          year = {2019},
        }
    """)
    child = lib.by_key["child"]
    assert child.title == "A Paper"  # the parent's title is not the child's
    assert child.container == "Proceedings of the Conference"
    assert child.year == "2019"
    assert child.fields["publisher"] == "ACM"
    assert child.editors == (Author(family="Roe", given="Rick"),)
    assert child.inherited == {"booktitle", "year", "publisher", "editor"}
    assert missing_fields(child) == []
    assert lib.problems == []


def test_crossref_to_a_missing_entry_is_reported(tmp_path):
    lib = load(tmp_path, "@inproceedings{c, author={A, B}, title={T}, crossref={nowhere}}\n")
    assert [(p.kind, p.key) for p in lib.problems] == [("crossref-missing", "c")]
    assert missing_fields(lib.by_key["c"]) == ["booktitle", "year"]


def test_latin1_file_loads_with_an_encoding_problem(tmp_path):
    path = write(tmp_path, "old.bib", """
        @book{one, title = {Plain}}
        @book{two, author = {Müller, Jürgen}, title = {Café}}
    """, encoding="latin-1")
    lib = load_library([path])
    assert [e.key for e in lib.entries] == ["one", "two"]
    assert lib.by_key["two"].authors == (Author(family="Müller", given="Jürgen"),)
    assert lib.by_key["two"].title == "Café"
    [problem] = lib.problems
    assert (problem.kind, problem.path, problem.line) == ("encoding", path, 2)
    assert "0xFC" in problem.message


def test_utf8_bom_is_not_part_of_the_first_entry(tmp_path):
    path = tmp_path / "bom.bib"
    path.write_bytes("\ufeff@misc{k, title = {Ü}}\n".encode("utf-8"))
    lib = load_library([str(path)])
    assert lib.by_key["k"].title == "Ü" and lib.problems == []


def test_binary_file_is_unreadable_and_the_rest_still_loads(tmp_path):
    good = write(tmp_path, "a.bib", "@misc{k, title = {K}}\n")
    bad = tmp_path / "b.bib"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lib = load_library([good, str(bad)])
    assert [e.key for e in lib.entries] == ["k"]
    assert [(p.kind, p.path, p.line) for p in lib.problems] == [("unreadable", str(bad), None)]
    assert lib.files == [good, str(bad)]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        load_library([str(tmp_path / "nope.bib")])
    assert err.value.path == str(tmp_path / "nope.bib")
    assert "no such file or folder" in str(err.value)


def test_folder_without_bib_files_is_an_input_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError):
        load_library([str(tmp_path)])


def test_folder_loads_its_bib_files_in_name_order_and_keeps_paths_as_given(tmp_path, monkeypatch):
    (tmp_path / "bib" / "sub").mkdir(parents=True)
    (tmp_path / "bib" / "b.bib").write_text("@misc{b, title={B}}\n")
    (tmp_path / "bib" / "a.bib").write_text("@misc{a, title={A}}\n")
    (tmp_path / "bib" / "sub" / "c.bib").write_text("@misc{c, title={C}}\n")
    (tmp_path / "bib" / "readme.md").write_text("not bib")
    monkeypatch.chdir(tmp_path)
    lib = load_library(["bib", "bib/a.bib"])  # a.bib named twice: loaded once
    assert lib.files == ["bib/a.bib", "bib/b.bib", "bib/sub/c.bib"]
    assert [e.key for e in lib.entries] == ["a", "b", "c"]
    assert lib.entries[0].path == "bib/a.bib"
    assert lib.problems == []


def test_decoded_views(tmp_path):
    lib = load(tmp_path, r"""
        @article{v,
          author = {M{\"u}ller-Hill, Benno and {World Health Organization} and others},
          editor = {van der Maaten, Laurens},
          title = {The {{GaN}} Study of {\"U}ber--Effects},
          journaltitle = {J. Test},
          date = {2019-05-01},
          volume = {12},
          issue = {3},
          pages = {100--110},
          doi = {https://doi.org/10.1000/ABC\_1},
          url = {http://example.org/a\_b},
          abstract = {Some \emph{abstract}},
          file = {paper.pdf},
        }
    """)
    e = lib.by_key["v"]
    assert e.authors == (Author(family="Müller-Hill", given="Benno"), Author(literal="World Health Organization"))
    assert e.et_al is True
    assert e.editors == (Author(family="Maaten", given="Laurens", particle="van der"),)
    assert e.title == "The GaN Study of Über–Effects"
    assert e.container == "J. Test"
    assert (e.year, e.volume, e.number, e.pages) == ("2019", "12", "3", "100-110")
    assert e.doi == "10.1000/abc_1"
    assert e.url == "http://example.org/a_b"
    assert e.abstract == "Some abstract"
    assert e.file == "paper.pdf"
    assert e.fields["title"] == r"The {{GaN}} Study of {\"U}ber--Effects"  # raw, as written


def test_doi_from_a_doi_url_and_year_from_year_field(tmp_path):
    lib = load(tmp_path, "@misc{d, url = {https://doi.org/10.5555/XYZ}, year = {c. 1998a}}\n")
    e = lib.by_key["d"]
    assert (e.doi, e.year) == ("10.5555/xyz", "1998")


def test_problem_record_shape():
    problem = LibraryProblem("malformed", "lib.bib", 3, "does not parse")
    assert str(problem) == "lib.bib:3: does not parse"
    assert problem.key is None and problem.raw is None


def test_comment_lines_inside_an_entry_are_skipped_as_biber_does_with_a_warning(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{a2020,\n  author = {Smith, John},\n% title = {Old title},\n  title = {New title}, % the new one\n"
        "  year = {2020},\n  journal = {J}\n}\n"
        "@article{d2017,\n  author = {Lee, K.},\n  title = {Last},\n  year = {2017}\n  % note = {x}\n}\n",
        encoding="utf-8",
    )
    library = load_library([str(bib)])
    a, d = library.entries
    assert (a.title, a.year, d.year) == ("New title", "2020", "2017")
    assert "note" not in d.fields
    assert [(p.kind, p.key, p.line) for p in library.problems] == [("comment-in-entry", "a2020", 1), ("comment-in-entry", "d2017", 8)]
