"""Compare author names as cited in a document with a library entry's `Author`s: same, typo or different.

A typo is 1 edit (Damerau–Levenshtein: a transposition counts once) in a family name of
at least 4 letters, or 2 edits from 8 letters on; shorter names are never typos. What a
researcher would not call a misspelling is SAME: diacritics or their absence (Müller,
Muller, Mueller), NFC/NFD, LaTeX accents, hyphens, spaces and apostrophes inside names
(Dong-gun, Donggun), particles (van der Maaten), suffixes (Jr.), family-name-first order
(Kim Dae-jung), initials for given names, and an institution's acronym (WHO).
Everything here is memoised: it runs for every candidate entry of every citation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from refcheck.library.latex import decode
from refcheck.library.names import split_name
from refcheck.model import Author
from refcheck.textnorm import strip_diacritics


class Kind(str, Enum):
    SAME = "same"
    TYPO = "typo"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a comparison; `distance` is the edit count of a TYPO."""

    kind: Kind
    distance: int = 0

    @property
    def is_same(self) -> bool:
        return self.kind is Kind.SAME

    @property
    def is_typo(self) -> bool:
        return self.kind is Kind.TYPO

    @property
    def is_different(self) -> bool:
        return self.kind is Kind.DIFFERENT

    def _rank(self) -> tuple[int, int]:
        return (_RANK[self.kind], self.distance)


_RANK = {Kind.SAME: 0, Kind.TYPO: 1, Kind.DIFFERENT: 2}


SAME = Verdict(Kind.SAME)
DIFFERENT = Verdict(Kind.DIFFERENT)


def typo(distance: int) -> Verdict:
    return Verdict(Kind.TYPO, distance)


# ---------------------------------------------------------------- keys

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_NOT_LETTER = re.compile(r"[\W_]+")


def _text(s: str) -> str:
    if "\\" in s or "{" in s:
        s = decode(s)
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=1 << 17)
def name_key(s: str) -> str:
    """`s` folded for comparison: LaTeX decoded, case and diacritics dropped, only letters and digits kept."""
    return _NOT_LETTER.sub("", strip_diacritics(_text(s)))


@lru_cache(maxsize=1 << 15)
def _umlaut_key(s: str) -> str | None:
    """The key with German umlauts written out (ü → ue), or None when `s` has none."""
    s = _text(s).casefold()
    expanded = s.translate(_UMLAUTS)
    return name_key(expanded) if expanded != s else None


def _typo(a: str, b: str) -> Verdict:
    """TYPO if keys `a` and `b` are 1 edit apart (from 4 letters) or 2 (from 8), else DIFFERENT."""
    shortest = min(len(a), len(b))
    if shortest < 4:
        return DIFFERENT
    limit = 2 if shortest >= 8 else 1
    if abs(len(a) - len(b)) > limit:
        return DIFFERENT
    d = DamerauLevenshtein.distance(a, b, score_cutoff=limit)
    return typo(d) if 0 < d <= limit else DIFFERENT


@lru_cache(maxsize=1 << 17)
def compare_family(cited: str, entry_family: str) -> Verdict:
    """SAME, TYPO (with its distance) or DIFFERENT for two family names."""
    a, b = name_key(cited), name_key(entry_family)
    if not a or not b:
        return DIFFERENT
    if a == b or _umlaut_key(cited) == b or _umlaut_key(entry_family) == a:
        return SAME
    return _typo(a, b)


# ---------------------------------------------------------------- given names

_GIVEN_SPLIT = re.compile(r"[\s.\-‐‑]+")


@lru_cache(maxsize=1 << 15)
def _given_tokens(given: str) -> tuple[tuple[str, str | None], ...]:
    """(initial, full key or None) per given-name part: "C. Sarah" → (("c", None), ("s", "sarah"))."""
    out: list[tuple[str, str | None]] = []
    for part in _GIVEN_SPLIT.split(given):
        key = name_key(part)
        if _CAPS.fullmatch(part):  # "CS" in "Smith CS" is two initials
            out.extend((k, None) for k in key)
        elif key:
            out.append((key[0], key if len(key) > 1 else None))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def given_compatible(a: str | None, b: str | None) -> bool:
    """Whether two given names can be one person's: "C. S." and "C. Sarah" can; "Sarah" and "Susan",
    or "J." and "Dae-jung", cannot. The first initials must agree; later parts may be left out."""
    if not a or not b:
        return True
    if name_key(a) == name_key(b):
        return True
    ta, tb = _given_tokens(a), _given_tokens(b)
    if not ta or not tb:
        return True
    if ta[0][0] != tb[0][0]:  # else "J." would be the "jung" of "Dae-jung"
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    j = 0
    for initial, full in short:  # each part must find a later part with its initial and no clash
        while j < len(long_) and not (
            long_[j][0] == initial and (full is None or long_[j][1] is None or long_[j][1] == full)
        ):
            j += 1
        if j == len(long_):
            return False
        j += 1
    return True


