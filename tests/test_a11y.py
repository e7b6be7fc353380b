"""Every page of both demo builds, checked for accessibility in a real browser.

axe-core (from npm: ``package.json`` pins it, ``npm ci`` installs it into
``node_modules/``, no CDN) runs in Debian's headless Chromium on each page of the
private and the public build, in the light and the dark scheme, at a desktop width
(1280 px) and a phone width (390 px). A violation of impact serious or critical
fails, named by rule, page and the first elements it was found on. At the phone
width no page may scroll sideways, and whatever region does scroll sideways inside
a page must be reachable by keyboard and say what it holds.

The matrix is about 280 page loads, kept quick by one browser for the module, one
context and one reused tab per (build, scheme, width), and a local HTTP server per
build; each combination is audited once and its results shared by the tests.
Screenshots of Today (the private home page), Stats, People, the pool and one person page, in
both schemes and at both widths, are saved under the pytest temporary folder (the
path is printed with ``-s``).

Without axe-core (``npm ci`` not run) the tests are skipped, unless CI is set, where
that is a failure, as for Chromium.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import DEMO, REPO, chromium_path
from ruamel.yaml import YAML
from test_browser import LOCAL, TODAY, Quiet, write_pool
from test_browser import serve as serve_site

from abcnet.cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BUILDS = ("private", "public")
SCHEMES = ("light", "dark")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
#: Material's name for each scheme, as it sets it on <body data-md-color-scheme>.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
#: The theme-level fixes this harness checks; both mkdocs.yml files must load them.
A11Y_CSS = "assets/abc-a11y.css"
A11Y_JS = "assets/javascripts/abc-a11y.js"
#: The pages whose screenshots the issue asks for (private build only).
SHOTS = {
    "index.html": "today",
    "stats.html": "stats",
    "people/index.html": "people",
    "people/ada-okafor.html": "person",
    "people/pool.html": "pool",
}
FAILING_IMPACTS = ("serious", "critical")


def axe_path() -> Path:
    if AXE.is_file():
        return AXE
    if os.environ.get("CI"):
        pytest.fail(f"{AXE} is missing, and CI is set (run: npm ci --no-audit --no-fund)")
    pytest.skip("axe-core is not installed (run: npm ci --no-audit --no-fund)")


# What the browser measures on each page, after axe: the document's own sideways
# overflow, the elements that stick out past the viewport without a scrolling
# ancestor to hold them, and every region that scrolls sideways, with whether it
# can be reached by keyboard and has a name.
MEASURE = """() => {
  const vw = window.innerWidth;
  const scrolls = el => {
    const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
  };
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const all = [...document.body.querySelectorAll('*')];
  const visible = el => el.getClientRects().length > 0 &&
    el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: vw,
    wide: all.filter(el => visible(el) && el.getBoundingClientRect().right > vw + 1 && !clipped(el))
             .slice(0, 5).map(name),
    regions: all.filter(el => visible(el) && scrolls(el)).map(el => ({
      element: name(el),
      focusable: el.tabIndex >= 0,
      labelled: !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')),
      code: el.matches('pre > code'),
    })),
  };
}"""


@dataclass
class Audit:
    """What one (build, scheme, width) gave, page by page."""

    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    measures: dict[str, dict[str, Any]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build(tmp: Path, kind: str) -> Path:
    """The demo network's ``kind`` build, from a copy of the demo network; the private
    one with 60 LinkedIn connections in the pool besides, so that it has a pool page."""
    root = tmp / f"net-{kind}"
    shutil.copytree(DEMO, root)
    if kind == "private":
        write_pool(root, 60)
    out = tmp / kind
    args = ["-C", str(root), "site", "build", "--today", TODAY.isoformat(), "-o", str(out)]
    if kind == "public":
        args.append("--public")
    result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


def html_pages(root: Path) -> list[str]:
    """Every page of a build, as paths relative to it (the 404 page included)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


