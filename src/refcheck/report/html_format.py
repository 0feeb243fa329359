"""A self-contained HTML page (`--format html`): the draft with its citations marked, a panel per citation, filters.

Jinja2 renders it with autoescape on, so every text from a document or a
library is written as text; the stylesheet and the script are package files
inlined into the page, and a Content-Security-Policy allows those two by hash
and nothing else (no network, no other script). Without `sources` (the texts)
the page lists the findings alone.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from markupsafe import Markup

from refcheck.model import Finding, Severity
from refcheck.report.base import Reporter
from refcheck.report.html_view import SEVERITY_NAMES, build_views
from refcheck.report.sources import ReportSources

LIBRARY_RULES = {"unused": "RC401", "duplicates": "RC402"}
BAR_HEIGHT = 22
CHART_WIDTH = 500
LABEL_WIDTH = 215


@dataclass(frozen=True)
class Bar:
    code: str
    name: str
    severity: str
    count: int
    y: int
    width: float


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    status: str  # "ran", "crashed", "not selected"
    findings: int
    url: str | None


@dataclass(frozen=True)
class Health:
    files: tuple[str, ...]
    entries: int | None
    used: int | None
    unused: int | None
    duplicates: int | None


class HtmlReporter(Reporter):
    """The whole page at the end: summary, file switcher, findings lists, the texts and a detail panel."""

    name = "html"
    shows_sources = True

    def write(self, summary: Mapping[str, int]) -> None:
        findings = self.sorted_findings()
        sources: ReportSources | None = getattr(self, "sources", None)
        views = build_views(findings, self.documents, sources, self.rules)
        checks = self._checks(findings, sources)
        css, js = _asset("report.css"), _asset("report.js")
        page = _environment().get_template("report.html.j2").render(
            summary=dict(summary),
            total=sum(summary.values()),
            severities=SEVERITY_NAMES,
            views=views,
            documents=[v for v in views if v.kind == "document"],
            bars=_bars(findings),
            stack=_stack(summary),
            chart=dict(width=CHART_WIDTH, label=LABEL_WIDTH, bar=BAR_HEIGHT),
            health=self._health(findings, sources, checks),
            checks=checks,
            rule_options=_rule_options(findings),
            has_text=any(v.parts for v in views),
            unused_suppressions=self.unused_suppressions,
            css=Markup(css),
            js=Markup(js),
            csp=f"default-src 'none'; script-src '{_sha256(js)}'; style-src '{_sha256(css)}'; img-src data:; "
            "base-uri 'none'; form-action 'none'",
        )
        self.stream.write(page)

    def _checks(self, findings: list[Finding], sources: ReportSources | None) -> list[Check]:
        counts = Counter(f.code for f in findings)
        if sources and sources.checks:
            listed = [(c.code, c.name, c.status) for c in sources.checks]
        else:  # the rules that ran, as the caller described them; failing that, what the findings name
            names = {f.code: f.rule for f in findings} | {code: m.name for code, m in self.rules.items()}
            listed = [(code, names[code], "ran") for code in sorted(names)]
        return [
            Check(code, name, status, counts.get(code, 0), self.rules[code].url if code in self.rules else None)
            for code, name, status in listed
        ]

    def _health(self, findings: list[Finding], sources: ReportSources | None, checks: list[Check]) -> Health | None:
        ran = {c.code for c in checks if c.status == "ran"}
        counted = {
            what: sum(1 for f in findings if f.code == code) if code in ran else None
            for what, code in LIBRARY_RULES.items()
        }
        lib = sources.library if sources else None
        if lib is None and all(v is None for v in counted.values()):
            return None
        return Health(
            files=lib.files if lib else tuple(sorted({f.path for f in findings if f.code in LIBRARY_RULES.values()})),
            entries=lib.entries if lib else None,
            used=lib.used if lib else None,
            unused=lib.unused if lib else counted["unused"],
            duplicates=counted["duplicates"],
        )


def _bars(findings: list[Finding]) -> list[Bar]:
    """Counts by rule, worst severity first, then most frequent."""
    counts = Counter((f.code, f.rule, Severity(f.severity)) for f in findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[0][2].rank, -kv[1], kv[0][0]))
    top = max(counts.values(), default=1)
    room = CHART_WIDTH - LABEL_WIDTH - 40
    return [
        Bar(code, name, sev.value, n, i * BAR_HEIGHT, round(max(n / top * room, 2), 1))
        for i, ((code, name, sev), n) in enumerate(rows)
    ]


def _stack(summary: Mapping[str, int]) -> list[tuple[str, float, float]]:
    """The severities' shares of 100, side by side."""
    total = sum(summary.values())
    out, x = [], 0.0
    for sev in SEVERITY_NAMES:
        if total and summary.get(sev):
            w = round(summary[sev] / total * 100, 2)
            out.append((sev, round(x, 2), w))
            x += w
    return out


def _rule_options(findings: list[Finding]) -> list[tuple[str, str, int]]:
    counts = Counter((f.code, f.rule) for f in findings)
    return [(code, name, n) for (code, name), n in sorted(counts.items())]


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("refcheck.report").joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    # Imported here: only the HTML format needs Jinja2, and the other formats start faster without it.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("refcheck.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = _safe_url
    return env


def _safe_url(url: str | None) -> str | None:
    """Only web addresses become links: a library's `url = {javascript:...}` stays text."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


__all__ = ["HtmlReporter"]
