"""Typst citations: `@key`, `@key[p. 7]`, `#cite(<key>)`, `#cite(<key>, supplement: [p. 7], form: "prose")`, `#cite("a", "b")`.

In Typst `@name` refers to a label of the document or to a library entry; the
names the document defines as labels (`<fig-setup>`) are cross-references, the
others citations. An `@` inside a word (an e-mail address) is neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from refcheck.extract.citations import RawCitation
from refcheck.model import CitationKind

_NAME = r"[\w](?:[\w\-]|[:.](?=[\w\-]))*"
_REF = re.compile(rf"(?<![\w@\\/.:])@(?P<key>{_NAME})(?:\[(?P<supplement>[^\[\]]*)\])?")
_LABEL = re.compile(rf"(?<![\w<])<(?P<name>{_NAME})>")
_CITE = re.compile(r"#cite\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_ARG_KEY = re.compile(rf"<(?P<label>{_NAME})>|\"(?P<string>[^\"]+)\"")
_SUPPLEMENT = re.compile(r"supplement\s*:\s*\[(?P<text>[^\[\]]*)\]")
_FORM = re.compile(r"form\s*:\s*\"(?P<form>[a-z]+)\"")


def find_typst(text: str, keep: Callable[[int], bool]) -> Iterator[RawCitation]:
    labels = {m.group("name") for m in _LABEL.finditer(text)}
    for m in _CITE.finditer(text):
        if not keep(m.start()):
            continue
        args = m.group("args")
        supplement = _SUPPLEMENT.search(args)
        form = _FORM.search(args)
        named = re.search(r"\b[a-z]+\s*:", args)
        positional_end = named.start() if named else len(args)
        for k in _ARG_KEY.finditer(args, 0, positional_end):
            key = k.group("label") or k.group("string")
            at = m.start("args") + k.start()
            yield RawCitation(
                CitationKind.LATEX, key, at, at + len(k.group(0)), key=key,
                locator=supplement.group("text").strip() if supplement else None,
                narrative=bool(form and form.group("form") == "prose"),
            )
    for m in _REF.finditer(text):
        key = m.group("key")
        if key in labels or not keep(m.start()):
            continue
        supplement = (m.group("supplement") or "").strip() or None
        yield RawCitation(CitationKind.LATEX, key, m.start(), m.end("key"), key=key, locator=supplement, narrative=False)
