"""What is verified: library entries, and the references a document writes (its notes and its reference list)."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.match.matcher import Cited
from refcheck.model import Extraction, Location, Reference
from refcheck.textnorm import fold
from refcheck.verify.verdict import Verdict


@dataclass(frozen=True)
class Subject:
    cited: Cited
    text: str  # the reference as written, or the entry's summary
    path: str
    line: int | None
    column: int | None = None
    page: int | None = None
    issue: str | None = None
    citation: str | None = None  # the footnote's or list item's label
    entry: str | None = None  # the BibTeX key of a library entry
    context: str | None = None

    def to_json(self) -> dict:
        out = {"path": self.path, "line": self.line, "column": self.column, "citation": self.citation,
               "entry": self.entry, "reference": self.text}
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(frozen=True)
class Checked:
    subject: Subject
    verdict: Verdict


def of_entry(entry) -> Subject:
    from refcheck.checks.rules.library.unused import entry_summary

    cited = Cited(tuple(entry.authors or entry.editors), entry.et_al, entry.year, entry.title, entry.container,
                  entry.volume, entry.pages, entry.doi, entry.url)
    return Subject(cited, entry_summary(entry), entry.path, entry.line, issue=entry.number, entry=entry.key)


def _of_reference(ref: Reference, location: Location, label: str | None, context: str | None = None) -> Subject:
    return Subject(Cited.from_reference(ref), " ".join(ref.raw.split()), location.path, location.line,
                   location.column, location.page, ref.issue, citation=label, context=context)


def of_document(extraction: Extraction) -> list[Subject]:
    """Every reference the document writes, once: the reference list's items, then the notes' references that
    the list does not hold word for word."""
    out: list[Subject] = []
    seen: set[str] = set()  # folded: the note's *Journal* and the list's Journal are one reference
    for item in extraction.reference_list:
        subject = _of_reference(item.reference, item.location, item.label)
        if fold(subject.text) not in seen:
            seen.add(fold(subject.text))
            out.append(subject)
    for note in extraction.footnotes:
        for ref in note.references:
            subject = _of_reference(ref, note.location, note.label)
            if fold(subject.text) not in seen and subject.cited.says_something:
                seen.add(fold(subject.text))
                out.append(subject)
    return sorted(out, key=lambda s: (s.line or 0, s.column or 0))


def verify_all(subjects: list[Subject], verifier, on_item=None) -> list[Checked]:
    out = []
    for subject in subjects:
        out.append(Checked(subject, verifier.verify(subject.cited, subject.issue)))
        if on_item:
            on_item(subject)
    return out


def unchecked(checked: list[Checked]) -> list[Checked]:
    from refcheck.verify.verdict import UNCHECKED

    return [c for c in checked if c.verdict.status == UNCHECKED]


__all__ = ["Checked", "Subject", "Verdict", "of_document", "of_entry", "unchecked", "verify_all"]
