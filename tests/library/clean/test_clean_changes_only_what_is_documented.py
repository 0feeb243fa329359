"""`bib clean` changes only what docs/bib-clean.md lists, and every changed value is named with its transform."""

from __future__ import annotations

import re

import pytest

from clean_support import bib
from refcheck.library import load_library
from refcheck.library.clean import STACK, CleanOptions, clean_library
from refcheck.library.clean import report as R
from refcheck.library.clean.model import CleanEntry, items_from_library
from refcheck.library.clean.url import tidy_url
from refcheck.library.clean.values import NAME_FIELDS
from refcheck.library.latex import decode
from refcheck.library.names import split_names
from refcheck.textnorm import normalize_doi
from support import ROOT, SHARED


def _clean(tmp_path, text: str, **options):
    library = load_library([bib(tmp_path, text)])
    return clean_library(library, CleanOptions(**options))


def _entries(result) -> dict[str, CleanEntry]:
    return {i.key: i for i in result.items if isinstance(i, CleanEntry)}


def test_a_url_followed_by_an_access_note_is_not_percent_encoded():
    assert tidy_url("http://x.org/a.html (viewed on 21 May 2009)") == "http://x.org/a.html (viewed on 21 May 2009)"
    assert tidy_url("http://x.org/my file.pdf") == "http://x.org/my%20file.pdf"


def test_keywords_holding_commas_are_not_split_when_merged(tmp_path):
    result = _clean(tmp_path, """
        @book{a, author = {Kim, S.}, title = {Korea}, year = {2000}, keywords = {Smith, John; history}}
        @book{b, author = {Kim, S.}, title = {Korea}, year = {2000}, keywords = {Lee, Hoon; history}}
    """)
    assert _entries(result)["a"].text("keywords") == "Smith, John; history; Lee, Hoon"


def test_a_name_spelled_with_other_accents_is_listed_when_its_entry_is_merged(tmp_path):
    result = _clean(tmp_path, """
        @book{a, author = {Årsjö, Bengt}, title = {Ngarrindjeri}, year = {1999}, doi = {10.1/x}}
        @book{b, author = {Ärsjö, Bengt}, title = {Ngarrindjeri}, year = {1999}, doi = {10.1/x}}
    """)
    assert "b" not in _entries(result)
    differs = result.report.of(R.DIFFERS)
    assert [(c.key, c.field, c.value) for c in differs] == [("b", "author", "Ärsjö, Bengt")]


def test_alike_entries_with_other_titles_are_merged_only_with_merge_similar(tmp_path):
    text = """
        @book{east, author = {Smith, Les}, title = {Names of East Gippsland}, year = {1982}, doi = {10.1/g}}
        @book{south, author = {Smith, Les}, title = {Names of South Gippsland}, year = {1982}, doi = {10.1/g}}
    """
    result = _clean(tmp_path, text)
    assert set(_entries(result)) == {"east", "south"}
    assert [c.key for c in result.report.of(R.SIMILAR)] == ["south"]
    assert set(_entries(_clean(tmp_path, text, merge_similar=True))) == {"east"}


def test_titles_differing_in_case_and_punctuation_only_are_merged(tmp_path):
    result = _clean(tmp_path, """
        @book{a, author = {Smith, Les}, title = {Names of East Gippsland}, year = {1982}}
        @book{b, author = {Smith, Les}, title = {Names of east {G}ippsland.}, year = {1982}}
    """)
    assert set(_entries(result)) == {"a"} and not result.report.of(R.SIMILAR)


def test_an_empty_repeat_does_not_hide_a_duplicate(tmp_path):
    result = _clean(tmp_path, """
        @article{k0, title = {}, title = {tone}, author = {Moisio, Sami}, year = {1950}}
        @article{k4, title = {}, title = {tone}, author = {Moisio, Sami}, year = {1950}}
    """)
    assert set(_entries(result)) == {"k0"}


# What each transform may do to a value, as docs/bib-clean.md says; `before`/`after` as the report's trail has them.
def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s)


