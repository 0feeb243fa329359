"""What counts as a metadata mismatch, and what does not (typography, abbreviations, online-first years)."""

from __future__ import annotations

from refcheck.match.matcher import Cited
from refcheck.model import Author
from refcheck.verify.compare import mismatches
from refcheck.verify.record import Record

RECORD = Record("crossref", "Public Diplomacy and Soft Power", (Author("Nye", "Joseph S."),), "2008",
                "The Annals of the American Academy of Political and Social Science", "616", "1", "94-109",
                "10.1177/0002716207311699", other_years=("2007",))


def fields(**cited) -> list[tuple[str, str, str]]:
    base = dict(authors=(Author("Nye", "J. S."),), year="2008", title="Public diplomacy and soft power")
    return [(m.field, m.cited, m.registry) for m in mismatches(Cited(**{**base, **cited}), cited.get("issue"), RECORD)]


def test_abbreviated_page_ranges_and_venues_agree():
    assert fields(pages="pp. 94–109", container="Ann. Am. Acad. Political Soc. Sci.") == []
    record = Record("crossref", "From Geopolitical to Geoeconomic?", (Author("Moisio", "S."),), "2013", "Geopolitics",
                    pages="267-283")
    cited = Cited((Author("Moisio", "S."),), False, "2013", "From geopolitical to geoeconomic?", "Geopolitics",
                  pages="267-83")
    assert mismatches(cited, None, record) == []


def test_an_online_first_year_agrees():
    assert fields(year="2007") == []


def test_each_differing_field_is_named_with_the_registry_value():
    got = fields(year="2009", volume="61", pages="95-109", doi="10.1177/000271620731169")
    assert got == [("year", "2009", "2008"), ("volume", "61", "616"), ("pages", "95-109", "94-109"),
                   ("doi", "10.1177/000271620731169", "10.1177/0002716207311699")]


def test_a_misspelled_author_is_named_but_another_author_is_not_a_spelling():
    record = Record("crossref", "From Geopolitical to Geoeconomic?", (Author("Moisio", "Sami"), Author("Paasi", "Anssi")),
                    "2013")
    def spelled(*names):
        cited = Cited(tuple(Author(n) for n in names), False, "2013", "From geopolitical to geoeconomic?")
        return [(m.field, m.cited, m.registry) for m in mismatches(cited, None, record)]

    assert spelled("Moisiu", "Passi") == [("author", "Moisiu", "Moisio"), ("author", "Passi", "Paasi")]
    assert spelled("Moisio", "Paasi") == []
    assert spelled("Kingston", "Paasi") == []
