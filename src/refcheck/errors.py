"""Errors a user can act on: each names the file (and line) and maps to exit code 2."""

from __future__ import annotations


class RefcheckError(Exception):
    """Bad usage or unreadable input. `str()` is the one line the user sees."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(RefcheckError):
    """A document or library file that cannot be read."""


class UsageError(RefcheckError):
    """Arguments or configuration that make no sense."""
