"""Claims: the sentence that carries each citation, with its paragraph as context."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from refcheck.ingest.source import SourceText

if TYPE_CHECKING:
    from spacy.language import Language
from refcheck.model import Claim

_SPACES = re.compile(r"\s+")
# where a citation stands in its sentence is measured on the cleaned text before it; past this many characters
# (no prose sentence is that long: a pasted run of citations) it is estimated in proportion, so that a sentence
# of thousands of citations is not cleaned again for each (quadratic: 11 s of CPU on 4,500 `\cite`s)
EXACT_PREFIX = 2_000


@dataclass
class Sentences:
    """Sentence boundaries of a body text, found once and looked up by offset."""

    body: SourceText
    spans: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    _starts: list[int]
    _paragraph_starts: list[int] = field(default_factory=list)
    _paragraph_cache: dict[int, str] = field(default_factory=dict)
    _sentence_cache: dict[int, tuple[str, int]] = field(default_factory=dict)  # index -> (cleaned text, lead)

    def __post_init__(self) -> None:
        self._paragraph_starts = [a for a, _ in self.paragraphs]

    @classmethod
    def find(cls, body: SourceText, nlp: Language) -> Sentences:
        spans: list[tuple[int, int]] = []
        paragraphs = _paragraphs(body.text)
        # one spaCy call per paragraph: sentences never cross a paragraph break,
        # and nlp.pipe batches the work
        pieces = [piece for a, b in paragraphs for piece in _chunks(body.text, a, b)]
        texts = [body.text[a:b] for a, b in pieces]
        for (a, _), doc in zip(pieces, nlp.pipe(texts, batch_size=64)):
            for sent in doc.sents:
                start, end = a + sent.start_char, a + sent.end_char
                if body.text[start:end].strip():
                    spans.append((start, end))
        spans = _merge_abbreviations(body.text, spans)
        return cls(body, spans, paragraphs, [s for s, _ in spans])

    def claim_at(self, offset: int, *, trailing: bool = True) -> Claim | None:
        """The sentence containing `offset`; a marker right after a full stop belongs to the sentence before.

        `trailing=False` for a citation that opens its sentence ("Taylor (1993) proposed ..."):
        it belongs to the sentence it starts, not to the one before.
        """
        if not self.spans:
            return None
        i = max(0, bisect_right(self._starts, offset) - 1)
        if trailing and i > 0 and not self.body.text[self.spans[i][0] : offset].strip():
            i -= 1
        elif not trailing and i + 1 < len(self.spans) and not self.body.text[offset : self.spans[i + 1][0]].strip():
            # "... missions. \citet{a} were the first": the command is gone from the body text, so its place is
            # the space before the sentence it opens, which it belongs to
            i += 1
        start, end = self.spans[i]
        if i not in self._sentence_cache:
            raw = self.body.text[start:end]
            self._sentence_cache[i] = (clean(raw), len(raw) - len(raw.lstrip()))
        text, lead = self._sentence_cache[i]
        before = max(0, offset - start)
        if before <= EXACT_PREFIX:
            cited_at = min(len(text), len(clean(self.body.text[start : start + before])))
        else:
            cited_at = min(len(text), len(text) * before // max(1, end - start))
        return Claim(text, self.body.locate(start + lead), self._paragraph_at(start), cited_at)

    def all_claims(self) -> list[Claim]:
        out = []
        for start, end in self.spans:
            text = clean(self.body.text[start:end])
            if text:
                out.append(Claim(text, self.body.locate(start), self._paragraph_at(start)))
        return out

    def _paragraph_at(self, offset: int) -> str:
        if not self.paragraphs:
            return clean(self.body.text)
        i = max(0, bisect_right(self._paragraph_starts, offset) - 1)
        if i not in self._paragraph_cache:
            a, b = self.paragraphs[i]
            self._paragraph_cache[i] = clean(self.body.text[a:b])
        return self._paragraph_cache[i]


# a sentence "ending" in one of these was cut by the segmenter, not by the author
_ALWAYS_JOIN = re.compile(
    r"(?:\b(?:e\.g|i\.e|cf|vs|Fig|fig|Figs|pp|vol|Vol|no|No|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|ca|approx|resp|Eq|eq|Ch|Sec|sec|Ref|ref|Refs|Tab|ed|eds|Ed|Eds|trans)\.|\b[A-Z]\.)\s*$"
)
_ET_AL = re.compile(r"\bet\s+al\.\s*$")


def _merge_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join sentences split after an abbreviation ("Krizhevski et al. | combined ...")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            before = text[max(prev_start, prev_end - 200) : prev_end]  # its end: a run of merges stays linear
            after = text[start:end].lstrip()
            same_paragraph = "\n\n" not in text[prev_end:start] and not re.search(r"\n[ \t]*\n", text[prev_end:start])
            joins = _ALWAYS_JOIN.search(before) or (
                _ET_AL.search(before) and after[:1] and (after[0].islower() or after[0] in "([0123456789")
            )
            if same_paragraph and joins:
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


# spaCy's cost grows faster than the length of one text (and its memory with it): a paragraph longer than this
# (a PDF page with no blank line, a 1 MB line) is cut, preferably after a full stop, else at a space.
CHUNK = 10_000
_CUT_BACK = 2_000  # how far back from the limit a cut looks for a sentence end or a space


def _chunks(text: str, a: int, b: int, size: int = CHUNK) -> list[tuple[int, int]]:
    """(a, b) in pieces of at most `size` characters, each cut where a sentence likely ends."""
    out = []
    while b - a > size:
        limit = a + size
        window = text[limit - _CUT_BACK : limit]
        cut = max(window.rfind(". "), window.rfind(".\n"), window.rfind("? "), window.rfind("! "))
        if cut == -1:
            cut = max(window.rfind(" "), window.rfind("\n"))
        end = limit if cut == -1 else limit - _CUT_BACK + cut + 1
        out.append((a, end))
        a = end
    out.append((a, b))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])(?=\s|$)")


def clean(text: str) -> str:
    """Display form of a sentence: whitespace folded, Markdown emphasis markers dropped."""
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)
