"""A verification verdict: verified, mismatched, unverified, or not checked, with what was searched and found."""

from __future__ import annotations

from dataclasses import dataclass, field

from refcheck.verify.compare import PUBLICATION_FIELDS, Mismatch
from refcheck.verify.record import Record

VERIFIED, MISMATCHED, UNVERIFIED, UNCHECKED = "verified", "mismatched", "unverified", "unchecked"


@dataclass(frozen=True)
class Verdict:
    status: str
    record: Record | None = None  # the work as the source that knows it describes it
    mismatches: tuple[Mismatch, ...] = ()
    searched: tuple[str, ...] = ()  # the sources that answered
    nearest: tuple[Record, ...] = ()  # for an unverified reference: the most alike records seen
    problems: tuple[str, ...] = ()  # sources that could not answer, and why
    reason: str | None = None  # why a reference was not checked

    @property
    def retracted(self) -> bool:
        return bool(self.record and self.record.retracted)

    @property
    def source(self) -> str | None:
        return self.record.source if self.record else None

    def to_json(self) -> dict:
        out: dict = {"status": self.status, "retracted": self.retracted, "searched": list(self.searched)}
        if self.record:
            out["source"] = self.record.source
            out["record"] = self.record.to_json()
        out["mismatches"] = [m.to_json() for m in self.mismatches]
        if self.nearest:
            out["nearest"] = [r.to_json() for r in self.nearest]
        if self.problems:
            out["problems"] = list(self.problems)
        if self.reason:
            out["reason"] = self.reason
        return out


def found(record: Record, mismatches: list[Mismatch], searched: list[str], problems: list[str]) -> Verdict:
    status = MISMATCHED if any(m.field in PUBLICATION_FIELDS for m in mismatches) else VERIFIED
    return Verdict(status, record, tuple(mismatches), tuple(searched), problems=tuple(problems))
