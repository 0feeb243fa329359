"""Org-mode citations: org-cite `[cite:@key]`, `[cite/t:see @a p. 4; @b]`, and org-ref links `cite:&key`, `citep:key1,key2`.

org-cite: `[cite/STYLE:global prefix; prefix @key suffix; ...; global suffix]`;
the `/t` (text) styles cite in the sentence's subject. org-ref (v2 and v3):
`cite:key`, `citet:&a;&b`, `[[citep:&key][p. 4]]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

_KEY = r"[\w](?:[\w]|[\-:.#$%&+?<>~/](?=\w))*"
_ORG_CITE = re.compile(r"\[cite(?:/(?P<style>[\w/-]+))?:(?P<body>[^\[\]]*)\]")
_ITEM_KEY = re.compile(rf"(?<![\w@])@(?P<key>{_KEY})(?P<suffix>[^;@]*)")
_ORG_REF = re.compile(
    rf"(?<![\w\[/])(?P<cmd>cite[a-z]*|[Cc]ite[a-z]*|parencite|textcite|autocite):(?P<keys>&?{_KEY}(?:[,;]\s*&?{_KEY})*)"
    r"(?:\]\[(?P<desc>[^\[\]]*)\])?"
)
_NARRATIVE_REF = {"citet", "Citet", "textcite", "citeauthor", "Citeauthor"}


def find_org(text: str, keep: Callable[[int], bool]) -> Iterator[RawCitation]:
    taken: list[tuple[int, int]] = []
    for m in _ORG_CITE.finditer(text):
        if not keep(m.start()):
            continue
        taken.append((m.start(), m.end()))
        narrative = (m.group("style") or "").split("/")[0] in ("t", "text")
        for k in _ITEM_KEY.finditer(m.group("body")):
            key = k.group("key")
            at = m.start("body") + k.start()
            locator = k.group("suffix").strip().strip(",").strip() or None
            yield RawCitation(CitationKind.LATEX, key, at, at + len(key) + 1, key=key, locator=locator, narrative=narrative)
    for m in _ORG_REF.finditer(text):
        if not keep(m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        base = m.start("keys")
        for k in re.finditer(rf"&?(?P<key>{_KEY})", m.group("keys")):
            key = k.group("key")
            yield RawCitation(
                CitationKind.LATEX, key, base + k.start(), base + k.end(), key=key,
                locator=(m.group("desc") or "").strip() or None, narrative=m.group("cmd") in _NARRATIVE_REF,
            )
