"""Output formats by --format name; a new format is a module plus one line here.

A format's module is imported when the format is asked for, not before: the
HTML report's templates and the terminal's `rich` cost a tenth of a second
that a JSON or SARIF run in CI (or a pre-commit hook) never needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from refcheck.errors import UsageError
from refcheck.report.base import Reporter

_WHERE = {  # name: (module, class), in the order `--help` lists them
    "text": ("refcheck.report.text_format", "TextReporter"),
    "json": ("refcheck.report.json_format", "JsonReporter"),
    "sarif": ("refcheck.report.sarif_format", "SarifReporter"),
    "github": ("refcheck.report.github_format", "GithubReporter"),
    "junit": ("refcheck.report.junit_format", "JunitReporter"),
    "markdown": ("refcheck.report.markdown_format", "MarkdownReporter"),
    "html": ("refcheck.report.html_format", "HtmlReporter"),
}


class _Reporters(Mapping):
    """The reporter classes by name, each module imported on first use."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, cls = _WHERE[name]
        return getattr(importlib.import_module(module), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()
DEFAULT_FORMAT = "text"


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class for a format name; an unknown name is a usage error."""
    if name not in _WHERE:
        raise UsageError(f"unknown report format {name!r}; choose one of {', '.join(REPORTERS)}")
    return REPORTERS[name]
