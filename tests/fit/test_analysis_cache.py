"""What spaCy made of a text is kept on disk: a re-run on unchanged texts loads no pipeline and finds the same."""

from __future__ import annotations

import pytest

from refcheck.extract.nlp import load_pipeline
from refcheck.fit.analyze import Analyzer
from refcheck.fit.textcache import TextCache

TEXTS = ["Participation in historical bank runs rose sharply.", "Historians dispute the participation figures."]


def analyzer(folder, producer="blank-pipeline", calls=None):
    def load():
        if calls is None:
            raise AssertionError("the pipeline was loaded although every text is cached")
        calls.append(1)
        return load_pipeline(blank=True)

    return Analyzer(load=load, cache=TextCache("terms", producer, str(folder)))


def test_terms_are_read_back_without_loading_the_pipeline(tmp_path):
    calls: list[int] = []
    first = analyzer(tmp_path, calls=calls)
    fresh = first.many(TEXTS)
    assert calls == [1] and "particip" in fresh[0].terms
    assert first.cache.save()
    again = analyzer(tmp_path)  # loading would fail the test
    assert again.many(TEXTS) == fresh


def test_another_producer_or_text_is_analysed_again(tmp_path):
    first = analyzer(tmp_path, calls=[])
    first.many(TEXTS)
    first.cache.save()
    calls: list[int] = []
    analyzer(tmp_path, producer="en_core_web_sm==3.8.0", calls=calls).many(TEXTS[:1])
    assert calls == [1]  # another pipeline's terms are never taken
    calls.clear()
    analyzer(tmp_path, calls=calls).many([TEXTS[0] + " "])
    assert calls == [1]


def test_a_damaged_file_is_analysed_again_and_rewritten(tmp_path):
    (tmp_path / "analysis-terms.pickle").write_bytes(b"not a pickle")
    calls: list[int] = []
    a = analyzer(tmp_path, calls=calls)
    assert a.many(TEXTS) == analyzer(tmp_path / "elsewhere", calls=[]).many(TEXTS)
    assert calls == [1] and a.cache.save()
    assert analyzer(tmp_path).many(TEXTS)  # readable again: nothing loaded


def test_no_cache_folder_means_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    cache = TextCache("terms", "p")
    cache.update({"a": ("x",)})
    assert not cache.save() and cache.lookup(["a"]) == {}


@pytest.mark.parametrize("blank", [True])
def test_a_second_audit_finds_the_same_names_without_the_recogniser(tmp_path, monkeypatch, blank):
    from refcheck.checks.rules.claims import name_inconsistent
    from refcheck.pipeline import run_audit

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    name_inconsistent._mentions_cache.cache_clear()
    doc = tmp_path / "draft.md"
    doc.write_text("Joe Odagiri plays the lead. Critics praised Joe Odagiri for it.\n\n"
                   "Later, Jo Odagiri returned to Korean cinema.\n", encoding="utf-8")  # fmt: skip
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, author = {Kim, A.}, title = {Stars}, year = {2005}}\n", encoding="utf-8")

    def audit():
        result = run_audit([str(doc)], [str(bib)], select=["RC302"], blank_pipeline=blank, warn=lambda _: None)
        return [(f.code, f.line, f.message) for f in result.findings]

    first = audit()
    assert first and all(code == "RC302" for code, *_ in first)
    assert name_inconsistent._mentions_cache(blank).save()
    name_inconsistent._mentions_cache.cache_clear()
    monkeypatch.setattr(name_inconsistent, "_ner", lambda _blank: pytest.fail("the recogniser was loaded again"))
    assert audit() == first
