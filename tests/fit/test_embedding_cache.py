"""The entry-embedding cache: keyed by model and text, written atomically, a corrupt file ignored and rebuilt."""

from __future__ import annotations

import os

import numpy as np

from refcheck.fit.cache import EmbeddingCache, cache_folder, text_key


def test_round_trip(tmp_path):
    cache = EmbeddingCache(str(tmp_path), "model-a")
    cache.put("Bank runs", np.arange(4, dtype=np.float32))
    assert cache.save()
    again = EmbeddingCache(str(tmp_path), "model-a")
    np.testing.assert_array_equal(again.get("Bank runs"), np.arange(4, dtype=np.float32))
    assert again.get("Something else") is None


def test_keys_depend_on_model_and_text():
    assert text_key("m1", "t") != text_key("m2", "t")
    assert text_key("m1", "t") != text_key("m1", "t ")


def test_other_models_vectors_are_not_read(tmp_path):
    a = EmbeddingCache(str(tmp_path), "model-a")
    a.put("x", np.ones(3, dtype=np.float32))
    a.save()
    assert EmbeddingCache(str(tmp_path), "model-b").get("x") is None


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    cache = EmbeddingCache(str(tmp_path), "m")
    cache.put("x", np.ones(3, dtype=np.float32))
    cache.save()
    assert [p.name for p in tmp_path.iterdir()] == ["embeddings-m.npz"]


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    path = tmp_path / "embeddings-m.npz"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    cache = EmbeddingCache(str(tmp_path), "m")
    assert len(cache) == 0
    cache.put("x", np.ones(2, dtype=np.float32))
    assert cache.save()
    assert EmbeddingCache(str(tmp_path), "m").get("x") is not None


def test_a_vector_of_the_wrong_size_is_a_miss(tmp_path):
    cache = EmbeddingCache(str(tmp_path), "m")
    cache.put("x", np.ones(3, dtype=np.float32))
    assert cache.get("x", dim=384) is None


def test_unwritable_folder_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = EmbeddingCache(str(blocker / "cache"), "m")
    cache.put("x", np.ones(2, dtype=np.float32))
    assert cache.save() is False


def test_folder_is_the_users_cache_never_beside_the_library(tmp_path, monkeypatch):
    monkeypatch.delenv("REFCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("REFCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == os.path.join(str(tmp_path / "xdg"), "refcheck")
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == str(tmp_path / "mine")
    monkeypatch.setenv("REFCHECK_NO_CACHE", "1")
    assert cache_folder() is None