"""Claim and entry in different languages are not compared: the guess by script and function words."""

from __future__ import annotations

import pytest

from refcheck.fit.language import guess_language, same_language


@pytest.mark.parametrize("text, lang", [
    ("Die Rotverschiebung von extragalaktischen Nebeln", "de"),
    ("Un Univers homogène de masse constante et de rayon croissant", "fr"),
    ("How Democracies Die", None),  # not German for its "die"
    ("Bank Runs, Deposit Insurance, and Liquidity", "en"),
    ("일본 내 한류의 현황과 한일관계", "ko"),
    ("日本の大衆文化", "ja"),
    ("Deep Learning", None),
])
def test_guess(text, lang):
    assert guess_language(text) == lang


def test_unknown_never_blocks():
    assert same_language(None, "de") and same_language("en", None) and not same_language("en", "ko")
