"""Duplicate entries (same DOI, same key, or same title, year and first author) merged field by field into the one kept.

The kept entry is the first in file order, or the first a document cites. A
field the kept entry lacks is taken from the duplicate; a value that differs is
not overwritten but listed in the report with the duplicate's value, so nothing
is lost unseen — also a value that differs only in its accents or case
(`Årsjö` / `Ärsjö`). Two works sharing a DOI or a key but with clearly different
titles are a conflict, reported and left apart; so are pairs declared distinct.
Entries found alike whose titles differ beyond case, punctuation and accents
("Flora of Northern Europe" / "Flora of Southern Europe") are listed and left
apart unless `merge_similar` is set.
"""

from __future__ import annotations



from refcheck.library.bibfile import RawEntry
from refcheck.library.clean import report as R
from refcheck.library.clean.model import BARE, TEXT, CleanEntry, Field
from refcheck.library.clean.state import CleanState
from refcheck.library.clean.values import NAME_FIELDS, same_value
from refcheck.library.duplicates import DoiConflict, KeyConflict, find_duplicates
from refcheck.library.entry import Entry
from refcheck.library.latex import decode
from refcheck.library.names import split_names
from refcheck.textnorm import fold

# A kept entry that gains one of these may now match other entries: duplicates are looked for again.
_IDENTITY = frozenset("title subtitle year date author editor doi".split())
_REFERENCES = ("crossref", "xref")
# Fields that hold lists: a duplicate's items are added to the kept entry's, not dropped
LISTS = frozenset(("keywords", "mendeley-tags", "groups", "ids", "tags"))
_MAX_PASSES = 4


def list_items(value: str) -> list[str]:
    """The items of a list field: split at `;` when it holds one (`Smith, John; history`), else at `,`."""
    return [i.strip() for i in value.split(";" if ";" in value else ",") if i.strip()]


def _as_read(name: str, value: str) -> str:
    """A value as a reader sees it: LaTeX decoded, braces, case and spacing aside, accents kept (names person by person)."""
    if name in NAME_FIELDS:
        people, et_al = split_names(value)
        value = "; ".join(f"{p.literal or ''}|{p.particle or ''} {p.family or ''}|{p.given or ''}" for p in people)
        value += "; others" if et_al else ""
    return " ".join(decode(value).replace("{", "").replace("}", "").casefold().split())


def _titles_agree(a: CleanEntry, b: CleanEntry) -> bool:
    """The same title up to case, punctuation and accents (or one of them has none)."""
    ta, tb = (e.view.title if e.view is not None else "" for e in (a, b))
    return not ta or not tb or fold(ta) == fold(tb)


def _clusters(members: list[CleanEntry], distinct: set[frozenset[str]]) -> list[list[CleanEntry]]:
    """The group split so that no two keys declared distinct end up together.

    Only keys some declared pair names are compared (a cluster keeps them apart):
    comparing every member with every other was quadratic — 12,000 copies of one
    key took 40 s of CPU in the fuzz run.
    """
    named = {k for pair in distinct for k in pair}
    out: list[list[CleanEntry]] = []
    marked: list[list[str]] = []  # per cluster: its members' keys that a declared pair names
    for m in members:
        for c, keys in zip(out, marked):
            if m.key not in named or not any(frozenset((m.key, k)) in distinct for k in keys):
                c.append(m)
                if m.key in named:
                    keys.append(m.key)
                break
        else:
            out.append([m])
            marked.append([m.key] if m.key in named else [])
    return out


def refresh_view(e: CleanEntry) -> None:
    """Recompute the decoded view of an entry that took fields from a duplicate."""
    fields = dict(e.view.fields) if e.view is not None else {}
    for f in e.fields:
        if f.kind == TEXT:
            fields[f.name] = f.value
        elif f.name not in fields:
            fields[f.name] = f.value
    inherited = e.view.inherited if e.view is not None else frozenset()
    e.view = Entry.from_raw(RawEntry(e.key, e.type, fields, e.path, e.line), inherited)


def _as_text(e: CleanEntry, f: Field) -> Field:
    """A field with its macros resolved (`journal = geo` reads as `Geopolitics`), for comparing."""
    if f.kind == TEXT or e.view is None or f.name not in e.view.fields:
        return f
    return Field(f.name, e.view.fields[f.name], TEXT)


