"""Project configuration: `[tool.refcheck]` or refcheck.toml, validated, with the origin of every value."""

from __future__ import annotations

import difflib
import glob
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.errors import UsageError
from refcheck.report.summary import FAIL_ON_LEVELS

# Looked for in this order in each folder from the working directory up; the
# first folder that has one wins. A pyproject.toml counts only with [tool.refcheck],
# so that a writing repository's Python tooling does not stop the search.
CONFIG_FILES = ("refcheck.toml", ".refcheck.toml", "pyproject.toml")
DEFAULT_RULE_DOCS_URL = "docs/rules/"
DEFAULT = "default"


@dataclass(frozen=True)
class Value:
    """A setting's value and where it came from: 'default', 'FILE [table] key' or 'command line (--opt)'."""

    value: Any
    origin: str = DEFAULT


# key -> (default, kind, help). Kinds: "paths" (string or array of strings), "rules"
# (array of rule ids), "level", "path", "string", "rule-table", "thresholds".
KEYS: dict[str, tuple[Any, str, str]] = {
    "documents": ([], "paths", "documents or folders audited when no PATH is given (globs allowed)"),
    "bib": ([], "paths", "BibTeX files or folders when no --bib is given (globs allowed; fallback bib/*.bib)"),
    "select": ([], "rules", "only these rules (codes, code prefixes or names); empty: all"),
    "ignore": ([], "rules", "leave out these rules"),
    "fail-on": ("error", "level", "exit 1 when a finding at or above this severity remains"),
    "per-file-ignores": ({}, "rule-table", "glob -> rules ignored in the files it matches"),
    "thresholds": ({}, "thresholds", "rule options by name, e.g. title-similarity = 0.8"),
    "corpus": (None, "path", "the folder of cited sources' texts, for rules that read them"),
    "sources": ([], "paths", "folders outside the project that documents and libraries may name (\\input, file = {...})"),
    "corpus-db": (".refcheck/corpus.db", "path", "the corpus store (SQLite) of `refcheck corpus`; its linked sources are read by audit"),
    "baseline": (None, "path", "a baseline file: findings recorded in it are not reported"),
    "rule-docs-url": (DEFAULT_RULE_DOCS_URL, "string", "base of the rule pages linked from SARIF and Markdown"),
    "distinct": ([], "key-groups", 'groups of BibTeX keys that are different works, e.g. [["kim2014a", "kim2014b"]]'),
    "verify": ({}, "verify", "refcheck verify: sources, mailto, snapshot, cache, rate-limit ... (refcheck.verify.settings)"),
}


@dataclass
class Settings:
    """The effective configuration: every key's Value, and the file they were read from."""

    root: Path  # relative paths in the file are relative to its folder; else to the working directory
    file: Path | None = None
    table: str = ""  # "[tool.refcheck]" for pyproject.toml, "" for refcheck.toml
    values: dict[str, Value] = field(default_factory=dict)
    explicit: dict[str, Value] = field(default_factory=dict)  # rule options set in the file or on the command line

    @property
    def thresholds(self) -> dict[str, Value]:
        """Every rule option with its value and where it came from: each rule's default under what was set.

        Made when asked (`refcheck config`): the defaults are the rule classes' own, and reading them imports
        every rule module, which an audit that runs a few rules has no use for (0.1 s of its start-up).
        """
        out = {key: Value(default, f"{DEFAULT} ({rule})") for key, (default, rule) in declared_options().items()}
        out.update(self.explicit)
        return out

    def threshold(self, key: str) -> Any:
        """One rule option's value: as set, else its declaring rule's default."""
        if key in self.explicit:
            return self.explicit[key].value
        from refcheck.checks import cap

        return cap.DEFAULT if key == cap.OPTION else declared_options()[key][0]

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def origin(self, key: str) -> str:
        return self.values[key].origin

    def override(self, key: str, value: Any, option: str) -> None:
        """Set `key` from the command line: it wins over the file. Paths stay relative to the working directory."""
        self.values[key] = Value(_check(key, value, f"{option}"), f"command line ({option})")

    def set_threshold(self, key: str, value: Any, origin: str) -> None:
        self.explicit[key] = Value(_check_threshold(key, value, origin), origin)

    def options(self) -> dict[str, Any]:
        """What the rules read through `ctx.options`: thresholds set explicitly, and the corpus path."""
        out = {k: v.value for k, v in self.explicit.items()}
        if self["corpus"] is not None:
            out["corpus"] = self.path_of("corpus")
        db = self.path_of("corpus-db")
        if db and Path(db).is_file():  # the store's links give quote-not-found its sources
            out["corpus-db"], out["corpus-root"] = db, str(self.root)
        return out

    def path_of(self, key: str) -> str | None:
        """A path setting as the user can open it from the working directory."""
        value = self[key]
        if value is None:
            return None
        return self._resolve(key, value)

    def _resolve(self, key: str, value: str) -> str:
        # The user's own spelling when it already works from here: absolute, or given on the command line.
        if Path(value).is_absolute() or self.origin(key).startswith("command line"):
            return value
        return _shown(self.root / value)

    def paths(self, key: str) -> list[str]:
        """documents / bib with globs expanded; a glob that matches nothing is a usage error naming the key."""
        base = self._base(key)
        out: list[str] = []
        for pattern in self[key]:
            if glob.has_magic(pattern):
                found = sorted(glob.glob(pattern, root_dir=base, recursive=True))
                if not found:
                    raise UsageError(f"{self.where(key)}: '{pattern}' matches no file")
                out += [self._resolve(key, f) for f in found]  # relative to base, or absolute as the pattern was
            else:
                out.append(self._resolve(key, pattern))
        return out

    def where(self, key: str) -> str:
        """How a message names a setting: `pyproject.toml [tool.refcheck] bib` or `--bib`."""
        origin = self.origin(key)
        return origin if origin != DEFAULT else key

    def _base(self, key: str) -> Path:
        return Path.cwd() if self.origin(key).startswith("command line") else self.root


