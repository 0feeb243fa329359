"""Title braces: doubled groups made single, words whose case matters protected, nothing else changed."""

from __future__ import annotations

import pytest
from clean_support import entry, state_with

from refcheck.library.clean import braces
from refcheck.library.clean.braces import collapse_doubled, is_sentence_case, learn_proper_nouns, protect


@pytest.mark.parametrize(
    ("written", "single"),
    [
        ("n-{{ZnO}}/{{NiO}}", "n-{ZnO}/{NiO}"),
        ("{{{x}}}", "{x}"),
        ("{Ga}\\textendash{{Al}}", "{Ga}\\textendash{Al}"),
        ("{{Title}}", "{Title}"),  # the value's own protection stays a single group
        ("a {{b} {c}}", "a {{b} {c}}"),  # a group of two groups is not doubled
        ("no braces", "no braces"),
    ],
)
def test_doubled_groups_become_single(written, single):
    assert collapse_doubled(written) == single


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Grammaticalization of the verb say to future tense in Obolo", True),
        ("Some Remarks on the System of West Greenlandic Phonology", False),
        ("Deep learning for NLP: a survey", True),
        ("The iPhone and McDonald in 3D, Part II", False),
    ],
)
def test_sentence_case_is_told_from_title_case(title, sentence):
    assert is_sentence_case(title) is sentence


@pytest.mark.parametrize(
    ("title", "protected"),
    [
        ("Grammaticalization of the verb say to future tense in Obolo", "Grammaticalization of the verb say to future tense in {Obolo}"),
        ("Deep learning for NLP: a survey of BERT-based models", "Deep learning for {NLP}: a survey of {BERT}-based models"),
        ("The iPhone and McDonald in 3D, Part II", "The {iPhone} and {McDonald} in {3D}, Part {II}"),
        ("Legacies of colonialism: Korea–Japan historical disputes", "Legacies of colonialism: Korea–{Japan} historical disputes"),
        ("Self-Organizing Maps in Practice", "Self-Organizing Maps in Practice"),  # title case: nothing to protect
        ("A GRAMMAR OF OBOLO", "A GRAMMAR OF OBOLO"),  # all capitals: left to the user
        ("Tone in {West Africa} and Obolo", "Tone in {West Africa} and Obolo"),
        ("한일 풍속화 이벤트 전시를 통한 문화관광 교류 활성화 고찰", "한일 풍속화 이벤트 전시를 통한 문화관광 교류 활성화 고찰"),
    ],
)
def test_words_whose_case_matters_are_protected(title, protected):
    assert protect(title) == protected


def test_protection_is_idempotent():
    once = protect("Effects of GaN on Korea and the NLP of memory in sentence case")
    assert protect(once) == once


def test_proper_nouns_are_learned_from_sentence_case_titles():
    proper = learn_proper_nouns(["Tone and focus in Obolo", "The verbs of Greenlandic phonology", "Obolo verbs"])
    assert "Obolo" in proper and "Greenlandic" in proper
    assert "Tone" not in proper  # a sentence's first word says nothing
    assert protect("Some Remarks on Greenlandic Phonology", proper) == "Some Remarks on {Greenlandic} Phonology"


def test_a_word_seen_in_lower_case_is_no_proper_noun():
    assert "Language" not in learn_proper_nouns(["Studies of the verb in Language and society", "language in use"])


def test_the_transform_braces_titles_only_and_can_be_switched_off():
    s = state_with(entry(title="Tone and focus in Obolo and the NLP of {{GaN}}", journal="NLP Review"))
    braces.run(s)
    e = s.entries()[0]
    assert e.text("title") == "Tone and focus in {Obolo} and the {NLP} of {GaN}"
    assert e.text("journal") == "NLP Review"
    s = state_with(entry(title="Tone and focus in Obolo and the NLP of {{GaN}}"), protect=False)
    braces.run(s)
    assert s.entries()[0].text("title") == "Tone and focus in Obolo and the NLP of {GaN}"
