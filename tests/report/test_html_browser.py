"""The HTML report in a real browser: Debian's chromium driven by Playwright (never `playwright install`).

`make test` installs chromium first (tools/ensure_chromium.sh); without it these
tests fail in CI and are skipped elsewhere with the command that installs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT as REPO

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = "no /usr/bin/chromium: run tools/ensure_chromium.sh (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def audit(*args: str, cwd: Path = REPO) -> None:
    done = subprocess.run([sys.executable, "-m", "refcheck", "audit", *args, "--fail-on", "never", "--no-progress"],
                          cwd=cwd, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr


def watched(browser):
    """A page that records every dialog, console message and script error."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: events.append(f"error: {e}"))
    return page, events


def test_sample_paper_report_selects_footnote_6_and_filters_to_unrelated_citations(browser, tmp_path):
    html, report = tmp_path / "report.html", tmp_path / "report.json"
    audit("corpus/002_d244ba052e56942e.txt", "--bib", "bib/", "--format", f"html:{html}", "--format", f"json:{report}")
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    page, events = watched(browser)
    page.goto(html.as_uri())

    page.click('.view.active .mark[data-kind="footnote"][data-label="6"]')
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert "Moisio" in panel.inner_text()
    assert "footnote 6" in panel.locator("h2").first.inner_text()

    page.select_option("#rule-filter", "RC105")
    unrelated = {(f["line"], f["column"]) for f in findings if f["rule"] == "unrelated-citation" and f["citation"]}
    assert unrelated, "the sample paper has unrelated citations"
    assert page.locator(".view.active .mark.hit").count() == len(unrelated)
    shown = page.locator(".view.active .findings li.finding:visible").count()
    assert shown == sum(1 for f in findings if f["rule"] == "unrelated-citation")

    page.keyboard.press("n")  # the first unrelated citation, selected and scrolled to
    assert page.locator(".view.active .anchor.selected").count() == 1
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert not [e for e in events if "error" in e or "dialog" in e], events


def test_hostile_document_and_library_run_no_script_and_show_literally(browser, tmp_path):
    (tmp_path / "paper.md").write_text(
        f"# Notes {HOSTILE[0]}\n\nTariffs fell after 2001 (Smith & Jones, 2019). {HOSTILE[1]} was written here.\n\n"
        f"Exports doubled (Brown, 2017).\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(
        "@article{smith2019,\n  author = {Smith, Ann and Jones, Bo},\n"
        f"  title = {{Tariffs {HOSTILE[0]} {HOSTILE[1]}}},\n  journal = {{Trade}},\n  year = {{2018}},\n"
        "  url = {javascript:alert(1)}\n}\n",
        encoding="utf-8",
    )
    html = tmp_path / "report.html"
    audit("paper.md", "--bib", "refs.bib", "--blank-pipeline", "--format", f"html:{html}", cwd=tmp_path)
    page, events = watched(browser)
    page.goto(html.as_uri())
    page.click('.view.active .mark[data-label="Smith & Jones, 2019"]')
    page.locator("#panel").wait_for(state="visible")
    text = page.locator("body").inner_text()
    assert HOSTILE[0] in text and HOSTILE[1] in text
    assert "Tariffs " + HOSTILE[0] in page.locator("#panel").inner_text()  # the entry's title, as text
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1

    for link in page.locator("a[href]").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.wait_for_timeout(300)
    assert not [e for e in events if e.startswith(("dialog", "error"))], events
