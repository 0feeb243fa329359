"""A short fuzz run over the command line in every `make test`: a fixed small budget, no failure allowed.

The long run is `make fuzz` (tools/fuzz.py); each failure it found is a case
under tests/fuzz/regressions/, replayed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from fuzz_harness import COMMANDS, _wait, cases, load_case, prepare, run_case

REGRESSIONS = sorted((Path(__file__).parent / "regressions").glob("*.json"))


@pytest.fixture(scope="module", autouse=True)
def loaded():
    prepare()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_few_mutated_inputs_of_each_command_neither_crash_hang_break_output_nor_lose_entries(command):
    @seed(13)  # a fixed budget and a fixed draw: the same cases every run
    @settings(max_examples=6, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(cases(commands=(command,)))
    def check(case):
        outcome = run_case(case)
        assert not outcome.problems, f"{case.describe()}: {outcome.problems}"

    check()


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_each_failure_the_long_run_found_stays_fixed(path):
    case = load_case(path)
    outcome = run_case(case)
    assert not outcome.problems, f"{path.name}: {case.describe()}: {outcome.problems}"


def test_a_case_working_past_its_cpu_budget_is_killed_as_a_hang_however_loaded_the_machine():
    import os
    import time

    pid = os.fork()
    if pid == 0:  # a child that only works: a hang
        while True:
            pass
    code, _peak, cpu = _wait(pid, time.monotonic() + 120, cpu_limit=0.3)
    assert code is None and 0.3 < cpu < 5
