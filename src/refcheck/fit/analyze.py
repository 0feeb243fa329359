"""Terms for lexical fit: spaCy lemmas (trained pipeline) or lower-cased tokens (blank), lightly stemmed.

A term is a content word (no stop word, number or punctuation) reduced by
a light suffix stripper, so that "historical" meets "history" and
"participate" meets "participation"; noun chunks of two or more content words
(parser) or adjacent content words (no parser) add phrase terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from refcheck.fit.textcache import TextCache, cached_map

if TYPE_CHECKING:
    from spacy.language import Language


# Of one text, only the start is read for terms: an abstract is a few thousand characters, a claim's paragraph
# reaches spaCy in pieces of 10,000; a library field of megabytes would exceed spaCy's length limit (and cost
# minutes) for terms that the first pages already give.
MAX_CHARS = 50_000


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: rule modules must be cheap to import."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# Longest first; a suffix is stripped only if at least _MIN_STEM characters remain.
_SUFFIXES = (
    "izations", "isations", "ization", "isation", "ational", "ically", "ations", "itions", "ation", "ition",
    "ities", "ality", "ical", "ists", "isms", "ness", "ment", "ings", "ions", "ives", "ity", "ist", "ism", "ing",
    "ion", "ive", "ate", "ies", "ers", "ous", "al", "ic", "er", "es", "y", "s", "e",
)
_MIN_STEM = 4


@lru_cache(maxsize=1 << 16)  # a text's words repeat: 100,000 tokens of a long source are a few thousand words
def stem(word: str) -> str:
    """A light, two-pass suffix stripper: conflates derivations, never claims to be linguistics."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@dataclass(frozen=True)
class Terms:
    """A text's terms in order, and for each stem the word it was read from (for explanations)."""

    terms: tuple[str, ...]
    surface: dict[str, str]


class Analyzer:
    """Turns texts into terms with one spaCy pipeline, caching by text (in memory, and on disk with `cache`).

    The pipeline is given, or loaded by `load` when a text is not in the caches: a run whose texts were all
    read before loads no lemmatizer or parser.
    """

    def __init__(self, nlp: Language | None = None, *, load: Callable[[], Language] | None = None,
                 cache: TextCache | None = None) -> None:  # fmt: skip
        if nlp is None and load is None:
            raise TypeError("Analyzer needs a pipeline or a function that loads one")
        self._nlp = nlp
        self._load = load
        self.cache = cache
        self._cache: dict[str, Terms] = {}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

    @property
    def lemmas(self) -> bool:
        return "lemmatizer" in self.nlp.pipe_names

    @property
    def chunks(self) -> bool:
        return "parser" in self.nlp.pipe_names

    def terms(self, text: str) -> Terms:
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[Terms]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            for text, (terms, surface) in cached_map(self.cache, todo, self._compute).items():
                self._cache[text] = Terms(terms, surface)
        return [self._cache[t] for t in texts]

    def _compute(self, texts: list[str]) -> list[tuple[tuple[str, ...], dict[str, str]]]:
        lemmas, chunks = self.lemmas, self.chunks
        out = []
        for doc in self.nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=64):
            terms = self._read(doc, lemmas, chunks)
            out.append((terms.terms, terms.surface))
        return out

    @staticmethod
    def _word(token, lemmas: bool) -> str | None:
        if token.is_punct or token.is_space or token.like_num or token.like_url or token.is_stop:
            return None
        text = (token.lemma_ if lemmas and token.lemma_ else token.text).lower().strip("'’-")
        if len(text) < 2 or text in _stop_words() or not any(c.isalpha() for c in text):
            return None
        return text

    def _read(self, doc, lemmas: bool, chunks: bool) -> Terms:
        terms: list[str] = []
        surface: dict[str, str] = {}
        words = [self._word(t, lemmas) for t in doc]
        for word in words:
            if word:
                s = stem(word)
                terms.append(s)
                surface.setdefault(s, word)
        for phrase in self._phrases(doc, words, chunks):
            key = " ".join(stem(w) for w in phrase)
            terms.append(key)
            surface.setdefault(key, " ".join(phrase))
        return Terms(tuple(terms), surface)

    @staticmethod
    def _phrases(doc, words: list[str | None], chunks: bool) -> Iterable[list[str]]:
        if chunks:
            for chunk in doc.noun_chunks:
                content = [words[t.i] for t in chunk if words[t.i]]
                if len(content) >= 2:
                    yield content
        else:
            for a, b in zip(words, words[1:]):
                if a and b:
                    yield [a, b]
