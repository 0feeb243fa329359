"""The HTML report at scale: a 50,000-word draft with 1,000 findings, its size and its load time in Chromium.

The draft is generated (paragraphs of words, a footnote marker in every few
sentences, the notes at the end) and read by the real ingest and extract
stages (spaCy's blank pipeline: sentences without the trained model); the
findings, spread over the citations and sentences with every severity, are
made here, since what is measured is the report, not the checks. Printed: the
page's size against 5 MB, the time to render it, and the time to its load event
in headless Debian chromium (Playwright, /usr/bin/chromium) against 2 s.
A benchmark, not a test: it prints, it asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from refcheck.model import DocumentSummary, Finding, Severity  # noqa: E402

SIZE_LIMIT = 5 * 1024 * 1024
LOAD_LIMIT = 2.0
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WORDS = ("climate policy memory trade language migration network protein market theory evidence history model "
         "learning health water urban ritual grammar dialect kinship reform survey empire colonial region export "
         "the of and in to a is that for on with as by from were between after since").split()
RULES = [("unrelated-citation", "RC105", Severity.WARNING), ("author-misspelled", "RC102", Severity.ERROR),
         ("year-mismatch", "RC103", Severity.ERROR), ("anachronistic-citation", "RC106", Severity.WARNING),
         ("uncited-claim", "RC301", Severity.INFO), ("unverifiable-citation", "RC109", Severity.INFO)]  # fmt: skip


def draft(words: int, notes: int, rng: random.Random) -> str:
    """Markdown of `words` words with `notes` footnote markers and their notes."""
    notes_text = "\n".join(f"{i}. Author{i}, A. ({1990 + i % 30}). Title of work {i}. Journal, {i}(2), 1-9."
                           for i in range(1, notes + 1))  # fmt: skip
    body = words - len(notes_text.split()) - 5  # the whole document is `words` long, notes included
    sentences, marker, count = [], 0, 0
    per_note = body // notes
    since = 0
    while count < body:
        n = rng.randint(12, 28)
        text = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()
        count += n
        since += n
        if since >= per_note and marker < notes:
            marker += 1
            since = 0
            text += f"<sup>{marker}</sup>"
        sentences.append(text + ".")
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "# A long draft\n\n" + "\n\n".join(paragraphs) + "\n\n## Notes\n\n" + notes_text + "\n"


def findings_for(path: str, extraction, n: int, rng: random.Random) -> list[Finding]:
    """`n` findings: on the citations first (several on some), the rest on sentences."""
    out: list[Finding] = []
    citations = list(extraction.citations)
    claims = list(extraction.claims)
    for i in range(n):
        rule, code, sev = RULES[i % len(RULES)]
        if code != "RC301" and citations:
            c = citations[i % len(citations)]
            loc, label, context = c.location, c.label, c.claim.text if c.claim else None
        else:
            claim = claims[rng.randrange(len(claims))]
            loc, label, context = claim.location, None, claim.text
        out.append(Finding(
            rule, code, sev, path, loc.line, loc.column, f"finding {i}: {rule} at this place",
            citation=label, entry=f"author{i % 997}" if label else None, suggestion=f"suggestion {i}",
            context=context, evidence=(f"evidence line {i}", f"shared with author{i % 997}: trade, policy"),
            entry_summary=f"Author{i} ({1990 + i % 30}) Title of work {i}" if label else None,
        ))  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--findings", type=int, default=1_000)
    ap.add_argument("--notes", type=int, default=600, help="footnote markers in the draft")
    ap.add_argument("--keep", type=Path, help="also write the report here")
    args = ap.parse_args(argv)

    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import read_document
    from refcheck.library import Library
    from refcheck.resolve import Resolver
    from refcheck.resolve.document import resolve_document
    from refcheck.report import render
    from refcheck.report.sources import gather_sources

    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as tmp:
        doc_path = Path(tmp) / "long-draft.md"
        doc_path.write_text(draft(args.words, args.notes, rng), encoding="utf-8")
        t0 = time.perf_counter()
        document = read_document(str(doc_path))
        extraction = extract(document, load_pipeline(blank=True))
        audit = resolve_document(extraction, Resolver(Library()))
        t1 = time.perf_counter()
        findings = findings_for(document.path, extraction, args.findings, rng)
        sources = gather_sources([(document, audit)], Library(), findings, [], [], [])
        t2 = time.perf_counter()
        out = io.StringIO()
        summary = DocumentSummary(document.path, len(extraction.footnotes), len(extraction.citations), len(extraction.claims))
        render(findings, [summary], "html", out, sources=sources)
        t3 = time.perf_counter()
        page = Path(tmp) / "report.html"
        page.write_text(out.getvalue(), encoding="utf-8")
        if args.keep:
            args.keep.write_text(out.getvalue(), encoding="utf-8")
        size = page.stat().st_size
        words = len(document.text.split())
        print(f"draft: {words:,} words, {len(extraction.citations):,} citations, {len(extraction.claims):,} sentences; "
              f"{len(findings):,} findings (read + extract {t1 - t0:.1f} s)")  # fmt: skip
        print(f"gather sources:  {t2 - t1:6.3f} s")
        print(f"render html:     {t3 - t2:6.3f} s")
        print(f"report size:     {size / 1024 / 1024:6.2f} MB   (limit {SIZE_LIMIT / 1024 / 1024:.0f} MB)"
              f"  {'ok' if size < SIZE_LIMIT else 'OVER'}")  # fmt: skip
        load = load_time(page)
        if load is None:
            print(f"load event:      not measured (no {CHROMIUM} or no playwright: tools/ensure_chromium.sh)")
        else:
            print(f"load event:      {load:6.3f} s   (limit {LOAD_LIMIT:.0f} s)  {'ok' if load < LOAD_LIMIT else 'OVER'}")
    return 0


def load_time(page: Path) -> float | None:
    """Seconds from navigation start to the end of the load event, the median of three cold loads."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(3):
            tab = browser.new_page(viewport={"width": 1440, "height": 1000})
            tab.goto(page.as_uri(), wait_until="load")
            ms = tab.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd; }")
            times.append(ms / 1000)
            tab.close()
        browser.close()
    return sorted(times)[1]


if __name__ == "__main__":
    sys.exit(main())
