"""One feature vector for a (cited work, library entry) pair, and the field-by-field alignment behind it.

Every candidate of every citation goes through `compare`, in training
(`tools/train_resolver.py`) and at run time alike, so the fitted weights see
exactly the numbers the resolver computes. Hand knowledge lives here as
features (a typo, a year off by one, a short title); the weights are learned.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from refcheck.match.names import Kind, NameMatch, match_author_lists
from refcheck.resolve.evidence import CitedWork
from refcheck.textnorm import fold, has_cjk, normalize_doi, normalize_url, short_title, title_tokens, venues_agree

# The order is the parameter file's: add at the end, and retrain (`make train`).
FEATURES = (
    "names_missing",  # the citation or the entry names nobody
    "first_same",  # the first cited name is the entry's first author
    "first_typo",  # ... within a typo of it
    "first_elsewhere",  # ... is another of the entry's authors
    "share_same",  # share of cited names that are the entry's
    "share_typo",
    "share_different",
    "raw_has_first_family",  # the entry's first family name is written somewhere in the citation
    "year_equal",
    "year_near",  # one or two years off
    "year_digit_typo",  # one digit wrong or two swapped (1886/1868, 2002/2012)
    "year_other",
    "year_missing",
    "title_missing",  # the citation gives no title
    "title_similarity",
    "title_close",  # similarity of 0.9 or more
    "title_cover_raw",  # share of the entry's title words written in the citation
    "title_short_form",  # the citation's title is the entry's main title (no subtitle)
    "venue_agrees",
    "venue_differs",
    "doi_equal",
    "doi_differs",
    "url_equal",
    "year_other_without_title",
    "first_typo_wrong_year",
    "mention_form",  # an author–year mention: names and a year only
    "title_only",  # a title and no names
    "entry_untitled",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}
_N = len(FEATURES)
AT = SimpleNamespace(**INDEX)  # each feature's position by name, looked up once: AT.year_equal


@dataclass(frozen=True, slots=True)
class FieldAlignment:
    """One field as the citation writes it and as the entry has it: same, close (a typo, off by one) or different."""

    field: str
    cited: str | None
    entry: str | None
    verdict: str  # "same", "close", "different", "absent"
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Alignment:
    """The citation's fields set against one entry's; the rules read their differences from it."""

    names: tuple[NameMatch, ...]
    typos: tuple[tuple[str, str], ...]  # (as cited, as in the entry) for names within a typo
    year: FieldAlignment
    title: FieldAlignment
    venue: FieldAlignment

    def describe(self) -> list[str]:
        out = []
        same = [n.entry or n.cited for n in self.names if n.verdict.kind is not Kind.DIFFERENT]
        if same:
            out.append("authors " + ", ".join(same))
        for f in (self.year, self.title, self.venue):
            if f.verdict == "same":
                out.append(f"{f.field} {f.entry}" if f.field == "year" else f"{f.field} agrees")
            elif f.verdict == "close" and f.similarity is not None:
                out.append(f"{f.field} {round(f.similarity * 100)}% alike")
            elif f.verdict == "close":
                out.append(f"{f.field} {f.cited} for {f.entry}")
        return out


@dataclass(frozen=True, slots=True)
class EntryView:
    """What `compare` reads of an entry, folded and normalised once (the resolver keeps one per entry)."""

    entry: object
    people: tuple
    first_family: str
    title_tokens: frozenset[str]
    title_cjk: bool
    title_folded: str  # "" (and so the next) when the title has no subtitle: only the short form reads them
    title_short_folded: str
    doi: str | None  # normalised
    url: str | None


def entry_view(entry) -> EntryView:
    people = entry.authors or entry.editors
    first = _first_family(people[0]) if people else ""
    tokens, cjk, folded, folded_short = _title_profile(entry.title) if entry.title else (frozenset(), False, "", "")
    return EntryView(entry, people, first, tokens, cjk, folded, folded_short,
                     normalize_doi(entry.doi) if entry.doi else None, normalize_url(entry.url) if entry.url else None)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CitedView:
    """What `compare` reads of a citation, computed once for all its candidates."""

    cited: CitedWork
    raw_words: frozenset[str]
    raw_squeezed: str  # the folded raw text without spaces (CJK titles are looked for in it)
    title_folded: str
    doi: str | None
    url: str | None


@lru_cache(maxsize=4096)
def cited_view(cited: CitedWork) -> CitedView:
    return CitedView(cited, _raw_words(cited.raw), fold(cited.raw).replace(" ", ""), fold(cited.title) if cited.title else "",
                     normalize_doi(cited.doi) if cited.doi else None, normalize_url(cited.url) if cited.url else None)  # fmt: skip


# What the cheap part of `compare` (`known_features`) leaves open: the title's similarity, the names and the
# venue, in the order `close` computes them (cheapest first). Each open group is listed by the corners of the
# values its features can take, so that the fitted weights bound what it can add to a candidate's score before
# it is computed (`model.ResolverModel.slack`); `GROUP_FEATURES` are the features each group sets.
OPEN_NAMES = tuple(
    {**({first: 1.0} if first else {}), share: 1.0}
    for first in (None, "first_same", "first_typo", "first_elsewhere")
    for share in ("share_same", "share_typo", "share_different")
)
OPEN_NAMES_WRONG_YEAR = tuple({**v, "first_typo_wrong_year": 1.0} if "first_typo" in v else v for v in OPEN_NAMES)
OPEN_TITLE = ({}, {"title_similarity": 0.9}, {"title_similarity": 0.9, "title_close": 1.0},
              {"title_similarity": 1.0, "title_close": 1.0})  # fmt: skip
OPEN_VENUE = ({}, {"venue_agrees": 1.0}, {"venue_differs": 1.0})
OPEN_GROUPS = {"title": OPEN_TITLE, "names": OPEN_NAMES, "names_wrong_year": OPEN_NAMES_WRONG_YEAR, "venue": OPEN_VENUE}
GROUP_FEATURES = {
    group: tuple(sorted({INDEX[f] for corner in corners for f in corner})) for group, corners in OPEN_GROUPS.items()
}


@dataclass(slots=True)
class Known:
    """A candidate's features as far as they are computed, the groups still open (`OPEN_GROUPS` names, in the
    order `close` takes them) and the alignment's parts found so far."""

    x: list[float]
    year: FieldAlignment
    open: list[str]
    names: tuple[NameMatch, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()
    title: FieldAlignment | None = None
    venue: FieldAlignment | None = None


def compare(cited: CitedWork, entry) -> tuple[list[float], Alignment]:
    """The feature vector (in `FEATURES` order) and the alignment of `cited` against `entry`."""
    cv, ev = cited_view(cited), entry_view(entry)
    return complete(cv, ev, known_features(cv, ev))


def known_features(cv: CitedView, ev: EntryView) -> Known:
    """The features that cost a set lookup or two: year, identifiers, the title's cover and short form."""
    cited, entry = cv.cited, ev.entry
    x = [0.0] * _N
    if ev.first_family and ev.first_family in cv.raw_words:
        x[AT.raw_has_first_family] = 1.0

    year, year_feature = _year(cited.year, entry.year)
    x[year_feature] = 1.0

    if not cited.title:
        x[AT.title_missing] = 1.0
    if entry.title:
        x[AT.title_cover_raw] = _cover(ev.title_tokens, ev.title_cjk, cv.raw_words, cv.raw_squeezed)
        if cited.title and ev.title_folded and ev.title_short_folded == cv.title_folded != ev.title_folded:
            x[AT.title_short_form] = 1.0
    else:
        x[AT.entry_untitled] = 1.0

    if cited.doi and entry.doi:
        x[AT.doi_equal if cv.doi == ev.doi else AT.doi_differs] = 1.0
    if cited.url and entry.url and cv.url == ev.url:
        x[AT.url_equal] = 1.0
    if year.verdict == "different" and not cited.title:
        x[AT.year_other_without_title] = 1.0
    if cited.form == "mention":
        x[AT.mention_form] = 1.0
    if cited.title and not cited.authors:
        x[AT.title_only] = 1.0
    groups = []
    if cited.title and entry.title:
        groups.append("title")
    if cited.authors and ev.people:
        groups.append("names_wrong_year" if year.verdict in ("close", "different") else "names")
    else:
        x[AT.names_missing] = 1.0
    if cited.container and entry.container:
        groups.append("venue")
    return Known(x, year, groups)


def close(cv: CitedView, ev: EntryView, known: Known) -> str:
    """Compute the first open group of `known` (its features and its part of the alignment); its name."""
    cited, entry, x = cv.cited, ev.entry, known.x
    group = known.open.pop(0)
    if group == "title":
        known.title = title = _title(cited, entry)
        sim = title.similarity or 0.0
        x[AT.title_similarity] = sim
        x[AT.title_close] = float(sim >= 0.9)
    elif group == "venue":
        known.venue = venue = _venue(cited.container, entry.container)
        if venue.verdict == "same":
            x[AT.venue_agrees] = 1.0
        elif venue.verdict == "different":
            x[AT.venue_differs] = 1.0
    else:
        result = match_author_lists(list(cited.authors), cited.et_al, ev.people, entry.et_al)
        known.names = names = result.names
        known.typos = result.typos
        if names:
            first = names[0]
            if first.verdict.kind is Kind.SAME:
                x[AT.first_same if first.position == 0 else AT.first_elsewhere] = 1.0
            elif first.verdict.kind is Kind.TYPO and first.position == 0:
                x[AT.first_typo] = 1.0
                x[AT.first_typo_wrong_year] = float(group == "names_wrong_year")
            same = typo = different = 0
            for m in names:
                kind = m.verdict.kind
                if kind is Kind.SAME:
                    same += 1
                elif kind is Kind.TYPO:
                    typo += 1
                elif kind is Kind.DIFFERENT:
                    different += 1
            n = len(names)
            x[AT.share_same] = same / n
            x[AT.share_typo] = typo / n
            x[AT.share_different] = different / n
        else:
            x[AT.share_different] = 1.0
    return group


def complete(cv: CitedView, ev: EntryView, known: Known) -> tuple[list[float], Alignment]:
    """Every open group closed: the whole feature vector and the alignment, as `compare` gives them."""
    while known.open:
        close(cv, ev, known)
    title = known.title or _title(cv.cited, ev.entry)
    venue = known.venue or _venue(cv.cited.container, ev.entry.container)
    return known.x, Alignment(known.names, known.typos, known.year, title, venue)


def _first_family(author) -> str:
    return fold(author.literal or author.family or "").split(" ")[-1] if (author.literal or author.family) else ""


@lru_cache(maxsize=20_000)
def _raw_words(raw: str) -> frozenset[str]:
    return frozenset(fold(raw).split())


@lru_cache(maxsize=200_000)
def _title_profile(title: str) -> tuple[frozenset[str], bool, str, str]:
    """An entry title's words, whether it is CJK, folded whole and folded main title (computed once per title).

    A title without a subtitle is its own main title: both folded forms are left empty, which `known_features`
    reads the same way (the short form of such a title can never differ from the whole), so most titles are
    not folded here at all (their words come from `title_tokens`, whose cache the index build filled). An
    ASCII title folds to ASCII, which holds no CJK.
    """
    short = short_title(title)
    if short == title.strip():
        return title_tokens(title), not title.isascii() and has_cjk(fold(title)), "", ""
    folded = fold(title)
    return title_tokens(title), has_cjk(folded), folded, fold(short)


def _cover(tokens: frozenset[str], cjk: bool, raw_words: frozenset[str], squeezed: str) -> float:
    if not tokens:
        return 0.0
    if cjk:
        return sum(t in squeezed for t in tokens) / len(tokens)
    return len(tokens & raw_words) / len(tokens)


def _year_difference(cited: str, entry: str) -> str:
    if cited.isdigit() and entry.isdigit():
        if abs(int(cited) - int(entry)) <= 2:
            return "year_near"
        if len(cited) == len(entry) and DamerauLevenshtein.distance(cited, entry) == 1:
            return "year_digit_typo"
    return "year_other"


@lru_cache(maxsize=4096)
def _year(cited: str | None, entry: str | None) -> tuple[FieldAlignment, int]:
    """The year's alignment and the index of its feature (year_equal, year_near, ...)."""
    if not cited or not entry:
        return FieldAlignment("year", cited, entry, "absent"), AT.year_missing
    if cited == entry:
        return FieldAlignment("year", cited, entry, "same"), AT.year_equal
    difference = _year_difference(cited, entry)
    verdict = "different" if difference == "year_other" else "close"
    return FieldAlignment("year", cited, entry, verdict), INDEX[difference]


def _title(cited: CitedWork, entry) -> FieldAlignment:
    if not cited.title or not entry.title:
        return FieldAlignment("title", cited.title, entry.title, "absent")
    sim = title_similarity(cited.title, entry.title)
    verdict = "same" if sim >= 0.97 else "close" if sim >= 0.6 else "different"
    return FieldAlignment("title", cited.title, entry.title, verdict, round(sim, 3))


def _venue(cited: str | None, entry: str | None) -> FieldAlignment:
    if not cited or not entry:
        return FieldAlignment("venue", cited, entry, "absent")
    sim = fuzz.token_set_ratio(fold(cited), fold(entry)) / 100
    if venues_agree(cited, entry):  # "Bull. Seismol. Soc. Am." for "Bulletin of the Seismological Society of America"
        sim = max(sim, 0.9)
    verdict = "same" if sim >= 0.8 else "different" if sim < 0.5 else "close"
    return FieldAlignment("venue", cited, entry, verdict, round(sim, 3))


@lru_cache(maxsize=50_000)
def title_similarity(a: str, b: str) -> float:
    """0..1; a short title (no subtitle) counts as the whole; CJK compared by characters."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    if has_cjk(fa) or has_cjk(fb):
        return fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) / 100
    whole = fuzz.token_sort_ratio(fa, fb) / 100
    short_a, short_b = fold(short_title(a)), fold(short_title(b))
    prefix = 1.0 if (short_a and short_a == short_b) or fb.startswith(fa) or fa.startswith(fb) else 0.0
    partial = fuzz.token_set_ratio(fa, fb) / 100
    return max(whole, 0.95 * prefix, 0.9 * partial if min(len(fa), len(fb)) > 25 else 0.0)
