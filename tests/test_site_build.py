"""The site, built for real with MkDocs from the demo network: private data stays out of
the public build, the private build has the people, contact text is escaped, and the
same data and day give the same bytes."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner, Result
from conftest import DEMO

from abcnet.cli import cli
from abcnet.core.model import Contact
from abcnet.formats.shared import from_json
from abcnet.storage.network import load_network
from abcnet.web.pages import esc, page_name, page_names

pytestmark = pytest.mark.slow  # MkDocs builds: left out of the fast loop

TODAY = "2026-11-25"


def build(root: Path, out: Path, *extra: str) -> Result:
    args = ["-C", str(root), "site", "build", "--today", TODAY, "-o", str(out), *extra]
    result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


@pytest.fixture(scope="module")
def demo() -> tuple[Contact, ...]:
    network, _ = load_network(DEMO, date.fromisoformat(TODAY))
    assert len(network.contacts) == 40
    return network.contacts


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "site"
    build(DEMO, out, "--public")
    return out


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("private") / "site"
    build(DEMO, out)
    return out


def every_file(site: Path) -> dict[str, str]:
    """The text of every file in the site, sitemap.xml.gz decompressed."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            texts[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def spellings(value: str) -> set[str]:
    """A value as it could appear in HTML, JSON, markdown output or a URL."""
    return {
        value,
        html.escape(value),
        html.escape(value).replace("&#x27;", "&#39;"),
        json.dumps(value)[1:-1],
        json.dumps(html.escape(value))[1:-1],
        esc(value),
    }


def personal(contacts: tuple[Contact, ...]) -> dict[str, set[str]]:
    """Every name, email and phone in the network, with the ways each may be written."""
    found: dict[str, set[str]] = {}
    for c in contacts:
        for value in (c.name, *c.emails, *c.phones):
            found[value] = spellings(value)
        for phone in c.phones:
            found[phone].add(re.sub(r"\D", "", phone))
    return found


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public build of the demo with ``public_stats: true``."""
    root = tmp_path_factory.mktemp("shared") / "net"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".abc-cache", "build"))
    with (root / "abc.yaml").open("a", encoding="utf-8") as f:
        f.write("public_stats: true\n")
    out = root.parent / "site"
    build(root, out, "--public")
    return out


def leaks(files: dict[str, str], contacts: tuple[Contact, ...]) -> list[tuple[str, str]]:
    """Where any contact's name, email or phone shows up, in any of its spellings."""
    found = personal(contacts)
    return [
        (value, name)
        for value, forms in found.items()
        for name, text in files.items()
        if any(form in text for form in forms)
    ]


@pytest.mark.parametrize("which", ["public_site", "shared_site"])
def test_public_build_has_no_personal_data(which, request, demo):
    site = request.getfixturevalue(which)
    files = every_file(site)
    for must in (
        "index.html",
        "stats.html",
        "search/search_index.json",
        "search/search_index.js",
        "sitemap.xml",
        "sitemap.xml.gz",
    ):
        assert must in files
    assert "abc.ics" not in files  # the calendar names people
    assert "about-abc.html" not in files  # the essay is the home page here
    assert not any(name.startswith("people/") for name in files)
    # Every page and data file: the HTML, the search index, the sitemap, the assets.
    assert leaks(files, demo) == []
    slugs = page_names(demo).values()
    assert not [s for s in slugs if any(f"{s}.html" in text for text in files.values())]
    stats = files["stats.html"].split("<article")[1].split("</article>")[0]
    for private in ("abc-heatmap", "<svg", "Week by week", "overdue by", "Your stats"):
        assert private not in stats
    assert not re.search(r"\b20\d\d\b", re.sub(r"<[^>]+>", " ", stats))  # no year, so no date


