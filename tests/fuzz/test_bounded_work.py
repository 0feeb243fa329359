"""Bounded work: what the fuzz run found slow grows linearly now, and what cannot be bounded is refused in one line.

Costs are counted (characters handed to the BibTeX splitter, name comparisons,
files inlined), not timed, so the tests hold on a loaded machine.
"""

from __future__ import annotations

import random
import zipfile

import pytest

from refcheck.errors import InputError
from refcheck.ingest import read_document
from refcheck.limits import MAX_LINE_CHARS


def test_a_run_of_broken_entries_is_parsed_in_linear_work(monkeypatch):
    # found by the fuzz run: each broken entry swallowed the rest, and the rest was parsed again (quadratic, and a
    # RecursionError past ~500 entries); `bib fix` and `bib clean` hung on a 190 kB file
    import bibtexparser

    from refcheck.library import bibfile

    handed = []
    real = bibtexparser.parse_string
    monkeypatch.setattr(bibtexparser, "parse_string", lambda text, **kw: handed.append(len(text)) or real(text, **kw))
    text = "@book{k,\n    editor = {Angelo, Denise and Coleman, Carolyn a" * 3000
    text += "\n@misc{good,\n  title = {Still here},\n  year = {2001},\n}\n"
    parsed = bibfile.parse_bib(text, "lib.bib", dict(bibfile.PREDEFINED))
    assert sum(handed) <= 8 * len(text)
    assert [e.fields for e in parsed.entries if e.key == "good"] == [{"title": "Still here", "year": "2001"}]
    assert len([p for p in parsed.problems if p.kind == "malformed"]) >= 3000


def test_name_variants_compare_few_pairs_among_many_authors_with_one_given_name(monkeypatch):
    # `bib lint` compared every pair of authors sharing a given name: quadratic in a library of many authors
    from refcheck.library import name_variants as nv

    calls = []
    real = nv.Levenshtein.distance
    monkeypatch.setattr(nv.Levenshtein, "distance", lambda a, b: calls.append(1) or real(a, b))

    class Author:
        def __init__(self, family):
            self.family, self.given, self.particle, self.literal = family, "Maria", "", None

    class Entry:
        def __init__(self, i, family):
            self.key, self.path, self.line, self.authors, self.editors = f"k{i}", "lib.bib", i, (Author(family),), ()

    rng = random.Random(13)
    families = sorted({"S" + "".join(rng.choice("aeioulnrst") for _ in range(9)) for _ in range(4000)})
    typo = families[0][:-1] + ("x" if families[0][-1] != "x" else "y")
    entries = [Entry(i, f) for i, f in enumerate(families)] + [Entry(len(families), typo)]  # one real typo pair
    variants = nv.name_variants(entries)
    assert len(calls) < 10 * len(entries)  # every pair would be ~8 million
    assert any(v.reason == "one letter" for v in variants)


def test_latex_inclusions_are_bounded_whatever_their_fan_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from refcheck.ingest import latex

    (tmp_path / "main.tex").write_text("Start.\n\\input{main}\n\\input{level0}\n", encoding="utf-8")
    for level in range(16):  # each includes the next twice: 65,536 inclusions unbounded
        (tmp_path / f"level{level}.tex").write_text(f"L{level}\n\\input{{level{level + 1}}}\n\\input{{level{level + 1}}}\n",
                                                    encoding="utf-8")  # fmt: skip
    (tmp_path / "level16.tex").write_text("Bottom.\n", encoding="utf-8")
    doc = read_document(tmp_path / "main.tex")
    assert doc.text.count("Bottom.") <= latex.MAX_INCLUSIONS
    assert any(f"more than {latex.MAX_INCLUSIONS}" in w for w in doc.warnings)


def test_a_long_paragraph_goes_to_spacy_in_chunks_that_cover_it():
    from refcheck.extract.claims import CHUNK, _chunks

    text = ("A sentence of some length that ends here. " * 2000) + ("x" * 25_000) + " tail"
    pieces = _chunks(text, 0, len(text))
    assert all(b - a <= CHUNK for a, b in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(pieces, pieces[1:]))
    assert text[pieces[0][1] - 1] == "."  # where a sentence ends, not mid-word


