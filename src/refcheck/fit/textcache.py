"""What spaCy made of a text (its terms, the names in it), kept on disk so that an unchanged text is not parsed again.

The claim rules read the library's entries and the draft's claims with the
trained pipeline's tagger, lemmatizer and NER. Loading those components costs
more than the sentence pipeline the audit needs anyway, and re-reading a
library that has not changed gives the same result every time; so, as the
embeddings are (`fit.cache`), the results are kept by a hash of the text and of
what produced them (the pipeline package and its version, and a version of the
code that reads the annotations). A run whose texts are all known loads no
trained component beyond the sentence pipeline.

One pickle per kind under the cache folder (`analysis-<kind>.pickle`), read
on first use, written atomically when the run ends (or when `save` is called);
at most `MAX_ITEMS` texts are kept, the most recently added. A file that cannot
be read is ignored and rewritten; one that cannot be written is not kept.
`REFCHECK_NO_CACHE` turns it off.
"""

from __future__ import annotations

import atexit
import hashlib
import os
from collections.abc import Callable, Iterable
from functools import lru_cache

from refcheck.cachedir import cache_folder, read_pickle, write_pickle

MAX_ITEMS = 200_000


@lru_cache(maxsize=4)
def producer(blank: bool) -> str:
    """What analyses a text: the trained pipeline's package and version, or 'blank'."""
    from refcheck.extract.nlp import trained_name

    name = None if blank else trained_name()
    if name is None:
        return "blank"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}=={version(name.replace('_', '-'))}"
    except PackageNotFoundError:
        return name


@lru_cache(maxsize=8)
def source_digest(module_file: str) -> str:
    """A digest of the module that reads the annotations: editing it makes every stored result a miss."""
    with open(module_file, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()[:16]


class TextCache:
    """Values by text for one kind of analysis and one producer; `lookup` many, `update` the new ones."""

    def __init__(self, kind: str, producer: str, folder: str | None = None) -> None:
        folder = folder if folder is not None else cache_folder()
        self.path = os.path.join(folder, f"analysis-{kind}.pickle") if folder else None
        self.prefix = f"{kind}\0{producer}\0"
        self._items: dict[str, object] | None = None  # read on first use
        self._dirty = False

    def _key(self, text: str) -> str:
        return hashlib.sha256((self.prefix + text).encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def _loaded(self) -> dict[str, object]:
        if self._items is None:
            items = read_pickle(self.path) if self.path else None  # missing or unreadable: written over
            self._items = items if isinstance(items, dict) else {}
        return self._items

    def lookup(self, texts: Iterable[str]) -> dict[str, object]:
        """The known values of `texts`, by text."""
        items = self._loaded()
        found = {}
        for text in texts:
            if (value := items.get(self._key(text))) is not None:
                found[text] = value
        return found

    def update(self, values: dict[str, object]) -> None:
        if not values or not self.path:
            return
        items = self._loaded()
        for text, value in values.items():
            items.pop(key := self._key(text), None)  # re-added: the newest, kept longest
            items[key] = value
        if not self._dirty:
            self._dirty = True
            atexit.register(self.save)

    def save(self) -> bool:
        """Write the file atomically (at most `MAX_ITEMS`, the newest); False when there is nothing to write."""
        if not self.path or not self._dirty or self._items is None:
            return False
        items = self._items
        if len(items) > MAX_ITEMS:
            items = dict(list(items.items())[-MAX_ITEMS:])
        if not write_pickle(self.path, items):
            return False
        self._dirty = False
        return True


def cached_map(cache: TextCache | None, texts: list[str], compute: Callable[[list[str]], list]) -> dict[str, object]:
    """`compute` of each distinct text of `texts`, those in `cache` read from it and the rest added to it."""
    distinct = list(dict.fromkeys(texts))
    found = cache.lookup(distinct) if cache is not None else {}
    todo = [t for t in distinct if t not in found]
    if todo:
        new = dict(zip(todo, compute(todo)))
        if cache is not None:
            cache.update(new)
        found.update(new)
    return found
