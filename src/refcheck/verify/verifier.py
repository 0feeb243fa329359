"""Ask the sources in order until one knows the work; say what was searched, what was near, what failed."""

from __future__ import annotations

from dataclasses import replace

from refcheck.match.matcher import Cited
from refcheck.verify.compare import mismatches
from refcheck.verify.decide import Thresholds, find_work, title_likeness
from refcheck.verify.match import _without_notice
from refcheck.verify.record import Record, named
from refcheck.verify.sources.base import Query, Source, SourceUnavailable
from refcheck.verify.verdict import UNCHECKED, UNVERIFIED, Verdict, found

NEAREST = 3
# a record shown as "nearest" is at least this alike in title (the matcher's "title alike"; display only)
NEAREST_TITLE = 0.6


class Verifier:
    def __init__(self, sources: list[Source], offline: bool = False, thresholds: Thresholds | None = None) -> None:
        self.sources = sources
        self.offline = offline
        self.thresholds = thresholds
        self._done: dict[tuple, Verdict] = {}

    def verify(self, cited: Cited, issue: str | None = None) -> Verdict:
        if not (cited.doi or cited.title):
            return Verdict(UNCHECKED, reason="no title or DOI to look up")
        key = (cited, issue)
        if key not in self._done:
            self._done[key] = self._verify(cited, issue)
        return self._done[key]

    def _verify(self, cited: Cited, issue: str | None) -> Verdict:
        cited = replace(cited, authors=named(cited.authors))
        query = Query.of(cited)
        searched: list[str] = []
        problems: list[str] = []
        seen: list[Record] = []
        for source in self.sources:
            try:
                records = source.search(query)
            except SourceUnavailable as exc:
                if not (self.offline and source.online):  # offline, an uncached source is simply not asked
                    problems.append(f"{source.name}: {exc}")
                continue
            searched.append(source.name)
            hit = find_work(cited, records, self.thresholds)
            if hit is not None:
                record = hit[0]
                return found(record, mismatches(cited, issue, record), searched, problems)
            seen += records
        nearest = _nearest(cited, seen)
        if problems or not searched:
            reason = "; ".join(problems) if problems else "offline: no snapshot, and nothing cached for it"
            return Verdict(UNCHECKED, searched=tuple(searched), nearest=nearest, problems=tuple(problems),
                           reason=reason)
        return Verdict(UNVERIFIED, searched=tuple(searched), nearest=nearest)

    def close(self) -> None:
        for source in self.sources:
            source.close()


def _nearest(cited: Cited, records: list[Record]) -> tuple[Record, ...]:
    if not cited.title:
        return tuple(records[:NEAREST])
    # the likeness the decision computed for these records (remembered), not a second measure
    scored = sorted(((title_likeness(cited.title, _without_notice(r.title) or ""), r) for r in records),
                    key=lambda x: -x[0])
    unique: list[Record] = []
    for sim, r in scored:
        if sim < NEAREST_TITLE:
            break
        if all((r.title, r.year) != (u.title, u.year) for u in unique):
            unique.append(r)
    return tuple(unique[:NEAREST])
