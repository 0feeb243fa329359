"""The indented JSON writer gives the standard library's text, byte for byte, and its errors."""

from __future__ import annotations

import json
import math
import random
from enum import Enum, IntEnum
from pathlib import Path

import pytest

from refcheck.indented_json import dumps_indented

ROOT = Path(__file__).resolve().parents[2]


class Colour(str, Enum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


def standard(value, indent: int = 2) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


STRINGS = ["", "plain", 'quote " and \\ back', "tab\tnew\nline\r", "\x00\x1f\x7f", "ünïcødé 한국 日本",
           "\u2028\u2029", "\ud800 lone", "emoji 🙂", "</script>"]
NUMBERS = [0, -1, 2**70, 1.5, -0.0, 1e16, 1e-7, 3.141592653589793, math.inf, -math.inf, math.nan, True, False,
           Level.HIGH]


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 4 else 4)
    if kind == 0:
        return rng.choice(STRINGS)
    if kind == 1:
        return rng.choice(NUMBERS)
    if kind == 2:
        return None
    if kind == 3:
        return Colour.RED
    if kind in (4, 5):
        items = [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
        return items if kind == 4 else tuple(items)
    keys = [rng.choice(STRINGS + [1, 2.5, True, False, None])]
    return {k: random_value(rng, depth + 1) for k in keys * rng.randrange(1, 4)} | {
        f"k{i}": random_value(rng, depth + 1) for i in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(200))
def test_random_values_give_the_standard_text(seed):
    rng = random.Random(seed)
    value = random_value(rng)
    for indent in (2, 4):
        assert dumps_indented(value, indent) == standard(value, indent)


def test_the_committed_reports_give_the_standard_text():
    reports = sorted(ROOT.glob("tests/**/*.json"))
    assert len(reports) > 20
    for path in reports:
        value = json.loads(path.read_text(encoding="utf-8"))
        assert dumps_indented(value) == standard(value), path


def test_errors_are_the_standard_ones():
    with pytest.raises(TypeError, match="is not JSON serializable"):
        dumps_indented({"a": {1, 2}})
    with pytest.raises(TypeError, match="keys must be str"):
        dumps_indented({(1, 2): 3})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(loop)
    same = [1]
    assert dumps_indented([same, same]) == standard([same, same])  # shared, not circular
