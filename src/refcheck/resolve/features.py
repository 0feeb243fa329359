"""One feature vector for a (cited work, library entry) pair, and the field-by-field alignment behind it.

Every candidate of every citation goes through `compare`, in training
(`tools/train_resolver.py`) and at run time alike, so the fitted weights see
exactly the numbers the resolver computes. Hand knowledge lives here as
features (a typo, a year off by one, a short title); the weights are learned.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def compare(cited: CitedWork, entry) -> tuple[list[float], Alignment]:
    """The feature vector (in `FEATURES` order) and the alignment of `cited` against `entry`."""
    x = [0.0] * len(FEATURES)
    people = entry.authors or entry.editors
    names: tuple[NameMatch, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()
    if not cited.authors or not people:
        x[INDEX["names_missing"]] = 1.0
    else:
        result = match_author_lists(list(cited.authors), cited.et_al, people, entry.et_al)
        names, typos = result.names, result.typos
        if names:
            first = names[0]
            if first.verdict.kind is Kind.SAME:
                x[INDEX["first_same" if first.position == 0 else "first_elsewhere"]] = 1.0
            elif first.verdict.kind is Kind.TYPO and first.position == 0:
                x[INDEX["first_typo"]] = 1.0
            n = len(names)
            x[INDEX["share_same"]] = sum(m.verdict.kind is Kind.SAME for m in names) / n
            x[INDEX["share_typo"]] = sum(m.verdict.kind is Kind.TYPO for m in names) / n
            x[INDEX["share_different"]] = sum(m.verdict.kind is Kind.DIFFERENT for m in names) / n
        else:
            x[INDEX["share_different"]] = 1.0
    raw = _raw_words(cited.raw)
    if people and (family := _first_family(people[0])) and family in raw:
        x[INDEX["raw_has_first_family"]] = 1.0

    year = _year(cited.year, entry.year)
    if year.verdict == "absent":
        x[INDEX["year_missing"]] = 1.0
    elif year.verdict == "same":
        x[INDEX["year_equal"]] = 1.0
    else:
        x[INDEX[_year_difference(year.cited, year.entry)]] = 1.0

    title = _title(cited, entry, raw)
    sim = title.similarity or 0.0
    if not cited.title:
        x[INDEX["title_missing"]] = 1.0
    x[INDEX["title_similarity"]] = sim
    x[INDEX["title_close"]] = float(sim >= 0.9)
    if entry.title:
        tokens, cjk, folded, folded_short = _title_profile(entry.title)
        x[INDEX["title_cover_raw"]] = _cover(tokens, cjk, raw, cited.raw)
        if cited.title and folded_short == fold(cited.title) != folded:
            x[INDEX["title_short_form"]] = 1.0
    else:
        x[INDEX["entry_untitled"]] = 1.0

    venue = _venue(cited.container, entry.container)
    if venue.verdict == "same":
        x[INDEX["venue_agrees"]] = 1.0
    elif venue.verdict == "different":
        x[INDEX["venue_differs"]] = 1.0
    if cited.doi and entry.doi:
        x[INDEX["doi_equal" if normalize_doi(cited.doi) == normalize_doi(entry.doi) else "doi_differs"]] = 1.0
    if cited.url and entry.url and normalize_url(cited.url) == normalize_url(entry.url):
        x[INDEX["url_equal"]] = 1.0

    wrong_year = year.verdict in ("close", "different")
    x[INDEX["year_other_without_title"]] = float(year.verdict == "different" and not cited.title)
    x[INDEX["first_typo_wrong_year"]] = float(bool(x[INDEX["first_typo"]]) and wrong_year)
    x[INDEX["mention_form"]] = float(cited.form == "mention")
    x[INDEX["title_only"]] = float(bool(cited.title) and not cited.authors)
    return x, Alignment(names, typos, year, title, venue)


def _first_family(author) -> str:
    return fold(author.literal or author.family or "").split(" ")[-1] if (author.literal or author.family) else ""


@lru_cache(maxsize=20_000)
def _raw_words(raw: str) -> frozenset[str]:
    return frozenset(fold(raw).split())


@lru_cache(maxsize=200_000)
def _title_profile(title: str) -> tuple[frozenset[str], bool, str, str]:
    """An entry title's words, whether it is CJK, folded whole and folded main title (computed once per title)."""
    folded = fold(title)
    return title_tokens(title), has_cjk(folded), folded, fold(short_title(title))


def _cover(tokens: frozenset[str], cjk: bool, raw_words: frozenset[str], raw: str) -> float:
    if not tokens:
        return 0.0
    if cjk:
        squeezed = fold(raw).replace(" ", "")
        return sum(t in squeezed for t in tokens) / len(tokens)
    return len(tokens & raw_words) / len(tokens)


def _year_difference(cited: str, entry: str) -> str:
    if cited.isdigit() and entry.isdigit():
        if abs(int(cited) - int(entry)) <= 2:
            return "year_near"
        if len(cited) == len(entry) and DamerauLevenshtein.distance(cited, entry) == 1:
            return "year_digit_typo"
    return "year_other"


def _year(cited: str | None, entry: str | None) -> FieldAlignment:
    if not cited or not entry:
        return FieldAlignment("year", cited, entry, "absent")
    if cited == entry:
        return FieldAlignment("year", cited, entry, "same")
    close = _year_difference(cited, entry) != "year_other"
    return FieldAlignment("year", cited, entry, "close" if close else "different")


def _title(cited: CitedWork, entry, raw: frozenset[str]) -> FieldAlignment:
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
