"""Run `refcheck` in-process inside a project folder holding a copy of the sample corpus."""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from support import CORPUS, refcheck_in_process



@contextmanager
def inside(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    """`refcheck ARGS` with `folder` as the working directory: (exit status, stdout, stderr)."""
    with inside(folder):
        return refcheck_in_process(capsys, *args)


def run_json(capsys, folder: Path, *args: str) -> dict:
    code, out, err = run(capsys, folder, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def project(tmp_path: Path) -> Path:
    """A project folder with corpus/ (the three sample documents) and no store yet."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path
