"""Document text and file names cannot break a report: every format stays valid and inert, whatever they hold."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from refcheck.model import DocumentSummary, Finding, Severity
from refcheck.report import render
from refcheck.safetext import escaped, guard_commands, message_line, printable

# What untrusted text has been seen to carry: a window-title escape, a clear screen, colours, a bell, NUL,
# a bidi override, an undecodable byte of a file name, a forged workflow command and live Markdown.
HOSTILE = (
    "Title \x1b]0;pwned\x07 \x1b[2J\x1b[31mred\x1b[0m \x07\x00 \u202eevil "
    "\udcff %0A::error ::x\n::set-output name=a::b <script>alert(1)</script> [x](javascript:alert(1)) @octocat"
)
HOSTILE_PATH = "dir/we\x01ird\n::error::name |`tick`|.md"


def finding(path: str = HOSTILE_PATH, text: str = HOSTILE) -> Finding:
    return Finding("uncited-claim", "RC301", Severity.WARNING, path, 3, 4, text, suggestion=text, context=text,
                   evidence=(text,), entry="k\x1b[1m", entry_summary=text, citation=text)  # fmt: skip


def report(fmt: str, f: Finding | None = None) -> str:
    f = f or finding()
    out = io.StringIO()
    render([f], [DocumentSummary(f.path, 1, 1, 1)], fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_parse_and_encode_as_utf8(fmt):
    text = report(fmt)
    text.encode("utf-8")  # a lone surrogate would make this (and writing the report) fail
    data = json.loads(text)
    assert data


def test_junit_parses_with_a_control_character_in_the_file_name():
    text = report("junit", finding(path="chapter\x01one\x1b.md"))
    root = ET.fromstring(text.encode("utf-8"))
    [suite] = root.iter("testsuite")
    assert suite.get("name") == "chapter\ufffdone\ufffd.md"


def test_github_output_is_one_command_per_finding():
    lines = report("github").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=")
    # the forged commands are data inside the message: no '::' can start a line, % and newlines are escaped
    assert "%250A::error ::x ::set-output" in lines[0]
    assert "\x1b" not in lines[0] and "\x07" not in lines[0] and "\x00" not in lines[0]


def test_terminal_report_holds_no_escape_sequence_and_no_forged_command_line():
    text = report("text")
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\u202e" not in text
    assert "pwned" not in text and "Title" in text and "red" in text  # a sequence goes whole, the text around stays
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    assert "we\\x01ird\\n::error::name" in text  # a file name stays recognisable, its controls written out


def test_terminal_report_on_a_terminal_keeps_only_its_own_colours():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    f = finding()
    render([f], [DocumentSummary(f.path, 1, 1, 1)], "text", out, color=True)
    assert "\x1b]0;" not in out.getvalue() and "\x1b[2J" not in out.getvalue()


def test_markdown_escapes_markup_links_mentions_and_table_breaks():
    text = report("markdown")
    row = next(line for line in text.splitlines() if line.startswith("| warning"))
    assert row.count(" | ") == 3  # four cells: nothing in the text opened a fifth
    assert re.search(r"(?<!\\)<script", row) is None and "\\<script" in row
    assert re.search(r"(?<!\\)\]\(javascript:", row) is None
    assert "@octocat" not in row and "@\u200boctocat" in row
    # the file name's backticks and | stay inside one code span
    assert "``dir/weird ::error::name \\|`tick`\\|.md:3``" in row


def test_stderr_messages_are_one_inert_line():
    line = message_line("refcheck: warning: \\input{x\n::error::gotcha}: not found\x1b]0;t\x07")
    assert "\n" not in line and "\x1b" not in line
    assert line == "refcheck: warning: \\input{x\\n::error::gotcha}: not found\\e]0;t\\x07"


def test_helpers():
    assert printable("a\x1b[31mb\x1b]0;title\x07c\td\n") == "abc\td\n"
    assert escaped("a\nb\x00") == "a\\nb\\x00"
    assert guard_commands("ok\n  ::error::x\n##[error]y") == "ok\n  > ::error::x\n> ##[error]y"