def merge_into(keep: CleanEntry, dup: CleanEntry, reason: str, state: CleanState) -> bool:
    """Merge `dup`'s fields into `keep`; report what was taken and what differs. True if an identity field was taken."""
    taken: list[str] = []
    differs: list[tuple[Field, Field]] = []
    for f in dup.fields:
        k = keep.get(f.name)
        if k is None:
            keep.fields.append(Field(f.name, f.value, f.kind))
            taken.append(f.name)
        elif f.empty:
            continue
        elif same_value(f.name, _as_text(keep, k), _as_text(dup, f)):
            a, b = _as_text(keep, k), _as_text(dup, f)
            if a.kind == TEXT == b.kind and f.name not in ("doi", "url", "pages", "month") and _as_read(f.name, a.value) != _as_read(f.name, b.value):
                differs.append((k, f))  # Årsjö / Ärsjö: alike to the matcher, but two spellings a reader sees
            continue
        elif k.empty:
            k.value, k.kind = f.value, f.kind
            taken.append(f.name)
        elif f.name in LISTS and k.kind == TEXT and f.kind == TEXT:
            sep = ";" if ";" in k.value else ","  # Glottolog separates keywords with ;, most tools with ,
            items = list_items(k.value)
            new = [i for i in list_items(f.value) if i not in items]
            if new:
                k.value = f"{sep} ".join(items + new)
                taken.append(f.name)
        else:
            differs.append((k, f))
    if dup.key != keep.key:
        for old, new in state.aliases.items():
            if new == dup.key:
                state.aliases[old] = keep.key
        state.aliases[dup.key] = keep.key
    took = f"took {', '.join(taken)}" if taken else "took nothing new"
    kept = f"; kept '{keep.key}''s {', '.join(k.name for k, _f in differs)}" if differs else ""
    state.report.add(
        R.MERGED, dup.path, dup.line, dup.key,
        f"'{dup.key}' merged into '{keep.key}' ({keep.path}:{keep.line}; {reason}): {took}{kept}",
    )
    for k, f in differs:
        state.report.add(
            R.DIFFERS, dup.path, dup.line, dup.key,
            f"'{dup.key}' has {f.name} {f.value!r}; '{keep.key}' keeps {k.value!r}",
            field=f.name, value=f.value,
        )
    return any(name in _IDENTITY for name in taken)


def _conflicts(conflicts: list, entries: list[CleanEntry], state: CleanState, seen: set) -> None:
    for c in conflicts:
        if isinstance(c, DoiConflict):
            a, b = (next(e for e in entries if e.key == k) for k in c.keys)
            what, kind = f"share the DOI {c.doi}", R.DOI_CONFLICT
        elif isinstance(c, KeyConflict):
            a, b = entries[c.indices[0]], entries[c.indices[1]]
            what, kind = "share a key", R.KEY_CONFLICT
        else:
            continue
        mark = (kind, id(a), id(b))
        if mark in seen:
            continue
        seen.add(mark)
        state.report.add(
            kind, b.path, b.line, b.key,
            f"'{a.key}' ({a.path}:{a.line}) and '{b.key}' {what} but their titles differ: not merged "
            f"({(a.view.title or '')[:60]!r} / {(b.view.title or '')[:60]!r})",
        )


def _one_pass(state: CleanState, seen: set) -> list[CleanEntry]:
    entries = [e for e in state.entries() if e.view is not None]
    groups, conflicts = find_duplicates([e.view for e in entries], state.distinct, by_key=True)
    _conflicts(conflicts, entries, state, seen)
    removed: set[int] = set()
    grown: list[CleanEntry] = []
    for group in groups:
        for cluster in _clusters([entries[i] for i in group.indices], state.distinct):
            if len(cluster) < 2:
                continue
            keep = next((e for e in cluster if e.key in state.options.prefer), cluster[0])
            identity = False
            for dup in cluster:
                if dup is not keep and not state.options.merge_similar and not _titles_agree(keep, dup):
                    mark = (R.SIMILAR, id(keep), id(dup))
                    if mark not in seen:
                        seen.add(mark)
                        state.report.add(
                            R.SIMILAR, dup.path, dup.line, dup.key,
                            f"'{dup.key}' looks like '{keep.key}' ({keep.path}:{keep.line}; {group.reason}) but the "
                            f"titles differ: not merged (--merge-similar merges them) "
                            f"({(keep.view.title or '')[:60]!r} / {(dup.view.title or '')[:60]!r})",
                        )
                    continue
                if dup is not keep:
                    identity |= merge_into(keep, dup, group.reason, state)
                    removed.add(id(dup))
            if identity:
                grown.append(keep)
    if removed:
        state.items = [i for i in state.items if id(i) not in removed]
    return grown


def run(state: CleanState) -> None:
    if not state.options.merge:
        return
    seen: set = set()
    for _ in range(_MAX_PASSES):
        grown = _one_pass(state, seen)
        if not grown:
            break
        for e in grown:  # its year or DOI may now match a third entry: look again
            refresh_view(e)
    if state.aliases:  # entries that cross-reference a merged key now name the kept one
        for e in state.entries():
            for f in e.fields:
                if f.name in _REFERENCES and f.kind in (TEXT, BARE) and f.value.strip() in state.aliases:
                    f.value = state.aliases[f.value.strip()]
                    state.report.counts["crossref-renamed"] += 1


