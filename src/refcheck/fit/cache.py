"""Embeddings cached on disk in the user's cache folder, keyed by model name and a hash of the text.

Entry texts above all (a library changes slowly); claims and paragraphs too,
so that re-auditing an unchanged document embeds nothing.

One `.npz` file per model under `$XDG_CACHE_HOME/refcheck` (`~/.cache/refcheck`);
never beside the user's files, which refcheck only reads. Written atomically (a
temporary file in the same folder, then `os.replace`), so a crash never
leaves half a file. A cache that cannot be read or has the wrong shape is
ignored and rebuilt; one that cannot be written is simply not kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile

import numpy as np

from refcheck.cachedir import cache_folder  # noqa: F401  (where the cache lives; imported from here by callers)

MAX_VECTORS = 50_000  # a cache shared by many libraries stays bounded


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """Vectors by text key for one model; `get` what is there, `put` new ones, `save` once."""

    def __init__(self, folder: str | None, model: str):
        self.folder = folder
        self.model = model
        self.path = os.path.join(folder, f"embeddings-{re.sub(r'[^A-Za-z0-9_.-]+', '_', model)}.npz") if folder else None
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        if not self.path or not os.path.exists(self.path):
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
                if vectors.ndim != 2 or len(keys) != len(vectors) or not np.isfinite(vectors).all():
                    return
                self._vectors = {str(k): v for k, v in zip(keys, vectors)}
        except Exception:  # corrupt, truncated or foreign: start afresh, the file is rewritten on save
            self._vectors = {}
            self._dirty = True

    def key(self, text: str) -> str:
        return text_key(self.model, text)

    def get(self, text: str, dim: int | None = None) -> np.ndarray | None:
        v = self._vectors.get(self.key(text))
        if v is not None and dim is not None and v.shape != (dim,):
            return None
        return v

    def put(self, text: str, vector: np.ndarray) -> None:
        self._vectors[self.key(text)] = np.asarray(vector, dtype=np.float32)
        self._dirty = True

    def __len__(self) -> int:
        return len(self._vectors)

    @property
    def dim(self) -> int | None:
        """The vectors' length (one model, one length), or None while the cache is empty."""
        for vector in self._vectors.values():
            return int(vector.shape[0])
        return None

    def save(self) -> bool:
        """Write the cache atomically; False when there is nowhere to write (never an error)."""
        if not self.path or not self._dirty or not self._vectors:
            return False
        items = list(self._vectors.items())[-MAX_VECTORS:]
        dims = {v.shape for _, v in items}
        if len(dims) != 1:  # vectors of two shapes: keep the newest shape only
            shape = items[-1][1].shape
            items = [(k, v) for k, v in items if v.shape == shape]
        tmp = None
        try:
            os.makedirs(self.folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".embeddings-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                np.savez(f, keys=np.array([k for k, _ in items]), vectors=np.stack([v for _, v in items]))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            tmp = None
            self._dirty = False
            return True
        except OSError:
            return False
        finally:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
