"""Baselines: fingerprints of known findings, so that CI fails only on new ones."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from refcheck.errors import UsageError
from refcheck.model import Finding

SCHEMA = "refcheck-baseline/1"
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)  # a paragraph of thousands of citations gives each finding the same long context
def _normalised(text: str) -> str:
    """Words only, case-folded: re-wrapping a line or retyping a quote mark keeps the fingerprint."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _project_path(path: str, root: Path | None) -> str:
    """The path relative to the project root, with '/': the same from any working directory or OS."""
    p = Path(path)
    if root is not None:
        try:
            p = p.resolve().relative_to(root.resolve())
        except ValueError:
            pass
    return p.as_posix()


def fingerprint(f: Finding, root: Path | None = None, project_path: str | None = None) -> str:
    """What the finding is about, never where: rule, file, citation, entry and the claim's words.

    Line and column are left out so that editing another paragraph, which moves
    this one, keeps the fingerprint; editing the claim itself makes it a new finding.
    """
    project_path = _project_path(f.path, root) if project_path is None else project_path
    parts = [f.code, project_path, f.citation or "", f.entry or "", _normalised(f.context or "")]
    if not (f.citation or f.entry or f.context):
        parts.append(_normalised(f.message))  # a finding about a whole file has only its message to tell it apart
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:20]


def with_fingerprints(findings: Iterable[Finding], root: Path | None = None) -> list[Finding]:
    findings = list(findings)
    # each path resolved once: 30,000 unused-entry findings on one .bib took 30 s of path resolution
    projected = {path: _project_path(path, root) for path in {f.path for f in findings}}
    return [f.with_fingerprint(fingerprint(f, root, projected[f.path])) for f in findings]


def write(path: str, findings: Iterable[Finding], root: Path | None = None) -> int:
    """Record the findings' fingerprints in `path` (atomically: a reader never sees half a file). Returns the count."""
    entries = [
        {"fingerprint": f.fingerprint or fingerprint(f, root), "code": f.code, "rule": f.rule,
         "path": _project_path(f.path, root), "citation": f.citation, "entry": f.entry, "message": f.message}
        for f in findings
    ]  # fmt: skip
    # Sorted and one entry per line-block: a baseline is committed, and reviewed as a diff.
    entries.sort(key=lambda e: (e["path"], e["code"], e["citation"] or "", e["entry"] or "", e["fingerprint"]))
    text = json.dumps({"schema": SCHEMA, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    from refcheck.library.atomic import write_atomic

    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError("cannot write the baseline: no such folder", path)
    write_atomic(path, text)  # the one atomic write: through symlinks, keeping the file's mode
    return len(entries)


def load(path: str) -> Counter[str]:
    """The fingerprints in a baseline file, counted (the same finding may occur twice); UsageError naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("no such baseline file (write one with --write-baseline)", path) from None
    except OSError as exc:
        raise UsageError(f"cannot read the baseline: {exc.strerror or exc}", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"not a refcheck baseline: invalid JSON ({exc})", path) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise UsageError(f'not a refcheck baseline: expected {{"schema": "{SCHEMA}", "findings": [...]}}', path)
    counts: Counter[str] = Counter()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise UsageError(f"not a refcheck baseline: findings[{i}] has no \"fingerprint\"", path)
        counts[entry["fingerprint"]] += 1
    return counts


def split(findings: Iterable[Finding], known: Counter[str]) -> tuple[list[Finding], list[Finding]]:
    """(new, in the baseline): each recorded fingerprint absorbs one finding, so a second copy is new."""
    left = Counter(known)
    new, old = [], []
    for f in findings:
        if f.fingerprint and left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
            old.append(f)
        else:
            new.append(f)
    return new, old
