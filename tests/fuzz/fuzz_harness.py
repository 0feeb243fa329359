"""A fuzz harness over refcheck's command line: mutated real libraries and documents, each run judged.

Seeds are small real pieces read at run time: runs of entries cut from the
libraries under ../shared/data/bib (when present) and tests/fixtures/bib, and
the documents under tests/fixtures/docs. Hypothesis draws a seed and a list of
edits (format-aware tokens, control characters, forged workflow commands,
repeats that make long lines and many entries, cuts, invalid bytes) and a
command: `audit` (every machine-readable format at once, sometimes from
standard input, sometimes under a hostile file name), `bib clean`, `bib fix`
or `bib lint`.

Each case runs in a forked copy of a process that has refcheck and its spaCy
pipeline loaded (so a case costs its own work, not an interpreter start), in
its own folder, and is judged:

- crash: an uncaught exception (exit 3, or a traceback), or an unknown exit status;
- hang: over HANG_SECONDS of CPU (killed as soon as it passes them), or still
  running after WALL_SECONDS (a case blocked without working);
- invalid: JSON, SARIF or JUnit that does not parse, a GitHub annotation stream
  with a line that is not one command per finding, a workflow command or an
  escape sequence on standard error, an exit-2 error said in more than one line;
- lost: an entry of the input that `bib fix` left out, or that `bib clean`
  neither kept nor reported merged.
"""

from __future__ import annotations

import json
import os
import re
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SHARED_BIB = ROOT.parent / "shared" / "data" / "bib"
FIXTURE_BIB = TESTS / "fixtures" / "bib"
FIXTURE_DOCS = TESTS / "fixtures" / "docs"

HANG_SECONDS = 20.0  # of CPU time: a case that works longer is a hang (killed once past it)
# killed after this long whatever its CPU time (then a hang too): a case blocked without working. Generous, as
# on a machine loaded ten times over its cores a case of 15 s of CPU takes minutes of wall time.
WALL_SECONDS = 300.0
MAX_INPUT = 600_000  # characters of one mutated input: big enough for long lines, small enough for many cases

COMMANDS = ("audit", "bib clean", "bib fix", "bib lint")

# --- seeds --------------------------------------------------------------------------------------------------

_ENTRY_START = re.compile(r"^@", re.MULTILINE)


@lru_cache(maxsize=1)
def bib_blocks() -> tuple[str, ...]:
    """Every entry-sized block of the real libraries (each file's first 400), and the fixtures' libraries."""
    blocks: list[str] = []
    files = sorted(SHARED_BIB.glob("*.bib")) if SHARED_BIB.is_dir() else []
    files += sorted(FIXTURE_BIB.glob("*.bib"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        starts = [m.start() for m in _ENTRY_START.finditer(text)][:401]
        blocks += [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]) if b - a < 6000]
    return tuple(blocks)


@lru_cache(maxsize=1)
def document_seeds() -> tuple[tuple[str, str], ...]:
    """(suffix, text) of each fixture document."""
    out = []
    for path in sorted(FIXTURE_DOCS.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".md", ".tex", ".org", ".typ", ".txt", ".html"):
            out.append((path.suffix.lower(), path.read_text(encoding="utf-8", errors="replace")))
    return tuple(out)


# --- mutations ----------------------------------------------------------------------------------------------