def test_a_line_over_the_limit_is_refused_naming_the_line_and_the_limit(tmp_path):
    path = tmp_path / "minified.md"
    path.write_text("Intro.\n\n" + "word " * (MAX_LINE_CHARS // 5 + 10) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}:3: line longer than 1,000,000 characters: not prose; not read"


def test_a_document_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: 200 MB long, nothing written
        f.truncate(200 * 2**20)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "larger than the limit of 64 MB for one document" in str(caught.value)


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "past the limit" in str(caught.value) and "200x its size" in str(caught.value)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path, monkeypatch):
    from fpdf import FPDF

    import refcheck.limits

    pdf = FPDF()
    for n in range(3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(100, 10, f"Page {n + 1} text.")
    pdf.output(str(tmp_path / "three.pdf"))
    monkeypatch.setattr(refcheck.limits, "MAX_PDF_PAGES", 2)
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "three.pdf")
    assert "3 pages: more than the limit of 2 pages" in str(caught.value)


def test_a_library_of_more_entries_than_fit_in_memory_is_refused_in_one_problem(tmp_path, monkeypatch):
    from refcheck.library import bounds
    from refcheck.library.load import load_library

    monkeypatch.setattr(bounds, "MAX_LIBRARY_ENTRIES", 50)
    path = tmp_path / "big.bib"
    path.write_text("".join(f"@misc{{k{i},\n  title = {{T{i}}},\n}}\n" for i in range(60)), encoding="utf-8")
    library = load_library([str(path)])
    assert len(library.entries) == 0
    [problem] = library.problems
    assert problem.message == "60 entries: more than the limit of 50 for one library; not read"


def test_a_latex_body_of_many_commands_is_laid_out_in_linear_time(tmp_path, monkeypatch):
    # found by the fuzz run: each command's optional argument was matched on a copy of the rest of the
    # document, 25 s of CPU for 27,000 `\inclu|ro}` lines; CPU time, not wall time, so load does not matter
    import time

    from refcheck.extract.latex_layout import latex_layout

    monkeypatch.chdir(tmp_path)
    (tmp_path / "main.tex").write_text("\\begin{document}\n" + "\\inclu|ro}\n" * 40_000 + "\\end{document}\n",
                                       encoding="utf-8")  # fmt: skip
    doc = read_document(tmp_path / "main.tex")
    start = time.process_time()
    latex_layout(doc.source)
    assert time.process_time() - start < 5


def test_thousands_of_unclosed_footnotes_are_laid_out_in_linear_time(tmp_path, monkeypatch):
    # found by the fuzz run: each unclosed `\footnote{` scanned the rest of the document for its brace (33 s of CPU)
    import time

    from refcheck.extract.latex_layout import latex_layout

    monkeypatch.chdir(tmp_path)
    body = "Text \\footnote{a {b} c} more.\n" + "\\footnote{" * 30_000 + "\nEnd.\n"
    (tmp_path / "main.tex").write_text("\\begin{document}\n" + body + "\\end{document}\n", encoding="utf-8")
    doc = read_document(tmp_path / "main.tex")
    start = time.process_time()
    result = latex_layout(doc.source)
    assert time.process_time() - start < 5
    assert len(result.notes) >= 1  # the closed note is still a note


def test_the_name_check_reads_each_distinct_sentence_once(tmp_path, monkeypatch, capsys):
    # found by the fuzz run: a sentence pasted 7,900 times went through spaCy's NER 7,900 times (22 s of CPU)
    from refcheck.checks.rules.claims import name_inconsistent
    from refcheck.cli import main
    from refcheck.extract.nlp import load_pipeline

    blank = load_pipeline(blank=True)
    read: list[str] = []

    class CountingNer:
        pipe_names = ("ner",)

        def pipe(self, texts, **kw):
            texts = list(texts)
            read.extend(texts)
            return blank.pipe(texts, **kw)

    monkeypatch.setattr(name_inconsistent, "_ner", lambda blank_pipeline: CountingNer())
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))  # names found by an earlier run are not read
    name_inconsistent._mentions_cache.cache_clear()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@misc{a,\n  title = {A},\n  year = {2001},\n}\n", encoding="utf-8")
    text = "Kim Dae-jung (1994) argued this at length. " * 3000 + "\n\nPark Chung-hee disagreed. Kim Dae-jun wrote.\n"
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["audit", "doc.md", "--bib", "refs.bib", "--blank-pipeline", "--jobs", "1", "--format", "json",
              "--select", "RC302"])  # fmt: skip
    assert 2 <= len(read) == len(set(read)) <= 10
    assert "'Kim Dae-jun' looks like a misspelling of 'Kim Dae-jung'" in capsys.readouterr().out


