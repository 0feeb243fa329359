"""Citations by library key in Pandoc, MyST, Typst and Org documents: keys, places, locators; what is not a citation."""

from __future__ import annotations

from support import DOCS, FIXTURES

from refcheck.ingest import read_document
from refcheck.model import CitationKind


def cites(ex):
    return [(c.key, c.location.line, c.location.column, c.locator, c.narrative) for c in ex.citations if c.kind is CitationKind.LATEX]


def test_pandoc_citation_forms(extract_doc):
    ex = extract_doc("pandoc_citations.md", blank=True)
    assert cites(ex) == [
        ("vaswani2017attention", 10, 32, None, False),
        ("kahneman1979prospect", 11, 12, "p. 4", False),  # [see @a, p. 4; @b, ch. 2]
        ("steele1995stereotype", 11, 41, "ch. 2", False),
        ("vangogh1888letters", 12, 1, "p. 3", True),  # @key [p. 3] is narrative
        ("theo1890letters", 12, 68, None, False),  # [-@key]
        ("kahneman1979prospect", 13, 33, None, False),  # a group broken across lines
        ("goodfellow2016deep", 14, 1, None, False),
        ("10.1000/xyz.123", 18, 2, None, False),  # @{braced key}
        ("steele1995stereotype", 29, 20, "p. 12", True),  # inside a footnote
    ]


def test_pandoc_non_citations_are_left_alone(extract_doc):
    ex = extract_doc("pandoc_citations.md", blank=True)
    keys = {c.key for c in ex.citations}
    # cross-references, bookdown's \@ref, an e-mail, code spans, a fenced block, an HTML comment
    for not_a_key in ("fig-results", "tbl-data", "sec-method", "ref", "example.org", "notacite", "fenced2020example",
                      "commented2019out", "codeinnote"):
        assert not_a_key not in keys
    assert [c.label for c in ex.citations if c.kind is CitationKind.FOOTNOTE] == ["1", "aside"]  # not [^9], [^8] in code
    assert not ex.markers_without_text
    # in a document that cites by key, notes are prose (as \footnote in LaTeX), not references to resolve
    assert [(n.label, n.references) for n in ex.footnotes] == [("1", ()), ("aside", ())]


def test_front_matter_names_the_library_and_nocite_keys():
    doc = read_document(DOCS / "pandoc_citations.md")
    assert doc.bibliography == (str(FIXTURES / "bib" / "csl_library.json"),)
    assert doc.nocite == ("who2020report",)
    assert doc.text.splitlines()[1].strip() == ""  # the front matter is not prose
    assert len(doc.text) == len((DOCS / "pandoc_citations.md").read_text(encoding="utf-8"))


def test_myst_roles(extract_doc):
    ex = extract_doc("myst_citations.md", blank=True)
    assert cites(ex) == [
        ("vaswani2017attention", 9, 23, None, False),
        ("kahneman1979prospect", 10, 10, None, True),  # cite:t is textual
        ("steele1995stereotype", 10, 64, None, False),
        ("goodfellow2016deep", 10, 85, None, False),
        ("vangogh1888letters", 11, 27, "p. 3", False),  # {pre}key{post}
    ]  # not the roles in a code cell or in an inline code example


def test_typst_references_and_cite_calls(extract_doc):
    ex = extract_doc("typst_citations.typ", blank=True)
    assert cites(ex) == [
        ("vaswani2017attention", 4, 31, None, False),
        ("kahneman1979prospect", 5, 1, "p. 263", False),  # @key[supplement]
        ("steele1995stereotype", 5, 47, None, True),  # form: "prose"
        ("goodfellow2016deep", 6, 27, "ch. 6", False),
        ("vangogh1888letters", 7, 18, None, False),  # #cite("key"), before Typst 0.11
    ]  # not @intro / @fig-setup (labels of the document), e-mails, comments, raw text, a URL
    assert read_document(DOCS / "typst_citations.typ").bibliography == (str(FIXTURES / "bib" / "csl_library.json"),)


def test_org_cite_and_org_ref(extract_doc):
    ex = extract_doc("org_citations.org", blank=True)
    assert cites(ex) == [
        ("vaswani2017attention", 5, 37, None, False),
        ("kahneman1979prospect", 6, 17, "p. 4", False),
        ("steele1995stereotype", 6, 45, None, False),
        ("goodfellow2016deep", 7, 9, None, True),  # [cite/t:...]
        ("vangogh1888letters", 7, 69, None, False),  # org-ref cite:&key
        ("who2020report", 8, 11, None, False),
        ("theo1890letters", 8, 25, None, False),
    ]  # not in a comment line, =verbatim= or a source block
    assert read_document(DOCS / "org_citations.org").bibliography == (str(FIXTURES / "bib" / "csl_library.json"),)
