"""Load .bib files and folders into one `Library`: entries, a key index and the problems found."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from refcheck.errors import InputError
from refcheck.library.bibfile import PREDEFINED, Block, RawEntry
from refcheck.library.cache import has_record, library_digest, library_key, load_record, parse_cached, store_record
from refcheck.library.formats import parse_library_text
from refcheck.library.entry import Entry
from refcheck.library.problems import LibraryProblem

# Fields a child never takes from its crossref parent: they name the parent, not the child.
_NOT_INHERITED = frozenset({"title", "subtitle", "shorttitle", "crossref", "ids", "key", "label", "abstract"})
# A parent's title is the child's booktitle (BibTeX's convention, biblatex's inheritance rule).
_TITLE_AS_BOOKTITLE = frozenset({"proceedings", "book", "collection", "mvbook", "mvproceedings", "reference"})
# A user's decision, kept in the file: `% refcheck: distinct KEY1 KEY2 [KEY3...]` (or in an @comment).
_DISTINCT = re.compile(r"refcheck:\s*distinct\s+([^\n}]+)")


@dataclass(slots=True)
class Library:
    """Every entry in file order; `by_key` keeps the first entry of each key.

    `blocks` holds each file's blocks in order (entries, @string, comments, text
    that failed to parse) for a faithful rewrite; `distinct` the pairs of keys the
    files' `% refcheck: distinct` comments declare to be different works.
    """

    entries: list[Entry] = field(default_factory=list)
    by_key: dict[str, Entry] = field(default_factory=dict)
    problems: list[LibraryProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _blocks: dict[str, list[Block]] | None = field(default_factory=dict, repr=False)  # None: in the cache, unread
    distinct: set[frozenset[str]] = field(default_factory=set)
    cache_key: str | None = None  # the cache's key for this library as loaded (library.cache.library_key)

    @property
    def blocks(self) -> dict[str, list[Block]]:
        """Each file's blocks, for the commands that rewrite files (`bib fix`, `bib clean`); an audit never
        reads them, so a library from the cache reads its blocks (most of its size) only when asked."""
        if self._blocks is None:
            self._blocks = _stored_blocks(self)
        return self._blocks

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> Entry | None:
        return self.by_key.get(key)


def _bib_files(paths: list[str]) -> list[str]:
    """The .bib files named by `paths` (folders searched recursively, sorted), each once."""
    files: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                os.path.join(root, name)
                for root, _dirs, names in os.walk(path)
                for name in names
                if name.lower().endswith(".bib")
            )
            if not found:
                raise InputError("no .bib files in this folder", path)
        elif os.path.exists(path):
            found = [path]
        else:
            raise InputError("no such file or folder", path)
        for file in found:
            if not os.path.isfile(file):  # a FIFO would block, /dev/zero never end
                raise InputError("not a regular file (a FIFO, device or socket): not read", file)
            real = os.path.realpath(file)
            if real not in seen:  # the same file named twice would make every key a duplicate
                seen.add(real)
                files.append(file)
    return files


def _bounded(path: str, text: str | None, problems: list[LibraryProblem]) -> str | None:
    """`text`, or None with an "unreadable" problem when it holds more entries than parsing them would fit."""
    if text is not None:
        from refcheck.library.bounds import too_many_entries

        refused = too_many_entries(text)
        if refused:
            problems.append(LibraryProblem("unreadable", path, None, refused))
            return None
    return text


def _decoded(path: str, problems: list[LibraryProblem]) -> str | None:
    """The text of a .bib file; UTF-8, else Latin-1 with an "encoding" problem; None if unreadable or too big."""
    from refcheck.library.bounds import over_limit

    try:
        refused = over_limit(path)
        if refused:
            problems.append(LibraryProblem("unreadable", path, None, refused))
            return None
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        problems.append(LibraryProblem("unreadable", path, None, f"cannot read: {e.strerror or e}"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            problems.append(
                LibraryProblem(
                    "encoding", path, line,
                    f"not UTF-8 (byte 0x{data[e.start]:02X} on line {line}); read as Latin-1",
                )
            )
            return data.decode("latin-1")
    problems.append(LibraryProblem("unreadable", path, None, "not a text file (binary content)"))
    return None


class _Crossrefs:
    """Fills each entry's missing fields from its crossref parent, once per entry (chains allowed, as in biblatex)."""

    def __init__(self, first: dict[str, RawEntry], folded: dict[str, RawEntry], problems: list[LibraryProblem]):
        self.first = first
        self.folded = folded
        self.problems = problems
        self.done: dict[int, frozenset[str]] = {}

    def resolve(self, raw: RawEntry) -> frozenset[str]:
        """Fill `raw`'s missing fields in place; return the names it took."""
        if id(raw) in self.done:
            return self.done[id(raw)]
        self.done[id(raw)] = frozenset()  # guards against crossref cycles
        target = raw.fields.get("crossref", "").strip()
        if not target:
            return frozenset()
        parent = self.first.get(target) or self.folded.get(target.lower())  # BibTeX ignores case in keys
        if parent is None:
            self.problems.append(
                LibraryProblem(
                    "crossref-missing", raw.path, raw.line,
                    f"entry '{raw.key}' cross-references '{target}', which is not in the library",
                    key=raw.key,
                )
            )
            return frozenset()
        self.resolve(parent)
        taken = set()
        for name, value in parent.fields.items():
            if name not in raw.fields and name not in _NOT_INHERITED:
                raw.fields[name] = value
                taken.add(name)
        if "booktitle" not in raw.fields and "title" in parent.fields and parent.type in _TITLE_AS_BOOKTITLE:
            raw.fields["booktitle"] = parent.fields["title"]
            taken.add("booktitle")
        self.done[id(raw)] = frozenset(taken)
        return self.done[id(raw)]


