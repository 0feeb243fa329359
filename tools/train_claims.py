"""Fit the `unrelated-citation` decision (`make train`): features of real citations, a held-out split, a threshold for precision.

    python tools/train_claims.py collect [--out ~/.cache/refcheck-eval] [--mirror-root ../.mirror]
    python tools/train_claims.py fit [--out ...] [--params src/refcheck/fit/params/claims.json] [--report docs/training/claims.md]
    python tools/train_claims.py all      # both (what `make train` runs)

Data (generated outside the repository, under --out; nothing of it is committed):

1. Check-COVID (`../shared/eval/covid/make_cases.py`): real claims cited to the
   abstract they were written from, 30 % swapped to another claim's abstract,
   at random or to a same-topic abstract. Fitted on the dataset's `dev`
   claims (30 cases of each kind); its `test` claims are held out and only
   reported. (Its `train` claims serve as well; on this 2-core machine the
   dev split alone kept a training run under ten minutes.)
2. Real LaTeX papers and theses (`../shared/eval/real`: export, then mutate
   injects two citations of another field's entries per case). Split by
   repository: the FIT repositories join the fitting data, the others are held
   out and only reported, with their unmodified papers (false alarms per 100
   citations).

Every citation goes through refcheck's own pipeline and `claims.assess`, as at
run time; a citation is positive when the case's `expected.json` has a `must`
unrelated-citation label for it. Each real citation is also assessed once as
if it pointed at another entry of its own library, picked at random (seeded
by the case), a "swap", positive: real writing has too few unrelated
citations of its own to learn from, and a slip in a reference manager makes
exactly this. A logistic regression (scikit-learn) is fitted on the
Check-COVID dev citations and the real FIT repositories (as written, and
swapped), per scorer configuration (the embedding model's features, or words
alone) and per kind of cited entry (with an abstract or keywords, or a bare
title), citations where refcheck abstains left out. Thresholds come from
out-of-fold predictions (5 folds; a Check-COVID case or a whole real
repository held out per fold): a finding at the lowest probability whose
precision is at least PRECISION on Check-COVID and on real writing as written
(the swaps left out: half of them are misfits, a rate no document has), with
at most FALSE_ALARMS false findings per real citation; a warning the same at
WARN_PRECISION.
Writes the parameter file and the report (reliability table, per-set P/R,
abstentions).
"""

from __future__ import annotations

import argparse
import re
import shutil
import itertools
import fnmatch
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PRECISION = 0.92  # the finding threshold's precision on the tuning split (the issue asks 0.90 on held-out data)
WARN_PRECISION = 0.97  # above this a finding is a warning, below it information
FIT_REPOS = ("HoTT+book", "alexlyttle+thesis", "khiajohnson+dissertation", "maieul+latexhumain",
             "OldBoy0114+Ph.D-Thesis-On-CAES")  # the others (English, French, Chinese ones among them) are held out
COVID_FIT = {  # name -> make_cases.py arguments
    "dev-random": ["--seed", "3", "--split", "dev", "--cases", "30"],
    "dev-topic": ["--seed", "3", "--split", "dev", "--cases", "30", "--same-topic"],
    "test-random": ["--seed", "11", "--split", "test"],
    "test-topic": ["--seed", "11", "--split", "test", "--same-topic"],
}


# ----------------------------------------------------------------------------- collecting features


def _labels(case: Path) -> tuple[set[tuple[str, str | None]], set[str]]:
    path = case / "expected.json"
    if not path.is_file():
        return set(), set()
    data = json.loads(path.read_text(encoding="utf-8"))
    must = {(m["citation"], (m.get("entry") or "").casefold() or None) for m in data.get("must", ())
            if m.get("rule") == "unrelated-citation"}
    may = {m["citation"] for m in data.get("may", ()) if m.get("rule") == "unrelated-citation"}
    return must, may


def _case_inputs(case: Path) -> tuple[list[str], list[str]]:
    meta = case / "case.json"
    if meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return [data["main"]], list(data["bibs"])
    return ["doc.md"], ["library.bib"]


SWAPS_PER_CITATION = 1  # real citations: misfits made by pointing each at another entry of its own library


