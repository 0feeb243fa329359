"""`refcheck corpus search`: bm25-ranked hits with highlighted snippets, also for Korean and Japanese queries."""

from __future__ import annotations

import pytest
from corpus_support import run, run_json

BLOG = "corpus/000_bbf9fc55a855b69c.txt"
NEWS = "corpus/001_a4473a96e4f5caf0.txt"
PAPER = "corpus/002_d244ba052e56942e.txt"


def test_odagiri_lists_the_blog_post_with_a_highlighted_snippet(capsys, added):
    code, out, err = run(capsys, added, "corpus", "search", "Odagiri")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f" 1. {BLOG} — Favorite Japanese-Korean Movie Collaborations")
    assert "**Odagiri**" in lines[1]
    assert PAPER not in out and NEWS not in out


def test_json_gives_the_highlight_offsets(capsys, added):
    hits = run_json(capsys, added, "corpus", "search", "Odagiri")["hits"]
    assert [h["path"] for h in hits] == [BLOG]
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end] == "Odagiri"


@pytest.mark.parametrize("query", ["한일관계", "문화외교", "교류", "日流", "流", "한류의 현황과"])
def test_korean_and_japanese_queries_find_the_sample_paper(capsys, added, query):
    hits = run_json(capsys, added, "corpus", "search", query)["hits"]
    assert [h["path"] for h in hits] == [PAPER]
    snippet = hits[0]["snippet"]
    assert any(snippet[a:b] in query for a, b in hits[0]["highlights"])


def test_a_cjk_query_that_is_not_there_finds_nothing(capsys, added):
    assert run_json(capsys, added, "corpus", "search", "日韓関係")["hits"] == []


def test_ranked_by_bm25(capsys, added):
    # "Korean" is in all three; the short news article says it most densely
    hits = run_json(capsys, added, "corpus", "search", "Korean", "characters")["hits"]
    assert hits[0]["path"] == NEWS
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_phrases_prefixes_and_or(capsys, added):
    assert [h["path"] for h in run_json(capsys, added, "corpus", "search", '"Joe Odagiri"')["hits"]] == [BLOG]
    assert run_json(capsys, added, "corpus", "search", '"Odagiri Joe"')["hits"] == []
    assert {h["path"] for h in run_json(capsys, added, "corpus", "search", "Odagir*")["hits"]} == {BLOG}
    both = {h["path"] for h in run_json(capsys, added, "corpus", "search", "Odagiri", "OR", "Netflix")["hits"]}
    assert both == {BLOG, NEWS, PAPER}  # the paper mentions Netflix once
    # all words must occur
    assert run_json(capsys, added, "corpus", "search", "Odagiri", "Netflix")["hits"] == []


def test_a_query_without_words_is_a_usage_error(capsys, added):
    code, out, err = run(capsys, added, "corpus", "search", "--", "***")
    assert code == 2 and "nothing to search for" in err and "Traceback" not in err


def test_search_without_a_store_says_how_to_make_one(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path, "corpus", "search", "Odagiri")
    assert code == 2 and "corpus add" in err and "corpus.db" in err
    assert not (tmp_path / ".refcheck").exists()
