"""The page in a real headless Chromium: no console errors, sortable headers, expandable rows, no script injection.

Uses Debian's /usr/bin/chromium through Playwright's Python API; installs nothing, and is skipped (with the reason)
only where no browser or no Playwright is available.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page_of(ws, tmp_path, browser):
    # rank order (zeta, alpha, <script>…, mid) differs from name order and from macro-F1 ascending
    ws.add_run("zeta", flip=0.0)
    ws.add_run("alpha", flip=0.12)
    ws.add_run("<script>alert(1)</script>", flip=0.2)
    ws.add_run("mid", flip=0.35)
    ws.add_run("refused", record={"thresholds": {"irony": 0.5}})
    out = tmp_path / "board"
    ws.build(out_dir=out, resamples=200)
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / "index.html").as_uri())
    page.wait_for_load_state("load")
    yield page, problems, requests
    page.close()


def _models(page) -> list[str]:
    return page.eval_on_selector_all("table.lb tbody tr.row td:nth-child(2)",
                                     "cells => cells.map(c => c.getAttribute('data-v'))")


def test_page_loads_without_errors_or_network(page_of):
    page, problems, requests = page_of
    assert page.title() == "DQB leaderboard"
    assert page.evaluate("window.DQB_LEADERBOARD.schema_version") == "1.0"  # the embedded JSON parses
    assert page.evaluate("window.DQB_LEADERBOARD.boards[0].rows.length") == 4
    assert problems == []
    assert all(url.startswith("file://") for url in requests), requests


def test_clicking_headers_sorts_rows(page_of):
    page, problems, _ = page_of
    initial = _models(page)
    assert initial == ["zeta", "alpha", "<script>alert(1)</script>", "mid"]  # rank order
    page.click("table.lb thead th:has-text('Model')")
    assert _models(page) == sorted(initial, key=str.lower)
    page.click("table.lb thead th:has-text('Model')")
    assert _models(page) == sorted(initial, key=str.lower, reverse=True)
    page.click("table.lb thead th:has-text('Macro-F1') >> nth=0")
    macro = page.eval_on_selector_all("table.lb tbody tr.row td:nth-child(4)",
                                      "cells => cells.map(c => parseFloat(c.getAttribute('data-v')))")
    assert macro == sorted(macro) and _models(page)[0] == "mid"
    # each row keeps its own details right after it
    pairs_ok = page.eval_on_selector_all(
        "table.lb tbody tr.row",
        "rows => rows.every(r => r.nextElementSibling.classList.contains('details') && "
        "r.nextElementSibling.textContent.includes(r.cells[1].getAttribute('data-v')))")
    assert pairs_ok
    assert problems == []


def test_clicking_a_row_opens_and_closes_its_details(page_of):
    page, problems, _ = page_of
    row = page.locator("table.lb tbody tr.row").nth(1)
    details = page.locator("table.lb tbody tr.details").nth(1)
    assert not details.is_visible()
    row.click()
    assert details.is_visible() and row.get_attribute("aria-expanded") == "true"
    assert "dqb-train model=alpha" in details.inner_text() and "Reproduce" in details.inner_text()
    row.click()
    assert not details.is_visible()
    assert problems == []


def test_injected_markup_renders_as_text(page_of):
    page, problems, _ = page_of
    assert page.locator("table.lb tbody tr.row td:nth-child(2)", has_text="<script>alert(1)</script>").count() == 1
    assert page.evaluate("document.scripts.length") == 2  # data block and the page's script only
    assert not any(p.startswith("dialog") for p in problems)