def _swap_picker(case: Path):
    """Seeded by the case's name, so a collect run is repeatable."""
    import random
    import zlib

    rng = random.Random(zlib.crc32(case.name.encode("utf-8")))
    return lambda candidates: rng.sample(list(candidates), min(SWAPS_PER_CITATION, len(candidates)))


def case_rows(case: Path, kind: str) -> list[dict]:
    """Each resolved citation of one case with its claim: features, abstention, label (1, 0, or None for `may`).

    Real cases also give, per citation, the same claim pointed at another entry of its library (kind
    "real:swapped", label 1): misfits made from real writing, which has too few of its own to learn from."""
    from refcheck.checks.context import AuditContext
    from refcheck.checks.rules.claims.assess import assess
    from refcheck.checks.rules.claims.fitting import fit_context
    from refcheck.extract import extract
    from refcheck.extract.nlp import load_pipeline
    from refcheck.ingest import iter_documents
    from refcheck.library import load_library
    try:  # the fitted resolver (refcheck.resolve) where it is there, else the matcher it replaces
        from refcheck.resolve import Resolver as Matcher
        from refcheck.resolve.document import resolve_document
    except ImportError:
        from refcheck.match.matcher import Matcher
        from refcheck.match.resolve import resolve_document

    must, may = _labels(case)
    docs, bibs = _case_inputs(case)
    cwd = os.getcwd()
    os.chdir(case)
    try:
        library = load_library(bibs)
        matcher = Matcher(library)
        nlp = load_pipeline()
        audits = [resolve_document(extract(item, nlp), matcher)
                  for item in iter_documents(docs) if not isinstance(item, Exception)]
        ctx = AuditContext(audits, library, {"nocite": [], "blank_pipeline": False})
        rows = []
        items = assess(ctx, swaps=_swap_picker(case) if kind.startswith("real:") else None)
        keys = [e.key for e in fit_context(ctx).entries] if items else []
        for a in items:
            c = a.resolution.citation
            if a.swapped_from is not None:
                rows.append({"case": case.name, "kind": "real:swapped", "citation": c.label,
                             "entry": a.resolution.key, "swapped_to": keys[a.cited], "features": a.features,
                             "abstain": a.abstain, "label": 1})
                continue
            label = 1 if any(c.label == cit and (e is None or e == a.resolution.key.casefold()) for cit, e in must) else 0
            if label == 0 and c.label in may:
                label = None
            rows.append({"case": case.name, "kind": kind, "citation": c.label, "entry": a.resolution.key,
                         "features": a.features, "abstain": a.abstain, "label": label})
        return rows
    finally:
        os.chdir(cwd)


def _ensure_covid(out: Path, mirror_root: Path) -> dict[str, Path]:
    folders = {}
    for name, args in COVID_FIT.items():
        folder = out / "claims-covid" / name
        if not folder.is_dir() or not any(folder.iterdir()):
            subprocess.run([sys.executable, str(SHARED / "eval" / "covid" / "make_cases.py"), str(mirror_root),
                            str(folder), *args], check=True, stdout=subprocess.DEVNULL)
        folders[name] = folder
    # the same claims against bare titles (abstracts removed), as most real libraries have them: the
    # evidence of the "title" decision besides the real repositories
    for name in ("dev-random", "dev-topic"):
        titles = out / "claims-covid" / f"{name}-titles"
        if not titles.is_dir():
            for case in sorted(folders[name].iterdir())[:TITLE_CASES]:
                shutil.copytree(case, titles / case.name)
                bib = titles / case.name / "library.bib"
                bib.write_text(re.sub(r"(?m)^\s*abstract\s*=\s*\{.*\},?\s*$\n?", "", bib.read_text(encoding="utf-8")),
                               encoding="utf-8")
        folders[f"{name}-titles"] = titles
    return folders


