"""`json.dumps(value, ensure_ascii=False, indent=n)`, the same text, in a fraction of the time.

With `indent` set, the standard library leaves its C encoder aside (CPython
3.11 has none that indents) and walks every value with nested generators. Here
the containers that hold no container (a finding's location, its evidence,
most of a report's leaves) are written by the C encoder all the same: with the
item separator set to a comma, a new line and the indentation of their level,
its text is the indented one but for the line breaks after the opening and
before the closing bracket, which are added. Only the containers above them
are walked in Python. Numbers, constants, key conversion and the errors are
the standard library's; `tests/report/test_indented_json.py` compares the two texts on
the committed reports and on random values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when available, as json.dumps uses with ensure_ascii=False

_INF = float("inf")
_CONTAINERS = (list, tuple, dict)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _key(k) -> str:
    if isinstance(k, str):
        return k
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, float):
        return _float(k)
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def dumps_indented(value, indent: int = 2) -> str:
    out: list[str] = []
    put = out.append
    string = encode_basestring
    step = " " * indent
    seen: set[int] = set()
    encoders: dict[int, object] = {}

    def _inner(level: int) -> str:
        return "\n" + step * (level + 1)

    def flat(level: int):
        """The C encoder writing the items of a container at `level` one a line, indented."""
        if (encode := encoders.get(level)) is None:
            encode = encoders[level] = json.JSONEncoder(ensure_ascii=False, separators=("," + _inner(level), ": ")).encode
        return encode

    def walk(o, level: int) -> None:
        if isinstance(o, str):
            put(string(o))
        elif o is None:
            put("null")
        elif o is True:
            put("true")
        elif o is False:
            put("false")
        elif isinstance(o, int):
            put(int.__repr__(o))
        elif isinstance(o, float):
            put(_float(o))
        elif isinstance(o, (list, tuple)):
            container(o, level, "[]", o, None)
        elif isinstance(o, dict):
            container(o, level, "{}", o.values(), o.items())
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    def container(o, level: int, brackets: str, values, pairs) -> None:
        """A list (`pairs` None) or a dict: empty, flat (written by the C encoder), or walked item by item."""
        if not o:
            put(brackets)
            return
        opening, closing = brackets
        if not any(isinstance(v, _CONTAINERS) for v in values):
            put(opening + _inner(level) + flat(level)(o)[1:-1] + "\n" + step * level + closing)
            return
        _enter(o)
        inner = _inner(level)
        put(opening + inner)
        for i, item in enumerate(o if pairs is None else pairs):
            if i:
                put("," + inner)
            if pairs is None:
                walk(item, level + 1)
            else:
                put(string(_key(item[0])) + ": ")
                walk(item[1], level + 1)
        put("\n" + step * level + closing)
        seen.discard(id(o))

    def _enter(o) -> None:
        if id(o) in seen:
            raise ValueError("Circular reference detected")
        seen.add(id(o))

    walk(value, 0)
    return "".join(out)
