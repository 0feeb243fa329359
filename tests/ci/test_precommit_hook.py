"""`pre-commit try-repo` runs the refcheck-audit hook in the example repository, as a writer's commit would."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ci_support import copy_example
from support import ROOT

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")  # fmt: skip
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot_of_checkout(dest: Path) -> Path:
    """The refcheck checkout's files (tracked and new, not ignored), committed in a repository of their own.

    try-repo clones a repository at a commit; on a dirty checkout it adds only the
    tracked changes, so new files would be missing before they are committed. A
    snapshot is the same tree as CI's fresh clone, and leaves the checkout alone.
    """
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def test_hooks_manifest_names_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["refcheck-audit"]["entry"] == "refcheck audit"
    assert hooks["refcheck-audit"]["pass_filenames"] is False  # the configuration names the documents
    assert hooks["refcheck-bib-clean"]["entry"] == "refcheck bib clean --check"
    assert all(h["language"] == "python" for h in hooks.values())


def test_try_repo_refcheck_audit_in_the_example(tmp_path):
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it is in the dev extra: pip install -e '.[dev]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    checkout = snapshot_of_checkout(tmp_path / "refcheck")
    repo = copy_example(tmp_path)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a paper")
    # pre-commit builds the hook's own virtualenv and installs refcheck into it (from PyPI: minutes).
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(checkout), "refcheck-audit", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # the hook ran and failed on the seeded errors
    assert "refcheck audit" in output and "Failed" in output
    assert "- hook id: refcheck-audit" in output and "- exit code: 1" in output
    assert "paper.md:3:70: error RC102 author-misspelled" in output
