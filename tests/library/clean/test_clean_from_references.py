"""Parsed references as BibTeX entries: types, keys, fields, one entry per work, the string kept."""

from __future__ import annotations

import pytest

from refcheck.library.from_references import (
    SOURCE_FIELD,
    entry_type,
    make_key,
    references_to_entries,
    romanize,
)
from refcheck.model import Author, Reference

KIM = Reference(
    raw="Kim, S., & Kingston, J. (2014). Legacies of Colonialism. East Asian Politics Review, 12(3), 89–104.",
    authors=(Author("Kim", "S."), Author("Kingston", "J.")), year="2014", title="Legacies of Colonialism",
    container="East Asian Politics Review", volume="12", issue="3", pages="89-104",
)
KTO = Reference(raw="Korea Tourism Organization. (2019). Annual Tourism Statistics Report.",
                authors=(Author(literal="Korea Tourism Organization"),), year="2019", title="Annual Tourism Statistics Report")
HAN = Reference(raw="일본 내 한류의 현황과 한일관계\n한영균 - 국제학논총, 2020 - dbpia.co.kr", authors=(Author("한", "영균"),),
                year="2020", title="일본 내 한류의 현황과 한일관계", container="국제학논총", publisher="dbpia.co.kr")
WEB = Reference(raw="<https://press.ajou.ac.kr/news/articleView.html?idxno=10120>",
                url="https://press.ajou.ac.kr/news/articleView.html?idxno=10120")
CHAPTER = Reference(raw="Lee, H. (2006). Tone. In P. Ray (Ed.), Studies in tone (pp. 1-20). Routledge.",
                    authors=(Author("Lee", "H."),), editors=(Author("Ray", "P."),), year="2006", title="Tone",
                    container="Studies in tone", pages="1-20", publisher="Routledge")
BOOK = Reference(raw="Lee, H. (2006). Tone. Routledge.", authors=(Author("Lee", "H."),), year="2006", title="Tone",
                 publisher="Routledge")


@pytest.mark.parametrize(
    ("ref", "kind"),
    [(KIM, "article"), (KTO, "report"), (HAN, "article"), (WEB, "online"), (CHAPTER, "incollection"), (BOOK, "book")],
)
def test_the_type_follows_from_the_fields(ref, kind):
    assert entry_type(ref) == kind


def test_keys_are_family_year_word_and_unique():
    taken: set[str] = set()
    assert make_key(KIM, taken) == "kim2014legacies"
    assert make_key(KIM, taken) == "kim2014legaciesa"
    assert make_key(KTO, taken) == "korea2019annual"
    assert make_key(HAN, taken) == "han2020ilbon"
    assert make_key(WEB, taken) == "ajound"


def test_hangul_is_romanised_for_keys_only():
    assert romanize("강준수") == "gangjunsu"
    assert romanize("한일 문화") == "hanil munhwa"
    (entry,) = references_to_entries([HAN])
    assert entry.text("author") == "한, 영균"
    assert entry.text("title") == "일본 내 한류의 현황과 한일관계"
    assert entry.text("journal") == "국제학논총"


def test_fields_are_bibtex_ready_and_the_string_is_kept():
    (entry,) = references_to_entries([KIM])
    assert (entry.type, entry.key) == ("article", "kim2014legacies")
    assert entry.text("author") == "Kim, S. and Kingston, J."
    assert entry.text("pages") == "89--104"
    assert entry.text("number") == "3"
    assert entry.text(SOURCE_FIELD) == KIM.raw.replace("&", "\\&")


def test_an_institution_is_braced_and_is_the_reports_institution():
    (entry,) = references_to_entries([KTO])
    assert entry.text("author") == "{Korea Tourism Organization}"
    assert entry.text("institution") == "Korea Tourism Organization"


def test_a_work_named_twice_is_one_entry_with_the_fields_of_both():
    note = Reference(raw="Kim & Kingston 2014, Legacies of colonialism", authors=KIM.authors, year="2014",
                     title="Legacies of colonialism", doi="10.5555/x")
    entries = references_to_entries([KIM, note, KTO])
    assert [e.key for e in entries] == ["kim2014legacies", "korea2019annual"]
    assert entries[0].text("doi") == "10.5555/x"


def test_keys_already_in_a_library_are_not_reused():
    (entry,) = references_to_entries([KIM], taken=["Kim2014Legacies"])
    assert entry.key == "kim2014legaciesa"


def test_unbalanced_braces_in_a_string_cannot_break_the_file():
    (entry,) = references_to_entries([Reference(raw="A {broken title. 2001.", title="A {broken title", year="2001")])
    assert entry.text("title") == "A (broken title"
