"""LaTeX, numeric, author-year and web citations, each from a fixture document."""

from __future__ import annotations


def by_label(ex):
    return {c.label: c for c in ex.citations}


def test_latex_cite_commands(extract_doc):
    ex = extract_doc("latex_cites.tex")
    keys = [c.key for c in ex.citations]
    assert keys == [
        "hochreiter1997long", "graves2005framewise", "rumelhart1986learning", "he2016deep",
        "vaswani2017attention", "devlin2019bert", "kingma2015adam", "srivastava2014dropout",
        "goodfellow2016deep", "krizhevsky2012imagenet", "after2020percent",
    ]
    cites = by_label(ex)
    assert cites["rumelhart1986learning"].locator == "p.~4"
    assert cites["he2016deep"].narrative
    assert "commented2019out" not in cites  # inside a % comment


def test_latex_cite_in_footnote_takes_the_host_sentence(extract_doc):
    ex = extract_doc("latex_cites.tex")
    claim = by_label(ex)["srivastava2014dropout"].claim.text
    assert claim.startswith("A note cites and another sentence has a footnote")


def test_latex_names_written_before_the_cite(extract_doc):
    c = by_label(extract_doc("latex_cites.tex"))["krizhevsky2012imagenet"]
    assert c.mention.names == ("Krizhevski",) and c.mention.et_al
    assert c.claim.text == "Krizhevski et al. won in 2012."


def test_latex_bibitems_are_the_reference_list(extract_doc):
    ex = extract_doc("latex_cites.tex")
    assert [i.label for i in ex.reference_list] == ["hochreiter1997long", "he2016deep"]
    assert ex.reference_list[0].location.line == 13


def test_numeric_brackets_through_the_numbered_list(extract_doc):
    ex = extract_doc("numeric.md")
    assert [c.label for c in ex.citations] == ["1", "2", "3", "3", "4", "5"]
    assert all(c.references for c in ex.citations)
    assert ex.citations[0].references[0].raw.startswith("A. Vaswani et al.")


def test_author_year_parenthetical_and_narrative(extract_doc):
    ex = extract_doc("authoryear.md")
    labels = [c.label for c in ex.citations]
    assert labels == [
        "Diamond & Dybvig, 1983",
        "Lee et al. 2020a",
        "Smith et al. (2019)",
        "Kim Dae-jung (1994)",
        "Kahneman and Tversky (1979)",
        "De la Croix & Doepke, 2003",
    ]
    cites = by_label(ex)
    assert cites["Lee et al. 2020a"].locator == "p. 4"
    assert cites["Lee et al. 2020a"].mention.year == "2020"
    assert cites["Kim Dae-jung (1994)"].mention.names == ("Kim Dae-jung",)
    assert cites["Smith et al. (2019)"].narrative


def test_web_citations_with_their_lines(extract_doc):
    ex = extract_doc("web_citations.txt")
    found = [(c.label, c.location.line) for c in ex.citations]
    assert found == [("source", 3), ("EnewsWorld", 5), ("read more", 7)]
    assert all(c.kind.value == "web" for c in ex.citations)


def test_latex_year_written_after_the_cite_by_an_authorship_verb(tmp_path):
    from refcheck.extract import extract
    from refcheck.ingest import read_document

    doc = tmp_path / "v.tex"
    doc.write_text(
        "\\begin{document}\nAs Vaswnai et al.~\\cite{vaswani2017} showed in 2016, attention suffices.\n"
        "Smith~\\cite{smith2010} measured the flood in 2016.\n\\end{document}\n",
        encoding="utf-8",
    )
    cites = {c.key: c for c in extract(read_document(str(doc))).citations}
    assert cites["vaswani2017"].mention.names == ("Vaswnai",) and cites["vaswani2017"].mention.year == "2016"
    assert cites["smith2010"].mention.year is None  # an event's date, not the work's


def test_a_latex_narrative_citation_opening_a_sentence_takes_that_sentence(tmp_path):
    from refcheck.extract import extract
    from refcheck.ingest import read_document

    doc = tmp_path / "n.tex"
    doc.write_text(
        "\\begin{document}\nGlitches could be studied in other stars with space missions. "
        "\\citet{miglio2010,mazumdar2012} were the first to measure glitch signatures in other stars. "
        "\\citeauthor{verma2019} found more.\n\\end{document}\n",
        encoding="utf-8",
    )
    cites = {c.key: c for c in extract(read_document(str(doc))).citations}
    assert cites["miglio2010"].claim.text.startswith("were the first to measure glitch signatures")
    assert cites["mazumdar2012"].claim.text == cites["miglio2010"].claim.text
    assert cites["verma2019"].claim.text == "found more."
