"""Quotations in a claim, and their search in a source text: normalised, ellipses skipping text, near misses explained."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]|(?<![\w])‘([^’]+)’(?![\w])")
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_WORD = re.compile(r"\w+", re.UNICODE)
MIN_QUOTE_WORDS = 4  # "comfort women" is a term in scare quotes, not a quotation to look up


def quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[str]:
    """Quoted passages of at least `min_words` words, as written."""
    out = []
    for m in _QUOTE.finditer(text):
        q = next(g for g in m.groups() if g is not None).strip()
        if len(_WORD.findall(q)) >= min_words:
            out.append(q)
    return out


def words(text: str) -> list[str]:
    """Case-folded words: quote marks, punctuation, whitespace and line-end hyphenation do not count."""
    text = unicodedata.normalize("NFKC", text)
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return [w.casefold() for w in _WORD.findall(text)]


def _find(seq: list[str], part: list[str], start: int) -> int:
    n = len(part)
    for i in range(start, len(seq) - n + 1):
        if seq[i : i + n] == part:
            return i
    return -1


def found(quote: str, source_words: list[str]) -> bool:
    """Every ellipsis-separated part of the quotation occurs, in order, in the source."""
    pos = 0
    for piece in _ELLIPSIS.split(quote):
        part = words(piece)
        if not part:
            continue
        at = _find(source_words, part, pos)
        if at < 0:
            return False
        pos = at + len(part)
    return True


@dataclass(frozen=True)
class NearMiss:
    passage: str  # the source's closest passage, as words
    similarity: float  # 0..100
    differences: tuple[str, ...]  # "'attainable' for 'possible'"


def closest(quote: str, source_words: list[str]) -> NearMiss | None:
    """The source passage of the quotation's length that is most like it, and how the two differ."""
    q = [w for piece in _ELLIPSIS.split(quote) for w in words(piece)]
    if not q or not source_words:
        return None
    n = len(q)
    target = " ".join(q)
    best, best_i = -1.0, 0
    for i in range(0, max(1, len(source_words) - n + 1)):
        score = fuzz.ratio(target, " ".join(source_words[i : i + n]))
        if score > best:
            best, best_i = score, i
    passage = source_words[best_i : best_i + n]
    ops = difflib.SequenceMatcher(a=q, b=passage, autojunk=False).get_opcodes()
    # the window has the quotation's length: words it takes in before or after the match are not differences
    while ops and ops[0][0] == "insert":
        passage = passage[ops[0][4]:]
        ops = difflib.SequenceMatcher(a=q, b=passage, autojunk=False).get_opcodes()
    while ops and ops[-1][0] == "insert":
        passage = passage[: ops[-1][3]]
        ops = difflib.SequenceMatcher(a=q, b=passage, autojunk=False).get_opcodes()
    diffs = []
    for op, a1, a2, b1, b2 in ops:
        said, source = " ".join(q[a1:a2]), " ".join(passage[b1:b2])
        if op == "replace":
            diffs.append(f"the source has '{source}' where the quotation has '{said}'")
        elif op == "delete":
            diffs.append(f"the quotation adds '{said}'")
        elif op == "insert":
            diffs.append(f"the quotation leaves out '{source}'")
    return NearMiss(" ".join(passage), best, tuple(diffs))
