"""Parsed library files kept in the user cache folder, so that an unchanged library is not parsed again.

A researcher's master library has tens of thousands of entries and changes a
few at a time; parsing it is most of what loading costs. Each file's parse
(entries, blocks, problems, and the `@string` macros it leaves for the next
file) is stored under a key made of

- the file's path as given and the hash of its text (a changed file misses,
  and invalidates only itself),
- the macros in force before it (BibTeX carries `@string`s across files),
- the refcheck code that parses (every module's size and time stamp), so that
  a new or edited parser never reads an old result.

On top of the files' records, the whole library (the entries decoded, keys
checked, crossrefs inherited) is kept under a key made
of the code digest and every file's path and text hash, in order
(`library_key`): an unchanged library is then one read, not a parse of each
file's record and a decode of every entry; any change to any file misses it,
and the files' own records still spare the parse of the files left unchanged.
What is computed from a loaded library (its blocking index, its duplicate
groups) is kept beside it by `derived`.

Records are pickles in `<cache folder>/library/`, written atomically; at most
`MAX_FILES` are kept, and at most `MAX_BYTES` together (least recently used
go first). A record that cannot be
read is parsed again and rewritten; a cache that cannot be written is simply
not kept. `REFCHECK_NO_CACHE` turns it off.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import lru_cache

from refcheck.cachedir import cache_folder, read_pickle, write_pickle

MAX_FILES = 64
MAX_BYTES = 512 * 1024 * 1024
_FORMAT = 1  # bump when the record's layout changes


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of refcheck's own source files: any edit to the code makes every record a miss."""
    import refcheck

    root = os.path.dirname(refcheck.__file__)
    digest = hashlib.sha256(f"{refcheck.__version__}\0{_FORMAT}".encode())
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.relpath(os.path.join(folder, name), root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def record_key(text: str, path: str, macros: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for part in (code_digest(), path, repr(sorted(macros.items())), text):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:40]


def parse_cached(text: str, path: str, macros: dict[str, str], parse: Callable):
    """`parse(text, path, macros)` (which updates `macros` in place), or its stored result for the same input."""
    folder = cache_folder()
    if folder is None:
        return parse(text, path, macros)
    folder = os.path.join(folder, "library")
    record = os.path.join(folder, f"{record_key(text, path, macros)}.pickle")
    stored = read_pickle(record)  # missing or unreadable: parsed again, and written over
    if isinstance(stored, tuple) and len(stored) == 2:
        parsed, macros_after = stored
        macros.clear()
        macros.update(macros_after)
        _touch(record)
        return parsed
    parsed = parse(text, path, macros)
    _write(folder, record, (parsed, dict(macros)))
    return parsed


def library_key(files: list[tuple[str, str]]) -> str | None:
    """The key of a whole library made of `files` ((path, text) in load order); None when nothing is cached."""
    return library_digest(files) if cache_folder() is not None else None


def library_digest(files: list[tuple[str, str]]) -> str:
    """What `library_key` is when there is a cache folder: the code, then every file's path and text hash."""
    digest = hashlib.sha256(f"library\0{code_digest()}\0".encode())
    for path, text in files:
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()[:40]


def derived(library, kind: str, version: int, build: Callable, read: Callable = lambda v: v, extra: str = ""):
    """Something computed from a loaded library (its blocking index, its duplicate groups), kept beside it.

    Keyed by the library as loaded (`cache_key`: its files' texts and the code), `kind` and `version`, its
    entries' keys in order (a caller that drops, reorders or replaces entries after loading gets a record of
    its own, never the loaded one's) and `extra`. `build()` makes the value, which is stored; `read(value)`
    turns a stored value back into the result, or None when it does not fit (then it is built again).
    A library not from the cache (no `cache_key`) is built for, never stored.
    """
    key = getattr(library, "cache_key", None)
    if not key:
        return read(build())
    digest = hashlib.sha256(f"{kind}\0{version}\0{key}\0".encode())
    digest.update("\0".join(e.key for e in library.entries).encode("utf-8", "surrogatepass"))
    if extra:
        digest.update(extra.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()[:40]
    stored = load_record(key)
    if stored is not None and (result := read(stored)) is not None:
        return result
    value = build()
    store_record(key, value)
    return read(value)


def load_record(key: str):
    """The object stored under `key` (a `library_key`, or one derived from it), or None when there is none."""
    folder = cache_folder()
    if folder is None or not key:
        return None
    record = os.path.join(folder, "library", f"{key}.pickle")
    value = read_pickle(record)  # missing or unreadable: None, built again and written over
    if value is not None:
        _touch(record)
    return value


def has_record(key: str) -> bool:
    """Whether a record is stored under `key` (without reading it)."""
    folder = cache_folder()
    return bool(folder and key) and os.path.exists(os.path.join(folder, "library", f"{key}.pickle"))


def store_record(key: str, value) -> None:
    """Keep `value` under `key` (atomically; silently not when the cache cannot be written)."""
    folder = cache_folder()
    if folder is None or not key:
        return
    folder = os.path.join(folder, "library")
    _write(folder, os.path.join(folder, f"{key}.pickle"), value)


def _touch(path: str) -> None:
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass


def _write(folder: str, path: str, record) -> None:
    if write_pickle(path, record):
        _prune(folder)


def _prune(folder: str) -> None:
    """Keep the most recently used records: at most `MAX_FILES`, and at most `MAX_BYTES` together.

    A 30,000-entry library takes some 60 MB (its files' records, the whole library, its index), and every
    edit of it writes new ones; by count alone a month of edits would keep gigabytes.
    """
    records = []
    for e in os.scandir(folder):
        if e.name.endswith(".pickle"):
            try:
                st = e.stat()
            except OSError:
                continue
            records.append((st.st_mtime, st.st_size, e.path))
    records.sort(reverse=True)  # newest first
    kept = total = 0
    for _, size, path in records:
        if kept < MAX_FILES and (total + size <= MAX_BYTES or kept == 0):  # the newest is kept whatever its size
            kept += 1
            total += size
            continue
        try:
            os.unlink(path)
        except OSError:
            pass