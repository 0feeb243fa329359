"""Set a verification up from its settings (sources, HTTP client, cache) and run it over subjects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from refcheck.verify.cache import open_cache
from refcheck.verify.http import HttpClient, HttpSettings
from refcheck.verify.settings import VerifySettings
from refcheck.verify.subjects import Checked, Subject, verify_all
from refcheck.verify.verifier import Verifier


@dataclass
class Session:
    verifier: Verifier
    http: HttpClient

    def run(self, subjects: list[Subject], on_item=None) -> list[Checked]:
        return verify_all(subjects, self.verifier, on_item)

    def close(self) -> None:
        self.verifier.close()
        self.http.close()
        if self.http.cache is not None:
            self.http.cache.close()


def open_session(vs: VerifySettings, warn: Callable[[str], None]) -> Session:
    """Sources in the configured order; the snapshot only when one is given. Nothing is contacted here."""
    from refcheck.verify.sources import make_sources

    cache = open_cache(vs.cache, warn)
    http = HttpClient(HttpSettings(offline=vs.offline, timeout=vs.timeout, retries=vs.retries, backoff=vs.backoff,
                                   max_age=vs.max_age_days * 86400, mailto=vs.mailto, rate=vs.rate), cache)
    names = list(vs.sources)
    if vs.snapshot and "snapshot" not in names:
        names.insert(0, "snapshot")  # a snapshot given on the command line is asked first
    sources = make_sources(names, http, vs.snapshot, vs.urls)
    return Session(Verifier(sources, offline=vs.offline), http)


def verify_entries_and_references(audits, library, vs: VerifySettings, warn) -> list[Checked]:
    """`audit --verify`: the library entries the documents cite, and the references that resolve to none."""
    from refcheck.verify.subjects import of_entry

    subjects: list[Subject] = []
    keys: list[str] = []
    for audit in audits:
        for r in audit.resolutions:
            if r.key and r.key not in keys:
                keys.append(r.key)
        for r in audit.resolutions:
            if r.key is None and r.reference is not None:
                c = r.citation
                from refcheck.match.matcher import Cited

                cited = Cited.from_reference(r.reference)
                if cited.title or cited.doi:
                    subjects.append(Subject(cited, " ".join(r.reference.raw.split()), audit.path, c.location.line,
                                            c.location.column, c.location.page, r.reference.issue, citation=c.label,
                                            context=c.claim.text if c.claim else None))
    subjects = [of_entry(library.by_key[k]) for k in keys if k in library.by_key] + subjects
    session = open_session(vs, warn)
    try:
        return session.run(subjects)
    finally:
        session.close()
