"""RC107 quote-not-found."""

from __future__ import annotations

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import fields_for
from refcheck.checks.rules.claims.held import Held, held_sources
from refcheck.checks.rules.claims.quotes import NearMiss, closest, locate, prepare, quotations
from refcheck.model import Severity

NEAR_MISS = 60.0  # quotes.near-miss: similarity (0-100) from which the closest passage is named


class QuoteNotFound(Rule):
    """A quotation is absent from the cited source's text held in the corpus.

    Why
        A misquotation attributed to a source is worse than none: readers
        repeat it. When the cited entry has a source held — a readable text,
        Markdown or PDF file named by its ``file`` field (relative to the .bib
        file's folder), or a document of the corpus store linked to it
        (``refcheck corpus add`` and ``refcheck corpus link``) — every
        quotation of four words or more in the citing sentence is looked up in
        it. Quote marks, whitespace, line breaks, hyphenation at a line end,
        case, punctuation and footnote markers do not count; an ellipsis
        (``...``, ``…``, ``[...]``) or an insertion in brackets (``[the
        treaty]``, ``[sic]``) skips text, and ``[t]he`` reads as "the". A
        quotation found in none of the entry's sources is reported with the
        closest passage (as the source writes it, with its line) and how the
        two differ, when the passage is at least ``quotes.near-miss`` (default
        60 of 100) alike. Entries without a held source are never checked.

    Failing example
        ``... declared that "the highest possible standard of health is one of the
        fundamental rights of every human being".<sup>14</sup>`` where the held
        text of the WHO Constitution reads "the highest attainable standard".

    Passing example
        The same sentence with "attainable"; or a quotation cut with an
        ellipsis: "the enjoyment of the highest attainable standard of health
        ... without distinction of race".

    How to silence
        Quote the source exactly (mark omissions with an ellipsis and
        insertions with brackets), cite the edition the wording comes from, or
        link the entry to that edition (``refcheck corpus link --manual KEY DOC``);
        ``--ignore quote-not-found``.
    """

    code = "RC107"
    name = "quote-not-found"
    severity = Severity.WARNING
    options = {"quotes.near-miss": NEAR_MISS}

    def check(self, ctx):
        near = float(ctx.options.get("quotes.near-miss", NEAR_MISS))
        held: dict[str, list[Held]] = {}
        for doc in ctx.documents:
            seen: set[tuple[str, str, str]] = set()
            for r in doc.resolutions:
                entry = ctx.entry(r.key)
                c = r.citation
                if entry is None or c.claim is None:
                    continue
                if entry.key not in held:
                    held[entry.key] = held_sources(entry, ctx.options)
                sources = held[entry.key]
                if not sources:
                    continue
                for quote in quotations(c.claim.text):
                    if (c.label, entry.key, quote) in seen:
                        continue
                    seen.add((c.label, entry.key, quote))
                    if any(locate(quote, prepare(t)) for s in sources for t in s.texts):
                        continue
                    yield self._finding(doc.path, r, ctx, entry, quote, sources, near)

    def _finding(self, path, r, ctx, entry, quote, sources: list[Held], near: float):
        best: tuple[NearMiss, Held] | None = None
        for s in sources:
            miss = closest(quote, prepare(s.texts[0]))
            if miss and (best is None or miss.similarity > best[0].similarity):
                best = (miss, s)
        names = ", ".join(s.name for s in sources)
        evidence = [f"source: {s.name} ({s.how})" for s in sources]
        suggestion = None
        miss = best[0] if best else None
        if best and miss.similarity >= near:
            evidence += [f"closest passage ({best[1].name}, line {miss.line}, {miss.similarity:.0f}% alike): "
                         f"'{miss.passage}'", *miss.differences]
            suggestion = f"the source reads: '{miss.passage}'"
        short = quote if len(quote) <= 70 else quote[:67] + "…"
        c = r.citation
        return self.finding(
            path, c.location.line, c.location.column,
            f"the quotation '{short}' is not in {entry.key}'s source ({names})"
            + (f"; {miss.differences[0]}" if suggestion and miss.differences else ""),
            suggestion=suggestion, evidence=tuple(evidence), **fields_for(r, ctx),
        )
