"""Braces in titles: doubled groups made single, and words whose case matters protected.

BibTeX styles change a title's case (`{DNA}` and `{Korea}` survive, `DNA` does
not). A word needs braces when its case is more than title case: an acronym
or a mixed-case word (`NLP`, `ZnO`, `McDonald`, `3D`, `II`), or a capitalised
word in a sentence-case title (`...tense in Obolo`), which can only be a
proper noun. In a title-case title a capitalised word may be either; it is
protected only if the library's sentence-case titles show it as a proper noun
(capitalised mid-sentence and never seen in lower case). Braces are only ever
added, never removed, and whole-value protection (`{{Title}}`) is kept, so the
transform is idempotent and changes no rendering but the case fixes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refcheck.library.clean.model import TEXT
from refcheck.library.clean.state import CleanState
from refcheck.library.clean.accents import to_unicode

TITLE_FIELDS = frozenset(
    "title subtitle booktitle booksubtitle shorttitle maintitle mainsubtitle eventtitle origtitle titleaddon "
    "issuetitle issuesubtitle".split()
)
# Words whose capital says nothing in a title-case title, left out when telling sentence from title case.
_STOP = frozenset(
    "with from into upon over that this their about under between through within without versus among after "
    "before during onto toward towards some what when where which".split()
)
_WORD = re.compile(r"\S+")
_BRACE = re.compile(r"(?<!\\)[{}]")
_PARTS = re.compile(r"([-–—/]+)")  # a compound's parts are judged one by one: Self-Organizing is title case
_LEAD = "([“‘\"'«¿¡"
_TRAIL = ".,;:!?)]”’\"'»"
_ENDS_SENTENCE = (":", "?", "!", ".")


_DOUBLED_SIMPLE = re.compile(r"(?<!\\)\{\{([^{}]*)(?<!\\)\}\}")


def collapse_doubled(value: str) -> str:
    """`{{ZnO}}` -> `{ZnO}` wherever a group holds exactly one group: both protect the same letters."""
    if "{{" not in value:
        return value
    value = _DOUBLED_SIMPLE.sub(r"{\1}", value)
    while "{{" in value:
        match: dict[int, int] = {}
        stack: list[int] = []
        for m in _BRACE.finditer(value):
            if m.group(0) == "{":
                stack.append(m.start())
            elif stack:
                match[stack.pop()] = m.start()
        drop = set()
        for i, j in match.items():
            if value[i + 1 : i + 2] == "{" and match.get(i + 1) == j - 1 and i not in drop:
                drop.update((i + 1, j - 1))
        if not drop:
            break
        value = "".join(ch for k, ch in enumerate(value) if k not in drop)
    return value


def _is_mixed(part: str) -> bool:
    """Upper case past the first letter: an acronym, a chemical formula, a camel-case name."""
    rest = part[1:]
    return rest != rest.lower()


_PART = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)*|\d+[^\W\d_][^\W_]*")
# what ends a sentence between two words: a colon, ?, !, a full stop after more than an initial, a spaced dash
_BREAK = re.compile(r"[:?!]|(?<=\w\w)\.|\s(?:-{1,3}|–|—)\s")


@lru_cache(maxsize=1 << 15)
def analyse(decoded: str) -> tuple[bool, tuple[tuple[str, bool], ...]]:
    """Whether a decoded title is in sentence case, and its word parts with "starts a sentence" flags.

    Sentence case: content words (four letters or more, not a capitalised
    preposition) in lower case, at least half as many as the capitalised ones,
    leaving out each sentence's first word.
    """
    parts: list[tuple[str, bool]] = []
    lower = upper = 0
    for sentence in _BREAK.split(decoded):
        words = _PART.findall(sentence)
        if not words:
            continue
        parts.append((words[0], True))
        for part in words[1:]:
            parts.append((part, False))
            if len(part) >= 4:
                rest = part[1:]
                if rest.islower() and part.isalpha() and part.lower() not in _STOP:
                    if part[0].islower():
                        lower += 1
                    elif part[0].isupper():
                        upper += 1
    # a title-case title has no content word in lower case; the capitals of a sentence-case one are
    # its proper nouns, which can outnumber its lower-case words ("particles in Guinea-Bissau Creole")
    return lower > 0 and 2 * lower >= upper, tuple(parts)


def is_sentence_case(decoded: str) -> bool:
    return analyse(decoded)[0]


def title_words(decoded: str) -> tuple[tuple[str, bool], ...]:
    """(part, starts a sentence) for each word part of a decoded title."""
    return analyse(decoded)[1]


def learn_proper_nouns(titles: list[str]) -> frozenset[str]:
    """Words capitalised mid-sentence in sentence-case titles and never written in lower case."""
    capital: set[str] = set()
    lower_seen: set[str] = set()
    for decoded in titles:
        sentence, parts = analyse(decoded)
        for part, start in parts:
            head = part[0]
            if head.islower():
                lower_seen.add(part.lower())
            elif sentence and not start and head.isupper() and len(part) > 1 and not _is_mixed(part):
                capital.add(part)
    return frozenset(w for w in capital if w.lower() not in lower_seen)


def _protect_word(tok: str, start: bool, sentence: bool, proper: frozenset[str]) -> str:
    if tok == tok.lower():
        return tok  # no capital: nothing for a style to lower
    lead = len(tok) - len(tok.lstrip(_LEAD))
    trail = len(tok) - len(tok.rstrip(_TRAIL))
    core = tok[lead : len(tok) - trail]
    if not core:
        return tok
    pieces = _PARTS.split(core)
    changed = False
    for i in range(0, len(pieces), 2):
        part = pieces[i]
        if not part or not any(c.isalpha() for c in part):
            continue
        if _is_mixed(part):
            need = True
        elif part[0].isupper() and not (start and i == 0):
            need = sentence or part in proper
        else:
            need = False
        if need:
            pieces[i] = "{" + part + "}"
            changed = True
    if not changed:
        return tok
    return tok[:lead] + "".join(pieces) + tok[len(tok) - trail :]


_MATH = re.compile(r"\$[^$]*\$")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?|\\.")


def plain(value: str) -> str:
    """A title's words as a reader sees them, for judging case: accents decoded, math, commands and braces gone."""
    if "$" in value:
        value = _MATH.sub(" ", value)
    if "\\" in value:
        value = _COMMAND.sub(" ", to_unicode(value))
    return value.replace("{", "").replace("}", "")


