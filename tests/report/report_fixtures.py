"""The fixed findings every report format is tested on, and golden-file comparison."""

# A plain module, not a conftest.py: tests/test_sample_corpus.py imports `conftest`
# by name, and a second conftest module would shadow the one it means.

from __future__ import annotations

import difflib
import json
import os
import textwrap
from pathlib import Path

import pytest

from refcheck.model import DocumentSummary, Finding, Severity

GOLDEN = Path(__file__).resolve().parent / "golden"
CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "spec" / "report-contract.md"
UPDATE = os.environ.get("REFCHECK_UPDATE_GOLDEN") == "1"

PARAGRAPH = (
    "South Korea and Japan have long competed for influence in Southeast Asia, and\n"
    "since the early 2000s that competition has moved from aid and infrastructure\n"
    "towards trade agreements, investment treaties and the promotion of national\n"
    "brands, a shift that Moisiu and Paasi describe as the geoeconomic turn and that\n"
    "later writers have traced in the cultural domain."
)

AUTHOR_MISSPELLED = Finding(
    rule="author-misspelled",
    code="RC102",
    severity=Severity.ERROR,
    path="corpus/paper.md",
    line=57,
    column=1,
    citation="6",
    entry="moisio2013geopolitical",
    message="footnote 6 spells the author 'Moisiu'; the library has 'Moisio'",
    suggestion="Moisio",
    context=PARAGRAPH,
    evidence=(
        "footnote 6: Moisiu, S. & Paasi, A. (2013). From geopolitical to geoeconomic? Geopolitics 18(2).",
        "library: author = {Moisio, Sami and Paasi, Anssi}",
    ),
    entry_summary="Moisio & Paasi (2013) From geopolitical to geoeconomic?",
    fingerprint="3f9a1c0e",
)

UNRELATED = Finding(
    rule="unrelated-citation",
    code="RC105",
    severity=Severity.WARNING,
    path="corpus/paper.md",
    line=88,
    column=42,
    citation="Kovács & Lee, 2020",
    entry="kovacs2020tariffs",
    message=(
        "the claim is about vaccine uptake in rural districts, but 'kovacs2020tariffs' is about "
        "tariff pass-through in Central European steel markets; 'mwangi2021vaccines' fits the claim"
    ),
    suggestion="mwangi2021vaccines",
    context="Vaccine uptake in rural districts lagged urban rates by a third (Kovács & Lee, 2020).",
    entry_summary="Kovács & Lee (2020) Tariff pass-through in Central European steel",
)

UNVERIFIABLE = Finding(
    rule="unverifiable-citation",
    code="RC109",
    severity=Severity.INFO,
    path="corpus/paper.md",
    line=12,
    column=60,
    citation="source",
    message="the citation '[source]' names no locatable source",
    context="Half of the region's exports now go to China [source].",
)

DUPLICATE_ENTRY = Finding(
    rule="duplicate-entry",
    code="RC402",
    severity=Severity.ERROR,
    path="bib/library.bib",
    line=120,
    column=1,
    entry="moisio2013from",
    message="'moisio2013from' and 'moisio2013geopolitical' are entries for the same work",
    suggestion="keep 'moisio2013geopolitical' and remove 'moisio2013from'",
    entry_summary="Moisio & Paasi (2013) From geopolitical to geoeconomic?",
)

UNCITED_CLAIM = Finding(
    rule="uncited-claim",
    code="RC301",
    severity=Severity.INFO,
    path="corpus/report.pdf",
    line=14,
    column=5,
    page=3,
    message="a statistic with no citation",
    context="In 2019 the port handled 14.2 million containers, 9% more than the year before.",
)

# Deliberately not in report order: reporters must sort.
FINDINGS = (UNCITED_CLAIM, DUPLICATE_ENTRY, AUTHOR_MISSPELLED, UNVERIFIABLE, UNRELATED)

DOCUMENTS = (
    DocumentSummary(path="corpus/paper.md", footnotes=9, citations=11, claims=41),
    DocumentSummary(path="corpus/report.pdf", footnotes=0, citations=3, claims=17),
    DocumentSummary(path="corpus/clean.md", footnotes=2, citations=2, claims=6),
)


def contract_example() -> dict:
    """The example report printed in the contract, parsed: the field names tests hold us to."""
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not here")
    text = CONTRACT.read_text(encoding="utf-8").split("## JSON report", 1)[1]
    block = text[text.index("\n    {") + 1 : text.index("\n    }") + 6]
    return json.loads(textwrap.dedent(block))


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/report/golden/<name>; REFCHECK_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", "actual"
            )
        )
        pytest.fail(f"output differs from golden/{name} (REFCHECK_UPDATE_GOLDEN=1 to accept):\n{diff}", pytrace=False)


# Rule metadata as the CLI passes it in, fixed here so that the goldens do not
# change when a rule's docstring does (the registry's own pages are tested in tests/checks).
def _meta(code: str, name: str, severity: Severity, summary: str, scope: str = "document"):
    from refcheck.report.base import RuleMeta

    page = f"# {code} `{name}`\n\n{summary}\n\n## Why\n\nBecause readers follow citations.\n"
    return RuleMeta(code, name, severity, summary, page, f"docs/rules/{name}.md", scope)


RULES = {
    m.code: m
    for m in (
        _meta("RC101", "unresolved-citation", Severity.ERROR, "A citation that matches no library entry."),
        _meta("RC102", "author-misspelled", Severity.ERROR, "A cited author's name differs from the entry's by a typo."),
        _meta("RC105", "unrelated-citation", Severity.WARNING, "The cited work does not fit the claim."),
        _meta("RC109", "unverifiable-citation", Severity.INFO, "A citation that names no locatable source."),
        _meta("RC301", "uncited-claim", Severity.INFO, "A check-worthy claim with no citation."),
        _meta("RC402", "duplicate-entry", Severity.ERROR, "Two library entries for the same work.", "library"),
    )
}


def _unused():
    from refcheck.suppress import UnusedSuppression

    return (UnusedSuppression("corpus/paper.md", 30, 1, ("RC103",), "no RC103 finding at the next citation (line 31)"),)


UNUSED = _unused()
