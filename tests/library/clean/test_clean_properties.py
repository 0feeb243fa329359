"""Properties of the whole stack on generated and real libraries: nothing lost, idempotent, import round-trips."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.library import load_library
from refcheck.library.clean import CleanOptions, clean_library
from refcheck.library.clean.verify import lost_values
from refcheck.library.from_references import references_to_entries
from refcheck.library.latex import decode
from refcheck.library.write import write_items
from refcheck.model import Author, Reference

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ZOTERO = os.path.join(ROOT, "..", "shared", "data", "bib", "zotero-user-library.bib")
GLOTTOLOG = os.path.join(ROOT, "..", "shared", "data", "bib", "glottolog-sala.bib")

WORDS = ["tone", "focus", "Obolo", "Korea", "NLP", "{DNA}", "M{\\\"u}ller", "Müller", "étude", "{\\'e}tude", "and", "of",
         "GaN", "{{ZnO}}", "\\&", "Japan--Korea", "x", "Self-Organizing", "2013", "한류", "Über", "state", "space"]
FAMILIES = ["Moisio", "Paasi", "M{\\\"u}ller", "Müller", "van der Berg", "Kim", "{World Health Organization}", "O'Brien"]
GIVEN = ["Sami", "Anssi", "J.", "Jörg", "S. K.", ""]

settings.register_profile("clean", max_examples=int(os.environ.get("CLEAN_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
SETTINGS = settings.get_profile("clean")


@st.composite
def names(draw) -> str:
    people = []
    for _ in range(draw(st.integers(1, 3))):
        family, given = draw(st.sampled_from(FAMILIES)), draw(st.sampled_from(GIVEN))
        people.append(draw(st.sampled_from([f"{family}, {given}", f"{given} {family}"])).strip(", ") if given else family)
    return " and ".join(people)


@st.composite
def field_values(draw, name: str) -> str:
    if name in ("author", "editor"):
        return draw(names())
    if name == "year":
        return str(draw(st.integers(1950, 2024)))
    if name == "pages":
        a = draw(st.integers(1, 500))
        return f"{a}{draw(st.sampled_from(['-', '--', ' – ', '']))}{a + draw(st.integers(1, 40))}"
    if name == "doi":
        return draw(st.sampled_from(["", "https://doi.org/", "doi:"])) + f"10.{draw(st.integers(1000, 1010))}/x{draw(st.integers(0, 5))}"
    if name == "month":
        return draw(st.sampled_from(["January", "feb", "3", "Sept.", "summer"]))
    if name == "url":
        return draw(st.sampled_from(["https://example.org/a", "\\url{https://example.org/b}", "<https://example.org/c d>"]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=7))
    return draw(st.sampled_from(["", " ", "\n  "])).join(words) if words else ""


@st.composite
def libraries(draw) -> str:
    blocks = ["% generated", '@string{jpr = "Journal of Peace Research"}']
    entries = []
    for i in range(draw(st.integers(1, 8))):
        if entries and draw(st.booleans()) and draw(st.booleans()):
            body = draw(st.sampled_from(entries))  # the same work again, under another key
        else:
            names_ = draw(st.lists(st.sampled_from(
                ["author", "title", "journal", "year", "pages", "doi", "month", "url", "note", "keywords", "x-custom"]),
                min_size=1, max_size=7))
            lines = []
            for name in names_:
                value = draw(field_values(name))
                quoted = draw(st.booleans()) and '"' not in value
                lines.append(f"  {name} = " + (f'"{value}"' if quoted else "{" + value + "}") + ",")
            if draw(st.booleans()):
                lines.append("  journal = jpr,")
            body = "\n".join(lines)
            entries.append(body)
        kind = draw(st.sampled_from(["article", "ARTICLE", "book", "misc"]))
        blocks.append(f"@{kind}{{k{i},\n{body}\n}}")
        if draw(st.integers(0, 9)) == 0:
            blocks.append("% a comment between entries")
    return "\n\n".join(blocks) + "\n"


def _clean(path: str, options: CleanOptions = CleanOptions()):
    library = load_library([path])
    result = clean_library(library, options)
    return library, result, write_items(result.items)


def _check_no_loss(tmp_path, text: str, options: CleanOptions = CleanOptions()) -> str:
    src = tmp_path / "in.bib"
    src.write_text(text, encoding="utf-8")
    before, result, out = _clean(str(src), options)
    dst = tmp_path / "out.bib"
    dst.write_text(out, encoding="utf-8")
    after = load_library([str(dst)])
    assert lost_values(before, after, result.report, result.aliases, out) == []
    merged = {c.key for c in result.report.of("merged")}
    kept = {e.key for e in before.entries} - {k for k in merged if k in result.aliases}
    assert {e.key for e in after.entries} == kept | ({e.key for e in before.entries} & {e.key for e in after.entries})
    assert len(after.entries) == len(before.entries) - len(merged)  # every entry kept, minus merges, all reported
    return out


def _check_idempotent(tmp_path, text: str, options: CleanOptions = CleanOptions()) -> None:
    src = tmp_path / "in.bib"
    src.write_text(text, encoding="utf-8")
    once = _clean(str(src), options)[2]
    src.write_text(once, encoding="utf-8")
    twice = _clean(str(src), options)[2]
    assert twice == once


@SETTINGS
@given(text=libraries(), encoding=st.sampled_from(["keep", "unicode", "latex"]))
def test_cleaning_a_generated_library_keeps_every_entry_and_value(tmp_path_factory, text, encoding):
    _check_no_loss(tmp_path_factory.mktemp("lib"), text, CleanOptions(encoding=encoding))


@SETTINGS
@given(text=libraries(), encoding=st.sampled_from(["keep", "unicode", "latex"]), sort=st.sampled_from([(), ("key",), ("-year", "author")]))
def test_cleaning_a_generated_library_twice_changes_nothing_more(tmp_path_factory, text, encoding, sort):
    _check_idempotent(tmp_path_factory.mktemp("lib"), text, CleanOptions(encoding=encoding, sort=sort))


def _real_slice(path: str, entries: int) -> str:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    starts = [m.start() for m in re.finditer(r"^@", text, re.MULTILINE)]
    return text[: starts[entries]] if len(starts) > entries else text


@pytest.mark.parametrize("path", [ZOTERO, GLOTTOLOG], ids=["zotero", "glottolog"])
def test_real_libraries_lose_nothing_and_clean_once(tmp_path, path):
    if not os.path.exists(path):
        pytest.skip(f"{path} is not on this machine")
    text = _real_slice(path, 600)
    _check_no_loss(tmp_path, text)
    _check_idempotent(tmp_path, text)


@pytest.mark.parametrize("name", ["mess.bib"])
def test_the_mess_library_loses_nothing_and_cleans_once(tmp_path, name):
    text = open(os.path.join(ROOT, "tests", "fixtures", "bib", name), encoding="utf-8").read()
    _check_no_loss(tmp_path, text)
    _check_idempotent(tmp_path, text)
    _check_idempotent(tmp_path, text, CleanOptions(encoding="unicode", sort=("author",)))


_TEXT = st.lists(st.sampled_from(list("abcdeéüKoreaJapn -–,.:&%한류") + ["Obolo ", "NLP ", "{", "}"]), min_size=1, max_size=30).map(
    lambda chars: "".join(chars).strip()
)
_PERSON = st.builds(Author, family=st.sampled_from(["Kim", "Müller", "O'Brien", "강", "Moisio"]),
                    given=st.sampled_from(["S.", "Jörg", "준수", None]))
_INSTITUTION = st.builds(Author, literal=st.sampled_from(["World Health Organization", "UNWTO", "Korea Tourism Organization"]))


@st.composite
def references(draw) -> Reference:
    title = draw(_TEXT) or None
    return Reference(
        raw=draw(_TEXT) or "x",
        authors=tuple(draw(st.lists(st.one_of(_PERSON, _INSTITUTION), max_size=3))),
        year=draw(st.one_of(st.none(), st.integers(1900, 2024).map(str))),
        title=title,
        container=draw(st.one_of(st.none(), _TEXT)) or None,
        volume=draw(st.one_of(st.none(), st.integers(1, 99).map(str))),
        pages=draw(st.one_of(st.none(), st.sampled_from(["45-61", "89–104", "7"]))),
        url=draw(st.one_of(st.none(), st.just("https://press.ajou.ac.kr/news/articleView.html?idxno=10120"))),
        doi=draw(st.one_of(st.none(), st.just("10.1080/14650045.2012.723287"))),
    )


def _people(field: str) -> list[tuple[str, str]]:
    from refcheck.library.names import split_names

    return [(a.literal or a.family or "", a.given or "") for a in split_names(field)[0]]


@SETTINGS
@given(refs=st.lists(references(), min_size=1, max_size=6))
def test_import_then_clean_then_parse_gives_the_references_back(tmp_path_factory, refs):
    tmp = tmp_path_factory.mktemp("imp")
    entries = references_to_entries(refs)
    src = tmp / "imported.bib"
    src.write_text(write_items(entries), encoding="utf-8")
    imported = load_library([str(src)])
    assert [e.key for e in imported.entries] == [e.key for e in entries]
    assert not [p for p in imported.problems if p.kind == "malformed"]
    before, result, out = _clean(str(src), CleanOptions(merge=False))
    dst = tmp / "clean.bib"
    dst.write_text(out, encoding="utf-8")
    after = load_library([str(dst)])
    assert [e.key for e in after.entries] == [e.key for e in imported.entries]
    for a, b in zip(imported.entries, after.entries):
        for name, value in a.fields.items():
            if name == "author":
                assert _people(b.fields[name]) == _people(value)
            else:
                assert " ".join(decode(b.fields[name]).split()) == " ".join(decode(value).split()), name
