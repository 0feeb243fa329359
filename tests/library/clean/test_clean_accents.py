"""Accented letters between LaTeX and Unicode, both ways, and the encoding transform that uses them."""

from __future__ import annotations

import unicodedata

import pytest
from clean_support import entry, state_with
from hypothesis import given
from hypothesis import strategies as st

from refcheck.library.clean import encoding
from refcheck.library.clean.accents import to_latex, to_unicode
from refcheck.library.latex import decode


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"M\"{u}ller", "Müller"),
        (r"Stra\ss e", "Straße"),
        (r"\ss{}", "ß"),
        (r"{\o}rsted", "ørsted"),
        (r"Fabi{\'a}n", "Fabián"),
        (r"\c c", "ç"),
        (r"{\v s}", "š"),
        (r"\H{o}", "ő"),
        (r"{\'\i}", "í"),
        (r"\AA ngstr{\"o}m", "Ångström"),
        (r"{\"U}ber {DNA}", "Über {DNA}"),  # protective braces and other words stay
        (r"{\"Uber}", "{Über}"),
        (r"Ga\textendash{}Al", "Ga–Al"),
    ],
)
def test_latex_accents_read_as_unicode(latex, text):
    assert to_unicode(latex) == text


@pytest.mark.parametrize("kept", [r"\H{x}", r"$\tilde{x}$", r"\emph{x}", r"\url{x}", r'a\\"u', r"\LaTeX"])
def test_other_markup_is_not_touched(kept):
    assert to_unicode(kept) == kept


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("Müller", r"M{\"u}ller"),
        ("Dvořák", r"Dvo{\v{r}}{\'a}k"),
        ("Straße", r"Stra{\ss}e"),
        ("Łódź", r"{\L}{\'o}d{\'z}"),
        ("Korea–Japan", "Korea--Japan"),
        ("한영균", "한영균"),  # no LaTeX for Hangul: kept
        ("Nguyễn", "Nguyễn"),  # two accents on one letter: kept
    ],
)
def test_unicode_letters_written_as_latex(text, latex):
    assert to_latex(text) == latex


_LETTERS = st.sampled_from(list("aeiouAEIOUcCsSzZnNy ") + list("üéèêçšžñøåßæœłÅØÆŁıőűāėįų"))


@given(st.text(_LETTERS, max_size=30))
def test_latex_then_unicode_gives_the_text_back(text):
    text = unicodedata.normalize("NFC", text)
    assert to_unicode(to_latex(text)) == text


@given(st.text(_LETTERS, max_size=30))
def test_both_ways_read_the_same_as_the_decoder(text):
    text = unicodedata.normalize("NFC", text)
    assert decode(to_latex(text)).split() == decode(text).split()


def test_encoding_unicode_leaves_urls_and_dois_alone():
    s = state_with(entry(author=r"M{\"u}ller, J.", url=r"https://x.org/\"u", doi=r"10.1/\'e"), encoding="unicode")
    encoding.run(s)
    e = s.entries()[0]
    assert e.text("author") == "Müller, J."
    assert e.text("url") == r"https://x.org/\"u" and e.text("doi") == r"10.1/\'e"


def test_encoding_keep_changes_nothing():
    s = state_with(entry(author=r"M{\"u}ller and Müller"))
    encoding.run(s)
    assert s.entries()[0].text("author") == r"M{\"u}ller and Müller"