EXPLAINED = {
    "whitespace": lambda name, a, b: " ".join(a.split()) == " ".join(b.split()),
    "doi": lambda name, a, b: normalize_doi(a.replace("\\_", "_")) == normalize_doi(b.replace("\\_", "_")),
    "url": lambda name, a, b: tidy_url(a) == b,
    "pages": lambda name, a, b: _words(a) == _words(b),
    "months": lambda name, a, b: a.strip().lower().rstrip(".")[:3] == b or a.strip().lstrip("0") in {str(i) for i in range(1, 13)},
    "encoding": lambda name, a, b: decode(a) == decode(b),
    "braces": lambda name, a, b: a.replace("{", "").replace("}", "") == b.replace("{", "").replace("}", ""),
}


def _explained(change, merged_into: dict[str, str], listed: set[tuple[str, str]]) -> bool:
    """Whether a trail entry is what its transform's documentation allows."""
    if change.transform in ("repeated-fields", "empty-fields"):
        return change.after is None or change.before is None or not change.before.replace("{", "").replace("}", "").strip()
    if change.transform == "duplicates":
        if change.before is None:  # a field taken from a duplicate: named in the merge's "took ..."
            return change.key in merged_into.values()
        if change.field in ("crossref", "xref"):
            return change.after in merged_into.values()
        old = [i.strip() for i in change.before.split(";" if ";" in change.before else ",")]
        return all(i in change.after for i in old)  # a list field gained the duplicate's items, lost none
    check = EXPLAINED.get(change.transform)
    return check is not None and change.before is not None and change.after is not None and check(change.field, change.before, change.after)


def _as_a_reader_sees(name: str, value: str):
    """A value with its LaTeX decoded, braces, case and spacing aside, accents kept; names as (family, given) people."""
    if name in NAME_FIELDS:
        people, et_al = split_names(value)
        return [tuple(decode(x or "").casefold() for x in (p.literal, p.particle, p.family, p.given)) for p in people], et_al
    return " ".join(decode(value).replace("{", "").replace("}", "").casefold().split())


LIBRARIES = sorted((SHARED / "data" / "bib").glob("*.bib"))


@pytest.mark.slow
@pytest.mark.skipif(not LIBRARIES, reason="../shared/data/bib is not here")
@pytest.mark.parametrize("path", LIBRARIES, ids=[p.name for p in LIBRARIES])
def test_every_value_clean_changes_in_a_real_library_is_explained_by_a_documented_transform(path):
    docs = (ROOT / "docs" / "bib-clean.md").read_text(encoding="utf-8")
    library = load_library([str(path)])
    before = {(i.key, i.line): i for i in items_from_library(library) if isinstance(i, CleanEntry)}
    result = clean_library(library, CleanOptions())
    assert {name for name, _t in STACK} <= set(re.findall(r"`([a-z-]+)`", docs)), "a transform docs/bib-clean.md does not name"
    merged = dict(result.aliases)
    listed = {(c.key, c.field) for c in result.report.of(R.DIFFERS)}
    trail: dict[tuple[str, int, str], list] = {}
    for change in result.report.values:
        assert _explained(change, merged, listed), f"{path.name}: {change} is not what '{change.transform}' documents"
        trail.setdefault((change.key, change.line, change.field), []).append(change)
    for item in result.items:
        if not isinstance(item, CleanEntry):
            continue
        old = before[(item.key, item.line)]
        for f in item.fields:
            was = old.get(f.name)
            if was is not None and was.value == f.value:
                continue
            steps = trail.get((item.key, item.line, f.name))
            assert steps, f"{path.name}: '{item.key}' {f.name} changed with no transform named: {was and was.value!r} -> {f.value!r}"
            assert steps[-1].after == f.value and steps[0].before == (was.value if was else None)
    # a merged-away entry's values are in the kept one, or listed with the merge
    kept = {i.key: i for i in result.items if isinstance(i, CleanEntry)}
    for (key, _line), old in before.items():
        if key in merged and merged[key] in kept:
            into = kept[merged[key]]
            for f in old.fields:
                k = into.get(f.name)
                assert f.empty or k is not None, f"{path.name}: '{key}' {f.name} lost in the merge"
                if _as_a_reader_sees(f.name, k.value) != _as_a_reader_sees(f.name, f.value):
                    assert (key, f.name) in listed or f.name in ("keywords", "doi", "url", "pages", "month") or f.empty, \
                        f"{path.name}: '{key}' {f.name} {f.value!r} dropped unlisted in the merge into '{into.key}'"
