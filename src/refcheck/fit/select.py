"""The best scorer installed: combined when the semantic model is there, lexical otherwise."""

from __future__ import annotations

from functools import lru_cache

from refcheck.fit import analyze
from refcheck.fit.analyze import Analyzer
from refcheck.fit.base import Scorer


KINDS = ("auto", "lexical", "semantic", "combined")


@lru_cache(maxsize=2)
def analyzer(blank: bool = False) -> Analyzer:
    """One term analyzer per run: the trained pipeline with lemmas and the parser (noun chunks), or the blank one."""
    from refcheck.extract.nlp import load_pipeline
    from refcheck.fit.textcache import TextCache, producer, source_digest

    # the terms of a text are kept on disk (fit.textcache): a re-run on an unchanged library and draft loads
    # no lemmatizer or parser at all
    cache = TextCache("terms", f"{producer(blank)}\0{source_digest(analyze.__file__)}")
    return Analyzer(load=lambda: load_pipeline(lemmas=True, blank=blank), cache=cache)


def available_scorer(kind: str = "auto", cache_folder: str | None = None, blank: bool = False) -> Scorer:
    """`kind`: auto | lexical | semantic | combined. auto = combined if the model is installed, else lexical."""
    if kind not in KINDS:
        from refcheck.errors import UsageError

        raise UsageError(f"fit.scorer must be one of {', '.join(KINDS)}, not '{kind}'")
    from refcheck.fit.lexical import LexicalScorer
    from refcheck.fit.semantic import MODEL_NAME, SemanticScorer, semantic_available

    lexical = LexicalScorer(analyzer(blank))
    if kind == "lexical" or (kind == "auto" and not semantic_available()):
        return lexical
    from refcheck.fit.cache import EmbeddingCache

    try:
        semantic = SemanticScorer(cache=EmbeddingCache(cache_folder, MODEL_NAME))
    except Exception:  # broken install (missing weights, incompatible torch): words alone still work
        if kind != "auto":
            raise
        return lexical
    if kind == "semantic":
        return semantic
    from refcheck.fit.combined import CombinedScorer

    return CombinedScorer(semantic, lexical)