def _shown(path: Path) -> str:
    """A path relative to the working directory when it lies below it, so reports read `paper.md`."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def find_config(start: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The nearest configuration from `start` upwards: (file, its refcheck table, the table's name)."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            path = folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "pyproject.toml":
                tool = data.get("tool", {})
                if "refcheck" not in tool:
                    continue
                if not isinstance(tool["refcheck"], dict):
                    raise UsageError("[tool.refcheck] must be a table", _shown(path))
                return path, tool["refcheck"], "[tool.refcheck]"
            return path, data, ""
    return None


def load_settings(config: str | None = None, cwd: Path | None = None) -> Settings:
    """Defaults, then the file (`config`, or the nearest one found from `cwd` up)."""
    cwd = cwd or Path.cwd()
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise UsageError("no such configuration file", config)
        data = _read_toml(path)
        table = ""
        if path.name == "pyproject.toml":
            data, table = data.get("tool", {}).get("refcheck", {}), "[tool.refcheck]"
        found: tuple[Path, dict[str, Any], str] | None = (path, data, table)
    else:
        found = find_config(cwd)
    settings = Settings(root=cwd)
    for key, (default, _kind, _help) in KEYS.items():
        settings.values[key] = Value(default)
    if found is None:
        return settings
    path, data, table = found
    settings.file, settings.table, settings.root = path, table, path.resolve().parent
    origin = f"{_shown(path)}{' ' + table if table else ''}"
    for key, value in data.items():
        if key not in KEYS:
            hint = difflib.get_close_matches(key, list(KEYS), n=1)
            raise UsageError(f"{origin}: unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                             + f"; known keys: {', '.join(KEYS)}")
        where = f"{origin} {key}"
        if key == "thresholds":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: must be a table of option = value")
            for name, v in _flatten(value).items():
                settings.set_threshold(name, v, f"{where}.{name}")
            continue
        settings.values[key] = Value(_check(key, value, where), where)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", _shown(path)) from None
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror or exc}", _shown(path)) from None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """`unrelated.min-fit = 0.3` is a nested table in TOML; rules name it with the dot."""
    out: dict[str, Any] = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def _check(key: str, value: Any, where: str) -> Any:
    """Validate one value by its key's kind; a bad value is a UsageError naming the key."""
    kind = KEYS[key][1]
    if kind == "paths":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise UsageError(f"{where}: must be a path or an array of paths, not {_toml(value)}")
        return list(value)
    if kind == "rules":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{where}: must be an array of rule codes or names, not {_toml(value)}")
        _check_rules(value, where)
        return list(value)
    if kind == "level":
        if value not in FAIL_ON_LEVELS:
            raise UsageError(f"{where}: {_toml(value)} is not one of {', '.join(FAIL_ON_LEVELS)}")
        return value
    if kind in ("path", "string"):
        if not isinstance(value, str) or not value:
            raise UsageError(f"{where}: must be a non-empty string, not {_toml(value)}")
        return value
    if kind == "rule-table":
        if not isinstance(value, dict):
            raise UsageError(f"{where}: must be a table of \"glob\" = [rules]")
        out = {}
        for pattern, rules in value.items():
            if isinstance(rules, str):
                rules = [rules]
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise UsageError(f"{where}: \"{pattern}\" must map to an array of rules, not {_toml(rules)}")
            _check_rules(rules, f"{where} \"{pattern}\"")
            out[pattern] = list(rules)
        return out
    if kind == "key-groups":
        if not isinstance(value, list) or not all(
            isinstance(g, str) or (isinstance(g, list) and all(isinstance(k, str) for k in g)) for g in value
        ):
            raise UsageError(f'{where}: must be an array of key groups, like [["kim2014a", "kim2014b"]], not {_toml(value)}')
        groups = [g.replace(",", " ").split() if isinstance(g, str) else list(g) for g in value]
        if any(len(set(g)) < 2 for g in groups):
            raise UsageError(f"{where}: each group needs at least two different keys")
        return groups
    if kind == "verify":
        from refcheck.verify.settings import check_table

        return check_table(value, where)
    raise AssertionError(kind)


