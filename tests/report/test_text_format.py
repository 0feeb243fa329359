"""The terminal report: plain and grep-able when piped, coloured on a terminal, grouped by file."""

from __future__ import annotations

import io
import re

import pytest

from refcheck.model import Finding, Severity
from refcheck.report import render
from refcheck.report.excerpt import shorten_middle
from report_fixtures import DOCUMENTS, FINDINGS, assert_golden

ANSI = re.compile(r"\x1b\[")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "TERM"):
        monkeypatch.delenv(name, raising=False)


def text_report(findings, documents, stream=None, color=None) -> str:
    stream = stream if stream is not None else io.StringIO()
    render(findings, documents, "text", stream, color=color)
    return stream.getvalue()


def block(text: str, header_start: str) -> list[str]:
    """The lines of the finding block whose first line starts with `header_start`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    end = lines.index("", start)
    return lines[start:end]


def test_piped_report_matches_golden():
    assert_golden("report.txt", text_report(FINDINGS, DOCUMENTS))


def test_piped_report_has_no_ansi_codes():
    assert not ANSI.search(text_report(FINDINGS, DOCUMENTS))


def test_findings_are_grouped_by_document_then_library_file():
    text = text_report(FINDINGS, DOCUMENTS)
    headings = [line for line in text.splitlines() if line and not line[0].isspace() and ": " not in line]
    assert headings == [
        "corpus/paper.md (1 error, 1 warning, 1 info)",
        "corpus/report.pdf (1 info)",
        "bib/library.bib (1 error)",
        "2 errors, 1 warning, 2 info in 3 documents",
    ]
    assert "corpus/clean.md" not in text  # a clean document makes no noise


def test_within_a_document_findings_follow_the_text():
    text = text_report(FINDINGS, DOCUMENTS)
    starts = [text.index(f"corpus/paper.md:{line}:") for line in (12, 57, 88)]
    assert starts == sorted(starts)


def test_block_shows_location_severity_code_rule_message_and_details():
    lines = block(text_report(FINDINGS, DOCUMENTS), "corpus/paper.md:57:1:")
    assert lines[0] == (
        "corpus/paper.md:57:1: error RC102 author-misspelled: "
        "footnote 6 spells the author 'Moisiu'; the library has 'Moisio'"
    )
    labels = [line.split()[0] for line in lines[1:]]
    assert labels == ["claim:", "cited:", "evidence:", "library:", "suggestion:"]
    assert "    cited:      moisio2013geopolitical — Moisio & Paasi (2013) From geopolitical to geoeconomic?" in lines
    assert "    suggestion: Moisio" in lines
    assert lines[-2].startswith(" " * 16 + "library: author")  # a second evidence line sits under the first


def test_library_finding_names_its_entry_not_a_citation():
    lines = block(text_report(FINDINGS, DOCUMENTS), "bib/library.bib:120:1:")
    assert lines[1].startswith("    entry:      moisio2013from — ")
    assert not any("cited:" in line for line in lines)


def test_pdf_finding_gives_the_page():
    text = text_report(FINDINGS, DOCUMENTS)
    assert "corpus/report.pdf:14:5 (page 3): info RC301 uncited-claim: a statistic with no citation" in text


def test_long_context_is_cut_in_the_middle():
    lines = block(text_report(FINDINGS, DOCUMENTS), "corpus/paper.md:57:1:")
    claim = lines[1].removeprefix("    claim:      ")
    assert len(claim) <= 200
    assert claim.startswith("South Korea and Japan have long competed")
    assert claim.endswith("traced in the cultural domain.")
    assert " … " in claim and "\n" not in claim


def test_long_message_is_not_wrapped_when_piped():
    finding = next(f for f in FINDINGS if f.code == "RC105")
    assert len(finding.message) > 100
    assert any(line.endswith(finding.message) for line in text_report(FINDINGS, DOCUMENTS).splitlines())


def test_document_text_is_never_read_as_markup_or_emoji():
    odd = Finding("uncited-claim", "RC301", Severity.INFO, "corpus/paper.md", 3, 1, "see [bold]x[/bold] :thumbs_up:")
    assert "see [bold]x[/bold] :thumbs_up:" in text_report([odd], DOCUMENTS, color=True)


def test_summary_line_when_clean():
    assert text_report([], DOCUMENTS) == "No problems found in 3 documents.\n"
    assert text_report([], DOCUMENTS[:1]) == "No problems found in 1 document.\n"


def test_color_true_colours_even_when_piped():
    text = text_report(FINDINGS, DOCUMENTS, color=True)
    assert ANSI.search(text)
    assert "\x1b[1;31merror\x1b[0m" in text  # errors in red


def test_terminal_gets_colour_unless_no_color_or_color_false(monkeypatch):
    assert ANSI.search(text_report(FINDINGS, DOCUMENTS, FakeTerminal()))
    assert not ANSI.search(text_report(FINDINGS, DOCUMENTS, FakeTerminal(), color=False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(text_report(FINDINGS, DOCUMENTS, FakeTerminal()))
    assert ANSI.search(text_report(FINDINGS, DOCUMENTS, FakeTerminal(), color=True))  # the caller's word wins


def test_terminal_wraps_long_values_under_themselves(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    lines = text_report(FINDINGS, DOCUMENTS, FakeTerminal(), color=False).splitlines()
    assert max(len(line) for line in lines) <= 60
    lines = block("\n".join(lines), "corpus/paper.md:57:1:")
    start = next(i for i, line in enumerate(lines) if line.startswith("    claim:      South Korea"))
    cited = next(i for i, line in enumerate(lines) if line.startswith("    cited:"))
    continued = lines[start + 1 : cited]
    assert len(continued) >= 3  # ~200 characters in a 44-character column
    assert all(line.startswith(" " * 16) and line[16] != " " for line in continued)


def test_shorten_middle_leaves_short_text_on_one_line():
    assert shorten_middle("a short\n  claim") == "a short claim"


def test_shorten_middle_cuts_between_words():
    text = " ".join(f"word{i}" for i in range(100))
    short = shorten_middle(text, 60)
    assert len(short) <= 60
    head, tail = short.split(" … ")
    assert text.startswith(head) and text.endswith(tail)
    assert all(re.fullmatch(r"word\d+", w) for w in (head + " " + tail).split())
