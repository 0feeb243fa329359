"""Rule pages: rendered from each rule's docstring (the single source), for `refcheck explain` and docs/rules/."""

from __future__ import annotations

import re

from refcheck.checks.base import SECTIONS, Rule


def sections(rule: type[Rule]) -> dict[str, str]:
    """The docstring's sections by heading ("Why", ...); headings are unindented lines."""
    lines = rule.doc().splitlines()[1:]
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line and not line.startswith(" ") and line.strip() in SECTIONS:
            current = line.strip()
            out[current] = []
        elif current:
            out[current].append(line[4:] if line.startswith("    ") else line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def missing_sections(rule: type[Rule]) -> list[str]:
    found = sections(rule)
    return [s for s in SECTIONS if not found.get(s)]


def page(rule: type[Rule]) -> str:
    """The Markdown page for docs/rules/<name>.md."""
    parts = [
        f"# {rule.code} `{rule.name}`",
        "",
        f"{rule.summary()}",
        "",
        f"Severity: **{rule.severity.value}**. Scope: {'the library' if rule.scope == 'library' else 'documents'}.",
    ]
    for title, body in sections(rule).items():
        parts += ["", f"## {title}", "", _rst_to_md(body)]
    return "\n".join(parts).rstrip() + "\n"


def _rst_to_md(text: str) -> str:
    return re.sub(r"``(.+?)``", r"`\1`", text)
