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
LOCAL = ("http://127.0.0.1:", "http://localhost:", "file://", "data:", "blob:", "about:")


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
def browser(chromium: Any) -> Any:
    return chromium


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    if request.param == "http":
        return str(request.getfixturevalue("server"))
    return site.as_uri() + "/"


#: A desktop and a phone (the width the review found the site's problems at).
DESKTOP = (1280, 900)
PHONE = (390, 844)
SIZES = pytest.mark.parametrize("page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])


@pytest.fixture
def page(browser: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A tab at desktop width, or at the width a test parametrizes ``page`` with."""
    width, height = getattr(request, "param", DESKTOP)
    context = browser.new_context(viewport={"width": width, "height": height})
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
    from abcnet.formats.report import met_words, work_words
    from abcnet.web.actions import log_line

    network, _ = load_network(DEMO, TODAY)
    first = plan(network.contacts, network.settings, TODAY, days=30).days[0]
    page.goto(base + "index.html")
    cards = page.locator(".abc-today-card")
    assert cards.count() == len(first.entries) == 2
    for card, entry in zip(cards.all(), first.entries, strict=True):
        c = entry.contact
        assert card.locator("h2 a").first.inner_text() == c.name
        assert card.locator(f'a[href="mailto:{c.emails[0]}"]').count() == 1
        assert card.locator("pre code").inner_text().strip() == log_line(c)
        # What `abc today` says in the terminal is on the card too: their work, how you
        # met, and the last touch's note, the best hook for the message.
        text = " ".join(card.inner_text().split())
        work, met = work_words(c), met_words(c)
        assert work and met and entry.last and entry.last.note
        assert work in text and f"Met: {met}" in text and f"“{entry.last.note}”" in text


#: Every control a thumb taps, with its size: visible ones only (a hidden filter row,
#: a folded list's content, Material's own header icons aside).
TARGETS = """sel => [...document.querySelectorAll(sel)]
  .filter(el => el.checkVisibility())
  .map(el => { const r = el.getBoundingClientRect();
               return [el.textContent.trim().slice(0, 30) || el.tagName, r.width, r.height]; })"""


def small_targets(page: Any, selector: str) -> list[Any]:
    found = page.evaluate(TARGETS, selector)
    assert found, f"nothing matches {selector}"
    return [t for t in found if t[1] < 44 or t[2] < 44]


def test_todays_buttons_and_the_people_controls_are_big_enough_for_a_thumb(
    browser: Any, base: str
) -> None:
    """44 by 44 CSS px at 390 px: the reach buttons and the copy buttons of Today's
    cards; the sort buttons, the filter's fields and the names on People."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, has_touch=True)
    try:
        p = context.new_page()
        p.goto(base + "index.html")
        p.locator(".abc-today-card .md-code__button").first.wait_for(state="visible")
        assert small_targets(p, ".abc-today-card .abc-reach a") == []
        assert small_targets(p, ".abc-today-card .md-code__button") == []  # copy
        p.goto(base + "people/index.html")
        p.locator("#abc-people-filter").wait_for(state="visible")
        assert small_targets(p, "#abc-people .abc-sort") == []
        assert small_targets(p, "#abc-people-filter :is(input, select)") == []
        assert small_targets(p, "#abc-people tbody th > a") == []
        # A person is a few short lines on a phone, not a card of seven rows.
        rows = p.locator("#abc-people tbody tr").evaluate_all(
            "rows => rows.map(r => r.getBoundingClientRect().height)"
        )
        assert max(rows) < 150, max(rows)  # seven label rows, about 230 px, before
    finally:
        context.close()


@SIZES
def test_the_people_index_sorts_on_a_click_and_filters_as_you_type(page: Any, base: str) -> None:
    # On a phone each row is a block of its own, which once beat the rows' hidden
    # attribute: the count said 5 and all 40 stayed on the screen.
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
    assert page.locator("#abc-people-count").inner_text() == f"Showing 5 of {len(kept)} kept."
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


def test_a_chart_that_fits_starts_at_the_left_like_the_others(page: Any, base: str) -> None:
    """On a desktop the heatmap fits: its scrolling box (right to left, for a phone) is
    as wide as the chart and starts where the heading does, not at the line's right end."""
    page.goto(base + "stats.html")
    region = page.locator(".abc-scroll:has(svg.abc-heatmap)").bounding_box()
    chart = page.locator("svg.abc-heatmap").bounding_box()
    heading = page.locator("h2#heatmap").bounding_box()
    assert region is not None and chart is not None and heading is not None
    assert (round(region["x"]), round(region["width"])) == (
        round(heading["x"]),
        round(chart["width"]),
    )


POOL_FIRST_NAMES = ("Amara", "Bilal", "Chiara", "Dmitri", "Elena", "Farah", "Hugo", "Ines")
POOL_LAST_NAMES = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Ferreira", "Novak", "Quist")


def write_pool(root: Path, n: int) -> None:
    """``n`` fictional LinkedIn connections in the pool, as an import leaves them: a
    name, work and when you connected; one in twelve with an email address."""
    for i in range(n):
        first = POOL_FIRST_NAMES[i % len(POOL_FIRST_NAMES)]
        last = POOL_LAST_NAMES[i // len(POOL_FIRST_NAMES) % len(POOL_LAST_NAMES)]
        email = f"email: {first.lower()}.{i}@example.org\n" if i % 12 == 0 else ""
        (root / "contacts" / f"pool-{i:04d}.yaml").write_text(
            f"name: {first} {last} {i}\ncircle: pool\norg: Contoso\nrole: Engineer\n{email}"
            f"met:\n  date: {2012 + i % 15}-03-03\n  how: Connected on LinkedIn\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def pool_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with 1,500 LinkedIn connections in the pool, built privately."""
    tmp = tmp_path_factory.mktemp("pool")
    root = tmp / "net"
    shutil.copytree(DEMO, root)
    write_pool(root, 1500)
    out = tmp / "site"
    args = ["-C", str(root), "site", "build", "--today", TODAY.isoformat(), "-o", str(out)]
    result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
def test_the_pool_has_a_page_of_its_own_short_on_a_phone(page: Any, pool_site: Path) -> None:
    """With 1,500 imported, People counts the pool in one line and links to it; the
    pool's page lists the most promising first, with why, the rest folded by letter,
    and stays a few screens tall on a phone (it was 191,000 px on People)."""
    page.goto((pool_site / "index.html").as_uri())
    nudge = page.locator('article p:has(a[href="people/pool.html"])')
    assert " ".join(nudge.inner_text().split()) == (
        "1,500 people wait in the pool, never planned: abc triage goes through them, the most "
        "promising first."
    )
    page.goto((pool_site / "people" / "index.html").as_uri())
    head = " ".join(page.locator("article p").first.inner_text().split())
    assert head.startswith("40 kept · 1,500 in the pool.")
    people_height = page.evaluate("document.documentElement.scrollHeight")
    page.locator('article a[href="pool.html"]').click()
    page.wait_for_url("**/people/pool.html")
    height = page.evaluate("document.documentElement.scrollHeight")
    # About 2,800 px and 5,500 px at 390 px; People was 191,000 px with the pool on it.
    assert height < 4000 and people_height < 6000, (height, people_height)
    # The first has an email (and was connected most recently of those, then by name),
    # as `abc triage` would ask them first.
    first = page.locator("ol.abc-pool > li").first
    assert " ".join(first.inner_text().split()) == (
        "Amara Ferreira 1152 Engineer at Contoso has an email"
    )
    groups = page.locator("details.abc-pool-group")
    assert groups.count() == len({n[0] for n in POOL_FIRST_NAMES})
    assert page.locator("details.abc-pool-group li:visible").count() == 0
    summary = groups.first.locator("summary")
    box = summary.bounding_box()
    assert box is not None and box["height"] >= 44
    summary.click()
    assert groups.first.locator("li:visible").count() > 100
    summary.click()
    # Find reaches into the folded letters: it opens the one that holds the match.
    page.fill("#abc-pool-q", "novak 1499")
    shown = page.locator(".abc-pool > li:visible")
    assert shown.count() == 1 and shown.first.inner_text().startswith("Dmitri Novak 1499")
    assert page.locator("#abc-pool-count").inner_text() == "1 of 1,500 in the pool match."
    assert page.locator("details.abc-pool-group:visible").count() == 1
    page.fill("#abc-pool-q", "")
    assert page.locator("details.abc-pool-group[open]").count() == 0
    assert page.locator("ol.abc-pool > li:visible").count() == 30


def test_the_coachs_table_of_a_dozen_clients_fits_a_desktop(browser: Any, tmp_path: Path) -> None:
    """Twelve clients' every figure and day, their addresses as GitHub Pages give them:
    every column in view at 1280 px (the headings wrap), and a phone scrolls the table."""
    from abcnet.formats.shared import Shared
    from abcnet.web.coach import page as coach_page

    ada = Shared(TODAY, (150, 499), 84, 71, 12.5, 100, 64, 31, 58, 12)
    clients = [(f"client-{i:02d}.github.io/network", ada) for i in range(12)]
    (tmp_path / "index.html").write_text(coach_page(clients, [], TODAY), encoding="utf-8")
    for width, fits in ((1280, True), (390, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            p = context.new_page()
            p.goto((tmp_path / "index.html").as_uri())
            inner, outer = p.evaluate(
                "(() => { const s = document.querySelector('.scroll');"
                " return [s.scrollWidth, s.clientWidth]; })()"
            )
            assert (inner <= outer) == fits, (width, inner, outer)
        finally:
            context.close()