def collect(out: Path, mirror_root: Path, only: set[str] | None = None, cases_like: str | None = None) -> Path:
    """Features of every case, one JSON line per citation, one file per case under out/claims-features/SET/.

    A case already collected is kept (delete the folder to collect afresh)."""
    # the user's embedding cache is rewritten after every case; training texts are embedded once anyway
    os.environ.setdefault("REFCHECK_NO_CACHE", "1")
    store = out / "claims-features"
    store.mkdir(parents=True, exist_ok=True)
    sets: dict[str, list[Path]] = {f"covid:{n}": sorted(p.iterdir()) for n, p in _ensure_covid(out, mirror_root).items()}
    real = out / "real"
    if (real / "mutated").is_dir():
        sets["real:mutated"] = sorted(p for p in (real / "mutated").iterdir() if p.is_dir())
        sets["real:unmodified"] = sorted(p for p in (real / "cases").iterdir() if p.is_dir())
    else:
        print(f"train_claims: no real cases under {real} (make eval-real builds them); fitting on Check-COVID only",
              file=sys.stderr)
    for name, cases in sets.items():
        if only and name not in only:
            continue
        folder = store / name.replace(":", "-")
        folder.mkdir(exist_ok=True)
        for case in cases:
            path = folder / f"{case.name}.jsonl"
            if path.exists() or (cases_like and not fnmatch.fnmatch(case.name, cases_like)):
                continue
            t = time.time()
            rows = case_rows(case, name)
            tmp = path.with_suffix(".tmp")
            tmp.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
            os.replace(tmp, path)
            print(f"{name} {case.name}: {len(rows)} citations in {time.time() - t:.0f} s", file=sys.stderr)
    return store


# ----------------------------------------------------------------------------- fitting


def _load(store: Path) -> dict[str, list[dict]]:
    return {folder.name.replace("-", ":", 1): [json.loads(line) for p in sorted(folder.glob("*.jsonl"))
                                               for line in p.open(encoding="utf-8")]
            for folder in sorted(store.iterdir()) if folder.is_dir()}


def _repo(case: str) -> str:
    return case[:-3] if case.endswith(("-s1", "-s2")) else case


