"""Field values compared as a reader sees them: typography, encoding, braces and DOI prefixes aside."""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT, Field
from refcheck.library.latex import decode
from refcheck.library.names import split_names
from refcheck.textnorm import fold, normalize_doi

NAME_FIELDS = frozenset(("author", "editor", "translator", "bookauthor", "editora", "editorb", "holder"))

_DASHES = re.compile(r"\s*(?:[-–—‒−]|\\textendash|\\textemdash|\{\\textendash\})+\s*")


def normal(name: str, value: str) -> str:
    """The form two values of field `name` must share to say the same thing."""
    if name == "doi":
        return normalize_doi(value.replace("\\_", "_")) or ""
    if name == "url":
        return value.strip().strip("<>").replace("\\_", "_").replace("\\%", "%").rstrip("/")
    if name == "pages":
        return decode(_DASHES.sub("-", value)).replace("{", "").replace("}", "")
    if name == "month":
        return value.strip().lower()[:3]
    if name in NAME_FIELDS:  # "Sami Moisio" and "Moisio, Sami" are one person
        people, et_al = split_names(value)
        return "; ".join(fold(f"{p.literal or ''}|{p.particle or ''} {p.family or ''}|{p.given or ''}") for p in people) + (
            "; others" if et_al else ""
        )
    return fold(decode(value))


def same_value(name: str, a: Field, b: Field) -> bool:
    if a.value == b.value and a.kind == b.kind:
        return True
    if a.kind != TEXT or b.kind != TEXT:
        return False
    return normal(name, a.value) == normal(name, b.value)
