"""Comparing cited author names with library authors: what a researcher would call the same, a typo, or not."""

from __future__ import annotations

import unicodedata

import pytest

from refcheck.library.names import split_name
from refcheck.match import names
from refcheck.match.names import (
    DIFFERENT,
    SAME,
    Kind,
    acronym,
    compare_family,
    given_compatible,
    match_author_lists,
    match_person,
    name_key,
)
from refcheck.model import Author


def bib(name: str) -> Author:
    """An entry author as the library stage reads it from BibTeX."""
    return split_name(name)


# ---------------------------------------------------------------- name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Müller", "Muller"),
        ("Dong-gun", "Donggun"),
        ("Dong Gun", "Donggun"),
        ("O'Brien", "OBrien"),
        ("O’Brien", "O'Brien"),
        ("Lemaître", unicodedata.normalize("NFD", "Lemaître")),
        (r"M{\"u}ller", "Müller"),
        ("Ørsted", "Orsted"),
        ("Łódź", "Lodz"),
        ("Straße", "Strasse"),
        ("ROCKSTRÖM", "rockstrom"),
    ],
)
def test_name_key_equal(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_is_memoised():
    names.name_key.cache_clear()
    name_key("Moisio")
    name_key("Moisio")
    assert names.name_key.cache_info().hits >= 1


# ---------------------------------------------------------------- compare_family

MUST_BE_TYPOS = [
    ("Moisiu", "Moisio"),
    ("Passi", "Paasi"),
    ("Cummings", "Cumings"),
    ("Meselsen", "Meselson"),
    ("Akerloff", "Akerlof"),
    ("Lijphardt", "Lijphart"),
    ("Marmott", "Marmot"),
    ("Keling", "Keeling"),
    ("Krizhevski", "Krizhevsky"),
    ("Perlmuter", "Perlmutter"),
]


@pytest.mark.parametrize(("cited", "entry"), MUST_BE_TYPOS)
def test_typos(cited, entry):
    verdict = compare_family(cited, entry)
    assert verdict.kind is Kind.TYPO and verdict.distance == 1


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("Müller-Hill", r"M{\"u}ller-Hill"),
        ("Rockström", "Rockstrom"),
        ("Lemaître", unicodedata.normalize("NFD", "Lemaître")),
        ("François", r"Fran{\c{c}}ois"),
        ("Mueller", "Müller"),  # a German umlaut written out is a spelling, not a typo
        ("Mueller-Hill", "Müller-Hill"),
        ("Hoeglund", "Höglund"),
        ("OBrien", "O'Brien"),
    ],
)
def test_spelling_variants_are_the_same(cited, entry):
    assert compare_family(cited, entry) == SAME


def test_transposition_is_one_edit():
    assert compare_family("Vaswnai", "Vaswani").distance == 1


def test_two_edits_only_from_eight_letters():
    assert compare_family("Krizhevskyy", "Krizhevsky").kind is Kind.TYPO  # 1 edit
    assert compare_family("Kryzhevski", "Krizhevsky") == names.typo(2)  # 10 letters: 2 allowed
    assert compare_family("Moisuo", "Moisio").kind is Kind.TYPO
    assert compare_family("Maisuo", "Moisio") == DIFFERENT  # 6 letters: only 1 allowed


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("Cha", "Chan"),  # too short to call a typo
        ("Li", "Lu"),
        ("Lee", "Les"),
        ("Smith", "Jones"),
        ("Moisio", ""),
    ],
)
def test_not_typos(cited, entry):
    assert compare_family(cited, entry) == DIFFERENT


def test_umlaut_rule_does_not_hide_ascii_typos():
    # "ue" is only an umlaut when the other spelling has one
    assert compare_family("Bauer", "Baur").kind is Kind.TYPO


