"""RC107 quote-not-found."""

from __future__ import annotations

import os

from refcheck.checks.base import Rule
from refcheck.checks.rules.citations.common import describe, fields_for
from refcheck.checks.rules.claims.quotes import closest, found, quotations, words
from refcheck.fit.entrytext import read_source, source_path
from refcheck.model import Severity

NEAR_MISS = 60.0  # quotes.near-miss: similarity (0-100) from which the closest passage is named


class QuoteNotFound(Rule):
    """A quotation is absent from the cited source's text held in the corpus.

    Why
        A misquotation attributed to a source is worse than none: readers
        repeat it. When the cited entry's ``file`` field names a readable
        text, Markdown or PDF file (relative to the .bib file's folder),
        every quotation of four words or more in the citing sentence is
        looked up in it. Quote marks, whitespace, line-end hyphenation, case
        and punctuation do not count; an ellipsis (``...``, ``…``, ``[...]``)
        skips text. A quotation that is not there is reported with the
        closest passage of the source and how the two differ, when the
        passage is at least ``quotes.near-miss`` (default 60 of 100) alike.
        Entries without a held source are never checked.

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
        insertions with brackets), or cite the edition the wording comes from;
        ``--ignore quote-not-found``.
    """

    code = "RC107"
    name = "quote-not-found"
    severity = Severity.WARNING
    options = {"quotes.near-miss": NEAR_MISS}

    def check(self, ctx):
        near = float(ctx.options.get("quotes.near-miss", NEAR_MISS))
        for doc in ctx.documents:
            seen: set[tuple[str, str, str]] = set()
            for r in doc.resolutions:
                entry = ctx.entry(r.key)
                c = r.citation
                if entry is None or c.claim is None:
                    continue
                path = source_path(entry)
                text = read_source(path) if path else None
                if not text:
                    continue
                source_words = words(text)
                for quote in quotations(c.claim.text):
                    if (c.label, entry.key, quote) in seen or found(quote, source_words):
                        continue
                    seen.add((c.label, entry.key, quote))
                    miss = closest(quote, source_words)
                    name = os.path.relpath(path, os.path.dirname(os.path.abspath(entry.path)))
                    evidence = [f"source: {name}"]
                    suggestion = None
                    if miss and miss.similarity >= near:
                        evidence += [f"closest passage ({miss.similarity:.0f}% alike): '{miss.passage}'", *miss.differences]
                        suggestion = f"the source reads: '{miss.passage}'"
                    short = quote if len(quote) <= 70 else quote[:67] + "…"
                    yield self.finding(
                        doc.path, c.location.line, c.location.column,
                        f"the quotation '{short}' is not in {entry.key}'s source ({name})"
                        + (f"; {miss.differences[0]}" if suggestion and miss.differences else ""),
                        suggestion=suggestion, evidence=tuple(evidence), **fields_for(r, ctx),
                    )
