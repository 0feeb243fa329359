"""The model's frozen records as JSON and back, so that a stored document is audited without extracting it again.

Generic over `refcheck.model`'s dataclasses by their type hints: a field the
model gains later takes its default when an older row lacks it. A row that no
longer fits the model raises `ValueError`; the store then asks for a rebuild.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    return tuple((f.name, f.default) for f in dataclasses.fields(cls))


_MISSING = dataclasses.MISSING


_PLAIN = frozenset({str, int, float, bool, type(None)})  # JSON as they are (an Enum of str is not among them)


@lru_cache(maxsize=None)
def _encoder(cls: type):
    """The dict form of one dataclass: fields read at once, defaults left out, plain values not walked into.

    Built once per class: `corpus add` encodes some 250 records per document,
    and the generic walk (an isinstance chain per value) took 40 % more time.
    """
    fields = _fields(cls)
    names = tuple(n for n, _ in fields)
    defaults = tuple(d for _, d in fields)
    read = operator.attrgetter(*names)
    if len(names) == 1:
        read = lambda o, g=read: (g(o),)

    def encode_one(obj):
        out = {}
        for name, default, value in zip(names, defaults, read(obj)):
            if default is not _MISSING and value == default:
                continue
            out[name] = value if type(value) in _PLAIN else encode(value)
        return out

    return encode_one


_ENCODERS: dict[type, Callable[[Any], dict]] = {}


def encode(obj: Any) -> Any:
    """A JSON-ready value: dataclasses as dicts of their non-default fields, enums by value, tuples as lists."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    encoder = _ENCODERS.get(kind)
    if encoder is not None:
        return encoder(obj)
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else encode(v) for v in obj]
    if isinstance(obj, Enum):
        return obj.value
    if dataclasses.is_dataclass(obj):
        encoder = _ENCODERS[kind] = _encoder(kind)
        return encoder(obj)
    return obj


# one encoder object for every call (json.dumps with options builds a new one each time)
_TEXT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(obj: Any) -> str:
    return _TEXT(encode(obj))


def text_of(encoded: Any) -> str:
    """The JSON text of a value `encode` has already made (a part of a record written on its own as well)."""
    return _TEXT(encoded)


def loads(cls: type, text: str) -> Any:
    return decode(cls, json.loads(text))


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(tp: Any, value: Any) -> Any:
    """`value` (from `encode`) as an instance of the type `tp`."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        inner = typing.get_args(tp)[0]
        return tuple(decode(inner, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ValueError(f"{tp.__name__}: expected an object, got {type(value).__name__}")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        unknown = set(value) - names
        if unknown:
            raise ValueError(f"{tp.__name__}: unknown fields {sorted(unknown)}")
        return tp(**{k: decode(hints[k], v) for k, v in value.items()})
    return value
