"""The claim rules judge the same wherever refcheck runs: the Action and the pre-commit hook install what `make setup` does."""

from __future__ import annotations

import re
import tomllib

import yaml
from support import ROOT


def _extras() -> dict[str, list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]


# the extras that change what the rules find (the trained pipeline, the embedding model); others (dev, dask) do not
JUDGING = {"model", "semantic"}


def _make_setup_extras() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [extras] = [e for e in re.findall(r"pip install [^\n]*-e '\.\[([^\]]+)\]'", makefile) if "dev" in e.split(",")]
    found = set(extras.split(",")) & JUDGING
    assert found == JUDGING, "make setup installs the trained pipeline and the embedding model"
    return found


def test_the_action_installs_the_extras_of_make_setup_by_default():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    defaults = {name: spec.get("default") for name, spec in action["inputs"].items()}
    assert {extra for extra in _make_setup_extras() if defaults.get(extra) == "true"} == _make_setup_extras()
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install refcheck")
    for extra in _make_setup_extras():
        assert extra.upper() in install["env"] and f"'{extra}'" in install["env"][extra.upper()]
    assert "torch==2.13.0" in install["run"]  # the CPU wheel pinned as `make setup` pins it


def test_the_precommit_hook_says_how_to_install_the_same_extras():
    """The hook stays light (no torch); its comment names what `make setup` adds, and a run without it says so
    (tests/fit/test_claim_decision.py checks the stated scorer)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for extra in _make_setup_extras():
        for req in _extras()[extra]:
            assert req.split(">")[0].split("=")[0] in text
