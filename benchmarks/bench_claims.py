"""The cost of the claim checks (RC105-107, RC301, RC302): the audit with them against the audit without them.

Same documents, same run: the eight development cases (each against its own
library) and the sample corpus (against bib/). The audit without the claim
rules is warmed up first, so spaCy loading counts for neither side. Three
costs of the audit with them:

- cold: the first audit of the process, with an empty embedding cache
  (imports torch, loads the model, embeds every entry and claim);
- new texts: the model loaded, the cache empty again — every library entry,
  claim and paragraph embedded (a first audit in CI, a changed document);
- repeat: the same documents again, their vectors in the cache (an
  unchanged document re-audited);
- words alone: the lexical fallback (no semantic extra, or `fit.scorer = "lexical"`).

Each of the last two is the best of `--repeat` runs; the ratio to the audit
without the claim rules is given for each.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIM_RULES = ("RC105", "RC106", "RC107", "RC301", "RC302")


def workloads(dev: Path) -> list[tuple[str, list[str], list[str]]]:
    """(name, documents, libraries): every dev case, then the corpus."""
    out = []
    for case in sorted(p for p in dev.iterdir() if (p / "library.bib").exists()):
        doc = next(p for p in case.iterdir() if p.stem == "doc")
        out.append((case.name, [str(doc)], [str(case / "library.bib")]))
    out.append(("corpus/", [str(p) for p in sorted((ROOT / "corpus").glob("*.txt"))], [str(ROOT / "bib")]))
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from refcheck.checks.registry import all_rules
    from refcheck.fit.semantic import semantic_available
    from refcheck.pipeline import run_audit

    dev = Path(args.dev)
    if not dev.is_dir():
        print(f"no development set at {dev}", file=sys.stderr)
        return 2
    without = [r.code for r in all_rules() if r.code not in CLAIM_RULES]
    everything = [r.code for r in all_rules()]
    loads = workloads(dev)
    documents = sum(len(docs) for _, docs, _ in loads)

    def audit(select):
        for _, docs, bibs in loads:
            run_audit(docs, bibs, select=select, warn=lambda m: None)

    def empty_cache():
        os.environ["REFCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="refcheck-bench-cache-")

    def fresh():
        empty_cache()
        audit(everything)

    audit(without)  # warm-up: spaCy pipelines, imports
    cold = timed(fresh)
    base = min(timed(lambda: audit(without)) for _ in range(args.repeat))
    new = min(timed(fresh) for _ in range(args.repeat))
    full = min(timed(lambda: audit(everything)) for _ in range(args.repeat))
    os.environ["REFCHECK_NO_SEMANTIC"] = "1"  # the fallback: BM25 alone, as without the semantic extra
    words = min(timed(lambda: audit(everything)) for _ in range(args.repeat))
    del os.environ["REFCHECK_NO_SEMANTIC"]

    scorer = "combined (MiniLM + BM25)" if semantic_available() else "lexical (BM25; the semantic extra is not installed)"
    print(f"claim checks on {documents} documents ({len(loads) - 1} dev cases + corpus), scorer: {scorer}")
    print(f"{'audit':<34}{'total s':>9}{'ms / doc':>10}{'ratio':>11}")
    rows = (("without claim rules", base), ("with them: cold (first audit)", cold),
            ("with them: new texts", new), ("with them: repeat (cached)", full),
            ("with them: words alone (lexical)", words))
    for label, seconds in rows:
        print(f"{label:<34}{seconds:>9.2f}{1000 * seconds / documents:>10.0f}   {seconds / base:>7.1f}x")
    print("per workload, new texts (ms per document):")
    for name, docs, bibs in loads:
        b = min(timed(lambda: run_audit(docs, bibs, select=without, warn=lambda m: None)) for _ in range(args.repeat))

        def one():
            empty_cache()
            run_audit(docs, bibs, select=everything, warn=lambda m: None)

        f = min(timed(one) for _ in range(args.repeat))
        print(f"  {name:<32}{1000 * b / len(docs):>8.0f} -> {1000 * f / len(docs):>6.0f} ({f / b:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