#: Where the test server offers axe-core beside the site (it is no part of the build).
#: Loaded by URL rather than pasted into each page, Chromium compiles it once and
#: keeps the code: about a third of a second less for every page.
AXE_URL = "__axe__/axe.min.js"


class WithAxe(Quiet):
    def translate_path(self, path: str) -> str:
        if path.split("?")[0] == "/" + AXE_URL:
            return str(axe_path())
        return super().translate_path(path)


def serve(root: Path) -> contextlib.AbstractContextManager[str]:
    """``root`` (and axe-core) over HTTP on a free local port, while the block runs."""
    return serve_site(root, WithAxe)


AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
              targets: v.nodes.map(n => n.target.join(' ')),
              summary: v.nodes[0].failureSummary}))"""


def run_audit(
    browser: Any,
    base: str,
    pages: list[str],
    scheme: str,
    width: str,
    shot: Callable[[str], Path | None],
) -> Audit:
    """Load each page in one tab of a fresh context, run axe and :data:`MEASURE` on it,
    and screenshot it where ``shot`` gives a path."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    audit = Audit()
    start = time.monotonic()
    try:
        for name in pages:
            tab.goto(base + name, wait_until="load")
            tab.add_script_tag(url=base + AXE_URL)
            audit.violations[name] = tab.evaluate(AXE_RUN)
            audit.measures[name] = tab.evaluate(MEASURE)
            path = shot(name)
            if path is not None:
                tab.screenshot(path=str(path), full_page=True)
    finally:
        context.close()
    audit.seconds = time.monotonic() - start
    audit.outside = [u for u in requests if not u.startswith(LOCAL)]
    return audit


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("a11y")
    return {kind: build(tmp, kind) for kind in BUILDS}


