"""The demo site in a real browser: Debian's headless Chromium, driven by Playwright.

Playwright never downloads a browser here: it launches the system's ``chromium``. The
site is opened twice, served by a local HTTP server and straight from disk (file://),
and in both every request the page makes is recorded: none may leave the machine.
Without Chromium the tests are skipped, unless CI is set, where that is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import DEMO

from abcnet.cli import cli
from abcnet.core import stats
from abcnet.storage.network import load_network
from abcnet.web.pages import page_names

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TODAY = date(2026, 11, 25)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("http://127.0.0.1:", "http://localhost:", "file://", "data:", "blob:", "about:")


def chromium_path() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI is set (apt-get install chromium)")
    pytest.skip("chromium is not installed (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The private demo build: it has everything the public one has, and the people."""
    out = tmp_path_factory.mktemp("browser") / "site"
    args = ["-C", str(DEMO), "site", "build", "--today", TODAY.isoformat(), "-o", str(out)]
    result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path, handler_class: type[Quiet] = Quiet) -> Iterator[str]:
    """``root`` over HTTP on a free local port, while the block runs."""
    handler = functools.partial(handler_class, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    if request.param == "http":
        return str(request.getfixturevalue("server"))
    return site.as_uri() + "/"


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(10_000)
    requests: list[str] = []
    p.on("request", lambda r: requests.append(r.url))
    p.requests = requests
    try:
        yield p
    finally:
        p.screenshot(path=str(tmp_path / "last.png"), full_page=True)
        context.close()
    outside = [u for u in requests if not u.startswith(LOCAL)]
    assert outside == [], "requests left the machine"


def expected() -> stats.Stats:
    network, _ = load_network(DEMO, TODAY)
    return stats.compute(network.contacts, network.settings, TODAY)


def test_stats_page_shows_the_heatmap_and_the_numbers(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "stats.html")
    heat = page.locator("svg.abc-heatmap")
    heat.wait_for(state="visible")
    box = heat.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 60
    s = expected()
    # one square a day in the chart; the five shades of its legend in an SVG of their own
    assert heat.locator("rect").count() == len(s.heatmap)
    assert page.locator("svg.abc-heat-legend rect").count() == 5
    # each headline card links to its section: read them by where they lead, not by order
    cards = dict(
        page.locator("a.abc-card").evaluate_all(
            "cards => cards.map(a => [a.getAttribute('href'), a.querySelector('.abc-num').textContent])"
        )
    )
    assert cards["#coverage"] == str(s.coverage.share)
    assert cards["#overdue"] == str(s.overdue)
    assert page.locator("#burstiness").is_visible()
    page.screenshot(path=str(tmp_path / "stats.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(tmp_path / "stats-dark.png"))


def test_search_finds_a_strategy(page: Any, base: str) -> None:
    page.goto(base + "index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("defensively", delay=20)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(state="visible")
    hrefs = page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any("strategies/dont-network-defensively.html" in h for h in hrefs)


def test_person_pages_open_in_the_private_build(page: Any, base: str) -> None:
    network, _ = load_network(DEMO, TODAY)
    names = page_names(network.contacts)
    page.goto(base + "people/index.html")
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(network.contacts)
    page.locator(f'article a[href="{names["ada-okafor"]}.html"]').click()
    page.wait_for_url("**/people/ada-okafor.html")
    assert page.locator("article h1").inner_text().startswith("Ada Okafor")
    assert page.title() == "Ada Okafor - Always Be Connecting"
    # The sidebar has one People entry and no person in it.
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert "People" in nav
    assert "Ada Okafor" not in nav


def test_today_names_the_plans_people_with_their_links_and_log_lines(page: Any, base: str) -> None:
    from abcnet.core.plan import plan
    from abcnet.web.actions import log_line

    network, _ = load_network(DEMO, TODAY)
    first = plan(network.contacts, network.settings, TODAY, days=30).days[0]
    page.goto(base + "index.html")
    cards = page.locator(".abc-today-card")
    assert cards.count() == len(first.entries) == 2
    for card, entry in zip(cards.all(), first.entries, strict=True):
        c = entry.contact
        assert card.locator("h3 a").first.inner_text() == c.name
        assert card.locator(f'a[href="mailto:{c.emails[0]}"]').count() == 1
        assert card.locator("pre code").inner_text().strip() == log_line(c)


def test_the_people_index_sorts_on_a_click_and_filters_as_you_type(page: Any, base: str) -> None:
    network, _ = load_network(DEMO, TODAY)
    kept = sorted((c for c in network.contacts if not c.in_pool), key=lambda c: c.name.casefold())
    page.goto(base + "people/index.html")
    rows = page.locator("#abc-people tbody tr")
    # Without a click: most overdue first, so the first rows are the overdue ones.
    assert rows.first.get_attribute("data-status") == "overdue"
    page.locator('#abc-people th[data-sort="name"] button').click()
    header = page.locator('#abc-people th[data-sort="name"]')
    assert header.get_attribute("aria-sort") == "ascending"
    shown = rows.evaluate_all("rows => rows.map(r => r.getAttribute('data-name'))")
    assert shown == sorted(shown, key=str.casefold) and len(shown) == len(kept)
    page.locator('#abc-people th[data-sort="name"] button').press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    page.select_option("#abc-f-status", "overdue")
    visible = page.locator("#abc-people tbody tr:visible")
    assert visible.count() == 5
    assert all(r.get_attribute("data-status") == "overdue" for r in visible.all())
    assert page.locator("#abc-people-count").inner_text() == f"Showing 5 of {len(kept)} people."
    page.select_option("#abc-f-status", "")
    page.fill("#abc-f-q", "kwame")
    assert page.locator("#abc-people tbody tr:visible").count() == 1


def test_the_heatmap_opens_on_the_latest_weeks_on_a_phone(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        p = context.new_page()
        p.goto(base + "stats.html")
        region = p.locator(".abc-scroll:has(svg.abc-heatmap)")
        box = region.bounding_box()
        assert box is not None and box["width"] <= 390
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
        # The latest day's square is in view without scrolling; the legend is outside.
        last = region.locator("svg.abc-heatmap rect").last.bounding_box()
        assert last is not None and box["x"] <= last["x"] <= box["x"] + box["width"]
        assert p.locator("svg.abc-heat-legend").is_visible()
    finally:
        context.close()