def test_public_stats_decide_the_stats_entry_and_the_figures(public_site, shared_site):
    bare, shared = every_file(public_site), every_file(shared_site)
    # Without public_stats the page only says what each number means, and the
    # navigation has no Stats entry; the strategy pages still find its sections.
    assert "This site does not publish its owner" in bare["stats.html"]
    assert not re.search(r"\d+%", bare["stats.html"].split("<article")[1])
    assert 'href="stats.html"' not in bare["index.html"]
    assert 'href="../stats.html#give-vs-ask"' in bare["strategies/help-first.html"]
    assert "Aggregate figures only" in shared["stats.html"]
    assert "The owner keeps up with <strong>10 to 49</strong> people." in shared["stats.html"]
    assert 'href="stats.html"' in shared["index.html"]
    # stats.json, for a coach, only when the owner shares figures.
    assert "stats.json" not in bare
    figures = from_json(shared["stats.json"].encode())
    assert (figures.as_of, figures.size) == (date(2026, 11, 25), (10, 49))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        self.urls += [str(a[k]) for k in ("href", "src") if a.get(k)]


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Every link or source from an HTML page to a file of the site (or an anchor of
    a page) that the build does not have."""
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        p = Links()
        p.feed(path.read_text(encoding="utf-8"))
        parsed[path] = p
    broken = []
    for path, p in parsed.items():
        for url in p.urls:
            u = urlsplit(url)
            if u.scheme or url.startswith("//"):
                continue
            where = unquote(u.path)
            target = (site / where.lstrip("/")) if where.startswith("/") else path.parent / where
            target = target.resolve() if where else path
            fragment_missing = (
                u.fragment and target in parsed and unquote(u.fragment) not in parsed[target].ids
            )
            if not target.is_file() or fragment_missing:
                broken.append((path.relative_to(site).as_posix(), url))
    return broken


@pytest.mark.parametrize("which", ["public_site", "shared_site", "private_site"])
def test_every_internal_link_resolves(which, request):
    site = request.getfixturevalue(which)
    assert broken_links(site) == []


def test_the_link_check_sees_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#x">b</a><a href="c.html">c</a><p id="y">', encoding="utf-8"
    )
    (tmp_path / "b.html").write_text('<p id="z">', encoding="utf-8")
    assert broken_links(tmp_path) == [("a.html", "b.html#x"), ("a.html", "c.html")]


def test_the_search_above_finds_what_is_there(private_site, demo):
    # The same search, on the private build, finds every name: so it can see a leak.
    files = every_file(private_site)
    for c in demo:
        assert any(
            form in files[f"people/{page_names(demo)[c.slug]}.html"] for form in spellings(c.name)
        )
    assert any(any(f in files["abc.ics"] for f in spellings(c.name)) for c in demo)


def test_search_shows_a_person_as_a_sentence_and_leaves_out_the_daily_pages(private_site):
    index = json.loads((private_site / "search" / "search_index.json").read_text("utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    # Today changes every day and People is everyone at once: neither is a useful result.
    assert not [k for k in docs if k.split("#")[0] in ("index.html", "people/index.html")]
    # A person's first result is the summary line, not the facts run together.
    assert docs["people/kwame-asante.html"]["text"] == (
        "<p>Engineering Manager, Data Platform at Adventure Works · core, every 90 days · "
        "overdue by 40 days</p>"
    )
    assert "workEngineering" not in json.dumps(index)


def test_private_build_has_people_pages_out_of_the_navigation(private_site, demo):
    files = every_file(private_site)
    names = page_names(demo)
    assert {f"people/{n}.html" for n in names.values()} | {"people/index.html"} <= set(files)
    assert files["abc.ics"].startswith("BEGIN:VCALENDAR")
    # The site's calendar says when it stops, like the one `abc calendar` writes.
    assert (
        "SUMMARY:abc: if this is today\\, your calendar stopped updating (last built\r\n"
        "  2026-11-25)\r\n"
    ) in files["abc.ics"]
    index = files["people/index.html"]
    assert all(f'href="{n}.html"' in index for n in names.values())
    # The sidebar has one People entry, and no page outside people/ names anyone
    # but Today (the plan's people) and the stats page (the overdue people).
    assert 'href="people/index.html"' in files["stats.html"]
    named = {"index.html", "stats.html"}
    outside = {
        k: v
        for k, v in files.items()
        if k.endswith(".html") and not k.startswith("people/") and k not in named
    }
    for c in demo:
        assert not [k for k, v in outside.items() if c.name in v or html.escape(c.name) in v]
    ada = files[f"people/{names['ada-okafor']}.html"]
    assert "<title>Ada Okafor - Always Be Connecting</title>" in ada
    assert "Spoke on her panel at the Northwind data day" in ada


def test_the_private_build_opens_on_today(private_site, demo):
    from abcnet.core.plan import plan
    from abcnet.storage.network import load_network as load

    network, _ = load(DEMO, date.fromisoformat(TODAY))
    today = plan(network.contacts, network.settings, date.fromisoformat(TODAY), days=30).days[0]
    files = every_file(private_site)
    home = files["index.html"]
    assert "<title>Today - Always Be Connecting</title>" in home
    names = page_names(demo)
    for e in today.entries:
        assert (
            f'href="people/{names[e.contact.slug]}.html">{html.escape(e.contact.name)}</a>' in home
        )
        assert f"mailto:{e.contact.emails[0]}" in home
    assert home.count("<pre") == len(today.entries)  # each abc log line, copyable
    # Today · People · Stats · Guide: the essay is still there, first in the Guide,
    # and every page of the configured navigation is under it.
    assert "Most people take their professional network seriously" in files["about-abc.html"]
    nav = re.findall(r'<a href="([^"#]+)" class="md-nav__link', home)
    assert nav[:4] == ["index.html", "people/index.html", "stats.html", "about-abc.html"]
    assert {"getting-started.html", "calendar.html", "reference/contact-format.html"} <= set(nav)
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', home)
    assert labels[labels.index("Stats") + 1] == "Guide"
    # No table-of-contents column on Today (it would repeat the cards' names), People,
    # a person's page or Stats; a strategy keeps its own.
    sidebar = '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" '
    for page in ("index.html", "people/index.html", f"people/{names['ada-okafor']}.html"):
        assert sidebar + 'data-md-type="toc" hidden>' in files[page], page
    assert sidebar + 'data-md-type="toc" >' in files["strategies/help-first.html"]


def test_site_build_says_where_the_site_is(tmp_path):
    out = tmp_path / "site"
    result = build(DEMO, out, "--public")
    assert result.stdout == f"{out.resolve() / 'index.html'}\n"
    assert result.stderr == "public build: strategies only, no personal data\n"
    private = build(DEMO, tmp_path / "private")
    assert private.stderr == "private build: it names your contacts; do not publish it\n"


def test_pages_ask_nothing_of_the_network(public_site):
    for name, text in every_file(public_site).items():
        if not name.endswith(".html"):
            continue
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            for url in re.findall(r'(?:src|href)="([^"]*)"', tag):
                assert not re.match(r"(?:https?:)?//", url), (name, tag)
    assert "fonts.googleapis" not in every_file(public_site)["index.html"]


def test_same_data_and_day_give_the_same_bytes(public_site, tmp_path):
    again = tmp_path / "again"
    build(DEMO, again, "--public")

    def raw(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
        }

    assert raw(again) == raw(public_site)  # sitemap.xml.gz too: its header holds a date


def test_plain_mkdocs_build_works(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "ABC_SITE_PUBLIC": "1", "ABC_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(DEMO / "mkdocs.yml"), "-d", str(tmp_path / "s")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "stats.html").is_file()
    assert not (tmp_path / "s" / "people").exists()


def copy_site(root: Path) -> None:
    shutil.copy(DEMO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(DEMO / "site", root / "site")


def test_contact_text_is_escaped_in_the_built_site(net, tmp_path):
    copy_site(net.root)
    net.write(
        "evil",
        """
        name: "</title><script>alert(1)</script>"
        org: "**bold** [x](javascript:alert(2))"
        notes: |
          <img src=x onerror=alert(3)>
        touches:
          - date: 2026-11-01
            note: "| a | b | <iframe src=javascript:alert(4)></iframe>"
        """,
    )
    net.write("broken", "name: [unclosed\n")
    out = tmp_path / "out"
    result = build(net.root, out)
    assert "abc: 1 file has problems (run abc check); they were left out\n" in result.stderr
    page = (out / "people" / "evil.html").read_text(encoding="utf-8")
    for bad in ("<script>alert", "<strong>bold", 'href="javascript', "<img src=x", "<iframe"):
        assert bad not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Always" in page
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in page  # the heading
    for path in out.rglob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path


def test_page_addresses_titles_and_the_pool_in_the_built_site(net, tmp_path):
    copy_site(net.root)
    net.write("ana-lima", "name: Ana 🌻 Lima\ncircle: core\n")
    net.write("b-bo-b", 'name: "<b>Bo</b>"\n')
    net.write("søren-brown", "name: Søren Brown\n")
    net.write("soren-brown", "name: Soren Brown\n")
    net.write(
        "aisha",
        "name: Aisha Karim\ncircle: pool\nmet:\n  date: 2012-03-03\n  how: Connected on LinkedIn\n",
    )
    out = tmp_path / "out"
    build(net.root, out)
    assert sorted(p.name for p in (out / "people").iterdir()) == [
        "ana-lima.html",
        "b-bo-b.html",
        "index.html",
        "pool.html",
        "soren-brown.html",
        "soren-brown_b935a1ff.html",
    ]
    assert page_name("søren-brown") == "soren-brown_b935a1ff"

    def title(page: str) -> str:
        text = (out / "people" / page).read_text(encoding="utf-8")
        return re.findall(r"<title>(.*?)</title>", text)[0]

    assert title("ana-lima.html") == "Ana 🌻 Lima - Always Be Connecting"
    assert title("b-bo-b.html") == "&lt;b&gt;Bo&lt;/b&gt; - Always Be Connecting"
    assert title("soren-brown_b935a1ff.html") == "Søren Brown - Always Be Connecting"
    index = (out / "people" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"#]+\.html)"', index.split("</table>")[0])[-4:] == [
        "b-bo-b.html",  # by name: "<b>Bo</b>", "Ana 🌻 Lima", "Soren Brown", "Søren Brown"
        "ana-lima.html",
        "soren-brown.html",
        "soren-brown_b935a1ff.html",
    ]
    # The pool is a count on the index, linking to its page; no page of their own.
    assert '<a href="pool.html">1 in the pool</a>' in index and "Aisha Karim" not in index
    pool = (out / "people" / "pool.html").read_text(encoding="utf-8")
    assert "<strong>Aisha Karim</strong>" in pool and "aisha.html" not in pool


def test_abc_stats(net):
    net.write(
        "ada",
        """
        name: Ada
        circle: inner
        touches:
          - date: 2026-11-24
            kind: give
          - date: 2026-11-24
            kind: ask
        """,
    )
    net.write("bob", "name: Bob\n")
    result = net.run("stats")
    assert result.exit_code == 0
    assert result.stdout == dedent(
        """\
        Stats on 2026-11-25
          people           2 (inner 1, core 0, wide 1); 0 archived, 0 snoozed
          coverage         50% (1 of 2 within cadence)
          overdue          0
          never contacted  1
          due in 7 days    0
          streak           1 day doing what the plan asked (longest 1 day)
          last 365 days    2 touches out, 0 in; 1 gives, 1 asks, 0 catch-ups
          one step ahead   100% on time (1 of 1)
          burstiness       busiest 30 days held 100% of the year's touches; no silence followed by a burst
          drifting         nobody
          one-sided        nobody
        """
    )
    data = json.loads(net.run("stats", "--json").stdout)
    assert data["coverage"] == {"within": 1, "people": 2, "share": 0.5}
    assert data["never_contacted"] == 1


def test_site_build_needs_mkdocs_yml(net):
    result = net.run("site", "build")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"abc: no mkdocs.yml in {net.root}")


def test_files_with_problems_are_left_out_of_the_site(net, tmp_path):
    copy_site(net.root)
    net.write("kept", "name: Kept Person\n")
    net.write("typo", "name: Typo Person\nemail: not-an-email\n")  # readable, but has an error
    out = tmp_path / "out"
    result = build(net.root, out)
    assert "abc: 1 file has problems (run abc check); they were left out\n" in result.stderr
    assert (out / "people" / "kept.html").exists()
    assert not (out / "people" / "typo.html").exists()
    assert not any("Typo Person" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_the_private_navigation_is_today_people_stats_then_the_guide():
    import doctest

    from abcnet.web.mkdocs import hook

    assert doctest.testmod(hook).failed == 0
    assert hook.private_nav([{"Home": "index.md"}, {"Stats": "stats.md"}], essay=False) == [
        {"Today": "index.md"},
        {"People": "people/index.md"},
        {"Stats": "stats.md"},
    ]


def test_a_network_made_before_a_strategy_page_builds_without_a_broken_link(net, tmp_path):
    """Its copy of site/ lacks notice-drift.md, which the stats page links to: the link is
    left as its text, MkDocs warns of nothing, and every link of the site resolves."""
    copy_site(net.root)
    (net.root / "site" / "strategies" / "notice-drift.md").unlink()
    mkdocs = net.root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(text.replace("      - Notice drift: strategies/notice-drift.md\n", ""))
    index = net.root / "site" / "strategies" / "index.md"
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    index.write_text("".join(x for x in lines if "notice-drift.md" not in x), encoding="utf-8")
    reference = net.root / "site" / "reference" / "contact-format.md"
    text = reference.read_text(encoding="utf-8")
    reference.write_text(text.replace(" See [Notice drift](../strategies/notice-drift.md).", ""))
    net.write("ada", "name: Ada Okafor\n")
    out = tmp_path / "out"
    result = build(net.root, out)
    assert "WARNING" not in result.stderr, result.stderr
    assert "notice-drift" not in result.stderr
    stats = (out / "stats.html").read_text(encoding="utf-8")
    assert "longest of the year. See Notice drift.</p>" in stats
    assert "notice-drift" not in stats
    assert broken_links(out) == []
