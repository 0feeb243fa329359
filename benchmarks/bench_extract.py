"""Extraction throughput on a generated 50,000-word document, next to bare spaCy on the same text.

For the trained and the blank pipeline: words per second of `refcheck extract`
(layout, citation finders, footnotes, claims) and of the same spaCy pipeline
run bare over the same text, measured in the same run; refcheck's overhead
is the ratio of the two CPU times (time.process_time: the machine is shared,
and wall time counts the other processes' turns). Best of `--repeat` runs,
taken in turn.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Cultural exchange between the two countries expanded after the joint declaration of {year}",
    "Survey data show that {pct}% of respondents in their 20s and 30s had a favourable view of the neighbour",
    "Tourism grew quickly, with {n} million visitors recorded in a single year",
    "Historians such as Kim and Lee have described the period as one of cautious rapprochement",
    "The opening of popular culture proceeded in stages, beginning with films and ending with broadcasts",
    "Academic partnerships, student exchanges and sister-city agreements gave the cooperation a structure",
    "Critics argued that the treaty of {year} left the legal status of colonial rule deliberately ambiguous",
    "Younger audiences separate culture from politics more readily than their parents do",
]
NOTES = [
    "Kim, S., & Kingston, J. ({year}). Legacies of Colonialism. East Asian Politics Review, 12(3), 89–104.",
    "Sami Moisio, Anssi Paasi. From geopolitical to geoeconomic. Geopolitics, {year}, 18(2): 267-283.",
    "Lee, H. ({year}). Cultural Transmission in East Asia. Journal of Asian History, 18(1), 21-35.",
]


def generate(words: int, seed: int = 0) -> str:
    """Paragraphs with footnote markers and page-bottom blocks that cut sentences, as PDF-to-text gives."""
    rng = random.Random(seed)
    out: list[str] = []
    count = note = 0
    pending: list[str] = []
    while count < words:
        paragraph = []
        for _ in range(rng.randint(3, 7)):
            s = rng.choice(SENTENCES).format(year=rng.randint(1950, 2020), pct=rng.randint(10, 90), n=rng.randint(1, 30))
            if rng.random() < 0.3:
                note += 1
                s += f"<sup>{note}</sup>"
                pending.append(f"<sup>{note}</sup> " + rng.choice(NOTES).format(year=rng.randint(1990, 2022)))
            paragraph.append(s + ".")
            count += len(s.split())
        text = " ".join(paragraph)
        if len(pending) >= 3:  # a page break: the block cuts the paragraph mid-sentence
            cut = text.rfind(" ", 0, len(text) // 2)
            text = text[:cut] + "\n\n---\n\n" + "\n\n".join(pending) + "\n\n\n\n" + text[cut + 1 :]
            pending = []
        out.append(text)
    return "\n\n".join(out) + "\n"


def best_of(repeat: int, fn, clock=time.perf_counter) -> float:
    """The least time of `repeat` calls of fn by `clock` (time.process_time for CPU: steadier on a shared machine)."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from refcheck.extract import extract
    from refcheck.extract.layout import text_layout
    from refcheck.extract.nlp import load_pipeline, trained_name
    from refcheck.ingest import read_document

    text = generate(args.words)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.txt"
        path.write_text(text, encoding="utf-8")
        document = read_document(str(path))
        body = text_layout(document.source).body.text  # what spaCy sees
        words = len(body.split())
        print(f"extraction throughput on a generated document of {words:,} words (best of {args.repeat})")
        print(f"{'pipeline':<10}{'bare w/CPU s':>16}{'refcheck w/CPU s':>17}{'overhead':>10}")
        for label, blank in (("trained", False), ("blank", True)):
            if not blank and trained_name() is None:
                print(f"{label:<10}  (not installed: run `make setup`)")
                continue
            nlp = load_pipeline(blank=blank)
            paragraphs = [p for p in body.split("\n\n") if p.strip()]
            bare, ours = [], []
            for _ in range(args.repeat):  # in turn, so that a change of load hits both
                bare.append(best_of(1, lambda: list(nlp.pipe(paragraphs, batch_size=64)), clock=time.process_time))
                ours.append(best_of(1, lambda: extract(document, nlp), clock=time.process_time))
            bare, ours = min(bare), min(ours)
            print(f"{label:<10}{words / bare:>16,.0f}{words / ours:>17,.0f}{ours / bare:>9.2f}x")
    print("overhead = refcheck extract CPU time / bare spaCy CPU time on the same body text, same components")
    return 0


if __name__ == "__main__":
    sys.exit(main())
