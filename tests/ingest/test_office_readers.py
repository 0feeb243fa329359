"""Word (.docx) and OpenDocument (.odt) files: paragraphs, native footnotes and endnotes, Zotero / Mendeley fields."""

from __future__ import annotations

import importlib.util

import pytest
from support import FIXTURES

from refcheck.errors import InputError
from refcheck.extract import extract
from refcheck.extract.nlp import load_pipeline
from refcheck.ingest import Format, read_document
from refcheck.model import CitationKind


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """paper.docx and paper.odt, built by tests/fixtures/make_office.py."""
    spec = importlib.util.spec_from_file_location("refcheck_fixture_make_office", FIXTURES / "make_office.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    folder = tmp_path_factory.mktemp("office")
    return {"docx": maker.make_docx(folder), "odt": maker.make_odt(folder)}


def _extract(path):
    return extract(read_document(path), load_pipeline(blank=True))


def test_docx_paragraphs_in_order_without_deleted_text_or_fallback_copies(office):
    doc = read_document(office["docx"])
    assert doc.format is Format.WORD
    body = [p for p in doc.text.split("\n\n") if p.strip() and not p.startswith("[^")]  # the notes come first
    assert body[:7] == [
        "Methods",
        "Attention replaced recurrence (Vaswani et al., 2017, p. 5).",
        "Prospect theory changed economics[^1] : it did.",  # "[^1]:" would read as a note definition
        "A table cell says little.",
        "Two works agree (Steele & Aronson, 1995; Goodfellow et al., 2016) on this.[^i]",
        "Box text.",
        "A key-bearing field (Kahneman & Tversky, 1979) closes.",
    ]
    assert "DELETED" not in doc.text and "FALLBACK" not in doc.text


def test_docx_footnotes_and_endnotes_with_word_numbering_and_paragraph_locations(office):
    ex = _extract(office["docx"])
    notes = {n.label: n for n in ex.footnotes}
    assert list(notes) == ["1", "i"]
    assert notes["1"].text.startswith("Kahneman, D., & Tversky, A. (1979). Prospect theory")
    assert notes["1"].references[0].year == "1979"
    markers = [(c.label, c.location.line, c.location.column) for c in ex.citations if c.kind is CitationKind.FOOTNOTE]
    assert markers == [("1", 3, 33), ("i", 5, 74)]  # paragraph 3, after "economics"
    assert not ex.markers_without_text  # the notes are read although a bibliography ends the body
    assert [i.reference.year for i in ex.reference_list] == ["1979"]


def test_docx_zotero_and_mendeley_fields_carry_their_item_data(office):
    ex = _extract(office["docx"])
    fields = [c for c in ex.citations if c.kind is not CitationKind.FOOTNOTE]
    assert [(c.kind.value, c.label, c.location.line, c.locator) for c in fields] == [
        ("author-year", "Goodfellow et al. (2016)", 5, "p. 120"),  # a field inside endnote i (its marker: paragraph 5)
        ("author-year", "Vaswani et al., 2017", 2, "p. 5"),  # Zotero, with a page locator
        ("author-year", "Steele & Aronson, 1995", 5, None),  # one Mendeley field, two items
        ("author-year", "Goodfellow et al., 2016", 5, None),
        ("latex", "kahneman1979prospect", 7, None),  # item data with a citation key
    ]
    steele = fields[2]
    assert steele.references[0].doi == "10.1037/0022-3514.69.5.797"
    assert steele.mention.names == ("Steele", "Aronson") and steele.mention.year == "1995"
    assert fields[1].mention.et_al and fields[1].references[0].title == "Attention is all you need"


def test_odt_notes_and_zotero_reference_marks(office):
    ex = _extract(office["odt"])
    notes = {n.label: n.text for n in ex.footnotes}
    assert notes["1"].startswith("Kahneman, D., & Tversky, A. (1979)") and notes["i"].startswith("He, K.")
    assert [(c.kind.value, c.label, c.location.line) for c in ex.citations] == [
        ("footnote", "1", 2), ("footnote", "i", 3), ("author-year", "Steele & Aronson, 1995", 4),
    ]
    assert "It still does." in ex.body


def test_a_damaged_package_is_one_error_naming_the_file(tmp_path):
    for name in ("bad.docx", "bad.odt"):
        (tmp_path / name).write_text("not a zip", encoding="utf-8")
        with pytest.raises(InputError) as info:
            read_document(tmp_path / name)
        assert info.value.path == str(tmp_path / name) and "not a" in info.value.message