def test_a_sentence_of_thousands_of_citations_is_cleaned_in_linear_work(tmp_path, monkeypatch):
    # found by the fuzz run: each citation cleaned its whole sentence again, and the text before it (4,500
    # `\cite`s in one sentence: 11 s of CPU)
    from refcheck.extract import claims, extract
    from refcheck.extract.nlp import load_pipeline

    cleaned = []
    real = claims.clean
    monkeypatch.setattr(claims, "clean", lambda text: cleaned.append(len(text)) or real(text))
    monkeypatch.chdir(tmp_path)
    text = "\\begin{document}\nSee " + "".join(f"\\cite{{k{i}}}; " for i in range(3000)) + "and more.\n\\end{document}\n"
    (tmp_path / "main.tex").write_text(text, encoding="utf-8")
    result = extract(read_document(tmp_path / "main.tex"), load_pipeline(blank=True))
    assert len(result.citations) >= 3000
    assert sum(cleaned) < 50 * len(text)
    at = [c.claim.cited_at for c in result.citations if c.claim is not None]
    assert at == sorted(at) and at[0] < at[-1]  # still where each citation stands, in order


def test_a_reference_of_thousands_of_commas_is_read_in_linear_work(monkeypatch):
    # found by the fuzz run: the title's tail was tested against the rest of the reference at every comma
    # (3,000 `\bibitem[He et al.(2016` runs in one reference list item: over 20 s of CPU)
    from refcheck.extract.refparse import fields

    read = []
    real = fields.V.is_publisher
    monkeypatch.setattr(fields.V, "is_publisher", lambda text: read.append(len(text)) or real(text))
    text = "Deep residual learning, " + "".join(f"part {i}, " for i in range(3000)) + "Cambridge, MIT Press"
    title, tail = fields.split_title_tail(text, publishers=True)
    assert title.endswith("part 2999") and tail == "MIT Press"
    assert sum(read) < 50 * len(text)


def test_many_copies_of_one_key_are_clustered_in_linear_work():
    # found by the fuzz run: `bib clean` compared every copy of a key with every other for declared-distinct
    # pairs (12,000 copies: 40 s of CPU); only keys a pair names need comparing, and the clusters are the same
    from types import SimpleNamespace

    from refcheck.library.clean.merge import _clusters

    class Counting(set):
        asked = 0

        def __contains__(self, item):
            Counting.asked += 1
            return super().__contains__(item)

    members = [SimpleNamespace(key=k) for k in ["a", "b", "a", "c", "b"] + ["x"] * 12_000]
    distinct = Counting({frozenset(("a", "b"))})
    clusters = _clusters(members, distinct)
    assert [[m.key for m in c][:4] for c in clusters] == [["a", "a", "c", "x"], ["b", "b"]]
    assert sum(len(c) for c in clusters) == len(members)
    assert Counting.asked < 100


def test_a_long_word_reaches_the_tokenizer_in_bounded_pieces_with_its_text_and_sentences_unchanged(monkeypatch):
    # found by the fuzz run: 27,000 `(` with no space between them took minutes, since spaCy's tokenizer strips
    # affixes one character at a time, searching the rest of the word each time (quadratic in a word's length)
    from refcheck.extract import nlp as pipelines

    nlp = pipelines.load_pipeline(blank=True)
    handed = []
    inner = nlp.tokenizer.inner
    monkeypatch.setattr(nlp.tokenizer, "inner", lambda text: handed.append(text) or inner(text))
    text = "We used the data at https://example.org/" + "a/b" * 100 + " in 2019. " + "(" * 27_000 + " It held."
    doc = nlp(text)
    assert doc.text == text
    assert max(len(word) for piece in handed for word in piece.split()) <= pipelines.LONG_WORD
    # the cut inside the 300-character address is not a sentence break
    sentences = [s.text for s in doc.sents]
    assert sentences[0].startswith("We used") and "a/b" * 100 + " in 2019." in sentences[0]
    assert sentences[-1] == "It held."
