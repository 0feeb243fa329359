"""Compiled regular expressions kept on disk, so that big patterns are not compiled again by every process.

The name patterns of the reference parser spell out Unicode upper- and
lower-case classes dozens of times (Python's `re` has no `\\p{Lu}`), and
compiling them costs about a second at every start. What takes the time is
`re`'s pure-Python parser and code generator; the regex engine itself builds a
pattern from the generated code in microseconds. This module stores that code
in the user cache folder, keyed by the Python version, the engine's MAGIC
number and the patterns themselves, and rebuilds the patterns from it. Any
difference (another Python, an edited pattern, an unreadable or foreign file)
falls back to `re.compile`, so the result is always the pattern `re` would
give: a test compares the two.

`cached_compile` is `re.compile` for the patterns a module compiles at import:
one store per Python for the whole process, keyed by pattern and flags, read on
the first call and written back once at exit when it learnt a pattern. Patterns
built from input text must not go through it (the store would grow with every
document); they stay with `re.compile`.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Mapping

from refcheck.cachedir import cache_folder


def _internals():
    """CPython's regex compiler and engine, or None where they are not what this module expects."""
    try:
        import _sre

        from re import _compiler, _parser  # Python 3.11+
    except ImportError:
        return None
    if not all(hasattr(m, n) for m, n in ((_compiler, "_code"), (_parser, "parse"), (_sre, "compile"))):
        return None
    return _sre, _compiler, _parser


def _generate(pattern: str, flags: int, internals) -> tuple:
    """What `re._compiler.compile` hands to the engine: flags, code, groups, group names."""
    _sre, _compiler, _parser = internals
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return (int(flags | state.flags), [int(x) for x in code], state.groups - 1, dict(state.groupdict), tuple(indexgroup))


def _build(pattern: str, record, internals) -> re.Pattern:
    _sre = internals[0]
    flags, code, groups, groupindex, indexgroup = record
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _valid(record) -> bool:
    return (
        isinstance(record, tuple) and len(record) == 5 and isinstance(record[0], int)
        and isinstance(record[1], list) and set(map(type, record[1])) <= {int}
        and isinstance(record[2], int) and isinstance(record[3], dict) and isinstance(record[4], tuple)
    )  # fmt: skip


class _Store:
    """The process's patterns compiled at import, read from and written back to one file of the cache folder."""

    LIMIT = 4000  # records kept on disk; past it only those this process used (edited patterns leave old ones behind)

    def __init__(self):
        self.records: dict | None = None  # (pattern, flags) -> record, once read
        self.used: set = set()
        self.learnt = False
        self.path: str | None = None

    def compile(self, pattern: str, flags: int) -> re.Pattern:
        internals = _internals()
        if internals is None or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        if self.records is None:
            self._read(internals)
        key = (pattern, int(flags))
        self.used.add(key)
        record = self.records.get(key)
        if record is not None:
            try:
                return _build(pattern, record, internals)
            except (TypeError, ValueError, RuntimeError):
                del self.records[key]  # foreign: compiled again below
        try:
            record = _generate(pattern, flags, internals)
            compiled = _build(pattern, record, internals)
        except re.error:
            raise
        except Exception:  # an engine this module does not know: plain re
            return re.compile(pattern, flags)
        if self.path is not None:
            self.records[key] = record
            if not self.learnt:
                self.learnt = True
                atexit.register(self._write)
        return compiled

    def _read(self, internals) -> None:
        self.records = {}
        folder = cache_folder()
        if folder is None:
            return
        digest = hashlib.sha256(repr((sys.version, internals[0].MAGIC)).encode()).hexdigest()[:16]
        self.path = os.path.join(folder, f"regex-modules-{digest}.marshal")
        self.records = self._load(self.path)

    @staticmethod
    def _load(path: str) -> dict:
        try:
            with open(path, "rb") as stream:
                records = marshal.loads(stream.read())  # load() reads a file item by item: 100x slower
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # absent, truncated or foreign
        if not isinstance(records, dict):
            return {}
        return {
            k: r for k, r in records.items()
            if isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str) and isinstance(k[1], int) and _valid(r)
        }  # fmt: skip

    def _write(self) -> None:
        if self.path is None or self.records is None:
            return
        merged = {**self._load(self.path), **self.records}  # another process may have written meanwhile
        if len(merged) > self.LIMIT:
            merged = {k: r for k, r in merged.items() if k in self.used}
        _write(os.path.dirname(self.path), self.path, merged)


_STORE = _Store()


def cached_compile(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)` for a pattern fixed in the source, kept compiled in the cache folder."""
    return _STORE.compile(pattern, flags)


def compile_all(patterns: Mapping[str, str], flags: int = 0, *, name: str) -> dict[str, re.Pattern]:
    """`{key: re.compile(pattern, flags)}`, read from the disk cache `name` when it holds these exact patterns."""
    internals = _internals()
    folder = cache_folder()
    if internals is None or folder is None:
        return {k: re.compile(p, flags) for k, p in patterns.items()}
    _sre = internals[0]
    digest = hashlib.sha256(repr((sys.version, _sre.MAGIC, flags, sorted(patterns.items()))).encode()).hexdigest()[:16]
    path = os.path.join(folder, f"regex-{name}-{digest}.marshal")
    try:
        with open(path, "rb") as stream:
            records = marshal.loads(stream.read())  # load() reads a file item by item: 100x slower
        if isinstance(records, dict) and set(records) == set(patterns) and all(map(_valid, records.values())):
            return {k: _build(patterns[k], records[k], internals) for k in patterns}
    except (OSError, EOFError, ValueError, TypeError, RuntimeError):
        pass  # absent, truncated or foreign: compile, and write it again
    try:
        records = {k: _generate(p, flags, internals) for k, p in patterns.items()}
        compiled = {k: _build(patterns[k], records[k], internals) for k in patterns}
    except Exception:  # an engine this module does not know: plain re
        return {k: re.compile(p, flags) for k, p in patterns.items()}
    _write(folder, path, records)
    return compiled


def _write(folder: str, path: str, records: dict) -> None:
    import tempfile  # only when a cache file is written

    try:
        data = marshal.dumps(records)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a cache that cannot be written is simply not kept