def distinct_pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    """Every pair of keys within each group declared distinct."""
    return {frozenset((a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1 :] if a != b}


def _check_rules(idents: list[str], where: str) -> None:
    from refcheck.checks.registry import known_rule

    for ident in idents:
        if not known_rule(ident):
            raise UsageError(f"{where}: unknown rule '{ident}' (see `refcheck rules`)")


def declared_options() -> dict[str, tuple[Any, str]]:
    """Every option a rule declares in its `options` class attribute: name -> (default, 'RC104 title-mismatch')."""
    from refcheck.checks.registry import all_rules

    from refcheck.checks import cap

    out: dict[str, tuple[Any, str]] = {cap.OPTION: (cap.DEFAULT, "the reports (findings shown per rule)")}
    for rule in all_rules():
        for name, default in rule.options.items():
            out.setdefault(name, (default, f"{rule.code} {rule.name}"))
    return out


def _check_threshold(name: str, value: Any, where: str) -> Any:
    declared = declared_options()
    if name not in declared:
        hint = difflib.get_close_matches(name, list(declared), n=1)
        known = ", ".join(sorted(declared)) or "none"
        raise UsageError(f"{where}: no rule has the option '{name}'"
                         + (f" (did you mean '{hint[0]}'?)" if hint else "") + f"; known options: {known}")
    default, rule = declared[name]
    if not _same_kind(value, default):
        raise UsageError(f"{where}: must be {_kind_name(default)} like the default {_toml(default)} of {rule}, "
                         f"not {_toml(value)}")
    return float(value) if isinstance(default, float) else value


def _same_kind(value: Any, default: Any) -> bool:
    # bool is an int in Python; in a configuration `true` is never a number
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _kind_name(default: Any) -> str:
    names = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return names.get(type(default), type(default).__name__)


def parse_threshold(text: str) -> tuple[str, Any]:
    """`title-similarity=0.7` from the command line: the value read as TOML (numbers, booleans, strings)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--threshold {text!r}: give NAME=VALUE, e.g. title-similarity=0.75")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()  # a bare word: a string
    return name.strip(), value


def _toml(value: Any) -> str:
    """A value as TOML would write it (inline): for messages and `refcheck config`."""
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items())
        return "{ " + items + " }" if value else "{}"
    return repr(value)


def describe(settings: Settings) -> str:
    """The effective configuration as TOML, each value followed by where it came from (`refcheck config`)."""
    found = f"{_shown(settings.file)} {settings.table}".strip() if settings.file else "none found (defaults)"
    lines = [f"# configuration file: {found}"]
    rows = [(k, v) for k, v in settings.values.items() if k != "thresholds"]
    thresholds = sorted(settings.thresholds.items())
    width = max(len(_key(k)) for k, _ in rows + thresholds)
    # An unset value is a comment: the output stays TOML that can be pasted into a file.
    texts = [f"{('# ' + k if v.value is None else k).ljust(width)} = {_toml(v.value)}" for k, v in rows]
    texts += [f"{_key(k).ljust(width)} = {_toml(v.value)}" for k, v in thresholds]
    column = max(len(t) for t in texts) + 2
    origins = [v.origin for _, v in rows + thresholds]
    body = [f"{t.ljust(column)}# {o}" for t, o in zip(texts, origins)]
    lines += body[: len(rows)] + ["", "[thresholds]"] + body[len(rows) :]
    return "\n".join(lines) + "\n"


def _key(name: str) -> str:
    # a dotted option name is one key: quote it, or TOML would read a nested table
    return json.dumps(name) if "." in name else name
