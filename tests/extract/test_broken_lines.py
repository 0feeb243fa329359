"""Citations broken across a line end are whole citations; a blank line still ends them."""

from __future__ import annotations


def test_author_year_broken_across_lines(extract_doc):
    ex = extract_doc("broken_lines.md", blank=True)
    assert [(c.label, c.location.line, c.mention.year) for c in ex.citations] == [
        ("Steele & Aronson, 1995", 1, "1995"),
        ("Kahneman and Tversky 1979", 2, "1979"),
    ]
    assert ex.citations[0].mention.names == ("Steele", "Aronson")


def test_textcite_opening_a_sentence_belongs_to_that_sentence(extract_doc):
    [intro_textcite] = [c for c in extract_doc("thesis/thesis.tex", blank=True).citations
                        if c.location.path.endswith("intro.tex") and c.narrative]
    assert intro_textcite.claim.text.endswith("wrote the textbook.")
    assert "Stereotype" not in intro_textcite.claim.text
