"""`refcheck bib clean` on a generated 20,000-entry library, against bibtexparser's bare parse + write and bibtex-tidy.

All three run on the same file in the same run; each time is the best of
`--repeat` runs and includes reading the input and writing the output file.
Both wall-clock and CPU time are shown (CPU time counts waited-for child
processes); on a shared machine the CPU ratio is the one to trust.
refcheck is timed in-process (load, clean, write, with its memo caches
emptied before each run) and as the command a user types (`refcheck bib
clean IN -o OUT`, interpreter start-up included). bibtex-tidy is installed
from the npm registry into benchmarks/out/node_modules the first time, and
skipped with a message when Node or npm is missing or the install fails.

The library has what makes cleaning costly: LaTeX accents and Unicode letters
in names and titles, names in every BibTeX form ("von Last, Jr, First",
"and others", {Institutions}), quoted and braced values, @string macros, DOIs
with prefixes, one-hyphen page ranges, month names, empty fields, and 2% of
entries duplicated under another key with small differences.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TIDY_VERSION = "1.14.0"
TIDY_ARGS = [  # bibtex-tidy's nearest equivalent of refcheck's default clean
    "--curly", "--months", "--remove-empty-fields", "--remove-dupe-fields", "--duplicates", "--merge=combine",
    "--sort-fields", "--trailing-commas", "--no-escape", "--quiet",
]

FAMILIES = [
    "M{\\\"u}ller", "Müller", "Dvo{\\v{r}}{\\'a}k", "Garc{\\'\\i}a", "Garcia", "O'Brien", "Nguyễn", "Smith", "Kim",
    "Lee", "Park", "Yamaguchi", "Moisio", "Paasi", "Erd{\\H{o}}s", "{\\O}rsted", "Stra{\\ss}er", "Łukasiewicz",
    "Jones", "Brown", "Taylor", "Wilson", "Dupont", "Lef{\\`e}vre", "Gonz{\\'a}lez", "Schr{\\\"o}dinger", "Chen",
    "Wang", "Zhang", "Li", "Andersson", "Johansson", "Kowalski", "Nowak", "Rossi", "Russo", "Ferrari", "Silva",
]
PARTICLES = ["van der", "de la", "von", "van", "de", "da"]
GIVEN = [
    "Anna", "J{\\\"o}rg", "Jean-Pierre", "Sami", "Anssi", "Hyun-woo", "Mar{\\'\\i}a", "José", "Zoë", "Ingrid",
    "Wei", "Yuki", "Olga", "Piotr", "Giulia", "Tomás", "Henrik", "Kwame", "Aiko", "Lars",
]
INSTITUTIONS = ["{World Health Organization}", "{Korea Tourism Organization}", "{UNESCO}", "{OECD}"]
WORDS = (
    "analysis cultural cooperation tourism exchange growth model network learning structure language grammar "
    "system theory evidence policy regional dynamics method approach study effects diffusion memory identity "
    "history trade migration climate energy health education security market media nanowire light emitting "
    "phonology syntax morphology survey review"
).split()
PROPER = ["Korea", "Japan", "Europe", "Africa", "Obolo", "Greenlandic", "Bayesian", "Markov", "Pacific"]
ACRONYMS = ["DNA", "NLP", "GaN", "ZnO", "COVID-19", "OECD", "3D", "II"]
JOURNALS = ["Journal of Asian History", "Geopolitics", "Phys. Rev. Lett.", "Language", "Nature", "Lingua"]
MONTHS = ["January", "mar", "Sep.", "12", "jun", "October"]


def _syllables(rng: random.Random) -> str:
    parts = ["ka", "ri", "to", "ne", "sa", "mu", "lo", "vi", "de", "han", "sen", "bor", "gal", "tin", "mer"]
    return "".join(rng.choice(parts) for _ in range(rng.randint(2, 3))).capitalize()


def _name(rng: random.Random) -> str:
    family = rng.choice(FAMILIES) if rng.random() < 0.4 else _syllables(rng)
    given = rng.choice(GIVEN)
    form = rng.random()
    if form < 0.45:
        return f"{family}, {given}"
    if form < 0.75:
        return f"{given} {family}"
    if form < 0.85:
        return f"{given} {rng.choice(PARTICLES)} {family}"
    if form < 0.92:
        return f"{rng.choice(PARTICLES)} {family}, Jr., {given}"
    if form < 0.96:
        return f"{family}, {given[0]}. {rng.choice('ABCDEFG')}."
    return rng.choice(INSTITUTIONS)


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(PROPER + ACRONYMS))
    if rng.random() < 0.5:  # title case
        words = [w[0].upper() + w[1:] if w.islower() else w for w in words]
    else:
        words[0] = words[0][0].upper() + words[0][1:]
    if rng.random() < 0.2:
        words.insert(2, "{\\'e}tude" if rng.random() < 0.5 else "étude")
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), "{{" + rng.choice(ACRONYMS) + "}}")
    return " ".join(words)


def _entry(rng: random.Random, key: str) -> dict[str, str]:
    kind = rng.choices(["article", "inproceedings", "book", "phdthesis", "misc"], [50, 20, 15, 5, 10])[0]
    authors = " and ".join(_name(rng) for _ in range(rng.randint(1, 5)))
    if rng.random() < 0.05:
        authors += " and others"
    f = {"author": authors, "title": _title(rng), "year": str(rng.randint(1950, 2024))}
    if kind == "article":
        f["journal"] = rng.choice(JOURNALS)
        f["volume"] = str(rng.randint(1, 120))
        f["number"] = str(rng.randint(1, 12))
        first = rng.randint(1, 900)
        f["pages"] = f"{first}{rng.choice(['-', '--', ' - ', '–'])}{first + rng.randint(2, 40)}"
    elif kind == "inproceedings":
        f["booktitle"] = "Proceedings of the " + _title(rng)
        f["pages"] = f"{rng.randint(1, 300)}-{rng.randint(301, 600)}"
    elif kind == "book":
        f["publisher"] = rng.choice(["Springer", "Oxford University Press", "Routledge"])
        f["address"] = rng.choice(["Berlin", "Oxford", "London"])
    elif kind == "phdthesis":
        f["school"] = rng.choice(["University of Z{\\\"u}rich", "Seoul National University"])
    else:
        f["howpublished"] = "\\url{https://example.org/" + key + "}"
    if rng.random() < 0.7:
        doi = f"10.{rng.randint(1000, 9999)}/{key.lower()}.{rng.randint(1, 99999)}"
        f["doi"] = rng.choice(["", "https://doi.org/", "doi:", "http://dx.doi.org/"]) + doi
    if rng.random() < 0.3:
        f["month"] = rng.choice(MONTHS)
    if rng.random() < 0.15:
        f["url"] = f"https://example.org/papers/{key}"
    if rng.random() < 0.1:
        f["abstract"] = "We study " + _title(rng).lower() + ".\n    It matters for " + _title(rng).lower() + "."
    if rng.random() < 0.08:
        f[rng.choice(["note", "keywords", "isbn"])] = ""
    if rng.random() < 0.2:
        f["keywords"] = ", ".join(rng.sample(WORDS, 3))
    return {"type": kind, "key": key, **f}


def _variant(rng: random.Random, e: dict[str, str], key: str) -> dict[str, str]:
    """The same work written again: another key, some fields missing or spelled differently."""
    v = dict(e, key=key)
    change = rng.random()
    if change < 0.3:
        v["title"] = v["title"].lower().capitalize()
    elif change < 0.6 and "doi" in v:
        v["doi"] = v["doi"].split("/", 3)[-1] if v["doi"].startswith("http") else "https://doi.org/" + v["doi"]
    for name in rng.sample(["pages", "volume", "month", "url", "keywords"], 2):
        v.pop(name, None)
    return v


def generate(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    entries: list[dict[str, str]] = []
    for i in range(n):
        if entries and rng.random() < 0.02:
            entries.append(_variant(rng, rng.choice(entries), f"dup{i}"))
        else:
            entries.append(_entry(rng, f"e{i}{_syllables(rng).lower()}"))
    out = ["% generated by benchmarks/bench_bib_clean.py", '@string{jah = "Journal of Asian History"}', ""]
    for e in entries:
        quoted = rng.random() < 0.2
        lines = [f"@{e['type'].upper() if rng.random() < 0.1 else e['type']}{{{e['key']},"]
        for name, value in e.items():
            if name in ("type", "key"):
                continue
            if name == "journal" and value == "Journal of Asian History" and rng.random() < 0.5:
                lines.append("  journal = jah,")
            elif name == "year" and rng.random() < 0.3:
                lines.append(f"  year = {value},")
            elif quoted and '"' not in value:
                lines.append(f'  {name} = "{value}",')
            else:
                lines.append(f"  {name} = {{{value}}},")
        lines.append("}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def _cpu() -> float:
    """CPU seconds of this process and the children it waited for: steady on a busy machine, unlike the clock."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best_of(repeat: int, fn) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of `repeat` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, _cpu() - start_cpu)
    return wall, cpu


