"""One person's name written two ways across entries."""

from __future__ import annotations

from clean_support import bib

from refcheck.library import load_library
from refcheck.library.name_variants import name_variants


def _variants(tmp_path, text):
    return [[(s.name, s.keys) for s in v.spellings] for v in name_variants(load_library([bib(tmp_path, text)]).entries)]


def test_accents_and_transliterations_of_one_name_are_variants(tmp_path):
    assert _variants(tmp_path, """
        @misc{a, author = {M{\\"u}ller, Hans}}
        @misc{b, author = {Müller, Hans}}
        @misc{c, author = {Muller, H.}}
        @misc{d, author = {Mueller, Hans and Kim, S.}}
    """) == [[("Müller, Hans", ("a", "b")), ("Mueller, Hans", ("d",)), ("Muller, H.", ("c",))]]


def test_latex_and_unicode_spellings_are_one_spelling(tmp_path):
    assert _variants(tmp_path, "@misc{a, author = {M{\\\"u}ller, Hans}}\n@misc{b, author = {Müller, Hans}}\n") == []


def test_one_letter_off_with_the_same_given_name_is_a_variant(tmp_path):
    assert _variants(tmp_path, """
        @misc{a, author = {Moisio, Sami}}
        @misc{b, author = {Moisio, Sami}}
        @misc{c, author = {Moisiu, Sami}}
    """) == [[("Moisio, Sami", ("a", "b")), ("Moisiu, Sami", ("c",))]]


def test_two_common_names_a_letter_apart_are_two_people(tmp_path):
    entries = "".join(f"@misc{{z{i}, author = {{Zhang, Jun}}}}\n@misc{{y{i}, author = {{Zheng, Jun}}}}\n" for i in range(3))
    assert _variants(tmp_path, entries) == []


def test_other_given_names_or_initials_alone_are_no_variant(tmp_path):
    assert _variants(tmp_path, """
        @misc{a, author = {Kim, S.}}
        @misc{b, author = {Kim, Sunhee}}
        @misc{c, author = {Kim, Anna}}
    """) == []
