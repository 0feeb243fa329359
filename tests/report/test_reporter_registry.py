"""Formats are found by name; every reporter module is registered and runs the same lifecycle."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil

import pytest

import refcheck.report
from refcheck.errors import UsageError
from refcheck.report import REPORTERS, Reporter, get_reporter, render
from report_fixtures import DOCUMENTS, FINDINGS


def test_the_formats_of_this_issue():
    assert set(REPORTERS) >= {"json", "text"}


def test_get_reporter_returns_the_registered_class():
    for name, cls in REPORTERS.items():
        assert get_reporter(name) is cls
        assert issubclass(cls, Reporter) and cls.name == name


def test_unknown_format_is_a_usage_error_naming_the_known_ones():
    with pytest.raises(UsageError, match="'yaml'.*json"):
        get_reporter("yaml")


def test_render_of_an_unknown_format_writes_nothing():
    out = io.StringIO()
    with pytest.raises(UsageError):
        render(FINDINGS, DOCUMENTS, "yaml", out)
    assert out.getvalue() == ""


def test_every_reporter_in_the_package_is_registered():
    # A format module that is never registered is dead code no one notices.
    defined = set()
    for module in pkgutil.iter_modules(refcheck.report.__path__):
        mod = importlib.import_module(f"refcheck.report.{module.name}")
        defined |= {
            cls
            for _, cls in inspect.getmembers(mod, inspect.isclass)
            if issubclass(cls, Reporter) and cls is not Reporter and cls.__module__ == mod.__name__
        }
    assert defined == set(REPORTERS.values())


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_finding_by_finding_gives_the_same_report_as_render(fmt):
    rendered = io.StringIO()
    render(FINDINGS, DOCUMENTS, fmt, rendered)
    streamed = io.StringIO()
    reporter = get_reporter(fmt)(streamed)
    reporter.start(DOCUMENTS)
    for f in FINDINGS:
        reporter.finding(f)
    reporter.end()  # the summary is counted from the findings when not given
    assert streamed.getvalue() == rendered.getvalue()
