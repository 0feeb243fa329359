"""Output formats by --format name; a new format is a module plus one line here."""

from __future__ import annotations

from refcheck.errors import UsageError
from refcheck.report.base import Reporter
from refcheck.report.github_format import GithubReporter
from refcheck.report.html_format import HtmlReporter
from refcheck.report.json_format import JsonReporter
from refcheck.report.junit_format import JunitReporter
from refcheck.report.markdown_format import MarkdownReporter
from refcheck.report.sarif_format import SarifReporter
from refcheck.report.text_format import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (TextReporter, JsonReporter, SarifReporter, GithubReporter, JunitReporter, MarkdownReporter, HtmlReporter)
}
DEFAULT_FORMAT = TextReporter.name


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class for a format name; an unknown name is a usage error."""
    try:
        return REPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r}; choose one of {', '.join(REPORTERS)}") from None
