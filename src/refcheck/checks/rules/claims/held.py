"""The texts held of a cited work: its entry's `file`, and the corpus documents linked to it (`refcheck corpus link`).

Read by the rules that check a claim against what the source says
(`quote-not-found`, `unrelated-citation`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from refcheck.fit.entrytext import read_source, source_path


@dataclass(frozen=True)
class Held:
    name: str  # how a finding names the source
    texts: tuple[str, ...]  # where a quotation may be found (the running text first)
    how: str  # "file field", "linked by doi", ...


def held_sources(entry, options) -> list[Held]:
    """The entry's `file`, and the corpus documents linked to it; none when neither is there."""
    held = []
    path = source_path(entry)
    text = read_source(path) if path else None
    if text:
        name = os.path.relpath(path, os.path.dirname(os.path.abspath(entry.path)))
        held.append(Held(name, (text,), "file field"))
    if options.get("corpus-db"):
        from refcheck.corpus.sources import linked_sources

        for s in linked_sources(options["corpus-db"], entry.key, options.get("corpus-root")):
            held.append(Held(s.name, (s.body, s.text), f"linked by {s.method}"))
    return held