def distinct_pairs(blocks: list[Block]) -> set[frozenset[str]]:
    """The key pairs declared distinct by `refcheck: distinct` comments among `blocks`."""
    pairs: set[frozenset[str]] = set()
    for block in blocks:
        if block.kind in ("text", "comment") and "distinct" in block.raw:
            for m in _DISTINCT.finditer(block.raw):
                keys = m.group(1).replace(",", " ").split()
                pairs.update(frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1 :] if a != b)
    return pairs


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a library is built.

    Loading makes hundreds of thousands of small objects that all stay alive;
    the collector would scan them again and again for nothing (a fifth of the
    load time). Nothing made here forms cycles worth collecting early.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_library(paths: list[str]) -> Library:
    """Read the .bib files and folders in `paths` (as the user gave them) into one library.

    Raises InputError for a missing path or a folder without .bib files; everything
    wrong inside a file becomes a `LibraryProblem`, and the rest still loads.
    """
    with gc_paused():
        return _load(paths)


def _read_all(paths: list[str]) -> list[tuple[str, str | None, list[LibraryProblem]]]:
    """(path, text or None, its problems) of each file, decoded."""
    files = []
    for path in paths:
        problems: list[LibraryProblem] = []
        files.append((path, _decoded(path, problems), problems))
    return files


def _load(paths: list[str]) -> Library:
    files = _read_all(_bib_files(paths))
    # a file that cannot be read (or is not UTF-8) is said again on every load: such a library is not kept
    key = None if any(problems for *_, problems in files) else library_key([(p, t) for p, t, _ in files])
    if key and has_record(_blocks_key(key)) and isinstance(cached := load_record(key), Library):
        return cached  # its files were counted and parsed when it was stored: the same texts, the same code
    files = [(path, _bounded(path, text, problems), problems) for path, text, problems in files]
    key = None if any(problems for *_, problems in files) else key
    library = _assemble(files)
    if key:
        library.cache_key = key
        store_record(_blocks_key(key), library.blocks)  # apart: read only by the commands that rewrite files
        store_record(key, replace(library, _blocks=None))
    return library


def _blocks_key(key: str) -> str:
    return f"{key}-blocks"


def _stored_blocks(library: Library) -> dict[str, list[Block]]:
    """The blocks of a library loaded from the cache: their record, else (pruned since) the files parsed again,
    as long as they are still the texts the library was loaded from."""
    blocks = load_record(_blocks_key(library.cache_key or ""))
    if isinstance(blocks, dict):
        return blocks
    files = _read_all(library.files)
    if any(t is None for _, t, _ in files) or library_digest([(p, t) for p, t, _ in files]) != library.cache_key:
        changed = next((p for p, t, _ in files if t is None), library.files[0] if library.files else "")
        raise InputError("a library file changed while refcheck was using it; run the command again", changed)
    return _assemble(files).blocks


def _assemble(files: list[tuple[str, str | None, list[LibraryProblem]]]) -> Library:
    library = Library()
    macros = dict(PREDEFINED)  # @string definitions carry over to later files, as in BibTeX
    raws: list[RawEntry] = []
    for path, text, problems in files:
        library.files.append(path)
        library.problems.extend(problems)
        if text is None:
            continue
        parsed = parse_cached(text, path, macros, parse_library_text)  # by suffix: .bib, CSL .json/.yaml, .ris
        raws.extend(parsed.entries)
        library.problems.extend(parsed.problems)
        library.blocks[path] = parsed.blocks
        library.distinct |= distinct_pairs(parsed.blocks)

    first: dict[str, RawEntry] = {}
    folded: dict[str, RawEntry] = {}
    for raw in raws:
        seen = first.get(raw.key) or folded.get(raw.key.lower())
        if seen is None:
            first[raw.key] = raw
            folded[raw.key.lower()] = raw
            continue
        if raw.key not in first:
            first[raw.key] = raw  # differs from a key in case only: a lookup by its own key finds it
        where = f"line {seen.line}" if seen.path == raw.path else f"{seen.path}:{seen.line}"
        same = "" if seen.key == raw.key else f" ('{seen.key}'; BibTeX ignores case in keys)"
        library.problems.append(
            LibraryProblem(
                "duplicate-key", raw.path, raw.line,
                f"key '{raw.key}' is already used at {where}{same}; the first entry is used",
                key=raw.key, raw=raw.raw, other_path=seen.path, other_line=seen.line,
            )
        )

    crossrefs = _Crossrefs(first, folded, library.problems)
    for raw in raws:
        inherited = crossrefs.resolve(raw) if "crossref" in raw.fields else frozenset()
        entry = Entry.from_raw(raw, inherited)
        library.entries.append(entry)
        library.by_key.setdefault(entry.key, entry)
    return library