HOSTILE = (
    "\x00", "\x1b]0;owned\x07", "\x1b[2J", "\x1b[31m", "\r", "\r\n", "\u202e", "\ufeff", "\x7f", "\x85", "\t",
    "\n::error::injected\n", "%0A::error ::x", "::set-output name=a::b", "##[error]x", "\n\n", " " * 64,
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "@octocat", "`", "|", "&", "\\", "{", "}", "%",
)
TOKENS = {
    ".bib": ("@", "@misc{", "@article{k,", "@string{s = \"x\"}", "@comment{", "@preamble{", "= {", "= \"", ",\n",
             "}\n", "{", "}", "\"", " # ", "author = {A, B and C, D and others}", "crossref = {k}",
             "file = {/etc/passwd}", "file = {x:../../../etc/passwd:pdf}", "doi = {https://doi.org/10.1/x}",
             "year = {19999}", "title = {{{{{", "% refcheck: distinct a b\n", "\\\"{o}", "{\\'e}", "and ",
             "editor = {", "pages = {1--}", "@", "@@", "\n@misc{dup,\n  title = {Dup},\n}\n"),
    ".md": ("[^1]", "[^1]: ", "[@key]", "[see @a, p. 4; @b]", "@key [p. 3]", "```\n", "<!--", "-->",
            "---\nbibliography: refs.bib\n---\n", "**", "_", "|", "# References\n", "[1]", "¹", "<sup>1</sup>",
            "{cite:p}`key`", "\\@ref(x)", "$$", ">", "- ", "1. "),
    ".tex": ("\\cite{", "\\cite{a,b}", "\\input{", "\\input{doc}", "\\include{../../outside}", "\\input{.}",
             "\\subfile{x}", "%", "\\%", "\\begin{verbatim}", "\\end{verbatim}", "\\iffalse", "\\fi",
             "\\newcommand{\\mycite}[1]{\\cite{#1}}", "\\mycite{k}", "\\footnote{", "\\bibliography{refs}",
             "\\begin{document}", "\\end{document}", "\\autocites[p]{a}[q]{b}", "\\nocite{*}", "{", "}", "\\"),
    ".org": ("#+bibliography: refs.bib\n", "[cite:@key]", "[cite/t:@a;@b]", "cite:&key", "#+begin_src\n",
             "#+end_src\n", "# ", "* ", "[fn:1]", "[[x]]"),
    ".typ": ("@key", "@key[p. 7]", "#cite(<key>)", "#bibliography(\"refs.bib\")", "//", "/*", "*/", "`", "$",
             "<label>", "#"),
    ".txt": ("[1]", "(Smith & Jones, 2019)", "Smith et al. (2019)", "et al.", "¹", "²³", "Ibid.", "---\n",
             "References\n", "1. ", "p. 4", "(2019a)"),
    ".html": ("<sup>", "</sup>", "<a href=\"#fn1\">1</a>", "<li id=\"fn1\">", "<script>", "</script>", "<!--",
              "<p>", "</p>", "<ol class=\"references\">", "&amp;", "&#0;", "<![CDATA["),
}


@dataclass
class Case:
    command: str
    suffix: str  # of the mutated input: .bib, or a document's
    text: str
    bib: str  # the library an audit reads
    name: str = "doc"  # the input's file name without suffix
    stdin: bool = False
    edits: list[str] = field(default_factory=list)

    def describe(self) -> str:
        how = " (stdin)" if self.stdin else ""
        return f"{self.command} {self.name!r}{self.suffix}{how}, {len(self.text):,} chars; edits: {'; '.join(self.edits)}"


