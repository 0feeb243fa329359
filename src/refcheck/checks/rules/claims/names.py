"""Person names in running text — spaCy NER plus a rule for romanised hyphenated names — and when two are a typo apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

_TITLES = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|President|Prime Minister|Minister|Director|Sir|Dame)\.?\s+)+")
_POSSESSIVE = re.compile(r"['’]s?$")
# "Joon-Gi", "Dong-gun", "Je-Gyu": romanised East Asian given names, which NER often misses when they stand alone
_HYPHEN_NAME = r"[A-Z][a-z]{1,6}-[A-Za-z][a-z]{1,6}"
_TITLE_WORD = r"[A-Z][a-z]+"
_RULE = re.compile(rf"\b(?:(?:{_TITLE_WORD}|{_HYPHEN_NAME})\s+)?{_HYPHEN_NAME}(?:\s+{_TITLE_WORD})?\b")
_RUN = re.compile(rf"\b{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{1,2}}\b")  # blank pipeline: runs of capitalised words


@dataclass(frozen=True)
class Mention:
    name: str  # as written, titles and possessive removed
    start: int  # offset in the sentence


def clean_name(text: str) -> str:
    text = _TITLES.sub("", text.strip())
    text = _POSSESSIVE.sub("", text).strip(" ,.;:()[]\"“”‘’")
    return " ".join(text.split())


def find_mentions(sentence: str, doc=None) -> list[Mention]:
    """PERSON entities of a spaCy Doc (when NER ran), plus hyphenated-name runs; with no NER, capitalised runs too."""
    spans: dict[int, tuple[int, str]] = {}

    def add(start: int, text: str) -> None:
        name = clean_name(text)
        if name and any(c.isupper() for c in name):
            end = start + len(text)
            # keep the longest mention at a place
            for s, (e, _) in list(spans.items()):
                if s < end and start < e:
                    if e - s >= end - start:
                        return
                    del spans[s]
            spans[start] = (end, name)

    if doc is not None and doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                add(ent.start_char, ent.text)
    else:
        for m in _RUN.finditer(sentence):
            if m.start() > 0:  # the first word of a sentence is capitalised anyway
                add(m.start(), m.group(0))
    for m in _RULE.finditer(sentence):
        add(m.start(), m.group(0))
    return [Mention(name, s) for s, (_, name) in sorted(spans.items())]


def _parts(name: str) -> list[str]:
    return [p.casefold() for p in name.split()]


def _compact(name: str) -> str:
    return re.sub(r"[^\w]", "", name.casefold())


def _within(a: str, b: str) -> bool:
    """`a`'s words are a run of `b`'s (hyphens split words): "Odagiri" in "Joe Odagiri", "Jung Woo" in "Ha Jung-Woo"."""
    wa, wb = re.split(r"[\s-]+", a.casefold()), re.split(r"[\s-]+", b.casefold())
    return any(wb[i : i + len(wa)] == wa for i in range(len(wb) - len(wa) + 1))


_DEMONYM = ("n", "an", "ian", "ese", "ish")


def _adjective_of(a: str, b: str) -> bool:
    """'Korean' of 'Korea', 'Asian' of 'Asia': a place and its adjective are not a typo."""
    short, long = sorted((a, b), key=len)
    if len(short) < 4 or not long.startswith(short):
        return False
    suffix = long[len(short):]
    return (suffix == "n" and short.endswith("a")) or (suffix == "an" and short.endswith("e")) or suffix in _DEMONYM[2:]


def _typo(a: str, b: str) -> bool:
    """Two spellings of one name part a slip apart: same first letter, edit distance 1 (2 for longer parts)."""
    if a == b or a[:1] != b[:1] or a.replace("-", "") == b.replace("-", "") or _adjective_of(a, b):
        return False
    d = Levenshtein.distance(a, b)
    return d == 1 or (d == 2 and min(len(a), len(b)) >= 6)


def typo_variants(a: str, b: str) -> bool:
    """Whether two names are one person's name misspelled — never a word-order swap, a name used alone or a namesake."""
    if _compact(a) == _compact(b) or _within(a, b) or _within(b, a):
        return False  # case, hyphenation, spacing; or a surname / given name used alone
    pa, pb = _parts(a), _parts(b)
    if sorted(pa) == sorted(pb):
        return False  # word order: "Jang Dong-gun" / "Dong-gun Jang"
    if len(pa) == 1 or len(pb) == 1:
        single, other = (pa[0], pb) if len(pa) == 1 else (pb[0], pa)
        # a name part used alone, misspelled: only for distinctive parts ("Joon-Gin" for "Joon-Gi")
        distinctive = "-" in single or len(single) >= 6
        return distinctive and any(_typo(single, p) for p in other)
    if len(pa) != len(pb):
        return False
    for order in (pb, pb[::-1]):
        differing = [(x, y) for x, y in zip(pa, order) if x != y]
        if len(differing) == 1 and _typo(*differing[0]):
            return True
    return False
