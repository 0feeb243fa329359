"""BibTeX name lists split into Authors."""

from __future__ import annotations

import pytest

from refcheck.library.names import split_name, split_names
from refcheck.model import Author


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Moisio, Sami", Author(family="Moisio", given="Sami")),
        ("Sami Moisio", Author(family="Moisio", given="Sami")),
        ("Moisio", Author(family="Moisio")),
        ("Ford, Jr., Henry", Author(family="Ford", given="Henry", suffix="Jr.")),
        ("Henry Ford Jr.", Author(family="Ford", given="Henry", suffix="Jr.")),
        ("Henry Ford, Jr.", Author(family="Ford", given="Henry", suffix="Jr.")),
        ("Lucas, Jr.", Author(family="Lucas", suffix="Jr.")),
        ("Gates, III, William", Author(family="Gates", given="William", suffix="III")),
        ("Laurens van der Maaten", Author(family="Maaten", given="Laurens", particle="van der")),
        ("van der Maaten, Laurens", Author(family="Maaten", given="Laurens", particle="van der")),
        ("Jean de la Croix", Author(family="Croix", given="Jean", particle="de la")),
        ("de Tocqueville, Alexis", Author(family="Tocqueville", given="Alexis", particle="de")),
        ("Ludwig von Mises", Author(family="Mises", given="Ludwig", particle="von")),
        ("Leonardo di Caprio", Author(family="Caprio", given="Leonardo", particle="di")),
        ("Jean d'Alembert", Author(family="Alembert", given="Jean", particle="d'")),
        ("Davey Smith, George", Author(family="Davey Smith", given="George")),
        ("El Sahly, Hana", Author(family="El Sahly", given="Hana")),
        ("Benno Müller-Hill", Author(family="Müller-Hill", given="Benno")),
        ("Kim, Dae-jung", Author(family="Kim", given="Dae-jung")),
        ("Soh, C. Sarah", Author(family="Soh", given="C. Sarah")),
        ("{World Health Organization}", Author(literal="World Health Organization")),
        ("{Barnes and Noble, Inc.}", Author(literal="Barnes and Noble, Inc.")),
        ("{van Gogh}, Vincent", Author(family="van Gogh", given="Vincent")),
        ("Vincent {van Gogh}", Author(family="van Gogh", given="Vincent")),
        ("Jean~Dupont", Author(family="Dupont", given="Jean")),
    ],
)
def test_split_name(raw, expected):
    assert split_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"M{\"u}ller, Hans", Author(family="Müller", given="Hans")),
        (r"M\"{u}ller, Hans", Author(family="Müller", given="Hans")),
        (r"{\"U}ber, Hans", Author(family="Über", given="Hans")),
        (r"Hans {\"U}ber", Author(family="Über", given="Hans")),
        (r"Fran{\c{c}}ois Dupont", Author(family="Dupont", given="François")),
        (r"{V{\'a}squez-Sancho}, Fabi{\'a}n", Author(family="Vásquez-Sancho", given="Fabián")),
        (r"Rockstr{\"o}m, Johan", Author(family="Rockström", given="Johan")),
        (r"{\v{S}}koda, Jan", Author(family="Škoda", given="Jan")),
        # a lower-case special character starts a von part, as in BibTeX
        (r"Hans {\"u}ber Meier", Author(family="Meier", given="Hans", particle="über")),
    ],
)
def test_split_name_decodes_latex_without_breaking_the_split(raw, expected):
    assert split_name(raw) == expected


def test_split_names_on_and_outside_braces():
    authors, et_al = split_names("Moisio, Sami and Paasi, Anssi AND {Barnes and Noble}")
    assert authors == (
        Author(family="Moisio", given="Sami"),
        Author(family="Paasi", given="Anssi"),
        Author(literal="Barnes and Noble"),
    )
    assert et_al is False


def test_and_others_is_et_al():
    authors, et_al = split_names("Vaswani, Ashish and Shazeer, Noam and others")
    assert [a.family for a in authors] == ["Vaswani", "Shazeer"]
    assert et_al is True


def test_names_spread_over_lines():
    authors, _ = split_names("Moisio, Sami and\n      Paasi,\n Anssi")
    assert authors[1] == Author(family="Paasi", given="Anssi")


def test_empty_names_are_skipped():
    assert split_names("  ") == ((), False)
    assert split_names("Smith, J. and and Jones, K.")[0] == (
        Author(family="Smith", given="J."),
        Author(family="Jones", given="K."),
    )
