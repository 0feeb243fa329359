"""Chicago's short note: family names, a quoted or italic title, perhaps a page — "Green, “Between the Earth,” 40."

A full reference has a year, a venue or a publisher; a short note has only
names and the (often shortened) title, so the general head/body reading
takes the names for part of the title. Recognised by its whole shape only.
"""

from __future__ import annotations

import re

from refcheck.extract.patterns import SIGNAL
from refcheck.model import Author, Reference
from refcheck.regexcache import cached_compile

_NAME = r"(?:(?:van|von|de|der|den|del|della|di|da|du|la|le)\s+)*[A-ZÀ-ÖØ-Þ\u0100-\u024F][\w'’\-]+(?:\s+[A-ZÀ-ÖØ-Þ\u0100-\u024F][\w'’\-]+)?"
_NAMES = rf"(?P<names>{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME}){{0,3}})(?P<etal>,?\s+et\s+al\.?)?"
_TITLE = r"(?:[“\"](?P<quoted>[^”\"]{3,300}?)[,.]?\s*[”\"]|[*_](?P<italic>[^*_]{3,300}?)[*_])"
_LOCATOR = r"(?:[,:]?\s*(?:pp?\.\s*)?[\divxlc]+(?:\s*[–-]\s*[\divxlc]+)?(?:\s*,\s*[\divxlc]+)*)?"
_LEAD = rf"(?i:{SIGNAL})?"  # "See Ueda et al., ...": a signal before the note
_SHORT = cached_compile(rf"^\s*{_LEAD}{_NAMES},?\s*{_TITLE}\s*{_LOCATOR}\s*[.,;]?\s*$")


def parse_short_note(text: str) -> Reference | None:
    m = _SHORT.match(text)
    if m is None:
        return None
    title = (m.group("quoted") or m.group("italic") or "").strip(" ,.")
    names = [n.strip() for n in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", m.group("names")) if n.strip()]
    if not title or not names:
        return None
    return Reference(raw=text, authors=tuple(Author(family=n) for n in names), title=title, et_al=bool(m.group("etal")))
