"""Quotations in a claim, and their search in a source text: normalised, ellipses skipping text, near misses explained.

Both sides are reduced to case-folded letters and digits (NFKC): quote marks,
punctuation, whitespace, line breaks and hyphenation — "fundamen-/tal" as
"fundamental", "Korea–Japan" as "Korea-Japan" — do not count, and footnote
markers (`<sup>6</sup>`, `[^6]`, superscript digits) in the source are skipped.
A match must begin and end on word boundaries of the source. An ellipsis
(`...`, `…`, `[...]`) or an editorial insertion in brackets (`[the treaty]`,
`[sic]`) skips source text; a bracketed letter (`[t]he`) is read as written.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|„([^“”]+)[“”]|(?<![\w])‘([^’]+)’(?![\w])")
# what stands for omitted or inserted text inside a quotation
_GAP = re.compile(r"\s*(?:\.\s?\.\s?\.|…|\[\s*(?:\.\.\.|…)\s*\]|\[[^\]]{3,}\])\s*")
_BRACKETED_LETTERS = re.compile(r"\[([^\]]{1,2})\]")
_MARKUP = re.compile(r"<sup>[^<]{0,12}</sup>|\[\^[^\]\s]{1,12}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_WORD = re.compile(r"[^\W_]+")
MIN_QUOTE_WORDS = 4  # "comfort women" is a term in scare quotes, not a quotation to look up
COMMON = 2000  # a word this frequent in the source does not vote for where a quotation may stand
CANDIDATES = 40  # start positions scored in full when looking for the closest passage


def quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[str]:
    """Quoted passages of at least `min_words` words, as written."""
    out = []
    for m in _QUOTE.finditer(text):
        q = next(g for g in m.groups() if g is not None).strip()
        if len(_WORD.findall(q)) >= min_words:
            out.append(q)
    return out


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def words(text: str) -> list[str]:
    """Case-folded words: quote marks, punctuation, whitespace and line-end hyphenation do not count."""
    return [w for w in (_fold(m.group()) for m in _WORD.finditer(_join_hyphenation(text))) if w]


def _join_hyphenation(text: str) -> str:
    return re.sub(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])", "", text)


def pieces(quote: str) -> list[list[str]]:
    """The quotation's words, cut where an ellipsis or an insertion skips source text."""
    quote = _BRACKETED_LETTERS.sub(r"\1", _GAP.sub(" … ", quote))
    return [w for w in (words(p) for p in quote.split("…")) if w]


@dataclass
class Source:
    """A source text prepared for search: its words, where each stands, and all its letters run together."""

    original: str
    words: list[str]
    spans: list[tuple[int, int]]
    letters: str
    starts: list[int]  # letter offset of each word in `letters`
    _positions: dict[str, list[int]] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[str, list[int]]:
        if self._positions is None:
            table: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                table.setdefault(w, []).append(i)
            self._positions = table
        return self._positions

    def passage(self, first: int, end: int) -> str:
        """Words first..end-1 as the source writes them, markers left out, whitespace folded."""
        if first >= end:
            return ""
        raw = self.original[self.spans[first][0] : self.spans[end - 1][1]]
        return " ".join(_join_hyphenation(_MARKUP.sub(" ", raw)).split())

    def line_of(self, word: int) -> int:
        return self.original.count("\n", 0, self.spans[word][0]) + 1 if self.spans else 1


@lru_cache(maxsize=64)
def prepare(text: str) -> Source:
    """`text` made searchable (cached: a source is cited many times)."""
    # markers and hyphenation are blanked or joined in place, so offsets stay those of `text`
    blanked = _MARKUP.sub(lambda m: " " * len(m.group()), text)
    blanked = re.sub(r"(?<=[^\W\d_])(-[ \t]*\r?\n[ \t]*)(?=[^\W\d_])", lambda m: "\x00" * len(m.group(1)), blanked)
    ws, spans, starts = [], [], []
    total = 0
    for m in re.finditer(r"[^\W_]+(?:\x00+[^\W_]+)*", blanked):
        w = _fold(m.group().replace("\x00", ""))
        if not w:
            continue
        ws.append(w)
        spans.append((m.start(), m.end()))
        starts.append(total)
        total += len(w)
    return Source(text, ws, spans, "".join(ws), starts)


