"""The PDF reader: pages in order, `<sup>N</sup>` markers, `---` footnote blocks, clean errors."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.ingest import Format, iter_documents, read_document
from refcheck.ingest.pdf import PdfReader

_MAKER = Path(__file__).resolve().parents[1] / "fixtures" / "make_pdfs.py"


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory) -> Path:
    """A folder with every fixture PDF (tests/fixtures/make_pdfs.py), built once per session."""
    spec = importlib.util.spec_from_file_location("refcheck_fixture_make_pdfs", _MAKER)
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    folder = tmp_path_factory.mktemp("pdfs")
    maker.make_all(folder)
    return folder


@pytest.fixture(scope="module")
def article(pdf_dir):
    return read_document(pdf_dir / "article.pdf")


def _blocks(text: str) -> list[list[str]]:
    """The footnote blocks: the lines between a `---` line and the next."""
    return [block.split("\n") for block in re.findall(r"^---\n(.*?)\n---$", text, re.S | re.M)]


# --- markers ---------------------------------------------------------------


def test_markers_are_written_as_sup_tags_where_they_stand(article):
    text = article.text
    assert "see their own space<sup>1</sup>, and critics warned of" in text  # smaller font + Ts rise
    assert "the territorial trap<sup>2</sup> long before that" in text
    assert "but they are also practices<sup>3</sup>\n" in text  # own text object, raised baseline, no Ts
    assert "the lines that separate us<sup>4</sup>. The rest of" in text
    assert "this paper follows that turn<sup>5,6</sup>.\n" in text  # a list set as one superscript
    assert re.findall(r"<sup>(.*?)</sup>", text) == ["1", "2", "3", "4", "5,6"]


def test_subscripts_and_plain_digits_are_not_markers(pdf_dir):
    text = read_document(pdf_dir / "listing.pdf").text
    assert "<sup>" not in text
    assert "Water is H2O, and the header" in text


def test_marker_locates_to_its_page_and_line(article):
    text = article.text
    for label, page, line in (("1", 1, 3), ("3", 1, 4), ("4", 2, 1)):
        at = text.index(f"<sup>{label}</sup>")
        for offset in (at, at + len("<sup>")):  # the tag (glue) and the digit itself
            where = article.source.locate(offset)
            assert (where.path, where.page, where.line) == (str(article.path), page, line)
        origin, inside = article.source.origin_of(at + len("<sup>"))
        assert origin.page == page
        assert origin.text[inside] == label  # the digit maps onto the digit in the page's text
        assert origin.text.split("\n")[line - 1][where.column - 1] == label


def test_locations_use_the_path_as_given(pdf_dir, monkeypatch):
    monkeypatch.chdir(pdf_dir)
    doc = read_document("article.pdf")
    assert doc.path == "article.pdf"
    assert doc.format is Format.PDF
    where = doc.source.locate(doc.text.index("<sup>2</sup>"))
    assert str(where) == "article.pdf:4:21 (page 1)"


# --- footnote blocks, page furniture ---------------------------------------


def test_page_bottom_footnotes_form_a_block_between_rules(article):
    first, second = _blocks(article.text)
    assert first == [
        "1 Sami Moisio, Anssi Paasi. From geopolitical to geoeconomic? The changing political"
        " rationalities of state space.",
        "Geopolitics 18(2), 2013, pp. 267-283.",
        "2 John Agnew. The territorial trap. Review of International Political Economy 1(1), 1994.",
        "3 Ibid., p. 59; the same point is made at length in the",
    ]
    # page 2 opens its footnote area with the rest of note 3, then note 4
    assert second == [
        "second chapter of that paper, pp. 61-80.",
        "4 David Newman. The lines that continue to separate us. Progress in Human Geography 30(2), 2006.",
        "5 Anssi Paasi. Bounded spaces in a borderless world: border studies, power and the anatomy of territory."
        " Journal of Power",
        "2(2), 2009, pp. 213-234.",  # a continuation line that starts with a digit
        "6 Ibid.",
    ]


def test_footnotes_are_found_when_they_outweigh_the_body_text(article):
    """The article has more footnote characters than body characters: the body size is not the commonest."""
    def chars(text: str) -> int:
        return len(re.sub(r"\s|</?sup>", "", text))

    notes = "\n".join("\n".join(b) for b in _blocks(article.text))
    body = re.sub(r"^---\n.*?\n---$", "", article.text, flags=re.S | re.M)
    assert chars(notes) > chars(body)
    assert len(_blocks(article.text)) == 2


def test_a_note_number_set_as_superscript_gets_a_space_not_tags(article):
    # pypdf extracts "2John": the number is raised and set against the text
    assert "\n2 John Agnew." in article.text
    where = article.source.locate(article.text.index("2 John"))
    assert (where.page, where.line, where.column) == (1, 8, 1)


def test_body_text_stays_as_extracted_and_page_numbers_are_dropped(article):
    text = article.text
    # the sentence cut by the page break stays cut, around page 1's footnote block
    assert "This view became common in the second\n---\n1 Sami" in text
    assert "pp. 61-80.\n4 David" in text
    assert "in the\n---\nhalf of the century, when border studies" in text
    assert text.startswith("Borders and States\nThe state has been read")
    assert text.endswith("\n6 Ibid.\n---")
    lines = text.split("\n")
    assert "1" not in lines and "2" not in lines  # the page numbers
    assert article.source.locate(text.index("half of the century")).page == 2


def test_footnote_line_locates_to_its_place_on_the_page(article):
    where = article.source.locate(article.text.index("4 David Newman"))
    assert (where.page, where.line, where.column) == (2, 4, 1)
    where = article.source.locate(article.text.index("Geopolitics 18(2)"))
    assert (where.page, where.line) == (1, 7)


def test_numbered_small_lines_without_markers_are_not_footnotes(pdf_dir):
    text = read_document(pdf_dir / "listing.pdf").text
    assert "---" not in text
    assert text.endswith("2 CARD16 MAJOR_VERSION\n2 CARD16 MINOR_VERSION\n4 CARD32 ALIAS_LIST_OFFSET")


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted.pdf", "encrypted PDF; decrypt it first"),
        ("corrupt.pdf", "corrupt or unreadable PDF"),
        ("no-text.pdf", "no text layer (a scanned PDF?)"),
    ],
)
def test_bad_pdfs_raise_input_error_naming_the_file(pdf_dir, monkeypatch, capfd, name, message):
    monkeypatch.chdir(pdf_dir)
    with pytest.raises(InputError) as info:
        read_document(name)
    err = info.value
    assert err.path == name
    assert err.message.startswith(message)
    assert "\n" not in str(err)
    assert str(err).startswith(f"{name}: ")
    out, errout = capfd.readouterr()
    assert out == "" and errout == ""


def test_owner_password_only_opens_with_the_empty_password(pdf_dir):
    doc = read_document(pdf_dir / "owner-only.pdf")
    assert doc.text == "Readable text under an empty user password."


def test_not_a_pdf_and_empty_file(tmp_path):
    for name, data in (("notes.pdf", b"just some text\n"), ("empty.pdf", b""), ("header.pdf", b"%PDF-1.7\n")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as info:
            read_document(tmp_path / name)
        assert info.value.path == str(tmp_path / name)
        assert "PDF" in info.value.message


def test_damaged_but_repairable_pdf_is_read_quietly(pdf_dir, tmp_path, capfd):
    data = (pdf_dir / "article.pdf").read_bytes()
    cut = data.index(b"\n") + 1
    shifted = tmp_path / "shifted.pdf"  # every xref offset is wrong: pypdf warns and repairs
    shifted.write_bytes(data[:cut] + b"%" + b"x" * 300 + b"\n" + data[cut:])
    doc = read_document(shifted)
    assert "<sup>1</sup>" in doc.text
    assert capfd.readouterr().err == ""


def test_aes_without_its_crypto_package_is_an_input_error(pdf_dir, monkeypatch):
    import pypdf
    from pypdf.errors import DependencyError

    def decrypt(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", decrypt)  # as pypdf does for AES without the package
    with pytest.raises(InputError) as info:
        PdfReader().read(pdf_dir / "owner-only.pdf", "a.pdf")
    assert info.value.path == "a.pdf"
    assert re.match(r"encrypted PDF; decrypt it first \(.*'cryptography'", info.value.message)


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (KeyError("/Resources"), "corrupt PDF: cannot extract the text of page 1 (KeyError: '/Resources')"),
        (RecursionError("maximum recursion depth exceeded"), "corrupt PDF: cannot extract the text of page 1 ("),
        ("aes", "encrypted PDF; decrypt it first (its AES encryption needs the 'cryptography' package)"),
    ],
)
def test_any_pypdf_failure_while_extracting_is_an_input_error(pdf_dir, monkeypatch, exc, message):
    import pypdf
    from pypdf.errors import DependencyError

    if exc == "aes":  # pypdf decrypts AES streams lazily, as it reads them
        exc = DependencyError("cryptography>=3.1 is required for AES algorithm")

    def broken(self, *args, **kwargs):
        raise exc

    monkeypatch.setattr(pypdf.PageObject, "extract_text", broken)
    with pytest.raises(InputError) as info:
        read_document(pdf_dir / "article.pdf")
    assert info.value.message.startswith(message)
    assert info.value.path == str(pdf_dir / "article.pdf")


def test_no_traceback_or_warning_reaches_the_user(pdf_dir, tmp_path):
    """In a fresh interpreter (no pytest log capture): only our one-line messages come out."""
    data = (pdf_dir / "article.pdf").read_bytes()
    cut = data.index(b"\n") + 1
    (tmp_path / "shifted.pdf").write_bytes(data[:cut] + b"%" + b"x" * 300 + b"\n" + data[cut:])
    names = ["encrypted.pdf", "corrupt.pdf", "no-text.pdf", "owner-only.pdf"]
    paths = [str(pdf_dir / n) for n in names] + [str(tmp_path / "shifted.pdf")]
    script = textwrap.dedent(
        """
        import sys
        from refcheck.errors import InputError
        from refcheck.ingest import read_document
        for path in sys.argv[1:]:
            try:
                read_document(path)
                print("ok", path)
            except InputError as exc:
                print("error", exc)
        """
    )
    run = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert len(lines) == len(paths)
    assert lines[0] == f"error {paths[0]}: encrypted PDF; decrypt it first"
    assert lines[1].startswith(f"error {paths[1]}: corrupt or unreadable PDF (")
    assert lines[2] == f"error {paths[2]}: no text layer (a scanned PDF?)"
    assert lines[3:] == [f"ok {paths[3]}", f"ok {paths[4]}"]


# --- dispatch -------------------------------------------------------------------


def test_read_document_dispatches_pdf_to_the_pdf_reader(pdf_dir, tmp_path, monkeypatch):
    calls = []
    real = PdfReader.read

    def spy(self, path, shown):
        calls.append(shown)
        return real(self, path, shown)

    monkeypatch.setattr(PdfReader, "read", spy)
    upper = tmp_path / "ARTICLE.PDF"
    upper.write_bytes((pdf_dir / "article.pdf").read_bytes())
    for path in (pdf_dir / "article.pdf", upper):
        assert read_document(path).format is Format.PDF
    assert calls == [str(pdf_dir / "article.pdf"), str(upper)]


def test_a_folder_of_pdfs_reports_the_bad_ones_and_reads_the_rest(pdf_dir):
    results = {Path(r.path).name: r for r in iter_documents([str(pdf_dir)])}
    assert set(results) == {
        "article.pdf", "listing.pdf", "owner-only.pdf", "encrypted.pdf", "corrupt.pdf", "no-text.pdf"
    }
    bad = {name for name, r in results.items() if isinstance(r, InputError)}
    assert bad == {"encrypted.pdf", "corrupt.pdf", "no-text.pdf"}


def test_pypdf_is_imported_only_when_a_pdf_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("plain\n", encoding="utf-8")
    script = (
        "import sys; from refcheck.ingest import read_document; "
        f"read_document({str(tmp_path / 'a.txt')!r}); print('pypdf' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr
