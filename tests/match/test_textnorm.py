"""Titles and names fold the same letters: accents, and the letters NFKD leaves whole (ł, ø, æ)."""

from refcheck.match.names import name_key
from refcheck.textnorm import fold


def test_titles_fold_letters_nfkd_leaves_whole():
    assert fold("Łódź and Ørsted: Æsthetics") == fold("Lodz and Orsted: AEsthetics") == "lodz and orsted aesthetics"


def test_names_and_titles_share_the_folding():
    assert name_key("Łukasz Øster") == fold("Łukasz Øster").replace(" ", "")


def test_accents_are_stripped_from_every_script_as_nfkd_and_combining_marks_say():
    import unicodedata

    from refcheck.textnorm import _LETTERS, strip_diacritics

    def by_definition(s: str) -> str:
        s = unicodedata.normalize("NFKD", s.casefold().translate(_LETTERS))
        return "".join(ch for ch in s if not unicodedata.combining(ch))

    samples = ["Łódź Müller", "Ørsted", "Đorđević", "ﬁnal Ω Å", "Nguyễn Thị", "Ａｂｃ", "한국어 研究", "plain ascii, 2019.",
               "e\u0301te\u0301", "ǅemal", "ß İstanbul"]  # fmt: skip
    for s in samples + [chr(cp) for cp in range(0x80, 0x3000)]:
        assert strip_diacritics(s) == by_definition(s), s
