"""Every rule by code, name and module (`RULES`); a rule's module is imported when the rule is chosen."""

from __future__ import annotations

import importlib
from functools import lru_cache

from refcheck.checks.base import Rule
from refcheck.errors import UsageError


# Every rule's code, its name and the module that defines it, so that choosing rules imports the chosen
# ones' modules only (an audit that leaves out the claim rules no longer imports them: 0.05 s of its
# start-up). A test walks the package `refcheck.checks.rules` and holds every rule class it finds equal to
# this table: a new rule module not entered here fails it. Codes and names are unique (the contract's).
RULES: dict[str, tuple[str, str]] = {
    "RC101": ("unresolved-citation", "refcheck.checks.rules.citations.unresolved"),
    "RC102": ("author-misspelled", "refcheck.checks.rules.citations.misspelled"),
    "RC103": ("year-mismatch", "refcheck.checks.rules.citations.year"),
    "RC104": ("title-mismatch", "refcheck.checks.rules.citations.title"),
    "RC105": ("unrelated-citation", "refcheck.checks.rules.claims.unrelated"),
    "RC106": ("anachronistic-citation", "refcheck.checks.rules.claims.anachronistic"),
    "RC107": ("quote-not-found", "refcheck.checks.rules.claims.quote_not_found"),
    "RC108": ("reference-list-mismatch", "refcheck.checks.rules.citations.reference_list"),
    "RC109": ("unverifiable-citation", "refcheck.checks.rules.citations.unverifiable"),
    "RC110": ("unverified-reference", "refcheck.checks.rules.verify.unverified"),
    "RC111": ("metadata-mismatch", "refcheck.checks.rules.verify.mismatch"),
    "RC112": ("retracted-work", "refcheck.checks.rules.verify.retracted"),
    "RC201": ("footnote-missing", "refcheck.checks.rules.footnotes.missing"),
    "RC202": ("footnote-unreferenced", "refcheck.checks.rules.footnotes.unreferenced"),
    "RC203": ("footnote-order", "refcheck.checks.rules.footnotes.order"),
    "RC301": ("uncited-claim", "refcheck.checks.rules.claims.uncited"),
    "RC302": ("name-inconsistent", "refcheck.checks.rules.claims.name_inconsistent"),
    "RC401": ("unused-entry", "refcheck.checks.rules.library.unused"),
    "RC402": ("duplicate-entry", "refcheck.checks.rules.library.duplicate"),
    "RC403": ("incomplete-entry", "refcheck.checks.rules.library.incomplete"),
    "RC404": ("malformed-entry", "refcheck.checks.rules.library.malformed"),
}


@lru_cache(maxsize=None)
def _rule(code: str) -> type[Rule]:
    """The rule class of `code`, its module imported."""
    module = RULES[code][1]
    for obj in vars(importlib.import_module(module)).values():
        if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module and obj.code == code:
            return obj
    raise RuntimeError(f"{module} defines no rule {code}: the table in refcheck.checks.registry is out of date")


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, by code."""
    return tuple(_rule(code) for code in sorted(RULES))


def rule_by_id(ident: str) -> type[Rule]:
    """A rule by code (RC102) or name (author-misspelled)."""
    for code, (name, _module) in RULES.items():
        if ident.upper() == code or ident.lower() == name:
            return _rule(code)
    raise UsageError(f"unknown rule '{ident}' (see `refcheck rules`)")


def _matches(code: str, ident: str) -> bool:
    ident = ident.strip()
    return RULES[code][0] == ident.lower() or code.startswith(ident.upper())


def known_rule(ident: str) -> bool:
    """Whether `ident` names a rule or a group of rules (by code, name or code prefix); nothing is imported."""
    return any(_matches(c, ident) for c in RULES)


def select_rules(select: list[str] | None, ignore: list[str] | None) -> list[type[Rule]]:
    """Rules chosen by code or name; a code prefix ('RC1') selects a group. Only the chosen are imported."""
    for ident in (select or []) + (ignore or []):
        if not known_rule(ident):
            raise UsageError(f"unknown rule '{ident}' (see `refcheck rules`)")
    chosen = [c for c in sorted(RULES) if not select or any(_matches(c, i) for i in select)]
    return [_rule(c) for c in chosen if not any(_matches(c, i) for i in (ignore or []))]
