"""The text, Markdown and LaTeX readers, decoding, and reading folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.ingest import Document, Format, iter_documents, read_document


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _error(path) -> InputError:
    with pytest.raises(InputError) as info:
        read_document(path)
    return info.value


# --- paths -----------------------------------------------------------------------


def test_missing_file(tmp_path):
    err = _error(tmp_path / "nope.txt")
    assert err.message == "no such file or folder"
    assert err.path == str(tmp_path / "nope.txt")
    [only] = list(iter_documents([str(tmp_path / "nope.txt")]))
    assert isinstance(only, InputError) and only.path == str(tmp_path / "nope.txt")


def test_a_folder_is_not_a_document_and_unknown_suffixes_are_refused(tmp_path):
    assert _error(tmp_path).message.startswith("is a folder")
    err = _error(_write(tmp_path / "notes.rtf", "x"))
    assert err.message.startswith("unsupported document type '.rtf'")


def test_folder_with_no_documents(tmp_path):
    _write(tmp_path / "image.png", b"\x89PNG")
    _write(tmp_path / ".hidden" / "secret.txt", "hidden")
    [only] = list(iter_documents([str(tmp_path)]))
    assert isinstance(only, InputError)
    assert only.path == str(tmp_path)
    assert only.message.startswith("no documents in this folder")


def test_text_and_markdown(tmp_path):
    doc = read_document(_write(tmp_path / "a.txt", "\ufeffone\r\ntwo\rthree\n"))
    assert (doc.format, doc.text, doc.encoding) == (Format.TEXT, "one\ntwo\nthree\n", "utf-8")
    assert doc.source.locate(doc.text.index("three")).line == 3
    md = read_document(_write(tmp_path / "b.md", "# Title\n\nText[^1].\n"))
    assert md.format is Format.MARKDOWN and md.text == "# Title\n\nText[^1].\n"
    assert str(md.source.locate(md.text.index("Text"))) == f"{tmp_path / 'b.md'}:3:1"


# --- decoding --------------------------------------------------------------------


def test_binary_file(tmp_path):
    err = _error(_write(tmp_path / "data.txt", b"\x00\x01\x02binary\x00" * 20))
    assert err.message == "binary file, not a text document"
    assert err.path == str(tmp_path / "data.txt")


def test_non_utf8_text_names_the_line_of_the_first_bad_byte(tmp_path):
    path = _write(tmp_path / "latin.txt", "first line\nsecond line\ncaf\xe9 au lait\n".encode("latin-1"))
    err = _error(path)
    assert err.line == 3
    assert err.message == "not UTF-8 text (byte 0xe9); save it as UTF-8"
    assert str(err) == f"{path}:3: not UTF-8 text (byte 0xe9); save it as UTF-8"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xef\xbb\xbfa\n\xff rest\n", 2),  # after a BOM the decoder's offsets skip it
        (b"one\rtwo\r\xff\r", 3),  # old Mac line ends count as lines, as in the text
        (b"one\r\ntwo\r\n\xff\r\n", 3),
    ],
)
def test_bad_byte_line_agrees_with_the_text_lines(tmp_path, data, line):
    err = _error(_write(tmp_path / "bad.txt", data))
    assert (err.line, err.message) == (line, "not UTF-8 text (byte 0xff); save it as UTF-8")


# --- LaTeX -----------------------------------------------------------------------


def test_latin1_tex_is_read(tmp_path):
    doc = read_document(_write(tmp_path / "old.tex", "Caf\xe9 et cr\xe8me.\n".encode("latin-1")))
    assert doc.format is Format.LATEX
    assert doc.text == "Café et crème.\n"
    assert doc.encoding == "latin-1"


def test_inputenc_declared_encoding_is_used(tmp_path):
    data = b"\\usepackage[ansinew]{inputenc}\n\x93quoted\x94\n"
    doc = read_document(_write(tmp_path / "win.tex", data))
    assert doc.encoding == "cp1252"
    assert "\u201cquoted\u201d" in doc.text
    utf8 = read_document(_write(tmp_path / "new.tex", "\\usepackage[latin1]{inputenc}\nCafé\n"))
    assert (utf8.encoding, utf8.text.split("\n")[1]) == ("utf-8", "Café")


def test_comments_are_dropped_and_escaped_percent_kept(tmp_path):
    src = "% a whole comment line\nRose 5\\% a year. % dropped \\cite{nope}\nline\\\\% also dropped\nEnd.\n"
    doc = read_document(_write(tmp_path / "c.tex", src))
    assert doc.text == "\nRose 5\\% a year. \nline\\\\\nEnd.\n"
    assert "nope" not in doc.text
    where = doc.source.locate(doc.text.index("End"))
    assert (where.line, where.column) == (4, 1)  # lines still count as in the file


def test_input_is_inlined_with_locations_in_the_included_file(tmp_path):
    main = _write(tmp_path / "main.tex", "Intro.\n\\input{sub}\nAfter \\cite{a}.\n")
    _write(tmp_path / "sub.tex", "Sub line one.\nSub cites \\cite{b}. % comment\n")
    doc = read_document(main)
    assert doc.text == "Intro.\nSub line one.\nSub cites \\cite{b}. \n\nAfter \\cite{a}.\n"
    where = doc.source.locate(doc.text.index("\\cite{b}"))
    assert (where.path, where.line, where.column) == (str(tmp_path / "sub.tex"), 2, 11)
    where = doc.source.locate(doc.text.index("\\cite{a}"))
    assert (where.path, where.line) == (str(main), 3)


def test_nested_input_in_a_subfolder(tmp_path):
    main = _write(tmp_path / "doc" / "main.tex", "\\include{chapters/one}\n")
    _write(tmp_path / "doc" / "chapters" / "one.tex", "Chapter one.\n\\input{chapters/two.tex}\n")
    _write(tmp_path / "doc" / "chapters" / "two.tex", "Chapter two.\n")
    doc = read_document(main)
    assert "Chapter one.\nChapter two.\n" in doc.text
    assert doc.source.locate(doc.text.index("Chapter two")).path == str(tmp_path / "doc" / "chapters" / "two.tex")


def test_input_from_a_parent_folder_is_read_as_tex_reads_it(tmp_path, monkeypatch):
    # a thesis whose main file sits in main/ and \subfile-s ../chapter1/intro, as TeX allows: inside the project
    monkeypatch.chdir(tmp_path)  # the project: the working directory, which holds the document
    _write(tmp_path / "x.tex", "OUTSIDE TEXT\n")
    main = _write(tmp_path / "doc" / "main.tex", "Before.\n\\input{../x}\n\\input{/etc/hostname}\nAfter.\n")
    doc = read_document(main)
    assert "OUTSIDE TEXT" in doc.text
    assert doc.source.locate(doc.text.index("OUTSIDE")).path == str(tmp_path / "x.tex")
    assert "\\input{/etc/hostname}" in doc.text  # an absolute path names the TeX installation's files: not read


def test_missing_input_is_a_warning_naming_the_line_and_the_rest_is_read(tmp_path):
    main = _write(tmp_path / "main.tex", "One.\nTwo.\n\\input{gone}\nThree.\n")
    doc = read_document(main)
    assert doc.text.endswith("Three.\n")
    [warning] = doc.warnings
    assert warning.startswith(f"{main}:3: ") and "no such file gone.tex" in warning


def test_self_input_does_not_loop(tmp_path):
    main = _write(tmp_path / "main.tex", "Text.\n\\input{main}\n")
    assert read_document(main).text == "Text.\n\\input{main}\n"  # left as written, not inlined


# --- folders ---------------------------------------------------------------------


def test_folder_reports_a_bad_file_and_reads_the_others(tmp_path):
    _write(tmp_path / "a.txt", "good text\n")
    _write(tmp_path / "b.txt", "bad \xff byte\n".encode("latin-1"))
    _write(tmp_path / "c.md", "more good text\n")
    _write(tmp_path / "notes.csv", "not a document\n")
    results = list(iter_documents([str(tmp_path)]))
    assert [type(r) for r in results] == [Document, InputError, Document]
    assert [r.path for r in results] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.md")]
    assert results[1].line == 1


def test_folder_reads_included_tex_only_as_part_of_its_document(tmp_path):
    _write(tmp_path / "main.tex", "Main.\n\\input{part}\n")
    _write(tmp_path / "part.tex", "Part.\n")
    _write(tmp_path / "other.tex", "Other.\n")
    results = list(iter_documents([str(tmp_path)]))
    assert [Path(r.path).name for r in results] == ["main.tex", "other.tex"]
    assert "Part." in results[0].text


def test_several_paths_one_missing(tmp_path):
    good = _write(tmp_path / "good.txt", "fine\n")
    results = list(iter_documents([str(tmp_path / "missing"), str(good)]))
    assert isinstance(results[0], InputError) and results[0].message == "no such file or folder"
    assert isinstance(results[1], Document) and results[1].text == "fine\n"


def test_folder_still_reads_a_tex_file_that_inputs_itself(tmp_path):
    _write(tmp_path / "self.tex", "Text.\n\\input{self}\n")
    [doc] = list(iter_documents([str(tmp_path)]))
    assert isinstance(doc, Document) and doc.text == "Text.\n\\input{self}\n"