# ---------------------------------------------------------------- match_person


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("Kim Dae-jung", "Kim, Dae-jung"),
        ("Dae-jung Kim", "Kim, Dae-jung"),
        ("Kim", "Kim, Dae-jung"),
        ("KIM Dae-jung", "Kim, Dae-jung"),
        ("Kim Daejung", "Kim, Dae-jung"),
        ("Kim D.-J.", "Kim, Dae-jung"),
        ("Shin Gi-Wook", "Shin, Gi-Wook"),
        ("Gi-Wook Shin", "Gi-Wook Shin"),
        ("Yoshimi Yoshiaki", "Yoshimi, Yoshiaki"),
        ("Yoshimi", "Yoshimi, Yoshiaki"),
        ("Kimura Kan", "Kimura, Kan"),
        ("Chua Beng Huat", "Chua, Beng Huat"),
        ("Chua", "Chua, Beng Huat"),
        ("Chua", "Chua Beng Huat"),  # entered without a comma: BibTeX makes "Huat" the family
        ("Chua Beng Huat", "Chua Beng Huat"),
        ("Cummings, B.", "Cummings, Bruce"),
        ("Cummings", "Cummings, Bruce"),
        ("S. O'Brien", "O'Brien, Sean"),
        ("O'Brien, S.", "O'Brien, Sean"),
        ("Soh, C. S.", "Soh, C. Sarah"),
        ("C. S. Soh", "Soh, C. Sarah"),
        ("Smith CS", "Smith, C. S."),
        ("van der Maaten", "van der Maaten, Laurens"),
        ("van der Maaten", "Laurens van der Maaten"),
        ("Maaten", "van der Maaten, Laurens"),
        ("L. van der Maaten", "van der Maaten, Laurens"),
        ("de la Croix", "de la Croix, David"),
        ("de la Croix", "Croix, David de la"),
        ("de Tocqueville", "de Tocqueville, Alexis"),
        ("Tocqueville", "Alexis de Tocqueville"),
        ("Davey Smith", "Davey Smith, George"),
        ("G. Davey Smith", "Davey Smith, George"),
        ("El Sahly", "El Sahly, Hana"),
        ("Müller-Hill", r"M{\"u}ller-Hill, Benno"),
        ("Muller-Hill", "Müller-Hill, Benno"),
        ("Mueller-Hill", "Müller-Hill, Benno"),
        ("Ford, Jr.", "Ford, Jr., Henry"),
        ("Henry Ford Jr.", "Ford, Jr., Henry"),
        ("Lucas, Jr.", "Lucas, Jr., Robert E."),
        ("Lucas", "Lucas, Jr., Robert E."),
        ("Rockstrom", r"Rockstr{\"o}m, Johan"),
        ("Lemaître", unicodedata.normalize("NFD", "Lemaître, Georges")),
        (r"Fran{\c{c}}ois", "François, Jean"),
        (r"M{\"u}ller", "Müller, K."),
        ("WHO", "{World Health Organization}"),
        ("World Health Organization", "{World Health Organization}"),
        ("World Health Organisation", "{World Health Organization}"),
        ("IPCC", "{Intergovernmental Panel on Climate Change}"),
        ("WHO", "{World Health Organization (WHO)}"),
        ("UNESCO", "{United Nations Educational, Scientific and Cultural Organization}"),
        ("WHO", "World Health Organization"),  # not braced: BibTeX splits it like a person
        ("Fontcuberta i Morral", "{Anna Fontcuberta i Morral}"),
        ("Morral", "{Anna Fontcuberta i Morral}"),
        ("A. Fontcuberta i Morral", "{Anna Fontcuberta i Morral}"),
        ("Fontcuberta i Morral, A.", "{Anna Fontcuberta i Morral}"),
    ],
)
def test_same_person(cited, entry):
    assert match_person(cited, bib(entry)) == SAME


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        ("Kim Jong-un", "Kim, Dae-jung"),
        ("Soh, C. Susan", "Soh, C. Sarah"),
        ("Smith, Mary", "Smith, John"),
        ("Cha", "Chan, J."),
        ("Smith", "Jones, A."),
        ("WHO", "{International Monetary Fund}"),
        ("IMF", "{World Health Organization}"),
        ("C. S.", "Soh, C. Sarah"),  # initials alone name nobody
        ("Kim Dae-jung", "Kim, J."),
    ],
)
def test_different_person(cited, entry):
    assert match_person(cited, bib(entry)) == DIFFERENT


@pytest.mark.parametrize(("cited", "entry"), MUST_BE_TYPOS)
def test_typo_person(cited, entry):
    assert match_person(cited, bib(f"{entry}, A.")).kind is Kind.TYPO
    assert match_person(f"{cited}, A.", bib(f"{entry}, Anna")).kind is Kind.TYPO
    assert match_person(f"A. {cited}", bib(f"{entry}, A.")).kind is Kind.TYPO


def test_a_cited_particle_the_entry_leaves_out_is_the_same_name():
    # a registry or library that writes "Hessem" or "Bulow" for "van Hessem" and "von Bulow"
    assert match_person(Author(family="Hessem", particle="van", given="D. H."), bib("Hessem, D. H.")) == SAME
    assert match_person(Author(family="Bolow", particle="von"), bib("Bulow, M.")).kind is Kind.TYPO
    assert match_person(Author(family="Hessem", particle="van", given="D."), bib("Hessem, Peter")) == DIFFERENT


def test_typo_with_a_clashing_given_name_is_another_person():
    assert match_person("Moisiu, John", bib("Moisio, Sami")) == DIFFERENT


def test_cited_author_records():
    entry = bib("van der Maaten, Laurens")
    assert match_person(Author(family="Maaten", particle="van der", given="L."), entry) == SAME
    assert match_person(Author(family="van der Maaten", given="L."), entry) == SAME
    assert match_person(Author(family="Maatne", given="L."), entry).kind is Kind.TYPO
    assert match_person(Author(literal="World Health Organization"), bib("{World Health Organization}")) == SAME
    # a reference parser that split an East Asian name the other way round
    assert match_person(Author(family="Dae-jung", given="Kim"), bib("Kim, Dae-jung")) == SAME


def test_acronym():
    assert acronym("Intergovernmental Panel on Climate Change") == "IPCC"
    assert acronym("World Health Organization") == "WHO"
    assert acronym("Food and Agriculture Organization of the United Nations") == "FAOUN"


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("C. S.", "C. Sarah", True),
        ("C.S.", "C. Sarah", True),
        ("C. Sarah", "C. Susan", False),
        ("John", "John Paul", True),
        ("John Paul", "John", True),
        ("Paul", "John Paul", False),  # the first initials must agree
        ("J.", "Dae-jung", False),
        ("D.", "Dae-jung", True),
        ("J. P.", "John", True),
        ("Mary", "John", False),
        ("J.", "John", True),
        ("D.-J.", "Dae-jung", True),
        ("Daejung", "Dae-jung", True),
        (None, "Anything", True),
    ],
)
def test_given_compatible(a, b, ok):
    assert given_compatible(a, b) is ok


# ---------------------------------------------------------------- author lists


def authors(*names: str) -> tuple[Author, ...]:
    return tuple(bib(n) for n in names)


def test_list_with_one_typo_is_a_typo_and_suggests_the_entry_spelling():
    result = match_author_lists(["Moisiu", "Paasi"], False, authors("Moisio, Sami", "Paasi, Anssi"))
    assert result.kind is Kind.TYPO
    assert result.typos == (("Moisiu", "Moisio"),)
    assert [n.verdict.kind for n in result.names] == [Kind.TYPO, Kind.SAME]


def test_typo_pairs_use_the_family_part_of_the_cited_name():
    result = match_author_lists(["Cummings, B."], False, authors("Cumings, Bruce"))
    assert result.typos == (("Cummings", "Cumings"),)