def bibtexparser_parse_write(src: Path, dst: Path) -> None:
    import bibtexparser

    library = bibtexparser.parse_string(src.read_text(encoding="utf-8"))
    dst.write_text(bibtexparser.write_string(library), encoding="utf-8")


def _clear_caches() -> None:
    from refcheck import textnorm
    from refcheck.library import duplicates, latex, names
    from refcheck.library.clean import accents, braces

    for cached in (latex._decode_slow, names.split_name, names.split_names, accents._to_unicode,
                   accents._latex_char, braces.analyse, textnorm.fold, duplicates._doi):
        cached.cache_clear()


def refcheck_clean(src: Path, dst: Path) -> None:
    """What `refcheck bib clean IN -o OUT` does, without the interpreter start-up."""
    from refcheck.library.atomic import write_atomic
    from refcheck.library.clean import clean_paths
    from refcheck.library.write import write_items

    _clear_caches()
    _library, result = clean_paths([str(src)])
    write_atomic(str(dst), write_items(result.items))


def refcheck_command(src: Path, dst: Path) -> None:
    refcheck = Path(sys.executable).with_name("refcheck")
    subprocess.run([str(refcheck), "bib", "clean", str(src), "-o", str(dst), "--report", str(dst) + ".report"],
                   check=True, capture_output=True)


