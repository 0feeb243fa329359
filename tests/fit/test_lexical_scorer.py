"""BM25 over the library: IDF from the library itself, the paragraph as weaker context, shared terms as explanation."""

from __future__ import annotations

import numpy as np
import pytest

from refcheck.extract.nlp import load_pipeline
from refcheck.fit.analyze import Analyzer, stem
from refcheck.fit.base import ClaimText, EntryText
from refcheck.fit.lexical import LexicalScorer

LIBRARY = [
    EntryText("diamond", "Bank Runs, Deposit Insurance, and Liquidity", "Journal of Political Economy"),
    EntryText("manabe", "Thermal Equilibrium of the Atmosphere with a Given Distribution of Relative Humidity",
              "Journal of the Atmospheric Sciences"),
    EntryText("friedman", "The Role of Monetary Policy", "American Economic Review"),
    EntryText("taylor", "Discretion versus Policy Rules in Practice", "Carnegie-Rochester Conference Series"),
]
RUN = ClaimText("Deposit insurance removes the incentive to join a bank run.")


@pytest.fixture(params=[False, True], ids=["trained", "blank"])
def scorer(request):
    return LexicalScorer(Analyzer(load_pipeline(lemmas=True, blank=request.param)))


def test_the_entry_sharing_the_claims_words_scores_highest(scorer):
    m = scorer.score([RUN], LIBRARY)
    assert m.shape == (1, 4)
    assert int(np.argmax(m[0])) == 0
    assert m[0, 1] == 0.0  # nothing shared with the atmosphere paper


def test_idf_comes_from_the_library(scorer):
    scorer.score([RUN], LIBRARY)
    # 'policy' is in two of four entries, 'humidity' in one: the rarer word weighs more
    assert scorer.idf(stem("humidity")) > scorer.idf(stem("policy")) > 0


def test_paragraph_words_count_less_than_the_sentences(scorer):
    in_sentence = scorer.score([ClaimText("Monetary policy works through expectations.")], LIBRARY)[0, 2]
    in_paragraph = scorer.score([ClaimText("It works through expectations.", "Monetary policy is the subject.")], LIBRARY)[0, 2]
    assert 0 < in_paragraph < in_sentence


def test_explain_names_the_shared_terms_rarest_first(scorer):
    scorer.score([RUN], LIBRARY)
    shared = scorer.explain(RUN, LIBRARY[0], LIBRARY)
    assert {"deposit", "insurance"} <= {s.split()[0] for s in shared}
    assert scorer.explain(RUN, LIBRARY[1], LIBRARY) == ()


def test_derived_words_meet_through_the_stemmer():
    assert stem("historical") == stem("history")
    assert stem("participation") == stem("participate")
    assert stem("economies") == stem("economy")


def test_venue_words_count_half(scorer):
    only_venue = scorer.score([ClaimText("A new result in political economy.")], LIBRARY)[0, 0]
    title = scorer.score([ClaimText("A new result on liquidity and insurance.")], LIBRARY)[0, 0]
    assert 0 < only_venue < title


def test_a_library_without_any_venue_still_scores_its_titles(scorer):
    # found by the fuzz run: bm25s cannot index a corpus without a word, and a library whose entries name no
    # journal made unrelated-citation crash (exit 3) on every audit
    library = [EntryText("diamond", "Bank Runs, Deposit Insurance, and Liquidity", "")]
    m = scorer.score([RUN], library)
    assert m.shape == (1, 1) and m[0, 0] > 0
    assert scorer.score([RUN], [EntryText("empty", "", "")]).tolist() == [[0.0]]


def test_an_entry_with_a_field_of_megabytes_is_scored_on_its_start(scorer):
    # found with a 9 MB library field: spaCy refused the text (over its length limit) and unrelated-citation
    # crashed; a text's terms come from its first MAX_CHARS characters
    from refcheck.fit.analyze import MAX_CHARS

    huge = "Bank runs and deposit insurance. " + "filler words repeated " * (6_000_000 // 22)
    assert len(huge) > 5_000_000 > MAX_CHARS
    m = scorer.score([RUN], [EntryText("diamond", huge, "Journal of Political Economy"), *LIBRARY[1:]])
    assert int(np.argmax(m[0])) == 0 and m[0, 0] > 0
