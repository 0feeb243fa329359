"""`refcheck bib import`: the sample paper's 16 references as entries; Hangul kept; fields as parsed."""

from __future__ import annotations

from bib_cli_support import run

from support import extract_path
from refcheck.library import load_library
from refcheck.library.from_references import SOURCE_FIELD
from refcheck.library.latex import decode
from support import SAMPLE_PAPER


def _flat(s: str | None) -> str:
    return " ".join((s or "").split())


def test_the_sample_paper_gives_its_16_references_with_their_fields(tmp_path, capsys):
    out_bib = tmp_path / "imported.bib"
    code, out, err = run(capsys, "bib", "import", str(SAMPLE_PAPER), "-o", str(out_bib), "--blank-pipeline")
    assert code == 0 and out == "" and "16 entries" in err
    lib = load_library([str(out_bib)])
    assert len(lib.entries) == 16 and not lib.problems
    assert len({e.key for e in lib.entries}) == 16

    items = extract_path(str(SAMPLE_PAPER), True).reference_list  # as the extract stage parsed it
    assert len(items) == 16
    by_source = {_flat(decode(e.fields[SOURCE_FIELD])): e for e in lib.entries}
    for item in items:
        ref = item.reference
        e = by_source[_flat(ref.raw)]
        assert _flat(e.title) == _flat(ref.title)
        assert e.year == ref.year
        assert [a.literal or a.family for a in e.authors] == [a.literal or a.family for a in ref.authors]
        if ref.volume:
            assert e.volume == ref.volume
        if ref.pages:
            assert e.pages == ref.pages
        if ref.container and e.type == "article":
            assert _flat(e.container) == _flat(ref.container)


def test_hangul_entries_keep_their_hangul_titles_and_authors(tmp_path, capsys):
    code, out, _err = run(capsys, "bib", "import", str(SAMPLE_PAPER), "--blank-pipeline")
    assert code == 0
    assert "author    = {강, 준수}," in out
    assert "title     = {한일 풍속화 이벤트 전시를 통한 문화관광 교류 활성화 고찰}," in out
    assert "@article{gang2022hanil," in out
    assert "journal   = {국제학논총}," in out


def test_keys_taken_in_a_library_are_not_generated_again(tmp_path, capsys):
    taken = tmp_path / "mine.bib"
    taken.write_text("@article{kim2014legacies, title = {x}}\n")
    code, out, _err = run(capsys, "bib", "import", str(SAMPLE_PAPER), "--blank-pipeline", "--taken", str(taken))
    assert code == 0 and "@article{kim2014legaciesa," in out and "@article{kim2014legacies," not in out


def test_a_missing_document_is_exit_2(tmp_path, capsys):
    code, _out, err = run(capsys, "bib", "import", str(tmp_path / "nope.md"), "--blank-pipeline")
    assert code == 2 and "nope.md" in err
