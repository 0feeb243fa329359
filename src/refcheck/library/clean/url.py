"""URLs tidied: `\\url{..}` and `<..>` wrappers removed, `dx.doi.org` as `https://doi.org`, spaces as `%20`."""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT
from refcheck.library.clean.state import CleanState

_WRAPPED = re.compile(r"^\s*(?:\\url\{(?P<a>[^{}]*)\}|<(?P<b>[^<>]*)>)\s*$")
_DX = re.compile(r"^https?://dx\.doi\.org/", re.IGNORECASE)


def tidy_url(value: str) -> str:
    url = value.strip()
    m = _WRAPPED.match(url)
    if m:
        url = (m.group("a") if m.group("a") is not None else m.group("b")).strip()
    url = _DX.sub("https://doi.org/", url)
    return url.replace(" ", "%20") if " " in url else url


def run(state: CleanState) -> None:
    if not state.options.urls:
        return
    n = 0
    for e in state.entries():
        for f in e.fields:
            if f.name == "url" and f.kind == TEXT:
                new = tidy_url(f.value)
                if new != f.value and new:
                    f.value = new
                    n += 1
    state.report.counts["url"] += n
