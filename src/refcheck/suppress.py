"""Inline suppressions: `refcheck: ignore[RC105]` comments, read from a document's raw text per format.

The extract stage strips LaTeX comments (and Markdown comments never reach a
citation finder), so the comments are read here, from the file as written,
with their lines. `ignore[...]` covers the next citation after the comment; a
comment that ends a line with text before it covers the first citation on that
line; `ignore-file[...]` covers the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.model import Finding

# The comment syntaxes, one per document format, by suffix. PDF has none: a PDF
# cannot carry a comment its author can write, so per-file-ignores serve there.
_BODY = r"refcheck:\s*(?P<kind>ignore-file|ignore)\s*\[(?P<rules>[^\]\n]*)\]"
SYNTAX = {
    "markdown": re.compile(r"<!--\s*" + _BODY + r"\s*-->"),
    "latex": re.compile(r"(?<!\\)%\s*" + _BODY),
    "text": re.compile(r"(?:#|//)\s*" + _BODY),
}
FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".tex": "latex", ".ltx": "latex", ".txt": "text", ".text": "text",
}  # fmt: skip
# A `refcheck:` comment that does not parse is reported, not silently ignored.
_ATTEMPT = re.compile(r"refcheck:\s*ignore")


@dataclass(frozen=True)
class Suppression:
    """One comment: the rules it names, and where "the next citation" is looked for from."""

    path: str
    line: int
    column: int
    rules: tuple[str, ...]
    whole_file: bool
    anchor: tuple[int, int]  # (line, column): the covered citation is the first at or after it


@dataclass(frozen=True)
class UnusedSuppression:
    """A suppression that silenced nothing (or could not be read); reported, never failing the run."""

    path: str
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: unused suppression ignore[{','.join(self.rules)}]: {self.reason}"

    def to_json(self) -> dict:
        where = {"path": self.path, "line": self.line, "column": self.column}
        return {**where, "rules": list(self.rules), "reason": self.reason}


def format_of(path: str) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def parse(path: str, text: str) -> tuple[list[Suppression], list[UnusedSuppression]]:
    """The suppressions written in `text` (the file at `path`), and the comments that do not parse."""
    fmt = format_of(path)
    if fmt is None:
        return [], []
    pattern = SYNTAX[fmt]
    found: list[Suppression] = []
    broken: list[UnusedSuppression] = []
    for number, line in enumerate(text.split("\n"), start=1):
        matched_spans = []
        for m in pattern.finditer(line):
            matched_spans.append(m.span())
            rules = tuple(r.strip() for r in m.group("rules").split(",") if r.strip())
            column = m.start() + 1
            if not rules:
                broken.append(UnusedSuppression(path, number, column, (), "names no rule; write ignore[RC105]"))
                continue
            # Text before and nothing after: a trailing comment about its own line.
            trailing = line[: m.start()].strip() and not line[m.end() :].strip()
            anchor = (number, 1) if trailing else (number, m.end() + 1)
            found.append(Suppression(path, number, column, rules, m.group("kind") == "ignore-file", anchor))
        for m in _ATTEMPT.finditer(line):
            if not any(start <= m.start() < end for start, end in matched_spans) and _in_comment(fmt, line, m.start()):
                reason = "not understood; write `refcheck: ignore[RC105]` in a comment"
                broken.append(UnusedSuppression(path, number, m.start() + 1, (), reason))
    return found, broken


def _in_comment(fmt: str, line: str, at: int) -> bool:
    """Whether the `refcheck:` at `at` sits in this format's comment (prose may mention refcheck freely)."""
    before = line[:at]
    if fmt == "markdown":
        return "<!--" in before
    if fmt == "latex":
        return re.search(r"(?<!\\)%", before) is not None
    return "#" in before or "//" in before


def read(path: str) -> tuple[list[Suppression], list[UnusedSuppression]]:
    """Parse the file at `path`; a file that cannot be read has none (its reader already reported it)."""
    if format_of(path) is None:
        return [], []
    from refcheck.errors import InputError
    from refcheck.ingest.decoding import decode_text

    try:
        text, _ = decode_text(Path(path).read_bytes(), path)
    except (OSError, InputError):
        return [], []
    return parse(path, text)


@dataclass
class Outcome:
    kept: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    unused: list[UnusedSuppression] = field(default_factory=list)


def apply(
    findings: Iterable[Finding],
    suppressions: dict[str, list[Suppression]],
    targets: dict[str, list[tuple[int, int]]],
    rule_codes,
) -> Outcome:
    """Drop the findings the suppressions cover; report each rule of a suppression that covered nothing.

    `targets` are the positions of every citation (markers, notes, list items) per
    document: a suppression covers the first one at or after its anchor, so it
    never slides onto a later citation once its own is fixed. `rule_codes(ident)`
    gives the codes a rule id names, or None for an unknown one.
    """
    findings = list(findings)
    covered: dict[int, tuple[Suppression, str]] = {}  # index of a finding -> what silenced it
    used: set[tuple[Suppression, str]] = set()
    unused: list[UnusedSuppression] = []
    by_path: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        by_path.setdefault(f.path, []).append(i)
    for path, items in suppressions.items():
        positions = sorted(set(targets.get(path, ())))
        for s in items:
            target = None if s.whole_file else next((p for p in positions if p >= s.anchor), None)
            for ident in s.rules:
                codes = rule_codes(ident)
                if codes is None:
                    reason = f"unknown rule '{ident}' (see `refcheck rules`)"
                    unused.append(UnusedSuppression(path, s.line, s.column, (ident,), reason))
                    continue
                for i in by_path.get(path, ()):
                    f = findings[i]
                    if f.code not in codes:
                        continue
                    if s.whole_file or (target is not None and (f.line, f.column) == target):
                        covered.setdefault(i, (s, ident))
                        used.add((s, ident))
                if (s, ident) not in used:
                    where = "in this file" if s.whole_file else (
                        f"at the next citation (line {target[0]})" if target else "after it: no citation follows")
                    unused.append(UnusedSuppression(path, s.line, s.column, (ident,), f"no {ident} finding {where}"))
    kept = [f for i, f in enumerate(findings) if i not in covered]
    suppressed = [findings[i] for i in sorted(covered)]
    unused.sort(key=lambda u: (u.path, u.line, u.column, u.rules))
    return Outcome(kept, suppressed, unused)
