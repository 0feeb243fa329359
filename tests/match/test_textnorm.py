"""Titles and names fold the same letters: accents, and the letters NFKD leaves whole (ł, ø, æ)."""

from refcheck.match.names import name_key
from refcheck.textnorm import fold


def test_titles_fold_letters_nfkd_leaves_whole():
    assert fold("Łódź and Ørsted: Æsthetics") == fold("Lodz and Orsted: AEsthetics") == "lodz and orsted aesthetics"


def test_names_and_titles_share_the_folding():
    assert name_key("Łukasz Øster") == fold("Łukasz Øster").replace(" ", "")
