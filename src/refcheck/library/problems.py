"""What is wrong with a library file: one record per problem, with file and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LibraryProblem:
    """A problem in a .bib file.

    kind: "malformed" (BibTeX that does not parse, or parses into something else
    than was meant), "duplicate-key", "duplicate-field", "undefined-string",
    "crossref-missing", "comment-in-entry" (a `%` line inside an entry, skipped as
biber skips it), "encoding" or "unreadable". `line` is 1-based (None for
    whole-file problems); `raw` is the offending text. For "duplicate-key",
    `other_path`/`other_line` give the first occurrence, which is the one kept.
    """

    kind: str
    path: str
    line: int | None
    message: str
    key: str | None = None
    raw: str | None = None
    other_path: str | None = None
    other_line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
