"""quote-not-found reads the corpus documents linked to the cited entry: verbatim passes, two words changed do not."""

from __future__ import annotations

import json

import pytest
from corpus_support import project, run

from refcheck.checks.rules.claims.quotes import closest, found, pieces, prepare

# (stored document, entry, a sentence of it quoted verbatim, the same with two words changed, the changed words)
CASES = {
    "news": ("001", "@misc{kt2024romance, author = {{The Korea Times}}, title = {Japanese-Korean romance dramas are all the rage}, year = {2024}}",
             "The Korea Times, Japanese-Korean romance dramas are all the rage, 2024.",
             "Dramas depicting intercultural romances between Japanese and Korean characters are all the rage right now",
             "Dramas depicting intercultural friendships between Japanese and Korean characters are all the craze right now",
             ("romances", "friendships")),
    "blog": ("000", "@misc{kang2012myway, author = {Kang, Je-Gyu}, title = {Interview on My Way}, year = {2012}}",
             "Kang, J. (2012). Interview on My Way.",
             "This movie doesn’t dramatize who are the offenders and who are the victims",
             "This film doesn’t dramatize who are the offenders and who were the victims",
             ("movie", "film")),
}


def _audit(capsys, folder, sentence, note):
    (folder / "draft.md").write_text(f'The source puts it plainly: "{sentence}".[^1]\n\n[^1]: {note}\n', encoding="utf-8")
    code, out, err = run(capsys, folder, "audit", "draft.md", "--bib", "lib.bib", "--select", "quote-not-found",
                         "--format", "json", "--blank-pipeline")
    assert code in (0, 1), err
    return json.loads(out)["findings"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_quotation_of_a_linked_source(capsys, tmp_path, case):
    doc, entry, note, verbatim, changed, (was, now) = CASES[case]
    folder = project(tmp_path)
    (folder / "lib.bib").write_text(entry + "\n", encoding="utf-8")
    key = entry.split("{", 1)[1].split(",", 1)[0]
    assert run(capsys, folder, "corpus", "add", "corpus", "--blank-pipeline")[0] == 0
    # not linked yet: nothing is known of the source, so nothing is checked
    assert _audit(capsys, folder, changed, note) == []
    assert run(capsys, folder, "corpus", "link", "--bib", "lib.bib", "--manual", key, doc)[0] == 0
    assert _audit(capsys, folder, verbatim, note) == []
    findings = _audit(capsys, folder, changed, note)
    assert len(findings) == 1, findings
    f = findings[0]
    assert f["rule"] == "quote-not-found" and f["entry"] == key and f["citation"] == "1"
    assert f["suggestion"] == f"the source reads: '{verbatim}'"
    assert f"the source has '{was}' where the quotation has '{now}'" in f["message"]


def test_verbatim_despite_line_breaks_hyphenation_case_and_markers():
    source = prepare("The enjoyment of the highest attain-\nable standard<sup>3</sup> of HEALTH is one of\n"
                     "the fundamental rights of every human being.")
    assert found("the highest attainable standard of health is one of the fundamental rights", source)
    assert found("[T]he enjoyment ... of health is one of the fundamental rights", source)
    assert found("the highest attainable standard [of well-being] is one of the fundamental rights", source)
    assert not found("he enjoyment of the highest attainable", source)  # a match starts on a word boundary
    assert not found("fundamental rights of every human being without distinction", source)


def test_an_ellipsis_keeps_the_order_of_the_parts():
    source = prepare("first comes the storm, then comes the calm after it")
    assert found("first comes the storm ... the calm after it", source)
    assert not found("the calm after it ... first comes the storm", source)
    assert pieces("a b [...] c d") == [["a", "b"], ["c", "d"]]


def test_the_closest_passage_is_found_in_a_long_source():
    filler = " ".join(f"word{i} and the of" for i in range(40_000))  # 160,000 words, common words everywhere
    text = filler + " the highest attainable standard of health is one of the fundamental rights " + filler
    miss = closest("the highest possible standard of health is one of the fundamental rights", prepare(text))
    assert miss.passage == "the highest attainable standard of health is one of the fundamental rights"
    assert miss.differences == ("the source has 'attainable' where the quotation has 'possible'",)
