"""What refcheck costs on inputs built to exhaust it: time and peak memory of each, as docs/limits.md reports them.

    python benchmarks/bench_limits.py [--only NAME,...] [--entries N] [--pages N] [--text-mb N]

Each input is generated under benchmarks/out/limits/ (not committed) and run as
the command a user types, in a child process whose wall time, CPU time (user +
system: what the run costs, whatever else loads the machine) and peak resident
memory (ru_maxrss) are measured; a run still going after --timeout seconds is
killed and reported as a hang. The inputs:

- a 200 MB text file (over the document limit: refused in one line, unread);
- a text file just under the limit's line rule: one 900,000-character line;
- a 1,000,000-entry .bib (real entries of ../shared/data/bib with fresh keys,
  or generated ones when that folder is absent), linted; and one of 200,000
  entries, the most a library may hold, linted (the costliest library read);
- a Markdown file of 100,000 footnotes, audited;
- a library entry with a 10 MB abstract and 20,000 authors, audited;
- a 10,000-page PDF (fpdf2) with a footnote on every page, audited; and one of
  10,001 pages, refused;
- LaTeX files that include themselves, each other, and one that includes the
  next twice at each of 16 levels (65,536 inclusions if nothing bounded them);
- a folder with a symlink loop and a link back to its parent, audited.

Prints a Markdown table; `--write` puts it into docs/limits.md between its markers.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from refcheck.limits import MAX_LIBRARY_ENTRIES  # noqa: E402
OUT = ROOT / "benchmarks" / "out" / "limits"
REFCHECK = [sys.executable, "-m", "refcheck"]
SHARED_BIB = ROOT.parent / "shared" / "data" / "bib"
BIB = "@article{lee2006,\n  author = {Lee, Hyun},\n  title = {Cultural Policy},\n  journal = {J},\n  year = {2006},\n}\n"
PARAGRAPH = ("Cultural exchange between the two states grew after 1998, as Lee (2006) shows in detail, and trade "
             "followed the same path [@lee2006]. ")  # fmt: skip


def run(argv: list[str], cwd: Path, timeout: float) -> dict:
    """Run `argv`, returning its exit status, wall and CPU seconds, peak memory (MB) and what it said."""
    start = time.monotonic()
    with open(cwd / ".stderr", "wb") as err, open(cwd / ".stdout", "wb") as out:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        status = None
        while True:
            pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(raw)
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, raw, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    seconds = time.monotonic() - start
    lines = [line for line in (cwd / ".stderr").read_text(encoding="utf-8", errors="replace").splitlines() if line]
    # a library over a limit is a finding on standard output, not a message on standard error
    lines += [line.strip() for line in (cwd / ".stdout").read_text(encoding="utf-8", errors="replace").splitlines()
              if "the limit of" in line and len(line) < 400]  # fmt: skip
    said = next((line for line in lines if "error" in line or "outside" in line or "loop" in line or "more than" in line),
                lines[0] if lines else "")  # fmt: skip
    return {"status": "hang (killed)" if status is None else status, "seconds": seconds,
            "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "said": said,
            "lines": len(lines)}  # fmt: skip


# --- inputs -------------------------------------------------------------------------------------------------


def big_text(folder: Path, megabytes: int) -> list[str]:
    path = folder / "big.txt"
    block = (PARAGRAPH * 40 + "\n\n").encode()
    with open(path, "wb") as f:
        for _ in range(megabytes * 2**20 // len(block) + 1):
            f.write(block)
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", "big.txt", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def long_line(folder: Path, chars: int = 900_000) -> list[str]:
    text = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    (folder / "line.md").write_text(text + "\n", encoding="utf-8")
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", "line.md", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def _real_entries() -> list[str]:
    blocks: list[str] = []
    for path in sorted(SHARED_BIB.glob("*.bib")) if SHARED_BIB.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        starts = [m.start() for m in re.finditer(r"^@\w+\s*\{", text, re.MULTILINE)]
        blocks += [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]) if b - a < 3000]
    return [b for b in blocks if not b.lower().startswith(("@string", "@comment", "@preamble"))]


def big_bib(folder: Path, entries: int) -> list[str]:
    real = _real_entries()
    rng = random.Random(13)
    path = folder / "big.bib"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(entries):
            if real:
                block = rng.choice(real)
                f.write(re.sub(r"^(@\w+\s*\{)[^,\n]*,", lambda m: f"{m.group(1)}k{i},", block, count=1))
            else:
                f.write(f"@article{{k{i},\n  author = {{Author{i % 5000}, A. and Other, B.}},\n"
                        f"  title = {{Title number {i}}},\n  journal = {{J{i % 300}}},\n  year = {{{1950 + i % 70}}},\n}}\n\n")
    return ["bib", "lint", "big.bib", "--fail-on", "never"]


def many_notes(folder: Path, notes: int = 100_000) -> list[str]:
    body = "".join(f"Claim {i} grew after 1998.[^{i}]\n" for i in range(notes))
    defs = "".join(f"[^{i}]: Lee, H. (2006). Cultural Policy. J, 1, 2-3.\n" for i in range(notes))
    (folder / "notes.md").write_text(body + "\n" + defs, encoding="utf-8")
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", "notes.md", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def big_field(folder: Path, megabytes: int = 10) -> list[str]:
    words = ("Cultural exchange grew after 1998 and trade followed the same path. " * (megabytes * 2**20 // 68 + 1))
    authors = " and ".join(f"Author{i}, A." for i in range(20_000))
    (folder / "refs.bib").write_text(BIB + f"@article{{huge,\n  author = {{{authors}}},\n  title = {{Huge}},\n"
                                     f"  abstract = {{{words[: megabytes * 2**20]}}},\n  year = {{2001}},\n}}\n",
                                     encoding="utf-8")  # fmt: skip
    (folder / "paper.md").write_text(PARAGRAPH + "As Author0 (2001) argued [@huge].\n", encoding="utf-8")
    return ["audit", "paper.md", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def big_pdf(folder: Path, pages: int) -> list[str]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(20, 30)
        pdf.multi_cell(170, 6, f"Page {n}. Cultural exchange grew after 1998, as the record shows.")
        pdf.set_font("Helvetica", size=7)
        pdf.set_xy(20, 270)
        pdf.cell(170, 4, f"{n} Lee, H. (2006). Cultural Policy. J, 1, 2-3.")
    name = f"pages{pages}.pdf"
    pdf.output(str(folder / name))
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", name, "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def self_including(folder: Path) -> list[str]:
    (folder / "main.tex").write_text("\\begin{document}\nA \\cite{lee2006}.\n\\input{main}\\input{a}\\input{level0}\n"
                                     "\\end{document}\n", encoding="utf-8")  # fmt: skip
    (folder / "a.tex").write_text("In a. \\input{b}\n", encoding="utf-8")
    (folder / "b.tex").write_text("In b. \\input{a} \\input{main}\n", encoding="utf-8")
    for level in range(16):  # each level includes the next twice: 2^16 inclusions unbounded
        (folder / f"level{level}.tex").write_text(
            f"Level {level} text \\cite{{lee2006}}.\n\\input{{level{level + 1}}}\n\\input{{level{level + 1}}}\n",
            encoding="utf-8")  # fmt: skip
    (folder / "level16.tex").write_text("Bottom.\n", encoding="utf-8")
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", "main.tex", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def symlink_loop(folder: Path) -> list[str]:
    docs = folder / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "paper.md").write_text("A claim [@lee2006].\n", encoding="utf-8")
    (docs / "sub" / "up").symlink_to(docs, target_is_directory=True)  # docs/sub/up/sub/up/...
    (docs / "self").symlink_to("self")  # a link to itself
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return ["audit", "docs", "--bib", "refs.bib", "--fail-on", "never", "--format", "json"]


def _built_apart(build, folder: Path) -> list[str]:
    """Build an input in a forked child: a command started by a process that grew to build a 10,000-page PDF
    reports that process's size as its own peak memory (ru_maxrss carries over the fork), so the builder's
    memory must never be this process's."""
    import json

    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            (folder / ".argv").write_text(json.dumps(build(folder)), encoding="utf-8")
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"building the input in {folder} failed")
    return json.loads((folder / ".argv").read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated names of the rows to run")
    parser.add_argument("--text-mb", type=int, default=200)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--write", action="store_true", help="put the table into docs/limits.md")
    args = parser.parse_args()
    rows = {
        "text-200MB": (f"a {args.text_mb} MB text file", lambda f: big_text(f, args.text_mb)),
        "long-line": ("a Markdown file of one 900,000-character line", long_line),
        "bib-1M": (f"a {args.entries:,}-entry .bib, `bib lint`", lambda f: big_bib(f, args.entries)),
        "bib-limit": (f"a {MAX_LIBRARY_ENTRIES:,}-entry .bib (the limit), `bib lint`",
                      lambda f: big_bib(f, MAX_LIBRARY_ENTRIES)),
        "notes-100k": ("a Markdown file of 100,000 footnotes", many_notes),
        "field-10MB": ("a library entry with a 10 MB abstract and 20,000 authors", big_field),
        "pdf-10k": (f"a {args.pages:,}-page PDF", lambda f: big_pdf(f, args.pages)),
        "pdf-over": (f"a {args.pages + 1:,}-page PDF", lambda f: big_pdf(f, args.pages + 1)),
        "latex-self": ("LaTeX including itself, a cycle and a 2^16 fan-out", self_including),
        "symlink-loop": ("a folder with a symlink loop and a self-link", symlink_loop),
    }
    wanted = [n.strip() for n in args.only.split(",") if n.strip()] or list(rows)
    table = ["| input | command | status | wall time | CPU time | peak memory | what refcheck says |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for name in wanted:
        what, build = rows[name]
        folder = OUT / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        t0 = time.monotonic()
        argv = _built_apart(build, folder)
        built = time.monotonic() - t0
        result = run(REFCHECK + argv, folder, args.timeout)
        said = result["said"].replace("|", "\\|").replace(str(folder) + "/", "")[:140]
        row = (f"| {what} | `refcheck {' '.join(argv)}` | exit {result['status']} | {result['seconds']:.1f} s | "
               f"{result['cpu']:.1f} s | {result['peak_mb']:.0f} MB | {said} |")  # fmt: skip
        print(row, f"(input built in {built:.0f} s)", file=sys.stderr, flush=True)
        table.append(row)
        shutil.rmtree(folder, ignore_errors=True)
    text = "\n".join(table)
    print(text)
    if args.write:
        doc = ROOT / "docs" / "limits.md"
        old = doc.read_text(encoding="utf-8")
        start, end = "<!-- bench_limits: start -->", "<!-- bench_limits: end -->"
        doc.write_text(old.split(start)[0] + f"{start}\n{text}\n{end}" + old.split(end)[1], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