def split(data: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """fit / tune / held-out sets, by dataset split and by repository."""
    real = data.get("real:mutated", [])
    real_fit = [r for r in real if _repo(r["case"]) in FIT_REPOS]
    natural = lambda rows: [r for r in rows if r["kind"] != "real:swapped"]  # noqa: E731
    swapped = lambda rows: [r for r in rows if r["kind"] == "real:swapped"]  # noqa: E731
    real_held = [r for r in real if _repo(r["case"]) not in FIT_REPOS]
    return {
        "fit": sum((data.get(f"covid:{n}", []) for n in ("dev-random", "dev-topic", "dev-random-titles",
                                                         "dev-topic-titles")), []) + real_fit,
        "covid test random": data.get("covid:test-random", []),
        "covid test same-topic": data.get("covid:test-topic", []),
        "covid dev random (fitted on)": data.get("covid:dev-random", []),
        "covid dev same-topic (fitted on)": data.get("covid:dev-topic", []),
        "real injected, fit repositories (fitted on)": natural(real_fit),
        "real injected, held-out repositories": natural(real_held),
        "real swapped, fit repositories (fitted on)": swapped(real_fit),
        "real swapped, held-out repositories": swapped(real_held),
        "real unmodified, fit repositories": [r for r in data.get("real:unmodified", []) if r["case"] in FIT_REPOS],
        "real unmodified, held-out repositories": [r for r in data.get("real:unmodified", []) if r["case"] not in FIT_REPOS],
    }


def _matrix(rows: list[dict], names: list[str]):
    import numpy as np

    from refcheck.checks.rules.claims.assess import with_derived

    return np.array([[with_derived(r["features"]).get(n, 0.0) for n in names] for r in rows], dtype=float)


def fit_model(rows: list[dict], names: list[str]) -> dict:
    """Standardised logistic regression, every citation weighted once; weights in original units."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = [r for r in rows if r["label"] is not None and r["abstain"] is None]
    x = _matrix(rows, names)
    y = np.array([r["label"] for r in rows])
    w = np.ones(len(rows))  # every citation counts once (weighting sources equally let 3 real rows outweigh 800)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit((x - mean) / std, y, sample_weight=w)
    coef = model.coef_[0] / std
    intercept = float(model.intercept_[0] - (model.coef_[0] * mean / std).sum())
    return {"features": names, "coef": [round(float(c), 6) for c in coef], "intercept": round(intercept, 6),
            "rows": len(rows), "positives": int(y.sum())}


def probabilities(model: dict, rows: list[dict]):
    import numpy as np

    if not rows:
        return np.zeros(0)
    x = _matrix(rows, model["features"])
    return 1.0 / (1.0 + np.exp(-(x @ np.array(model["coef"]) + model["intercept"])))


def out_of_fold(rows: list[dict], names: list[str], folds: int = 5) -> list[tuple[float, int]]:
    """(probability, label) for every judged row, each predicted by a model fitted without its case."""
    from sklearn.model_selection import GroupKFold

    rows = [r for r in rows if r["label"] is not None and r["abstain"] is None]
    out = []
    groups = [_group(r) for r in rows]
    folds = min(folds, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        model = fit_model([rows[i] for i in train], names)
        held = [rows[i] for i in test]
        out += list(zip(probabilities(model, held), [r["label"] for r in held], [_source(r) for r in held]))
    return out


def _source(row: dict) -> str:
    """"covid", "real" (a citation as written, or an injected one) or "swap" (a real claim pointed elsewhere)."""
    return "swap" if row["kind"] == "real:swapped" else row["kind"].split(":")[0]


def _group(row: dict) -> str:
    """What a fold holds out whole: a Check-COVID case, a real repository (its papers, mutations and swaps)."""
    return row["case"] if _source(row) == "covid" else _repo(row["case"])


def choose_threshold(scored: list[tuple[float, int, str]], precision: float, real_citations: int = 0) -> float:
    """The lowest probability at which the flagged citations reach `precision` (counting from the top) in every
    source of the data (Check-COVID; real writing as written, where unrelated citations are as rare as in a
    user's document): the strictest source decides, so no kind of writing pays for another's recall. The swaps
    are left out here: half of them are misfits, a rate no real document has, so their precision means nothing.
    On real writing the flagged citations must also hold at most FALSE_ALARMS false findings per citation
    (`real_citations`, abstentions included, as a user counts them)."""
    covid = [(p, l) for p, l, s in scored if s == "covid"]
    real = [(p, l) for p, l, s in scored if s == "real"]
    bars = [_threshold(covid, precision, None)] if covid else []
    if real:
        bars.append(_real_threshold(real, precision, real_citations or len(real)))
    return round(min(1.0, max(bars, default=1.0)), 4)


def _real_threshold(scored: list[tuple[float, int]], precision: float, citations: int) -> float:
    """The lowest probability where real citations flagged reach `precision` with at most FALSE_ALARMS false
    findings per citation; with no misfit among them, none may be flagged falsely at all. The threshold is
    just above the first citation it must not flag: the lowest probability with the same result on the fit data."""
    order = sorted(scored, key=lambda t: -t[0])
    best, tp = order[0][0] + 1e-4, 0
    for n, (prob, label) in enumerate(order, 1):
        tp += label
        fp = n - tp
        nxt = order[n][0] if n < len(order) else -1.0
        if nxt == prob:
            continue  # ties are flagged together
        if fp == 0 or (tp / n >= precision and fp <= FALSE_ALARMS * citations):
            best = nxt + 1e-4 if nxt >= 0 else prob  # the lowest probability that flags the same fit citations
    return best


def _threshold(scored: list[tuple[float, int]], precision: float, false_alarms: float | None) -> float:
    """For precision, and (real writing, where nearly every citation is right) for at most `false_alarms`
    false findings per citation judged."""
    order = sorted(scored, key=lambda t: -t[0])
    best, tp, fa = 1.0, 0, 1.0
    for n, (prob, label) in enumerate(order, 1):
        tp += label
        if tp / n >= precision:
            best = float(prob)
        if false_alarms is not None and (n - tp) <= false_alarms * len(order):
            fa = float(prob)
    return round(max(best if tp else 0.0, fa if false_alarms is not None else 0.0), 4)


def score(model: dict, threshold: float, rows: list[dict]) -> dict:
    rows = [r for r in rows if r["label"] is not None]
    judged = [r for r in rows if r["abstain"] is None]
    p = probabilities(model, judged) if judged else []
    flagged = [r for r, q in zip(judged, p) if q >= threshold]
    tp = sum(r["label"] for r in flagged)
    positives = sum(r["label"] for r in rows)
    return {"citations": len(rows), "abstained": len(rows) - len(judged), "positives": positives,
            "flagged": len(flagged), "tp": tp, "fp": len(flagged) - tp,
            "precision": tp / len(flagged) if flagged else None, "recall": tp / positives if positives else None,
            "fp_per_100": 100 * (len(flagged) - tp) / len(rows) if rows else None}


def reliability(model: dict, rows: list[dict], bins: int = 10) -> list[tuple[str, int, float, float]]:
    rows = [r for r in rows if r["label"] is not None and r["abstain"] is None]
    p = probabilities(model, rows)
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(q, r["label"]) for q, r in zip(p, rows) if lo <= q < hi or (b == bins - 1 and q == 1.0)]
        if inside:
            out.append((f"{lo:.1f}–{hi:.1f}", len(inside), sum(q for q, _ in inside) / len(inside),
                        sum(l for _, l in inside) / len(inside)))
    return out


SEMANTIC_SOURCES = ("semantic", "lexical")
# the sentence alone and the paragraph alone, ranked against the library: where a claim's own words and its
# context disagree (their fits are collinear with the mixed reading and left out)
READINGS = ["sentence_rankfrac", "paragraph_rankfrac", "sentence_z", "paragraph_z"]
GENERAL = ["names_author"]  # text lengths and library size tell the data sets apart, not fit from misfit


TITLE_CASES = 12  # Check-COVID dev cases of each kind also read against titles alone
FALSE_ALARMS = 0.01  # at most one false finding per 100 citations judged on real writing
MIN_POSITIVES = 8  # a decision is fitted only with at least this many unrelated citations of its entry kind


def _entry_kind(row: dict) -> str:
    from refcheck.fit.calibrated import entry_kind

    return entry_kind(row["features"])


def feature_names(sources) -> list[str]:
    return [f"{s}_{k}" for s in sources for k in ("fit", "gap", "rankfrac", "z")] + GENERAL


def fit_all(store: Path, params_path: Path, report_path: Path) -> None:
    data = _load(store)
    sets = split(data)
    configs = {"semantic": feature_names(SEMANTIC_SOURCES) + READINGS, "lexical": feature_names(("lexical",))}
    params: dict = {"schema": "refcheck-claims/1", "precision_target": PRECISION, "warn_precision": WARN_PRECISION,
                    "configurations": {}}
    lines = [_report_head()]
    from refcheck.fit.calibrated import ENTRY_KINDS

    for (config, names), entries in itertools.product(configs.items(), ENTRY_KINDS):
        from refcheck.checks.rules.claims.assess import with_derived

        if not all(n in with_derived(sets["fit"][0]["features"]) for n in names):
            continue
        config = f"{config}:{entries}"
        local = {name: [r for r in rows if _entry_kind(r) == entries] for name, rows in sets.items()}
        if sum(r["label"] or 0 for r in local["fit"] if r["abstain"] is None and _source(r) == "covid") < MIN_POSITIVES:
            print(f"train_claims: too few unrelated citations of {entries} entries to fit {config}", file=sys.stderr)
            continue
        # weights from Check-COVID and the real fit repositories, whose citations as written are the right ones
        # and whose swaps (each claim pointed at another entry of its library) the unrelated ones: both kinds of
        # writing have misfits to learn from, so the weights cannot just tell the data sets apart
        model = fit_model(local["fit"], names)
        oof = out_of_fold(local["fit"], names)
        citations = sum(1 for r in local["fit"] if _source(r) == "real" and r["label"] is not None)
        # a finding: precise on Check-COVID, and on real writing as written (its injected misfits against its
        # right citations, at most FALSE_ALARMS false findings per citation); a warning: the same at WARN_PRECISION
        model["threshold"] = choose_threshold(oof, PRECISION, citations)
        model["warn_threshold"] = max(model["threshold"], choose_threshold(oof, WARN_PRECISION, citations))
        params["configurations"][config] = model
        lines += _report_config(config, model, local)
    lines += _report_abstentions(sets)
    params_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = params_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, params_path)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {params_path} and {report_path}", file=sys.stderr)


def _fmt(v) -> str:
    return "–" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)


def _report_head() -> str:
    return (
        "# Training report: `unrelated-citation`\n\n"
        "Written by `make train` (`python tools/train_claims.py all`); do not edit by hand.\n"
        "Data, split and method: the docstring of `tools/train_claims.py`. Fit repositories: "
        + ", ".join(f"`{r}`" for r in FIT_REPOS) + "; every other real repository is held out.\n"
        f"Weights from Check-COVID dev and the fit repositories (their citations as written, and each swapped to "
        f"another entry of its library). Thresholds: a finding at the lowest probability with precision ≥ "
        f"{PRECISION} out of fold (a Check-COVID case or a whole repository held out) on Check-COVID and on the "
        f"fit repositories as written, with ≤ {FALSE_ALARMS * 100:g} false findings per 100 of their citations; "
        f"a warning the same at precision ≥ {WARN_PRECISION}. Never fitted on: Check-COVID test and the "
        f"held-out repositories.\n"
    )


def _report_config(config: str, model: dict, sets: dict) -> list[str]:
    out = [f"\n## Configuration `{config}`\n",
           f"{model['rows']} citations fitted ({model['positives']} unrelated); finding threshold "
           f"p ≥ {model['threshold']}, warning p ≥ {model['warn_threshold']}.\n",
           "| set | citations | abstained | unrelated | flagged | TP | FP | precision | recall | FP / 100 citations "
           "| warnings TP | warnings FP |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, rows in sets.items():
        if name == "fit" or not rows:
            continue
        s = score(model, model["threshold"], rows)
        w = score(model, model["warn_threshold"], rows)
        out.append(f"| {name} | {s['citations']} | {s['abstained']} | {s['positives']} | {s['flagged']} | {s['tp']} | "
                   f"{s['fp']} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['fp_per_100'])} | "
                   f"{w['tp']} | {w['fp']} |")
    held = sets["covid test random"] + sets["covid test same-topic"] + sets["real injected, held-out repositories"]
    out += ["", "Reliability on the held-out sets (Check-COVID test, held-out repositories):", "",
            "| predicted | citations | mean predicted | observed unrelated |", "|---|---:|---:|---:|"]
    out += [f"| {b} | {n} | {m:.2f} | {o:.2f} |" for b, n, m, o in reliability(model, held)]
    out += ["", "| feature | weight |", "|---|---:|"]
    out += [f"| `{n}` | {c:+.3f} |" for n, c in zip(model["features"], model["coef"])]
    out.append(f"| (intercept) | {model['intercept']:+.3f} |")
    return out


def _report_abstentions(sets: dict) -> list[str]:
    out = ["\n## Abstentions\n",
           "Citations on which refcheck abstains, by reason: how many, and how many of them were labelled "
           "unrelated (what abstaining costs in recall).\n",
           "| set | reason | citations | of them unrelated |", "|---|---|---:|---:|"]
    for name, rows in sets.items():
        if name == "fit":
            continue
        by = defaultdict(lambda: [0, 0])
        for r in rows:
            if r["abstain"]:
                by[r["abstain"]][0] += 1
                by[r["abstain"]][1] += r["label"] or 0
        for reason, (n, pos) in sorted(by.items()):
            out.append(f"| {name} | {reason} | {n} | {pos} |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("collect", "fit", "all"))
    ap.add_argument("--out", type=Path, default=Path(os.environ.get("EVAL_OUT", Path.home() / ".cache" / "refcheck-eval")))
    ap.add_argument("--mirror-root", type=Path, default=Path(os.environ.get("MIRROR_ROOT", ROOT.parent / ".mirror")))
    ap.add_argument("--only", action="append", help="collect only this set (covid:dev-random, real:mutated, ...)")
    ap.add_argument("--cases", help="collect only cases whose folder name matches this glob")
    ap.add_argument("--params", type=Path, default=ROOT / "src" / "refcheck" / "fit" / "params" / "claims.json")
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "training" / "claims.md")
    args = ap.parse_args(argv)
    if not (args.mirror_root / "posuer+Check-COVID").is_dir():
        print(f"train_claims: {args.mirror_root}/posuer+Check-COVID is missing: fetch posuer/Check-COVID first",
              file=sys.stderr)
        return 2
    if args.step in ("collect", "all"):
        collect(args.out, args.mirror_root, set(args.only) if args.only else None, args.cases)
    if args.step in ("fit", "all"):
        fit_all(args.out / "claims-features", args.params, args.report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