def _starts_word(starts: list[int], pos: int) -> bool:
    i = bisect_left(starts, pos)
    return i < len(starts) and starts[i] == pos


def _at_word(source: Source, letters: str, start: int) -> int:
    """The index of the word where `letters` occurs from letter offset `start` on word boundaries; -1 if nowhere."""
    hay, starts = source.letters, source.starts
    pos = hay.find(letters, start)
    while pos >= 0:
        end = pos + len(letters)
        if _starts_word(starts, pos) and (end == len(hay) or _starts_word(starts, end)):
            return bisect_left(starts, pos)
        pos = hay.find(letters, pos + 1)
    return -1


def locate(quote: str, source: Source) -> tuple[int, int] | None:
    """The source words (first, end) the quotation spans, every part in order; None when it is not there."""
    first = end = None
    pos = 0
    for part in pieces(quote):
        joined = "".join(part)
        at = _at_word(source, joined, pos)
        if at < 0:
            return None
        first = at if first is None else first
        pos = source.starts[at] + len(joined)
        end = bisect_left(source.starts, pos)
    return (first, end) if first is not None else None


def found(quote: str, source: Source | list[str]) -> bool:
    """Every ellipsis-separated part of the quotation occurs, in order, in the source."""
    if isinstance(source, list):  # a list of words, as `words()` gives
        source = prepare(" ".join(source))
    return locate(quote, source) is not None


@dataclass(frozen=True)
class NearMiss:
    passage: str  # the source's closest passage, as the source writes it
    similarity: float  # 0..100
    differences: tuple[str, ...]  # "the source has 'attainable' where the quotation has 'possible'"
    line: int = 0  # the passage's line in the source


def _candidate_starts(q: list[str], source: Source) -> list[int]:
    """Where the quotation may begin: each of its words found in the source votes for the start it implies."""
    table = source.positions
    present = sorted({w for w in q if w in table}, key=lambda w: len(table[w]))
    voters = {w for i, w in enumerate(present) if i < 3 or len(table[w]) <= COMMON}
    votes: Counter[int] = Counter()
    for j, w in enumerate(q):
        if w in voters:
            for p in table[w]:
                votes[max(0, p - j)] += 1
    return [start for start, _ in votes.most_common(CANDIDATES)]


def closest(quote: str, source: Source | list[str]) -> NearMiss | None:
    """The source passage most like the quotation (about its length), and how the two differ."""
    if isinstance(source, list):
        source = prepare(" ".join(source))
    q = [w for part in pieces(quote) for w in part]
    if not q or not source.words:
        return None
    n = len(q)
    target = " ".join(q)
    best, span = -1.0, (0, 0)
    for start in _candidate_starts(q, source):
        for s in range(max(0, start - 2), start + 3):
            for length in range(max(1, n - 2), n + 3):
                window = source.words[s : s + length]
                if not window:
                    continue
                score = fuzz.ratio(target, " ".join(window))
                if score > best:
                    best, span = score, (s, s + len(window))
    if best < 0:
        return None
    first, end = span
    ops = difflib.SequenceMatcher(a=q, b=source.words[first:end], autojunk=False).get_opcodes()
    # words the window takes in before or after the match are not differences
    if len(ops) > 1 and ops[-1][0] == "insert":
        end -= ops[-1][4] - ops[-1][3]
    if len(ops) > 1 and ops[0][0] == "insert":
        first += ops[0][4]
    # a quotation that ends (or begins) with words of its own: set them against the source's next (or previous) words
    ops = difflib.SequenceMatcher(a=q, b=source.words[first:end], autojunk=False).get_opcodes()
    if len(ops) > 1 and ops[-1][0] == "delete":
        end = min(len(source.words), end + ops[-1][2] - ops[-1][1])
    if len(ops) > 1 and ops[0][0] == "delete":
        first = max(0, first - (ops[0][2] - ops[0][1]))
    passage = source.words[first:end]
    diffs = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=q, b=passage, autojunk=False).get_opcodes():
        said, there = " ".join(q[a1:a2]), " ".join(passage[b1:b2])
        if op == "replace":
            diffs.append(f"the source has '{there}' where the quotation has '{said}'")
        elif op == "delete":
            diffs.append(f"the quotation adds '{said}'")
        elif op == "insert":
            diffs.append(f"the quotation leaves out '{there}'")
    return NearMiss(source.passage(first, end), best, tuple(diffs), source.line_of(first))
