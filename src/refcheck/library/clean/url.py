"""URLs tidied: `\\url{..}` and `<..>` wrappers removed, `dx.doi.org` as `https://doi.org`, spaces in an address as `%20`.

A space is encoded only when the text after it still reads as part of the
address (`…/my file.pdf`); a URL followed by words — an access note such as
`http://x.org/a (viewed on 21 May 2009)` — is left as written.
"""

from __future__ import annotations

import re

from refcheck.library.clean.model import TEXT
from refcheck.library.clean.state import CleanState

_WRAPPED = re.compile(r"^\s*(?:\\url\{(?P<a>[^{}]*)\}|<(?P<b>[^<>]*)>)\s*$")
_DX = re.compile(r"^https?://dx\.doi\.org/", re.IGNORECASE)
_ADDRESSY = re.compile(r"[/=%_]|[A-Za-z]\.\w|\w\.[A-Za-z]")


def tidy_url(value: str) -> str:
    url = value.strip()
    m = _WRAPPED.match(url)
    if m:
        url = (m.group("a") if m.group("a") is not None else m.group("b")).strip()
    url = _DX.sub("https://doi.org/", url)
    return url.replace(" ", "%20") if " " in url and _one_address(url) else url


def _one_address(url: str) -> bool:
    """Every piece after a space still looks like a path: it holds `/`, `=`, `%`, `_` or a dot inside a word."""
    return all(not piece.startswith(("(", "[")) and _ADDRESSY.search(piece) for piece in url.split()[1:])


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
