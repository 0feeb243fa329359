"""`refcheck bib rekey`: \\cite keys and Pandoc @keys renamed by the map `bib clean --aliases` writes."""

from __future__ import annotations

from bib_cli_support import run

ALIASES = "# refcheck bib clean: merged key<TAB>kept key\nMoisio_2013\tmoisio2013\nold\tnew\n"
TEX = "See \\cite{Moisio_2013} and \\citep[p.~4]{kim, Moisio_2013}.\n\\cites[see][]{old}{x, old}\n\\nocite{old}\n"
MD = "As shown [@Moisio_2013; @kim, p. 4] and @old says. Mail a@old.org.\n"


def _files(tmp_path):
    (tmp_path / "aliases.tsv").write_text(ALIASES)
    (tmp_path / "paper.tex").write_text(TEX)
    (tmp_path / "notes.md").write_text(MD)


def test_rekey_prints_a_diff_and_leaves_the_sources(tmp_path, capsys):
    _files(tmp_path)
    code, out, err = run(capsys, "bib", "rekey", str(tmp_path / "paper.tex"), "--aliases", str(tmp_path / "aliases.tsv"))
    assert code == 0
    assert "+See \\cite{moisio2013} and \\citep[p.~4]{kim, moisio2013}." in out
    assert "+\\cites[see][]{new}{x, new}" in out
    assert "+\\nocite{new}" in out
    assert "5 citation key(s) renamed" in err
    assert (tmp_path / "paper.tex").read_text() == TEX


def test_rekey_in_place_rewrites_latex_and_markdown_in_a_folder(tmp_path, capsys):
    _files(tmp_path)
    code, _out, _err = run(capsys, "bib", "rekey", str(tmp_path), "--aliases", str(tmp_path / "aliases.tsv"), "--in-place")
    assert code == 0
    assert (tmp_path / "notes.md").read_text() == "As shown [@moisio2013; @kim, p. 4] and @new says. Mail a@old.org.\n"
    assert "\\cite{moisio2013}" in (tmp_path / "paper.tex").read_text()
    assert (tmp_path / "paper.tex.bak").read_text() == TEX


def test_a_missing_alias_file_is_exit_2(tmp_path, capsys):
    (tmp_path / "paper.tex").write_text(TEX)
    code, _out, err = run(capsys, "bib", "rekey", str(tmp_path / "paper.tex"), "--aliases", str(tmp_path / "none.tsv"))
    assert code == 2 and "none.tsv" in err
