"""LaTeX in BibTeX values decoded to Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from refcheck.library import latex
from refcheck.library.latex import decode


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (r"{\"u}", "ü"),
        (r"\"{u}", "ü"),
        (r"\"u", "ü"),
        (r"\'e", "é"),
        (r"\`a", "à"),
        (r"{\c{c}}", "ç"),
        (r"\c c", "ç"),
        (r"\ss", "ß"),
        (r"Stra\ss e", "Straße"),
        (r"\ss{}", "ß"),
        (r"{\o}", "ø"),
        (r"{\O}rsted", "Ørsted"),
        (r"\aa", "å"),
        (r"{\AA}", "Å"),
        (r"\ae", "æ"),
        (r"{\l}", "ł"),
        (r"\L{}\'od\'z", "Łódź"),
        (r"\v{s}", "š"),
        (r"\v s", "š"),
        (r"\~n", "ñ"),
        (r"\^o", "ô"),
        (r"\=a", "ā"),
        (r"\u{a}", "ă"),
        (r"\H{o}", "ő"),
        (r"\k{a}", "ą"),
        (r"\.z", "ż"),
        (r"\'\i", "í"),
        (r"\'{\i}", "í"),
        (r"\i", "ı"),
        (r"{\'{E}}mile", "Émile"),
        ("1990--2000", "1990–2000"),
        ("yes---no", "yes—no"),
        ("J.~Smith", "J. Smith"),
        (r"Smith \& Jones", "Smith & Jones"),
        (r"50\% off", "50% off"),
        (r"\$5", "$5"),
        (r"snake\_case", "snake_case"),
        (r"\textit{Homo sapiens}", "Homo sapiens"),
        (r"\emph{really}", "really"),
        (r"\textbf{bold}", "bold"),
        (r"{\em switched} off", "switched off"),
        ("The {{GaN}} {Study}", "The GaN Study"),
        ("``quoted''", "“quoted”"),
        ("a long\n     title", "a long title"),
        (r"Ga\textendash{}Al", "Ga–Al"),
        (r"Type-\{\vphantom\}{{II}}\vphantom\{\} Semiconductors", "Type-II Semiconductors"),
    ],
)
def test_decode(raw, text):
    assert decode(raw) == text


def test_unknown_macros_fall_back_to_pylatexenc():
    assert decode(r"$\alpha$-helix") == "α-helix"
    assert decode(r"\cyrchar\CYRA.V.") == "А.V."


def test_fallback_failure_keeps_the_words():
    # pylatexenc raises on \href with one argument; the words survive.
    assert decode(r"see \href{x}") == "see x"


def test_plain_strings_take_the_fast_path(monkeypatch):
    def boom(_):
        raise AssertionError("slow path used")

    monkeypatch.setattr(latex, "_decode_slow", boom)
    for plain in ("Moisio", "From Geopolitical to Geoeconomic?", "Müller-Hill", "pp. 1-10", ""):
        assert decode(plain) == plain


def test_output_is_nfc():
    nfd = unicodedata.normalize("NFD", "Lemaître")
    assert decode(nfd) == "Lemaître"
    assert unicodedata.is_normalized("NFC", decode(r"Lema\^{\i}tre"))
    assert decode(r"Lema\^{\i}tre") == "Lemaître"


def test_repeated_values_are_memoised():
    latex._decode_slow.cache_clear()
    decode(r"M{\"u}ller")
    decode(r"M{\"u}ller")
    assert latex._decode_slow.cache_info().hits == 1
