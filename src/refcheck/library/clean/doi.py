"""DOIs bare: `https://doi.org/`, `http://dx.doi.org/`, `doi:` and surrounding space removed (`10.1080/x`)."""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT
from refcheck.library.clean.state import CleanState

_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+(?=10\.))", re.IGNORECASE)
_WRAPPED = re.compile(r"\\url\{([^{}]*)\}")


def bare_doi(value: str) -> str:
    """`value` without a `\\url{}` wrapper, resolver prefix or `doi:` label."""
    v = value.strip()
    m = _WRAPPED.fullmatch(v)
    if m:
        v = m.group(1).strip()
    return _PREFIX.sub("", v).strip()


def run(state: CleanState) -> None:
    if not state.options.doi:
        return
    n = 0
    for e in state.entries():
        for f in e.fields:
            if f.name == "doi" and f.kind == TEXT:
                new = bare_doi(f.value)
                if new != f.value and new:
                    f.value = new
                    n += 1
    state.report.counts["doi"] += n
