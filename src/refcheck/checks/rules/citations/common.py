"""What the citation rules share: how a citation is named in a message and what it says of the work."""

from __future__ import annotations

from refcheck.checks.rules.library.unused import entry_summary
from refcheck.model import Author, Citation, CitationKind


def describe(c: Citation) -> str:
    if c.kind is CitationKind.FOOTNOTE:
        return f"footnote {c.label}"
    if c.kind is CitationKind.LATEX:
        return f"\\cite{{{c.key}}}"
    if c.kind is CitationKind.NUMERIC:
        return f"citation [{c.label}]"
    return f"'{c.label}'" if c.narrative else f"'({c.label})'"


def cited_people(resolution) -> tuple[list[Author | str], bool]:
    """The names the document writes for the cited work, and whether it says 'et al.'."""
    if resolution.reference is not None:
        ref = resolution.reference
        return list(ref.authors or ref.editors), ref.et_al
    mention = resolution.citation.mention
    if mention:
        return list(mention.names), mention.et_al
    return [], False


def cited_year(resolution) -> str | None:
    if resolution.reference is not None:
        return resolution.reference.year
    mention = resolution.citation.mention
    return mention.year if mention else None


def fields_for(resolution, ctx) -> dict:
    """The finding fields every citation rule fills the same way."""
    c = resolution.citation
    entry = ctx.entry(resolution.key)
    return dict(
        citation=c.label,
        entry=resolution.key,
        page=c.location.page,
        context=c.claim.text if c.claim else None,
        entry_summary=entry_summary(entry) if entry else None,
    )


def person_text(p: Author | str) -> str:
    if isinstance(p, str):
        return p
    return p.literal or " ".join(x for x in (p.particle, p.family) if x) or (p.given or "")