@pytest.fixture(scope="module")
def bases(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    with contextlib.ExitStack() as stack:
        yield {kind: stack.enter_context(serve(root)) for kind, root in sites.items()}


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Any:
    chromium_path()
    axe_path()  # skipped without axe-core before Chromium starts
    return request.getfixturevalue("chromium")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("a11y-shots")
    print(f"\nscreenshots: {folder}")
    return folder


#: The pages checked in every scheme at every width; every other page is checked in
#: the light scheme on a desktop and the dark one on a phone, which keeps the module
#: near a minute (ABC_A11Y_FULL=1 checks every page in all four).
KEY_PAGES = {
    "private": (*SHOTS, "strategies/help-first.html"),
    "public": ("index.html", "stats.html", "strategies/help-first.html"),
}
EVERY_PAGE = (("light", "desktop"), ("dark", "phone"))
AuditOf = Callable[[str, str, str], Audit]
COMBOS = [(kind, scheme, width) for kind in BUILDS for scheme in SCHEMES for width in WIDTHS]


def pages_for(kind: str, scheme: str, width: str, every: list[str]) -> list[str]:
    if (scheme, width) in EVERY_PAGE or os.environ.get("ABC_A11Y_FULL"):
        return every
    return [p for p in every if p in KEY_PAGES[kind]]


@pytest.fixture(scope="module")
def audits(browser: Any, sites: dict[str, Path], bases: dict[str, str], shots: Path) -> AuditOf:
    """Audit one (build, scheme, width) the first time a test asks for it."""
    done: dict[tuple[str, str, str], Audit] = {}

    def audit(kind: str, scheme: str, width: str) -> Audit:
        key = (kind, scheme, width)
        if key not in done:

            def shot(name: str) -> Path | None:
                if kind != "private" or name not in SHOTS:
                    return None
                return shots / f"{SHOTS[name]}-{width}-{scheme}.png"

            pages = pages_for(kind, scheme, width, html_pages(sites[kind]))
            done[key] = run_audit(browser, bases[kind], pages, scheme, width, shot)
            print(f"\naxe {kind} {scheme} {width}: {len(pages)} pages in {done[key].seconds:.1f} s")
        return done[key]

    return audit


def serious(audit: Audit) -> list[str]:
    """One line per serious or critical violation: page, rule, what it means, where."""
    lines = []
    for name, violations in audit.violations.items():
        for v in violations:
            if v["impact"] in FAILING_IMPACTS:
                where = ", ".join(v["targets"][:3])
                more = f" (+{len(v['targets']) - 3} more)" if len(v["targets"]) > 3 else ""
                lines.append(f"{name}: {v['id']} ({v['impact']}): {v['help']}: {where}{more}")
                lines.append("    " + " ".join(v["summary"].split()))
    return lines


@pytest.mark.parametrize(("kind", "scheme", "width"), COMBOS)
def test_axe_finds_nothing_serious(audits: AuditOf, kind: str, scheme: str, width: str) -> None:
    audit = audits(kind, scheme, width)
    assert audit.violations, "no page was audited"
    problems = serious(audit)
    assert problems == [], f"axe-core, {kind} build, {scheme}, {width}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("kind", "scheme", "width"), COMBOS)
def test_the_scheme_asked_for_is_the_one_shown(
    audits: AuditOf, kind: str, scheme: str, width: str
) -> None:
    """Material follows prefers-color-scheme through its palette's media queries; the
    dark audit means something only if the dark scheme really applied."""
    audit = audits(kind, scheme, width)
    shown = {name: m["scheme"] for name, m in audit.measures.items()}
    assert set(shown.values()) == {MATERIAL_SCHEME[scheme]}, shown
    assert audit.outside == [], "requests left the machine"


@pytest.mark.parametrize(("kind", "scheme"), [(k, s) for k in BUILDS for s in SCHEMES])
def test_nothing_scrolls_sideways_on_a_phone_but_labelled_regions(
    audits: AuditOf, kind: str, scheme: str
) -> None:
    """At 390 px the page itself never scrolls sideways; a region inside it that does
    (a wide table, a chart) can be reached by keyboard and says what it holds. A code
    block needs only the first: Material makes it focusable, its text is what it holds,
    and ARIA forbids a label on code."""
    audit = audits(kind, scheme, "phone")
    wide = {
        name: f"{m['scrollWidth']} px wide in {m['innerWidth']}: {', '.join(m['wide'])}"
        for name, m in audit.measures.items()
        if m["scrollWidth"] > m["innerWidth"]
    }
    assert wide == {}, "pages wider than the phone:\n" + "\n".join(
        f"{k}: {v}" for k, v in wide.items()
    )
    unmarked = [
        f"{name}: {r['element']}"
        + ("" if r["focusable"] else " (no tabindex)")
        + ("" if r["labelled"] else " (no aria-label)")
        for name, m in audit.measures.items()
        for r in m["regions"]
        if not (r["focusable"] and (r["labelled"] or r["code"]))
    ]
    assert unmarked == [], "sideways scrolling that is not marked:\n" + "\n".join(unmarked)


def test_screenshots_of_the_key_pages_in_both_schemes_at_both_widths(
    audits: AuditOf, shots: Path
) -> None:
    for scheme in SCHEMES:
        for width in WIDTHS:
            audits("private", scheme, width)
    expected = sorted(f"{p}-{w}-{s}.png" for p in SHOTS.values() for s in SCHEMES for w in WIDTHS)
    assert sorted(p.name for p in shots.glob("*.png")) == expected
    # a full-page PNG of a real page is tens of kilobytes; a blank one is a few hundred bytes
    small = [p.name for p in shots.glob("*.png") if p.stat().st_size < 10_000]
    assert small == []


@pytest.mark.parametrize("config", ["mkdocs.yml", "abc/data/mkdocs.yml"])
def test_both_mkdocs_files_load_the_a11y_fixes(config: str) -> None:
    doc = YAML(typ="safe").load((REPO / config).read_text(encoding="utf-8"))
    assert A11Y_CSS in doc.get("extra_css", [])
    if (REPO / "site" / A11Y_JS).is_file():
        assert A11Y_JS in doc.get("extra_javascript", [])
