"""HTML saved from the web: block text, footnote anchors (Pandoc's, Wikipedia's) and their notes."""

from __future__ import annotations

from support import DOCS

from refcheck.ingest import Format, read_document
from refcheck.model import CitationKind


def test_blocks_without_scripts_navigation_or_code():
    doc = read_document(DOCS / "web_article.html")
    assert doc.format is Format.HTML
    body = doc.text[doc.text.index("Why memory cells"):]  # after the notes, which come first
    assert body.startswith("Why memory cells matter\n\nGated memory cells solved the vanishing gradient problem.[^1]")
    for not_prose in ("Home", "color: red", "var cite", "in code is not a marker", "↩"):
        assert not_prose not in doc.text


def test_footnote_anchors_and_their_notes(extract_doc):
    ex = extract_doc("web_article.html", blank=True)
    assert [(c.label, c.location.line, c.location.column) for c in ex.citations if c.kind is CitationKind.FOOTNOTE] == [
        ("1", 2, 57), ("2", 2, 86), ("3", 3, 32),  # paragraph 2; the unlinked <sup>3</sup> in paragraph 3
    ]
    notes = {n.label: n for n in ex.footnotes}
    assert notes["1"].references[0].year == "1997" and notes["1"].text.endswith("9(8), 1997.")
    assert notes["2"].text.startswith("K. Greff et al.")
    assert [c.label for c in ex.markers_without_text] == ["3"]
