"""Running the `refcheck` command in a copy of examples/writing-repo, as a CI job would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT, SHARED

EXAMPLE = ROOT / "examples" / "writing-repo"
SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"

# ::error file=paper.md,line=3,col=70,title=refcheck RC102 author-misspelled::message
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,:]+),line=(?P<line>[1-9]\d*),col=(?P<col>[1-9]\d*)(?:,title=(?P<title>[^,:]*))?"
    r"::(?P<message>[^\r\n]*)$"
)


def refcheck_command() -> list[str]:
    """The installed `refcheck` script beside this Python (what CI's PATH has), else `python -m refcheck`."""
    script = Path(sys.executable).with_name("refcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "refcheck"]


def copy_example(tmp_path: Path) -> Path:
    """A fresh copy of the example: the checked-in one is never written to."""
    repo = tmp_path / "writing-repo"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns("refcheck.sarif", ".refcheck-baseline.json"))
    return repo


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFCHECK_", "NO_COLOR", "FORCE_COLOR"))}
    return subprocess.run(
        [*refcheck_command(), *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