def _needed(decoded: str, proper: frozenset[str]) -> set[str]:
    """The word parts of a title that need braces."""
    sentence, parts = analyse(decoded)
    return {
        part for part, start in parts
        if _is_mixed(part) or (not start and part[0].isupper() and (sentence or part in proper))
    }


def protect(value: str, proper: frozenset[str] = frozenset(), decoded: str | None = None) -> str:
    """`value` with braces around the words whose case matters (see the module docstring)."""
    decoded = plain(value) if decoded is None else decoded
    if decoded.isupper() and len(decoded) > 3:
        return value  # ALL CAPS: every word would be protected; leave it to the user
    needed = _needed(decoded, proper)
    if not needed:
        return value
    sentence = analyse(decoded)[0]
    out: list[str] = []
    depth = pos = 0
    start = True
    for m in _WORD.finditer(value):
        tok = m.group(0)
        plain_tok = "{" not in tok and "}" not in tok and "\\" not in tok and "$" not in tok
        if depth == 0 and plain_tok and any(p in tok for p in needed):
            out.append(value[pos : m.start()])
            out.append(_protect_word(tok, start, sentence, proper))
            pos = m.end()
        if not plain_tok:
            for b in _BRACE.finditer(tok):
                depth += 1 if b.group(0) == "{" else -1
        start = (tok.endswith(_ENDS_SENTENCE) and len(tok.rstrip(_TRAIL)) != 1) or tok in ("-", "--", "–", "—", "---")
    out.append(value[pos:])
    return "".join(out)


def run(state: CleanState) -> None:
    entries = state.entries()
    n = 0
    for e in entries:
        for f in e.fields:
            if f.kind == TEXT and f.name in TITLE_FIELDS and "{{" in f.value:
                new = collapse_doubled(f.value)
                if new != f.value:
                    f.value = new
                    n += 1
    state.report.counts["double-braces"] += n
    if not state.options.protect:
        return
    titles = [(f, plain(f.value)) for e in entries for f in e.fields if f.kind == TEXT and f.name in TITLE_FIELDS]
    proper = learn_proper_nouns([d for _f, d in titles])
    n = 0
    for f, decoded in titles:
        new = protect(f.value, proper, decoded)
        if new != f.value:
            f.value = new
            n += 1
    state.report.counts["protected"] += n
