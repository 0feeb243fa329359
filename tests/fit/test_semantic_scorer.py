"""The embedding scorer: the shipped model offline, entry vectors cached, on CUDA when torch sees a GPU."""

from __future__ import annotations

import numpy as np
import pytest

from refcheck.fit.base import ClaimText, EntryText
from refcheck.fit.cache import EmbeddingCache
from refcheck.fit.semantic import SemanticScorer, semantic_available


class CountingModel:
    """A stand-in encoder: a fixed vector per text, and a count of the texts it was asked to encode."""

    def __init__(self):
        self.encoded: list[str] = []

    def get_sentence_embedding_dimension(self):
        return 8

    def encode(self, texts, **kwargs):
        self.encoded += list(texts)
        out = np.array([np.random.default_rng(abs(hash(t)) % 2**32).normal(size=8) for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


ENTRIES = [EntryText("a", "Bank Runs, Deposit Insurance, and Liquidity"), EntryText("b", "The Role of Monetary Policy")]


def test_entry_vectors_come_from_the_cache_the_second_time(tmp_path):
    first = CountingModel()
    SemanticScorer(first, EmbeddingCache(str(tmp_path), "fake")).score([ClaimText("claim")], ENTRIES)
    assert set(first.encoded) >= {e.full for e in ENTRIES}
    second = CountingModel()
    m = SemanticScorer(second, EmbeddingCache(str(tmp_path), "fake")).score([ClaimText("claim")], ENTRIES)
    assert m.shape == (1, 2)
    assert not set(second.encoded) & {e.full for e in ENTRIES}  # only the claim was encoded


def test_readings_of_a_claim():
    scorer = SemanticScorer(CountingModel())
    claim = ClaimText("Deposit insurance stops runs.", "Banks and crises. Deposit insurance stops runs.")
    alone = scorer.score([claim], ENTRIES, paragraph_weight=0.0)
    para = scorer.score([claim], ENTRIES, paragraph_weight=float("inf"))
    assert np.allclose(alone, scorer.score([ClaimText(claim.sentence)], ENTRIES, paragraph_weight=0.0))
    assert np.allclose(para, scorer.score([ClaimText(claim.paragraph)], ENTRIES, paragraph_weight=0.0))
    assert not np.allclose(alone, para)


def test_gpu_is_used_when_torch_sees_one(monkeypatch):
    torch = pytest.importorskip("torch")
    from refcheck.fit.semantic import pick_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device() == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device() == "cpu"


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed (make setup installs it)")
def test_the_shipped_model_ranks_the_related_entry_first(tmp_path):
    scorer = SemanticScorer(cache=EmbeddingCache(str(tmp_path), "all-MiniLM-L6-v2"))
    entries = ENTRIES + [EntryText("c", "Thermal Equilibrium of the Atmosphere with a Given Distribution of Relative Humidity")]
    m = scorer.score([ClaimText("Insured depositors have no reason to join a run on their bank.")], entries)
    assert int(np.argmax(m[0])) == 0
    assert m[0, 2] < 0.2 < m[0, 0]
    assert scorer.dim == 384
