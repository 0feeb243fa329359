"""Rules on what the metadata sources say of the cited works (`refcheck verify`, `refcheck audit --verify`).

They read `ctx.options["verification"]` (the `refcheck.verify` verdicts) and
find nothing when no verification ran.
"""

from __future__ import annotations


def verified(ctx) -> list:
    return list(ctx.options.get("verification") or ())


def where(subject) -> dict:
    """The finding fields every verification rule fills the same way."""
    return dict(citation=subject.citation, entry=subject.entry, page=subject.page, context=subject.context)


def named(subject) -> str:
    if subject.entry:
        return f"entry {subject.entry}"
    if subject.citation:
        return f"reference {subject.citation}"
    return "the reference"
