"""Minimal-diff fixes: each finding changes its own bytes and nothing else."""

from __future__ import annotations

import difflib

from clean_support import bib

from refcheck.library import load_library
from refcheck.library.fix import apply_fixes, field_spans, find_fixes

THREE = """\
% Three findings in a file otherwise left   exactly   as it is.
@Article{moisio2013,
  author = {Moisio, Sami and Paasi, Anssi},
  title  = "From Geopolitical to Geoeconomic?",
  journal= {Geopolitics}, year = 2013,
  doi    = {https://doi.org/10.1080/14650045.2012.723287},
}

@article{kim2014,
    title = {Legacies of {colonialism, Korea and Japan},
    year = {2014},
}

@misc{lee2006,  title = {Cultural transmission},
  note = {},
  pages = {21-35}
}
"""


def _fix(tmp_path, text: str, duplicates: bool = False):
    path = bib(tmp_path, text)
    lib = load_library([path])
    return apply_fixes(text, find_fixes(lib, path, text, duplicates=duplicates))


def test_three_findings_make_a_diff_of_exactly_those_three_places(tmp_path):
    new, applied = _fix(tmp_path, THREE)
    assert sorted(f.kind for f in applied) == ["doi-prefix", "empty-field", "missing-brace"]
    diff = list(difflib.unified_diff(THREE.splitlines(), new.splitlines(), lineterm="", n=0))
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == [
        "-  doi    = {https://doi.org/10.1080/14650045.2012.723287},",
        "-    title = {Legacies of {colonialism, Korea and Japan},",
        "-  note = {},",
    ]
    assert added == [
        "+  doi    = {10.1080/14650045.2012.723287},",
        "+    title = {Legacies of {colonialism, Korea and Japan}},",
    ]
    assert len([line for line in diff if line.startswith("@@")]) == 3


def test_fixing_a_fixed_file_changes_nothing(tmp_path):
    new, _ = _fix(tmp_path, THREE)
    again, applied = _fix(tmp_path, new)
    assert again == new and applied == []


def test_a_duplicate_is_removed_and_its_new_fields_added_in_the_kept_entrys_style(tmp_path):
    text = """\
@article{a,
  title   = {Same work},
  year    = {2000},
  doi     = {10.1/x},
}

@article{b,
  title = {Same Work},
  year = {2000},
  doi = {10.1/X},
  pages = {1--9},
}

@misc{c, title = {Other}}
"""
    new, applied = _fix(tmp_path, text, duplicates=True)
    assert [f.kind for f in applied] == ["duplicate-entry"]
    assert "took pages" in applied[0].message
    assert new == """\
@article{a,
  title   = {Same work},
  year    = {2000},
  doi     = {10.1/x},
  pages   = {1--9},
}

@misc{c, title = {Other}}
"""


def test_a_repeated_field_with_the_same_value_loses_the_repeat_only(tmp_path):
    text = "@misc{a, title = {T}, year = {2000}, title = {T}}\n"
    new, applied = _fix(tmp_path, text)
    assert [f.kind for f in applied] == ["repeated-field"]
    assert new == "@misc{a, title = {T}, year = {2000}, }\n"


def test_a_repeated_field_with_another_value_is_not_guessed_at(tmp_path):
    text = "@misc{a, title = {T}, title = {U}}\n"
    assert _fix(tmp_path, text) == (text, [])


def test_an_unclosed_quote_is_closed(tmp_path):
    text = '@misc{a,\n  title = "Open quote,\n  year = {2000}\n}\n'
    new, applied = _fix(tmp_path, text)
    assert [f.kind for f in applied] == ["missing-brace"]
    assert new == '@misc{a,\n  title = "Open quote",\n  year = {2000}\n}\n'


def test_an_entry_never_closed_is_closed_at_its_end(tmp_path):
    text = "@misc{a,\n  title = {T},\n  year = {2000},\n\n@misc{b, title = {U}}\n"
    new, applied = _fix(tmp_path, text)
    assert [f.kind for f in applied] == ["missing-brace"]
    assert new == "@misc{a,\n  title = {T},\n  year = {2000},}\n\n@misc{b, title = {U}}\n"


def test_field_spans_find_names_values_and_commas():
    text = '@misc{k, a = {x {y}}, b="q" # c , d = 12}'
    spans = field_spans(text, 0, len(text))
    assert [(s.name, text[s.value_start : s.value_end], s.has_comma) for s in spans] == [
        ("a", "{x {y}}", True), ("b", '"q" # c', True), ("d", "12", False),
    ]