def test_every_name_a_typo_is_still_a_typo():
    result = match_author_lists(["Moisiu", "Passi"], False, authors("Moisio, Sami", "Paasi, Anssi"))
    assert result.kind is Kind.TYPO
    assert result.typos == (("Moisiu", "Moisio"), ("Passi", "Paasi"))


def test_completely_different_list_is_different_not_a_typo():
    result = match_author_lists(["Smith", "Jones"], False, authors("Moisio, Sami", "Paasi, Anssi"))
    assert result.kind is Kind.DIFFERENT
    assert result.typos == ()


def test_a_typo_beside_a_different_name_is_different():
    result = match_author_lists(["Moisiu", "Jones"], False, authors("Moisio, Sami", "Paasi, Anssi"))
    assert result.kind is Kind.DIFFERENT and result.typos == ()


def test_et_al_truncation():
    entry = authors("Vaswani, Ashish", "Shazeer, Noam", "Parmar, Niki")
    result = match_author_lists(["Vaswani"], True, entry)
    assert result.kind is Kind.SAME and result.compared == 1 and not result.truncated
    result = match_author_lists(["Vaswnai"], True, entry)
    assert result.kind is Kind.TYPO and result.typos == (("Vaswnai", "Vaswani"),)


def test_first_author_only_is_tolerated_but_noted():
    result = match_author_lists(["Vaswani"], False, authors("Vaswani, A.", "Shazeer, N."))
    assert result.kind is Kind.SAME and result.truncated


def test_entry_list_ending_in_and_others():
    entry = authors("Vaswani, Ashish")
    assert match_author_lists(["Vaswani", "Shazeer"], False, entry, entry_et_al=True).kind is Kind.SAME
    assert match_author_lists(["Vaswani", "Shazeer"], False, entry).kind is Kind.DIFFERENT


def test_reordered_names_are_the_same_people():
    result = match_author_lists(["Paasi", "Moisio"], False, authors("Moisio, Sami", "Paasi, Anssi"))
    assert result.kind is Kind.SAME and result.reordered


def test_empty_lists_compare_nothing():
    assert match_author_lists([], False, authors("Moisio, S.")).kind is Kind.DIFFERENT
    assert match_author_lists(["Moisio"], False, ()).compared == 0


@pytest.mark.parametrize(
    ("cited", "entry"),
    [
        (["Müller-Hill"], [r"M{\"u}ller-Hill, Benno"]),
        (["Rockström", "Steffen"], ["Rockstrom, Johan", "Steffen, Will"]),
        (["Lemaître"], [unicodedata.normalize("NFD", "Lemaître, Georges")]),
        ([r"Fran{\c{c}}ois"], ["François, J."]),
        (["van der Maaten", "Hinton"], ["van der Maaten, Laurens", "Hinton, Geoffrey"]),
        (["de la Croix"], ["de la Croix, David"]),
        (["de Tocqueville"], ["Tocqueville, Alexis de"]),
        (["Lucas, Jr."], ["Lucas, Jr., Robert E."]),
        (["Kim Dae-jung"], ["Kim, Dae-jung"]),
        (["Dae-jung Kim"], ["Kim, Dae-jung"]),
        (["Shin Gi-Wook"], ["Shin, Gi-Wook"]),
        (["Yoshimi Yoshiaki"], ["Yoshimi, Yoshiaki"]),
        (["Kimura Kan"], ["Kimura, Kan"]),
        (["Chua Beng Huat"], ["Chua, Beng Huat"]),
        (["Soh, C. S."], ["Soh, C. Sarah"]),
    ],
)
def test_traps_are_the_same_not_typos(cited, entry):
    result = match_author_lists(cited, False, authors(*entry))
    assert result.kind is Kind.SAME
    assert result.typos == ()


def test_comparisons_are_memoised():
    names._compare.cache_clear()
    entry = bib("Moisio, Sami")
    for _ in range(3):
        match_person("Moisiu", entry)
    assert names._compare.cache_info().hits == 2