# ---------------------------------------------------------------- cited names

# "C.", "C.S.", "J.-P.", or a bare capital; a bare lower-case letter is a word (Catalan "i").
_INITIALS = re.compile(r"(?:[^\W\d_]\.[-‐]?)+[^\W\d_]?|[^\W\d_a-z]")
_CAPS = re.compile(r"[^\W\d_a-z]{2,3}")
_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv|2nd|3rd)\.?", re.IGNORECASE)
_PARTICLES = frozenset(
    "van von der den de del della dei degli di da das dos do du des la le les ter ten te zu zum zur af av "
    "bin ibn al".split()
)


@dataclass(frozen=True, slots=True)
class _Cited:
    """A cited name: an explicit family (comma form, `Author`) or words in unknown order.

    `tokens` are the words of a name without a comma; `initial[i]` says whether token i
    can only be an initial ("C.", "J.-P."). "CS" or "KIM" may be either, so both are tried.
    """

    family: str | None
    given: str | None
    tokens: tuple[str, ...] = ()
    initial: tuple[bool, ...] = ()
    literal: str | None = None
    bare: str | None = None  # the family without its particle ("Hessem" of "van Hessem")


_ET_AL = re.compile(r"\s*(?:,?\s*et\.?\s+al\.?|\s+and\s+others)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1 << 15)
def _parse_cited(s: str) -> _Cited:
    s = _ET_AL.sub("", " ".join(_text(s).split())).strip(" ;")
    if "," in s:
        family, _, rest = s.partition(",")
        given = [p.strip() for p in rest.split(",") if p.strip() and not _SUFFIX.fullmatch(p.strip())]
        return _Cited(family.strip(), ", ".join(given) or None)
    tokens = tuple(t for t in s.split() if not _SUFFIX.fullmatch(t)) or tuple(s.split())
    initial = tuple(bool(_INITIALS.fullmatch(t)) and len(tokens) > 1 for t in tokens)
    return _Cited(None, None, tokens, initial)


@lru_cache(maxsize=1 << 15)
def _cited(c: Author | str) -> _Cited:
    if isinstance(c, str):
        return _parse_cited(c)
    if c.literal is not None:
        return _Cited(None, None, literal=c.literal)
    family = " ".join(p for p in (c.particle, c.family) if p)
    return _Cited(family or None, c.given, bare=c.family if c.particle and c.family else None)


def _spelling(c: Author | str) -> str:
    return c if isinstance(c, str) else c.display


def _family_spelling(a: Author) -> str:
    return a.literal or " ".join(p for p in (a.particle, a.family) if p) or a.display


# ---------------------------------------------------------------- entry names

_INSTITUTION_WORDS = frozenset(
    "organization organisation institute institut university universidad council committee commission "
    "association society agency department ministry office bureau center centre group foundation panel "
    "bank fund programme program inc ltd corporation company press board service network union "
    "consortium team project nations federal national international academy".split()
)
_ACRONYM_STOP = frozenset("of on for the and in to at by de du des la le et für und".split())
_PAREN_ACRONYM = re.compile(r"\(([^\W\d_]{2,})\)")


@dataclass(frozen=True, slots=True)
class _Forms:
    """An entry person's family name in the spellings a citation may use."""

    families: tuple[str, ...]  # family, particle + family
    components: frozenset[str]  # keys of the words of a multi-word or hyphenated family
    given: str | None


_FAMILY_PARTS = re.compile(r"[\s\-‐]+")


@lru_cache(maxsize=1 << 16)
def _forms(a: Author) -> _Forms:
    family = a.family or ""
    families = [family]
    if a.particle:
        families.append(f"{a.particle} {family}")
    parts = [p for p in _FAMILY_PARTS.split(_text(family)) if p]
    components = frozenset(name_key(p) for p in parts if len(name_key(p)) > 1) if len(parts) > 1 else frozenset()
    return _Forms(tuple(f for f in families if f), components, a.given)


def acronym(name: str) -> str:
    """Initials of the capitalised words, skipping of/on/for/the/and ("Panel on Climate Change" → "PCC")."""
    words = re.findall(r"[^\W\d_][\w'’]*", _text(name))
    return "".join(w[0] for w in words if w[0].isupper() and w.casefold() not in _ACRONYM_STOP)


def _institution_key(s: str) -> str:
    return name_key(s).replace("isation", "ization")  # Organisation / Organization


@lru_cache(maxsize=1 << 15)
def _compare_institution(cited: str, literal: str) -> Verdict:
    a, b = _institution_key(cited), _institution_key(literal)
    if not a or not b:
        return DIFFERENT
    if a == b:
        return SAME
    short, full = (cited, literal) if len(a) < len(b) else (literal, cited)
    key = name_key(short)
    if key == name_key(acronym(full)) or any(key == name_key(m) for m in _PAREN_ACRONYM.findall(_text(full))):
        return SAME
    return _typo(a, b)


def _looks_personal(literal: str) -> bool:
    """A braced name like {Anna Fontcuberta i Morral}: a few words, none of an institution's."""
    words = _text(literal).casefold().split()
    return 1 < len(words) <= 5 and not any(w.strip(".,()") in _INSTITUTION_WORDS for w in words)


# ---------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class _Outcome:
    verdict: Verdict
    cited: str  # the cited spelling compared (the family part)
    entry: str  # the entry's spelling it was compared with


_NO_MATCH = _Outcome(DIFFERENT, "", "")


def _best(outcomes) -> _Outcome:
    if len(outcomes) == 1:  # most names have one form: nothing to choose
        return outcomes[0]
    return min(outcomes, key=lambda o: o.verdict._rank(), default=_NO_MATCH)


def _family_outcome(text: str, forms: _Forms, allow_typo: bool = True) -> _Outcome:
    """How `text` compares with the entry's family name, in any of its forms."""
    outcomes = [_Outcome(compare_family(text, f), text, f) for f in forms.families]
    best = _best(outcomes)
    if best.verdict.is_same:
        return best
    if name_key(text) in forms.components:  # "Jones" for "Davey Jones", "Hill" for "Müller-Hill"
        return _Outcome(SAME, text, forms.families[0])
    if not allow_typo or not best.verdict.is_typo:
        return _Outcome(DIFFERENT, text, forms.families[0])
    return best


def _match_words(c: _Cited, forms: _Forms, allow_typo: bool) -> _Outcome:
    """Find the family name among a cited name's words (either order); the rest must fit the given name."""
    tokens = c.tokens
    outcomes = []
    for i in range(len(tokens)):
        for j in range(i + 1, len(tokens) + 1):
            if any(c.initial[i:j]):
                break
            out = _family_outcome(" ".join(tokens[i:j]), forms, allow_typo)
            if out.verdict.is_different:
                continue
            rest = [t for t in tokens[:i] + tokens[j:] if t not in _PARTICLES]
            if rest and not given_compatible(" ".join(rest), forms.given):
                continue
            outcomes.append(out)
    return _best(outcomes)


def _match_forms(c: _Cited, forms: _Forms, allow_typo: bool = True) -> _Outcome:
    if c.family is not None:
        out = _family_outcome(c.family, forms, allow_typo)
        if c.bare and not out.verdict.is_same:  # "van Hessem" cited, "Hessem" where the particle is left out
            out = _best([out, _family_outcome(c.bare, forms, allow_typo)])
        if not out.verdict.is_different and not given_compatible(c.given, forms.given):
            return _Outcome(DIFFERENT, c.family, out.entry)
        return out
    return _match_words(c, forms, allow_typo)


@lru_cache(maxsize=1 << 16)
def _swapped(entry: Author) -> _Forms | None:
    """The entry read with family and given exchanged, for names entered in the wrong order."""
    if not entry.given or not entry.family or any(full is None for _, full in _given_tokens(entry.given)):
        return None
    return _forms(Author(family=entry.given, given=entry.family))


@lru_cache(maxsize=1 << 17)
def _compare(cited: Author | str, entry: Author) -> _Outcome:
    c = _cited(cited)
    if entry.literal is not None or c.literal is not None:
        text = c.literal or (_spelling(cited) if isinstance(cited, str) else cited.display)
        target = entry.literal or " ".join(p for p in (entry.given, entry.particle, entry.family) if p)
        out = _Outcome(_compare_institution(text, target), text, target)
        if out.verdict.is_same or entry.literal is None or c.literal is not None or not _looks_personal(entry.literal):
            return out
        # A person's name kept whole in braces: the family is some run of its last words.
        family = c.family or " ".join(t for t, initial in zip(c.tokens, c.initial) if not initial)
        words = _text(entry.literal).split()
        for i in range(1, len(words)):
            if name_key(family) == name_key(" ".join(words[i:])):
                return _Outcome(SAME, family, " ".join(words[i:]))
        person = _compare(cited, split_name(entry.literal))
        return person if person.verdict.is_same else out
    if c.family is None and not c.tokens:
        return _NO_MATCH
    if c.family is None and len(c.tokens) == 1 and len(c.tokens[0]) >= 3 and c.tokens[0].isupper():
        full = " ".join(p for p in (entry.given, entry.particle, entry.family) if p)
        if name_key(c.tokens[0]) == name_key(acronym(full)):
            return _Outcome(SAME, c.tokens[0], full)  # "WHO" for an unbraced World Health Organization
    out = _match_forms(c, _forms(entry))
    if out.verdict.is_same:
        return out
    swapped = _swapped(entry)
    if swapped is not None:  # only SAME this way: a typo there would be a guess on a guess
        alt = _match_forms(c, swapped, allow_typo=False)
        if alt.verdict.is_same:
            return alt
    if c.family is not None and c.given and not out.verdict.is_same:
        # A cited Author split the other way round ("Dae-jung, Kim" for Kim Dae-jung).
        if name_key(c.family) == name_key(entry.given or "") and name_key(c.given) == name_key(entry.family or ""):
            return _Outcome(SAME, c.family, entry.family or "")
    return out


def match_person(cited: Author | str, entry: Author) -> Verdict:
    """Whether a cited name (a string as written, or a parsed `Author`) names the entry's author."""
    return _compare(cited, entry).verdict


# ---------------------------------------------------------------- author lists


@dataclass(frozen=True, slots=True)
class NameMatch:
    """One cited name and the entry author it was aligned with (None: the entry has no such author)."""

    cited: str
    entry: str | None
    verdict: Verdict
    position: int | None = None  # index of the entry author


@dataclass(frozen=True, slots=True)
class AuthorListMatch:
    """A cited author list against an entry's.

    kind: SAME (every compared name is the same person), TYPO (every name is the same
    or a typo, at least one a typo), DIFFERENT otherwise or when nothing could be compared.
    `typos` are (cited spelling, entry spelling) pairs, filled only for TYPO.
    """

    kind: Kind
    names: tuple[NameMatch, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()
    truncated: bool = False  # the citation names fewer authors than the entry, without "et al."
    reordered: bool = False  # a cited name matched an entry author at another position

    @property
    def compared(self) -> int:
        return len(self.names)


def match_author_lists(
    cited: list[Author | str] | tuple[Author | str, ...],
    cited_et_al: bool,
    entry_authors: tuple[Author, ...],
    entry_et_al: bool = False,
) -> AuthorListMatch:
    """Align cited names with the entry's authors in order, tolerating "et al." and first-author-only citations."""
    if not cited or not entry_authors:
        return AuthorListMatch(Kind.DIFFERENT)
    names: list[NameMatch] = []
    used: set[int] = set()
    reordered = False
    for i, c in enumerate(cited):
        if i >= len(entry_authors):
            if entry_et_al:  # the entry's list is cut short: nothing to compare with
                break
            names.append(NameMatch(_spelling(c), None, DIFFERENT))
            continue
        out = _compare(c, entry_authors[i])
        position = i
        if not out.verdict.is_same:
            for j, other in enumerate(entry_authors):
                if j != i and j not in used and _compare(c, other).verdict.is_same:
                    out, position, reordered = _compare(c, other), j, True
                    break
        used.add(position)
        spelling = out.entry or _family_spelling(entry_authors[position])
        names.append(NameMatch(out.cited or _spelling(c), spelling, out.verdict, position))
    kinds = [n.verdict.kind for n in names]
    if not names or Kind.DIFFERENT in kinds:
        kind = Kind.DIFFERENT
    elif Kind.TYPO in kinds:
        kind = Kind.TYPO
    else:
        kind = Kind.SAME
    typos = tuple((n.cited, n.entry) for n in names if n.verdict.is_typo and n.entry) if kind is Kind.TYPO else ()
    return AuthorListMatch(
        kind=kind,
        names=tuple(names),
        typos=typos,
        truncated=len(cited) < len(entry_authors) and not cited_et_al,
        reordered=reordered,
    )
