"""The HTML report: golden page of the shared findings, the text with its marks, escaping, the CSP."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from refcheck.model import DocumentSummary, Finding, Severity
from refcheck.report import render
from report_fixtures import DOCUMENTS, FINDINGS, RULES, UNUSED, assert_golden

HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


def page(findings=FINDINGS, documents=DOCUMENTS, sources=None, rules=RULES, unused=UNUSED) -> str:
    out = io.StringIO()
    render(findings, documents, "html", out, rules=rules, unused_suppressions=unused, sources=sources)
    return out.getvalue()


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}  # the text of <script> and <style>
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._raw = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._raw = None

    def handle_data(self, data):
        if self._raw:
            self.data[self._raw] = self.data.get(self._raw, "") + data

    def find(self, tag: str, **attrs) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_html_of_the_fixtures_matches_golden():
    assert_golden("report.html", page())


def test_every_finding_is_listed_without_the_texts():
    tags = parse(page())
    listed = tags.find("li")
    cards = [a for a in listed if "finding" in (a.get("class") or "").split()]
    assert len(cards) == len(FINDINGS)
    assert {a["data-rule"] for a in cards} == {f.code for f in FINDINGS}
    # A file the findings name beyond the documents (the library) has its own tab.
    tabs = [a for a in tags.find("a") if a.get("class") == "tab"]
    assert len(tabs) == len(DOCUMENTS) + 1
    assert not [a for a in tags.find("div") if a.get("class") == "doc"]


def test_only_the_inlined_script_and_style_are_allowed():
    html = page()
    tags = parse(html)
    [meta] = tags.find("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(p.strip().split(" ", 1) for p in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["script-src"] == digest(tags.data["script"])
    assert policy["style-src"] == digest(tags.data["style"])
    assert len(tags.find("script")) == 1
    # Nothing is fetched: no src on anything, no stylesheet link.
    assert not [a for _t, a in tags.tags if "src" in a] and not tags.find("link")


def test_document_and_library_text_is_escaped_everywhere():
    evil = Finding(
        "unrelated-citation", "RC105", Severity.WARNING, "corpus/" + HOSTILE[1] + ".md", 3, 1,
        message=f"the claim {HOSTILE[0]} does not fit",
        citation=HOSTILE[1], entry="evil" + HOSTILE[0], suggestion=HOSTILE[1],
        context=HOSTILE[0], evidence=(HOSTILE[0],), entry_summary=HOSTILE[1],
    )  # fmt: skip
    html = page([evil], [DocumentSummary(evil.path, 0, 1, 1)], rules={})
    tags = parse(html)
    assert len(tags.find("script")) == 1 and not tags.find("img")
    assert not [a for _t, a in tags.tags if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """A small draft and library through the real pipeline (blank spaCy: fast), with its report sources."""
    from refcheck.pipeline import run_audit

    root = tmp_path_factory.mktemp("html")
    (root / "paper.md").write_text(
        "# Trade\n\n"
        "Tariffs fell across the region after 2001 (Smith & Jones, 2019). "
        "Exports doubled within a decade (Smyth, 2018).\n\n"
        "Half of all firms exported by 2015, 41% of them to China.\n",
        encoding="utf-8",
    )
    (root / "refs.bib").write_text(
        "@article{smith2019,\n  author = {Smith, Ann and Jones, Bo},\n  title = {Tariffs in the region},\n"
        "  journal = {Trade Review},\n  year = {2019},\n  url = {javascript:alert(1)}\n}\n"
        "@article{smyth2020,\n  author = {Smyth, Cy},\n  title = {Exports and growth},\n"
        "  journal = {Growth},\n  year = {2020},\n  doi = {10.1000/xyz}\n}\n",
        encoding="utf-8",
    )
    result = run_audit([str(root / "paper.md")], [str(root / "refs.bib")], blank_pipeline=True, warn=lambda _m: None)
    return result


def test_the_text_is_shown_with_each_citation_marked_by_its_worst_finding(audited):
    html = page(audited.findings, audited.documents, sources=audited.sources)
    tags = parse(html)
    marks = [a for a in tags.find("a") if "mark" in (a.get("class") or "").split()]
    assert sorted(a["data-label"] for a in marks) == ["Smith & Jones, 2019", "Smyth, 2018"]
    by_label = {a["data-label"]: a for a in marks}
    year = [f for f in audited.findings if f.code == "RC103"]
    assert year, "the fixture's wrong year should be found"
    assert "sev-error" in by_label["Smyth, 2018"]["class"]
    # The mark is the citation as written, and the whole text is on the page.
    assert re.search(r'data-label="Smyth, 2018"[^>]*>Smyth, 2018</a>', html)
    assert "Exports doubled within a decade" in html and "41% of them to China" in html
    # Claims are underlined: the sentence a citation supports is one of them.
    assert len([t for t, a in tags.tags if t == "span" and "claim" in (a.get("class") or "")]) >= 3


def test_the_panel_shows_the_cited_entry_and_only_web_links(audited):
    html = page(audited.findings, audited.documents, sources=audited.sources)
    assert "Exports and growth" in html  # the entry's metadata, for the panel
    hrefs = [a.get("href") for a in parse(html).find("a")]
    assert "https://doi.org/10.1000/xyz" in hrefs
    assert not [h for h in hrefs if h and h.lower().startswith("javascript:")]


def test_library_health_and_checks_are_summarised(audited):
    html = page(audited.findings, audited.documents, sources=audited.sources)
    health = re.search(r'<dl class="health">(.*?)</dl>', html, re.S).group(1)
    numbers = dict(re.findall(r"<dt>(\w+)</dt><dd>([^<]+)</dd>", health))
    assert numbers["entries"] == "2" and int(numbers["used"]) == 2 - int(numbers["unused"])
    checks = re.findall(r'<li class="check (\S+)"', html)
    assert checks.count("ran") == len(audited.rules)


def test_a_finding_at_a_sentence_flags_that_claim(audited):
    assert [f for f in audited.findings if f.code == "RC301"], "the uncited '41%' should be flagged"
    html = page(audited.findings, audited.documents, sources=audited.sources)
    assert re.search(r'<span class="claim[^"]* flagged sev-info"', html)
