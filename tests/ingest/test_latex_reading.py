"""The LaTeX reader keeps what TeX reads: conditionals, macros that cite, \\includeonly, \\import, a package's .bib."""

from __future__ import annotations

import re

from refcheck.ingest import read_document


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _keys(doc) -> list[str]:
    return [k.strip() for m in re.finditer(r"\\cite[tp]?(?:\[[^\]]*\])*\{([^{}]*)\}", doc.text) for k in m.group(1).split(",")]


def test_iffalse_else_and_nested_conditionals(tmp_path):
    main = _write(tmp_path / "main.tex", "\\newif\\ifdraft\n\\begin{document}\n\\iffalse \\ifdraft \\cite{a}\\fi \\cite{b}"
                  "\\else \\cite{c}\\fi\n\\iffalse\n% \\fi in a comment does not count\n\\cite{d}\n\\fi \\cite{e}\n\\end{document}\n")
    assert _keys(read_document(main)) == ["c", "e"]


def test_xparse_value_tests_pick_a_branch_and_an_unknown_test_keeps_both(tmp_path):
    main = _write(tmp_path / "main.tex", r"""\NewDocumentCommand{\see}{o m}{\IfValueTF{#1}{\citep[#1]{#2}}{\citep{#2}}}
\def\both#1{\ifthenelse{\boolean{short}}{\citet{#1}}{\citep{#1}}}
\begin{document}
One \see[p.~3]{a}. Two \see{b}. Three \both{c}.
\end{document}
""")
    doc = read_document(main)
    assert _keys(doc) == ["a", "b", "c", "c"]
    assert "\\citep[p.~3]{a}" in doc.text
    where = doc.source.locate(doc.text.index("\\citep{b}"))
    assert (where.line, where.column) == (4, 24)  # the macro's use, in the file


def test_includeonly_import_and_a_library_named_by_a_local_package(tmp_path):
    _write(tmp_path / "chapters" / "one.tex", "\\cite{one}\n")
    _write(tmp_path / "chapters" / "two.tex", "\\cite{two}\n")
    _write(tmp_path / "parts" / "three.tex", "\\cite{three}\n")
    _write(tmp_path / "mystyle.sty", "\\RequirePackage{biblatex}\n\\addbibresource{refs.bib}\n")
    _write(tmp_path / "refs.bib", "@misc{one, title = {One}}\n")
    main = _write(tmp_path / "main.tex", "\\documentclass{article}\n\\usepackage{mystyle}\n\\includeonly{chapters/one}\n"
                  "\\begin{document}\n\\include{chapters/one}\n\\include{chapters/two}\n\\import{parts/}{three}\n\\end{document}\n")
    doc = read_document(main)
    assert _keys(doc) == ["one", "three"]
    assert doc.bibliography == (str(tmp_path / "refs.bib"),)


def test_audit_without_bib_finds_the_library_a_local_package_adds(tmp_path):
    from refcheck.ingest.declared import declared_libraries

    _write(tmp_path / "phdstyle.sty", "\\RequirePackage[backend=biber]{biblatex}\n\\addbibresource{bibliography.bib}\n")
    _write(tmp_path / "bibliography.bib", "@misc{a, title = {A}}\n")
    main = _write(tmp_path / "main.tex", "\\documentclass{report}\n\\usepackage{phdstyle}\n\\begin{document}\\cite{a}\\end{document}\n")
    assert declared_libraries([str(main)]) == [str(tmp_path / "bibliography.bib")]
