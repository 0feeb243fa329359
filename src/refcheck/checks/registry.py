"""Every rule, found by importing the rule modules under `refcheck.checks.rules`; codes and names are unique."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from refcheck.checks.base import Rule
from refcheck.errors import UsageError


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    import refcheck.checks.rules as package

    found: list[type[Rule]] = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.append(obj)
    codes = [r.code for r in found]
    names = [r.name for r in found]
    if len(set(codes)) != len(codes) or len(set(names)) != len(names):
        raise RuntimeError(f"duplicate rule code or name among {sorted(codes)}")
    return tuple(sorted(found, key=lambda r: r.code))


def rule_by_id(ident: str) -> type[Rule]:
    """A rule by code (RC102) or name (author-misspelled)."""
    for rule in all_rules():
        if ident.upper() == rule.code or ident.lower() == rule.name:
            return rule
    raise UsageError(f"unknown rule '{ident}' (see `refcheck rules`)")


def select_rules(select: list[str] | None, ignore: list[str] | None) -> list[type[Rule]]:
    """Rules chosen by code or name; a code prefix ('RC1') selects a group."""

    def matches(rule: type[Rule], ident: str) -> bool:
        ident = ident.strip()
        return rule.name == ident.lower() or rule.code.startswith(ident.upper())

    for ident in (select or []) + (ignore or []):
        if not any(matches(r, ident) for r in all_rules()):
            raise UsageError(f"unknown rule '{ident}' (see `refcheck rules`)")
    chosen = [r for r in all_rules() if not select or any(matches(r, i) for i in select)]
    return [r for r in chosen if not any(matches(r, i) for i in (ignore or []))]
