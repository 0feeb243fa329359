"""Footnote markers and footnote texts in the forms writers and PDF converters produce."""

from __future__ import annotations


def labels(ex, kind=None):
    return [c.label for c in ex.citations if kind is None or c.kind.value == kind]


def test_html_superscript_markers_and_lists(extract_doc):
    ex = extract_doc("sup_markers.txt")
    assert labels(ex, "footnote") == ["1", "2", "3"]
    assert [f.label for f in ex.footnotes] == ["1", "2", "3"]
    first = ex.citations[0]
    assert (first.location.line, first.location.column) == (1, 48)
    assert first.claim.text == "Trade between the two ports doubled in a decade."


def test_ibid_takes_the_previous_notes_references(extract_doc):
    ex = extract_doc("sup_markers.txt")
    note3 = ex.footnotes[2]
    assert note3.ibid_of == "2"
    assert note3.references == ex.footnotes[1].references


def test_unicode_superscripts_but_not_units(extract_doc):
    ex = extract_doc("unicode_superscripts.txt")
    assert labels(ex, "footnote") == ["1", "2"]  # m² is an exponent
    assert [f.label for f in ex.footnotes] == ["1", "2"]
    assert ex.citations[0].claim.text.startswith("The festival drew 10,000 visitors")


def test_markdown_footnotes_with_continuation_and_missing_text(extract_doc):
    ex = extract_doc("markdown_footnotes.md")
    assert labels(ex, "footnote") == ["1", "2", "3"]
    notes = {f.label: f for f in ex.footnotes}
    assert set(notes) == {"1", "2", "4"}
    assert notes["2"].text.endswith("University of Chicago Press.")  # the indented continuation line
    assert [c.label for c in ex.markers_without_text] == ["3"]
    assert "[^1]:" not in ex.body


def test_page_bottom_blocks_cut_and_sentences_rejoined(extract_doc):
    ex = extract_doc("pdftext_blocks.txt")
    body = " ".join(ex.body.split())  # the body keeps the file's own line breaks
    assert "That range has proved remarkably durable: four decades" in body
    assert "a hyphenated word was split by the block." in body
    assert "Philosophical Magazine 41" not in ex.body
    notes = {f.label: f.text for f in ex.footnotes}
    # wrapped notes whose continuation lines start with digits stay one note
    assert notes["2"] == "Revelle & Suess (1957), Tellus 9, 18–27."
    assert notes["3"].endswith("58, 295–300.")
    assert set(notes) == {"1", "2", "3", "4"}
    assert [c.label for c in ex.markers_without_text] == ["5"]


def test_claim_of_a_marker_after_the_full_stop(extract_doc):
    ex = extract_doc("pdftext_blocks.txt")
    by_label = {c.label: c for c in ex.citations}
    assert by_label["2"].claim.text.startswith("Revelle and Suess showed")
    assert by_label["3"].claim.text == "That range has proved remarkably durable: four decades of work have narrowed it only slowly."


def test_blank_pipeline_gives_the_same_claims(extract_doc):
    trained = extract_doc("pdftext_blocks.txt")
    blank = extract_doc("pdftext_blocks.txt", blank=True)
    assert [c.claim.text for c in blank.citations] == [c.claim.text for c in trained.citations]