def install_tidy() -> Path | None:
    """bibtex-tidy's CLI from the npm registry, in a folder the bench owns; None (and why) when it cannot be had."""
    if not shutil.which("node") or not shutil.which("npm"):
        print("bibtex-tidy: skipped (node and npm are not on this machine)")
        return None
    tidy = OUT / "node_modules" / ".bin" / "bibtex-tidy"
    if not tidy.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"bibtex-tidy: installing bibtex-tidy@{TIDY_VERSION} into {OUT / 'node_modules'} ...")
        done = subprocess.run(
            ["npm", "install", "--prefix", str(OUT), "--no-save", "--no-audit", "--no-fund", f"bibtex-tidy@{TIDY_VERSION}"],
            capture_output=True, text=True,
        )
        if done.returncode != 0 or not tidy.exists():
            print(f"bibtex-tidy: skipped (npm install failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]})")
            return None
    return tidy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-tidy", action="store_true", help="leave bibtex-tidy out")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # bibtexparser logs every block it cannot parse

    OUT.mkdir(parents=True, exist_ok=True)
    src = OUT / f"generated-{args.entries}.bib"
    src.write_text(generate(args.entries), encoding="utf-8")
    print(f"library: {src.relative_to(ROOT)} ({args.entries:,} entries, {src.stat().st_size / 1e6:.1f} MB); best of {args.repeat}")

    times = {
        "bibtexparser parse + write": best_of(args.repeat, lambda: bibtexparser_parse_write(src, OUT / "bibtexparser.bib")),
        "refcheck clean (in-process)": best_of(args.repeat, lambda: refcheck_clean(src, OUT / "refcheck.bib")),
        "refcheck bib clean (command)": best_of(args.repeat, lambda: refcheck_command(src, OUT / "refcheck-cli.bib")),
    }
    tidy = None if args.no_tidy else install_tidy()
    if tidy is not None:
        dst = OUT / "bibtex-tidy.bib"

        def run_tidy() -> None:
            subprocess.run([str(tidy), str(src), "--output", str(dst), *TIDY_ARGS], check=True, capture_output=True)

        times["bibtex-tidy"] = best_of(args.repeat, run_tidy)
    base_wall, base_cpu = times["bibtexparser parse + write"]
    print(f"{'':30} {'wall':>8} {'cpu':>8}  {'entries/s (cpu)':>15}  {'x bibtexparser (wall, cpu)':>27}")
    for name, (wall, cpu) in times.items():
        print(f"{name:30} {wall:7.2f}s {cpu:7.2f}s  {args.entries / cpu:15,.0f}  {wall / base_wall:12.2f}x {cpu / base_cpu:12.2f}x")
    wall, cpu = times["refcheck clean (in-process)"]
    cmd_wall, cmd_cpu = times["refcheck bib clean (command)"]
    print(f"refcheck clean / bibtexparser parse + write: {cpu / base_cpu:.2f}x cpu, {wall / base_wall:.2f}x wall (target <= 2x); "
          f"the command: {cmd_cpu / base_cpu:.2f}x cpu, {cmd_wall / base_wall:.2f}x wall")
    if "bibtex-tidy" in times:
        tidy_wall, tidy_cpu = times["bibtex-tidy"]
        print(f"refcheck clean / bibtex-tidy: {cpu / tidy_cpu:.2f}x cpu, {wall / tidy_wall:.2f}x wall; "
              f"the command: {cmd_cpu / tidy_cpu:.2f}x cpu, {cmd_wall / tidy_wall:.2f}x wall "
              f"(bibtex-tidy {TIDY_VERSION} {' '.join(TIDY_ARGS)})")


if __name__ == "__main__":
    main()