def _apply(text: str, op: tuple, tokens: tuple[str, ...]) -> tuple[str, str]:
    kind = op[0]
    n = len(text)
    at = min(n, int(op[1] * (n + 1)))
    if kind == "insert":
        piece = op[2] if isinstance(op[2], str) else tokens[op[2] % len(tokens)]
        return text[:at] + piece + text[at:], f"insert {piece[:30]!r} at {at}"
    if kind == "hostile":
        piece = HOSTILE[op[2] % len(HOSTILE)]
        return text[:at] + piece + text[at:], f"insert {piece!r} at {at}"
    if kind == "delete":
        end = min(n, at + op[2])
        return text[:at] + text[end:], f"delete {at}:{end}"
    if kind == "repeat":  # long lines, many footnotes, many entries, many authors
        span = text[at : at + op[2]] or tokens[op[2] % len(tokens)]
        times = max(1, min(op[3], MAX_INPUT // max(1, len(span)) // 2))
        joiner = "" if op[4] else "\n"
        return text[:at] + joiner.join([span] * times) + text[at:], f"repeat {span[:20]!r} x{times}"
    if kind == "truncate":
        return text[:at], f"truncate at {at}"
    if kind == "swap":
        other = min(n, int(op[2] * (n + 1)))
        a, b = sorted((at, other))
        mid = (a + b) // 2
        return text[:a] + text[mid:b] + text[a:mid] + text[b:], f"swap {a}:{mid}:{b}"
    raise ValueError(kind)


_POS = st.floats(0, 1, allow_nan=False)
_OPS = st.one_of(
    st.tuples(st.just("insert"), _POS, st.one_of(st.integers(0, 200), st.text(max_size=12))),
    st.tuples(st.just("hostile"), _POS, st.integers(0, len(HOSTILE) - 1)),
    st.tuples(st.just("delete"), _POS, st.integers(1, 400)),
    st.tuples(st.just("repeat"), _POS, st.integers(1, 80), st.sampled_from([2, 2, 3, 5, 10, 10, 40, 300, 3000, 30000]), st.booleans()),
    st.tuples(st.just("truncate"), _POS),
    st.tuples(st.just("swap"), _POS, _POS),
)
_NAMES = ("doc", "doc", "doc", "chapter one", "a\x01b", "x\n::error::name", "pipe|`tick`", "::warning::x", "é")


@st.composite
def cases(draw, commands: tuple[str, ...] = COMMANDS) -> Case:
    """A command and its mutated input."""
    command = draw(st.sampled_from(commands))
    blocks = bib_blocks()
    start = draw(st.integers(0, len(blocks) - 1))
    bib = "".join(blocks[start : start + draw(st.integers(1, 8))])
    if command == "audit":
        suffix, text = draw(st.sampled_from(document_seeds()))
    else:
        suffix, text = ".bib", bib
    ops = draw(st.lists(_OPS, min_size=1, max_size=6))
    edits = []
    tokens = TOKENS[suffix]
    for op in ops:
        text, what = _apply(text, op, tokens)
        edits.append(what)
        text = text[:MAX_INPUT]
    name = draw(st.sampled_from(_NAMES)) if command == "audit" else "refs"
    stdin = command == "audit" and draw(st.integers(0, 9)) == 0
    return Case(command, suffix, text, bib, name, stdin, edits)


# --- running ------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    code: int | None  # None: killed as a hang
    seconds: float  # CPU seconds
    stdout: str
    stderr: str
    problems: list[str]  # "crash: ...", "hang", "invalid: ...", "lost: ..."
    peak_kb: int = 0

    @property
    def kinds(self) -> set[str]:
        return {p.split(":", 1)[0] for p in self.problems}


def prepare() -> None:
    """Load what every case needs once, before forking: each command run once on a seed, so that every case
    forks from a process with the pipeline, the fitted parameters and the rules already loaded (a case then
    costs its own work, ~0.1 s, instead of ~15 s of loading)."""
    warm = [Case("audit", suffix, text, bib_blocks()[0]) for suffix, text in document_seeds()[:1]]
    warm += [Case(command, ".bib", "".join(bib_blocks()[:3]), "") for command in COMMANDS[1:]]
    for case in warm:
        folder = Path(tempfile.mkdtemp(prefix="refcheck-fuzz-warm-"))
        try:
            argv, _, _ = _layout(case, folder)
            _in_process(argv, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _in_process(argv: list[str], folder: Path) -> None:
    import contextlib
    import io

    from refcheck.cli import main

    here = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(argv)
    except SystemExit:
        pass
    finally:
        os.chdir(here)


def _layout(case: Case, folder: Path) -> tuple[list[str], bytes | None, dict[str, Path]]:
    """Write the case's files into `folder`; the argv, standard input and where outputs will be."""
    data = case.text.encode("utf-8", "surrogatepass")
    if case.command == "audit":
        (folder / "refs.bib").write_text(case.bib, encoding="utf-8")
        outs = {"json": folder / "out.json", "sarif": folder / "out.sarif", "junit": folder / "out.xml"}
        reports = [f"--format={fmt}:{path.name}" for fmt, path in outs.items()] + ["--format=github"]
        common = ["--bib", "refs.bib", *reports, "--fail-on", "never", "--jobs", "1", "--no-progress"]
        if case.stdin:
            return ["audit", "-", "--stdin-filename", f"{case.name}{case.suffix}", *common], data, outs
        (folder / f"{case.name}{case.suffix}").write_bytes(data)
        return ["audit", f"{case.name}{case.suffix}", *common], None, outs
    (folder / "refs.bib").write_bytes(data)
    if case.command == "bib clean":
        outs = {"bib": folder / "out.bib", "aliases": folder / "aliases.tsv"}
        return ["bib", "clean", "refs.bib", "-o", "out.bib", "--aliases", "aliases.tsv"], None, outs
    if case.command == "bib fix":
        return ["bib", "fix", "refs.bib", "-o", "out.bib"], None, {"bib": folder / "out.bib"}
    return ["bib", "lint", "refs.bib", "--format", "json", "--fail-on", "never"], None, {}


def _child(argv: list[str], folder: Path, stdin: bytes | None) -> None:
    """In the forked child: run the command line as `refcheck` would, and exit with its status."""
    code = 99
    try:
        limit_memory()
        os.chdir(folder)
        fd_in = os.open(folder / ".stdin", os.O_RDWR | os.O_CREAT)
        os.write(fd_in, stdin or b"")
        os.lseek(fd_in, 0, 0)
        os.dup2(fd_in, 0)
        for fd, name in ((1, ".stdout"), (2, ".stderr")):
            os.dup2(os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.stdin = open(0, encoding="utf-8", errors="surrogateescape", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        from refcheck.cli import main

        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # an exception main() let through: a crash by definition
        import traceback

        traceback.print_exc()
        code = 98
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def run_case(case: Case, hang_seconds: float = HANG_SECONDS, wall_seconds: float = WALL_SECONDS) -> Outcome:
    """Run one case in a forked child with a deadline, and judge what it left.

    A hang is judged by the CPU time the case used (over `hang_seconds`, killed as
    soon as it passes them), so that a loaded machine does not make slow cases of
    quick ones; a case still running after `wall_seconds` is killed and counted a
    hang too.
    """
    folder = Path(tempfile.mkdtemp(prefix="refcheck-fuzz-"))
    try:
        argv, stdin, outs = _layout(case, folder)
        (folder / "input.copy").write_text(case.text, encoding="utf-8", errors="surrogatepass")
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(argv, folder, stdin)
        code, peak, cpu = _wait(pid, start + wall_seconds, hang_seconds)
        out = (folder / ".stdout").read_text(encoding="utf-8", errors="replace")
        err = (folder / ".stderr").read_text(encoding="utf-8", errors="replace")
        if code is None and cpu > hang_seconds:
            problems = [f"hang: killed past {hang_seconds:.0f} s of CPU, after {time.monotonic() - start:.0f} s"]
        elif code is None:
            problems = [f"hang: killed after {wall_seconds:.0f} s ({cpu:.0f} s of CPU)"]
        elif cpu > hang_seconds:
            problems = [f"hang: {cpu:.0f} s of CPU, over {hang_seconds:.0f} s"]
        else:
            problems = judge(case, code, out, err, outs)
        return Outcome(case, code, cpu, out, err, problems, peak)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _wait(pid: int, deadline: float, cpu_limit: float = float("inf")) -> tuple[int | None, int, float]:
    """(exit status or None when killed, peak memory in kB, CPU seconds) of the child; killed past the
    deadline or past `cpu_limit` seconds of CPU."""
    polls = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        polls += 1
        if time.monotonic() > deadline or (polls % 50 == 0 and _cpu_seconds(pid) > cpu_limit):
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return None, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        select.select([], [], [], 0.01)


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far; 0 where /proc does not tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


# --- judging ------------------------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\x1b[\[\]PX^_]")


def judge(case: Case, code: int, out: str, err: str, outs: dict[str, Path]) -> list[str]:
    problems: list[str] = []
    lines = [line for line in err.splitlines() if line.strip()]
    if code not in (0, 1, 2) or "Traceback (most recent call last)" in err:
        last = next((line for line in reversed(lines) if line.strip()), "")
        problems.append(f"crash: exit {code}: {last[:300]}")
        return problems
    for line in lines:
        if line.lstrip().startswith(("::", "##[")):
            problems.append(f"invalid: a workflow command on stderr: {line[:120]!r}")
        if _ESCAPE.search(line):
            problems.append(f"invalid: an escape sequence on stderr: {line[:120]!r}")
    if code == 2:
        errors = [line for line in lines if line.startswith("refcheck: error")]
        if len(errors) != 1 or len(set(lines)) != len(lines):
            problems.append(f"invalid: exit 2 said in {len(errors)} error lines: {lines[:3]}")
        return problems
    if case.command == "audit":
        problems += _judge_audit(out, outs)
    elif case.command == "bib lint":
        problems += _judge_json(out, "bib lint report")
    else:
        problems += _judge_bib(case, outs)
    return problems


def _judge_json(text: str, what: str) -> list[str]:
    try:
        json.loads(text)
    except ValueError as exc:
        return [f"invalid: {what} is not JSON ({exc})"]
    return []


def _judge_audit(out: str, outs: dict[str, Path]) -> list[str]:
    problems = []
    report = None
    for fmt in ("json", "sarif"):
        text = outs[fmt].read_text(encoding="utf-8") if outs[fmt].exists() else ""
        found = _judge_json(text, f"the {fmt} report")
        problems += found
        if fmt == "json" and not found:
            report = json.loads(text)
    try:
        ET.fromstring(outs["junit"].read_bytes())
    except (ET.ParseError, OSError) as exc:
        problems.append(f"invalid: the JUnit report does not parse ({exc})")
    lines = out.splitlines()
    bad = [line for line in lines if not re.match(r"::(error|warning|notice)( [^:]*)?::", line)]
    if bad:
        problems.append(f"invalid: github output line is not an annotation: {bad[0][:120]!r}")
    if report is not None:
        expected = len(report["findings"]) + len(report.get("unused_suppressions", ()))
        if len(lines) != expected:
            problems.append(f"invalid: {len(lines)} annotations for {expected} findings")
    return problems


def _keys(text: str) -> tuple[Counter, list[str]]:
    """Keys of the entries that parse, counted; and the raw text of the blocks that do not."""
    from refcheck.library.bibfile import PREDEFINED, parse_bib

    parsed = parse_bib(text, "refs.bib", dict(PREDEFINED))
    keys = Counter(e.key for e in parsed.entries if not e.malformed)
    failed = [b.raw for b in parsed.blocks if b.kind == "failed" and b.raw.strip()]
    return keys, failed


def _judge_bib(case: Case, outs: dict[str, Path]) -> list[str]:
    out_path = outs["bib"]
    if not out_path.exists():
        return ["lost: no output written, yet the command succeeded"]
    before, _ = _keys(case.text)
    after_text = out_path.read_bytes().decode("utf-8", errors="replace")  # as written: a key may hold a `\r\n`
    after, _ = _keys(after_text)
    if case.command == "bib fix":  # nothing deleted unless --merge-duplicates
        lost = [k for k, n in before.items() if after[k] < n]
        return [f"lost: bib fix dropped {len(lost)} entr{'y' if len(lost) == 1 else 'ies'}: {lost[:5]}"] if lost else []
    aliases = set()
    if outs["aliases"].exists():
        for line in outs["aliases"].read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                aliases.add(line.split("\t", 1)[0])
    lost = [k for k in before if k not in after and k not in aliases]
    return [f"lost: bib clean dropped {len(lost)} entr{'y' if len(lost) == 1 else 'ies'}: {lost[:5]}"] if lost else []


def save(outcome: Outcome, folder: Path) -> Path:
    """Keep a failing case for a regression test: its input, library, command and what went wrong."""
    folder.mkdir(parents=True, exist_ok=True)
    kind = sorted(outcome.kinds)[0]
    index = len(list(folder.glob(f"{kind}-*.json")))
    path = folder / f"{kind}-{index:04d}.json"
    c = outcome.case
    path.write_text(json.dumps({
        "command": c.command, "suffix": c.suffix, "name": c.name, "stdin": c.stdin, "text": c.text, "bib": c.bib,
        "edits": c.edits, "problems": outcome.problems, "seconds": round(outcome.seconds, 2),
        "stderr": outcome.stderr[-2000:],
    }, ensure_ascii=True, indent=1), encoding="utf-8")  # fmt: skip
    return path


def load_case(path: Path) -> Case:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Case(data["command"], data["suffix"], data["text"], data["bib"], data["name"], data["stdin"], data["edits"])


def limit_memory(gigabytes: float = 4.0) -> None:
    """Bound what one case may allocate, so a blow-up fails that case instead of the machine."""
    soft = int(gigabytes * 2**30)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, resource.getrlimit(resource.RLIMIT_DATA)[1]))
    except (ValueError, OSError):
        pass
