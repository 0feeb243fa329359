"""--format X / X:FILE (repeatable) and --output: every format written in one run."""

from __future__ import annotations

import pytest

from refcheck.cli.options import parse_outputs
from refcheck.errors import UsageError


def test_default_and_single_format_with_output():
    assert parse_outputs((), None) == [("text", None)]
    assert parse_outputs(("json",), "report.json") == [("json", "report.json")]


def test_several_formats_each_to_its_file_and_one_to_stdout():
    assert parse_outputs(("sarif:refcheck.sarif", "github", "junit:out/junit.xml"), None) == [
        ("sarif", "refcheck.sarif"), ("github", None), ("junit", "out/junit.xml")]


def test_a_colon_that_is_not_after_a_format_name_is_not_split():
    with pytest.raises(UsageError, match="unknown report format 'C:/r.json'"):
        parse_outputs(("C:/r.json",), None)


@pytest.mark.parametrize(
    ("formats", "output", "message"),
    [
        (("json", "github"), None, "only one report can go to standard output"),
        (("json", "github"), "r.txt", "--output takes one format"),
        (("json:r.json", "sarif:r.json"), None, "same file"),
        (("sarif:",), None, "give a file after the colon"),
        (("yaml",), None, "unknown report format 'yaml'"),
    ],
)
def test_ambiguous_outputs_are_usage_errors(formats, output, message):
    with pytest.raises(UsageError, match=message):
        parse_outputs(formats, output)
