"""The acceptance lines of the sample corpus, through the command line as a user runs it."""

from __future__ import annotations

import json
from functools import lru_cache

from click.testing import CliRunner
from support import SAMPLE_BLOG, SAMPLE_PAPER

from refcheck.cli import cli


@lru_cache(maxsize=None)
def extract_json(path: str) -> dict:
    result = CliRunner().invoke(cli, ["extract", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["documents"][0]


def test_sample_paper_footnotes_one_to_nine():
    doc = extract_json(str(SAMPLE_PAPER))
    assert [f["label"] for f in doc["footnotes"]] == [str(n) for n in range(1, 10)]
    assert doc["footnotes"][5]["text"].startswith("Sami Moisiu, Anssi Passi. From geopolitical to geoeconomic.")
    assert doc["footnotes"][4]["text"].endswith("한영균 - 국제학논총, 2020 - dbpia.co.kr")


def test_claim_of_footnote_six():
    doc = extract_json(str(SAMPLE_PAPER))
    six = next(c for c in doc["citations"] if c["citation"] == "6")
    assert six["claim"]["text"].endswith("at the national level in the cultural domain.")
    assert six["claim"]["text"].startswith("South Korea and Japan, despite having interconnected economies")


def test_body_rejoins_the_sentence_a_footnote_block_splits():
    doc = extract_json(str(SAMPLE_PAPER))
    assert (
        "Although marked by colonization and postwar disputes, contemporary South Korea–Japan relations "
        "also exhibit strong undercurrents of cooperation"
    ) in doc["body"]


def test_sixteen_reference_list_items_each_parsed():
    doc = extract_json(str(SAMPLE_PAPER))
    items = doc["reference_list"]
    assert len(items) == 16
    assert all(item["reference"]["title"] or item["reference"]["url"] for item in items)


def test_footnote_six_and_its_list_item_parse_alike():
    doc = extract_json(str(SAMPLE_PAPER))
    note = doc["footnotes"][5]["references"][0]
    item = next(i["reference"] for i in doc["reference_list"] if "Moisio" in i["reference"]["input"])
    for ref, first in ((note, "Moisiu"), (item, "Moisio")):
        assert [a["family"] for a in ref["authors"]] == [first, "Passi"]
        assert (ref["year"], ref["container"], ref["volume"], ref["issue"], ref["pages"]) == (
            "2013", "Geopolitics", "18", "2", "267-283")


def test_blog_web_citations_with_lines():
    doc = extract_json(str(SAMPLE_BLOG))
    found = [(c["citation"], c["line"]) for c in doc["citations"] if c["kind"] == "web"]
    assert found == [
        ("source", 11), ("source", 20), ("EnewsWorld", 26), ("read more", 32), ("read more", 45),
        ("source", 51), ("read more", 55), ("source", 63), ("source", 74),
    ]
