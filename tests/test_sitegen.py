"""abc/web/ pages: escaping, well-formed SVG, the anchors other pages link to, exact output.

Pages are also rendered with Python-Markdown and the extensions of mkdocs.yml, as an
independent check that contact text comes out as literal text.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from abcnet.core.model import Contact, Network, Settings, Source, Touch
from abcnet.core.stats import compute
from abcnet.formats.contact_text import TRANSLITERATION, slugify
from abcnet.web.pages import (
    ANCHORS,
    esc,
    hbars,
    heat_level,
    heat_ranges,
    page_name,
    page_names,
    pages,
    person_page,
    stats_page,
)
from abcnet.web.stats_page import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]
SVG_NS = "{http://www.w3.org/2000/svg}"

EVIL = (
    "<script>alert(1)</script>",
    "**bold** [x](javascript:alert(1))",
    "</title><img src=x onerror=alert(2)>",
    "# heading | pipe | _under_ `code` {: #id } &amp; ![i](x.png)",
)


def contact(slug: str, name: str, **fields: object) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml", 1), **fields)  # type: ignore[arg-type]


def render(md: str) -> str:
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)  # front matter, as MkDocs strips it
    return markdown.markdown(md, extensions=EXTENSIONS)


class Text(HTMLParser):
    """The text a browser would show, and every tag and attribute it would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Text:
    t = Text()
    t.feed(html)
    return t


# --- escaping -------------------------------------------------------------------------------


def test_esc_turns_markup_into_character_references():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;"
    assert esc("**bold** [x](javascript:alert(1))") == (
        "&#42;&#42;bold&#42;&#42; &#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;"
    )
    assert esc("Ada  Okafor\n  the second line") == "Ada Okafor the second line"
    assert esc("Lucía Ñandú") == "Lucía Ñandú"


@pytest.mark.parametrize("name", EVIL)
def test_contact_text_renders_as_literal_text(name):
    person = contact(
        "evil",
        name,
        org=name,
        role=name,
        tags=(name,),
        emails=("x@example.org",),
        links=(("website", "javascript:alert(3)"), (name, "https://example.org/ok")),
        met_how=name,
        notes=f"{name}\n1. not a list\n\n{name}",
        touches=(Touch(date(2026, 11, 1), note=name), Touch(date(2026, 11, 2), note=name)),
    )
    network = Network((person,), Settings())
    private = pages(network, TODAY, public=False)
    assert list(private) == ["stats.md", "people/index.md", "people/evil.md"]
    for path in ("people/index.md", "people/evil.md"):
        parsed = parse(render(private[path]))
        shown = "".join(parsed.text)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe", "strong", "em", "b", "h3"), path
            assert not (attrs.get("href") or "").lower().startswith("javascript"), path
            assert not any(k.startswith("on") for k in attrs), path
        if path == "people/index.md":
            assert shown.count(name) == 1
        else:
            # heading, work (role at org), tags, link label, met, notes twice, two touches
            assert shown.count(name) == 10
            assert [t for t, _ in parsed.tags].count("h1") == 1


def test_the_title_goes_into_front_matter_escaped_once():
    md = person_page(contact("x", '</title><b a="1">'), Settings(), TODAY)
    assert md.startswith('---\ntitle: "&lt;/title&gt;&lt;b a=&quot;1&quot;&gt;"\n---\n\n# ')


@pytest.mark.parametrize(
    ("name", "front", "title"),
    [
        ("Ana 🌻 Lima", 'title: "Ana 🌻 Lima"', "Ana 🌻 Lima"),
        ("<b>Bo</b>", 'title: "&lt;b&gt;Bo&lt;/b&gt;"', "&lt;b&gt;Bo&lt;/b&gt;"),
    ],
)
def test_titles_with_emoji_or_markup_read_back_right(name, front, title):
    md = person_page(contact("x", name), Settings(), TODAY)
    assert md.split("\n")[1] == front
    # MkDocs reads front matter with PyYAML; an emoji written as a JSON surrogate
    # pair would come back as two broken characters.
    assert yaml.safe_load(md.split("---\n")[1]) == {"title": title}


def test_only_web_and_mail_links_are_clickable():
    person = contact(
        "ada",
        "Ada",
        links=(("a", "https://example.org/a"), ("b", "javascript:alert(1)"), ("c", "mailto:a@b.c")),
    )
    hrefs = [
        a.get("href")
        for t, a in parse(render(person_page(person, Settings(), TODAY))).tags
        if t == "a"
    ]
    assert "https://example.org/a" in hrefs
    assert "mailto:a@b.c" in hrefs
    assert not any(h and h.startswith("javascript") for h in hrefs)


# --- page names ---------------------------------------------------------------------------


def test_page_names_are_safe_and_unique():
    people = [
        contact("index", "I"),
        contact("Ada_Okafor", "A"),
        contact("ada-okafor", "B"),
        contact("..", "C"),
        contact("zoë", "D"),
        contact("søren-brown", "E"),
        contact("soren-brown", "F"),
        contact("李小龍", "G"),
        contact("pooled", "H", circle="pool"),
    ]
    assert page_names(people) == {
        "..": "person_5ec1f7e7",
        "Ada_Okafor": "ada-okafor_bb026c05",
        "ada-okafor": "ada-okafor",
        "index": "index_1bc04b52",
        "zoë": "zoe_2752b886",
        "søren-brown": "soren-brown_b935a1ff",
        "soren-brown": "soren-brown",
        "李小龍": "u674e-u5c0f-u9f8d_c1fa1a5f",
    }
    names = list(page_names(people).values())
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9_-]+", n) for n in names)


def test_a_page_name_depends_on_the_slug_alone():
    # Whoever else is in the network, and in whatever order, a page keeps its name.
    alone = page_names([contact("aisha", "Aisha")])
    crowd = [contact(s, "Aisha") for s in ("aisha-2", "aisha", "Aisha", "aïsha", "brown-2")]
    assert page_names(crowd)["aisha"] == alone["aisha"] == page_name("aisha") == "aisha"
    assert page_names(reversed(crowd)) == page_names(crowd)
    assert page_names(crowd) == {
        "aisha-2": "aisha-2",
        "aisha": "aisha",
        "Aisha": "aisha_38526c50",
        "aïsha": "aisha_b2b61123",
        "brown-2": "brown-2",
    }


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Søren Brown", "soren-brown"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        (
            "Œuvre Đorđe Þór Ħal ıldız Ŋa Ŧe Əli ƒ ĸ ð",
            "oeuvre-dorde-thor-hal-ildiz-nga-te-eli-f-k-d",
        ),
        ("Zoë O'Brien ʼAkiʼ", "zoe-obrien-aki"),
        ("Дмитрий Щукин", "dmitrii-shchukin"),
        ("Юлія Жук", "yuliya-zhuk"),
        ("Νίκος Παπαδόπουλος", "nikos-papadopoulos"),
        ("李小龍", "u674e-u5c0f-u9f8d"),
        ("Ana 李", "ana-u674e"),
        ("🌻", "u1f33b"),
        ("👩‍💻", "u1f469-u1f4bb"),
        ("Ana 🌻 Lima", "ana-lima"),
        ("<b>Bo</b>", "b-bo-b"),
        ("Ｆｉｏｎａ ﬁ", "fiona-fi"),
        ("...", ""),
    ],
)
def test_slugify_spells_every_name_in_ascii(name, slug):
    assert slugify(name) == slug
    assert page_name(slug or "x") == (slug or "x")  # a slug slugify made is its own page name


def test_the_transliteration_table_is_lower_case_and_ascii():
    assert all(k == k.lower() and len(k) == 1 and not k.isascii() for k in TRANSLITERATION)
    assert all(v.isascii() and v == v.lower() for v in TRANSLITERATION.values())
    # Every entry is needed: decomposition alone would not make the letter ASCII.
    assert not [k for k in TRANSLITERATION if unicodedata.normalize("NFKD", k).isascii()]


# --- the stats page -------------------------------------------------------------------------------


def demo_like() -> Network:
    ada = contact(
        "ada",
        "Ada",
        circle="inner",
        touches=(
            Touch(date(2026, 1, 10)),
            Touch(date(2026, 4, 1), kind="ask"),
            Touch(date(2026, 4, 2), kind="ask"),
            Touch(date(2026, 4, 2)),
            Touch(date(2026, 4, 3), kind="ask"),
            Touch(date(2026, 4, 5), channel="call"),
            Touch(date(2026, 11, 24), direction="in", kind="give", channel="email"),
        ),
    )
    bob = contact("bob", "Bob", touches=(Touch(date(2026, 11, 20), kind="give"),))
    return Network((ada, bob), Settings())


def stats_md(public: bool = True) -> str:
    network = demo_like()
    return stats_page(compute(network.contacts, network.settings, TODAY), public=public)


def test_every_anchor_the_strategy_pages_use_exists():
    html = render(stats_md())
    ids = {a.get("id") for _, a in parse(html).tags}
    assert set(ANCHORS) <= ids
    linked = set()
    for page in (ROOT / "site").rglob("*.md"):
        linked.update(re.findall(r"stats\.md#([\w-]+)", page.read_text(encoding="utf-8")))
    assert linked, "the strategy pages link to the stats page"
    assert linked <= set(ANCHORS)
    assert {
        "give-vs-ask",
        "network-size",
        "coverage",
        "streak",
        "heatmap",
        "one-step-ahead",
        "burstiness",
        "who-reached-out",
    } <= linked


def test_the_stats_page_is_its_sections_in_order():
    network = demo_like()
    s = compute(network.contacts, network.settings, TODAY)
    for public in (True, False):
        parts = [section(s, public) for section in SECTIONS]
        assert stats_page(s, public=public) == "\n".join(parts).rstrip("\n") + "\n"
        # The head has no anchor; every other section has one, in the order of ANCHORS.
        assert [re.findall(r"\{ #([\w-]+) \}", part) for part in parts] == [
            [],
            *([a] for a in ANCHORS),
        ]


def svgs(md: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", md, flags=re.S)]


def test_every_chart_is_well_formed_labelled_and_out_of_search():
    md = stats_md()
    charts = svgs(md)
    assert len(charts) == 9
    for svg in charts:
        assert svg.get("role") == "img"
        label = svg.get("aria-label")
        assert label
        first = next(iter(svg))
        assert first.tag == f"{SVG_NS}title"
        assert first.text == label
    # Each chart sits inside a figure that the search index skips.
    figures = re.findall(r"<figure[^>]*>\s*<svg", md)
    assert len(figures) == 9
    assert all("data-search-exclude" in f for f in figures)
    kinds = [svg.get("class") for svg in charts]
    assert kinds.count("abc-svg abc-heatmap") == 1


def test_the_heatmap_has_a_square_per_day_month_labels_and_a_legend():
    md = stats_md()
    heat = next(s for s in svgs(md) if "abc-heatmap" in (s.get("class") or ""))
    rects = heat.findall(f"{SVG_NS}rect")
    days = (TODAY - date(2025, 11, 24)).days + 1
    assert len(rects) == days + 5  # the days, then the legend
    tips = [r.find(f"{SVG_NS}title").text for r in rects]  # type: ignore[union-attr]
    assert tips[0] == "24 Nov 2025: 0 touches"
    assert tips[(date(2026, 4, 2) - date(2025, 11, 24)).days] == "2 Apr 2026: 2 touches"
    assert tips[days - 1] == "25 Nov 2026: 0 touches"
    assert tips[days:] == ["0 a day", "1 a day", "2–3 a day", "4–5 a day", "6 or more a day"]
    assert [r.get("class") for r in rects[days:]] == [f"abc-h{i}" for i in range(5)]
    labels = [t.text for t in heat.findall(f"{SVG_NS}text")]
    assert labels[:3] == ["Mon", "Wed", "Fri"]
    assert labels[3:15] == [
        "Dec",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
    ]
    assert labels[-2:] == ["Less", "More"]


def test_heat_levels_follow_the_quota():
    assert [heat_level(n, 2) for n in range(8)] == [0, 1, 2, 2, 3, 3, 4, 4]
    assert [heat_level(n, 1) for n in range(5)] == [0, 2, 3, 4, 4]
    assert heat_ranges(2) == ("0", "1", "2–3", "4–5", "6 or more")
    assert heat_ranges(1) == ("0", "(not used)", "1", "2", "3 or more")


def test_bars_exactly():
    assert hbars([("a", [1]), ("bb", [2])], [("n", "abc-c1")], "Two bars") == (
        '<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-bars" viewBox="0 0 400 54" '
        'width="400" height="54" role="img" aria-label="Two bars"><title>Two bars</title>'
        '<text x="20" y="15" class="abc-t" text-anchor="end" fill="#666666">a</text>'
        '<rect x="26" y="5" width="165" height="12" class="abc-c1" fill="#0072b2">'
        "<title>a: 1</title></rect>"
        '<text x="196" y="15" class="abc-t" text-anchor="start" fill="#666666">1</text>'
        '<text x="20" y="39" class="abc-t" text-anchor="end" fill="#666666">bb</text>'
        '<rect x="26" y="29" width="330" height="12" class="abc-c1" fill="#0072b2">'
        "<title>bb: 2</title></rect>"
        '<text x="361" y="39" class="abc-t" text-anchor="start" fill="#666666">2</text></svg>'
    )


def test_the_stats_page_states_the_numbers():
    md = stats_md()
    assert "Generated from `contacts/` as of **25 Nov 2026**, with a daily quota of 2." in md
    assert '<span class="abc-num">100%</span><span class="abc-what">coverage</span>' in md
    assert '<span class="abc-num">1 : 3</span><span class="abc-what">gives : asks</span>' in md
    assert "In the year you gave **1** times and asked **3** times" in md
    assert (
        "| 11 Jan 2026 | 31 Mar 2026 | 80 | 5 | 3 |\n| 6 Apr 2026 | 19 Nov 2026 | 228 | 1 | 0 |"
        in md
    )
    assert '!!! warning "Flagged: a long silence ended in a burst"' in md
    assert "| email | 1 |" in md and "| call | 1 |" in md and "| unspecified | 6 |" in md


def test_public_and_private_stats_pages_differ_only_in_the_note():
    public, private = stats_md(public=True), stats_md(public=False)
    assert "people/index.md" not in public
    assert "**public** build" in public
    assert "[people](people/index.md)" in private
    strip = re.compile(r"^Generated from.*$", re.M)
    assert strip.sub("", public) == strip.sub("", private)


def test_pages_public_has_no_people_and_private_has_each():
    network = demo_like()
    assert list(pages(network, TODAY, public=True)) == ["stats.md"]
    private = pages(network, TODAY, public=False)
    assert list(private) == ["stats.md", "people/index.md", "people/ada.md", "people/bob.md"]
    index = render(private["people/index.md"])
    hrefs = [a.get("href") for t, a in parse(index).tags if t == "a"]
    assert hrefs == ["ada.md", "bob.md"]
    assert pages(network, TODAY, public=False) == private  # deterministic


def test_people_in_the_pool_get_a_row_and_no_page():
    ada = contact("ada", "Ada", touches=(Touch(date(2026, 11, 20)),))
    pooled = contact(
        "søren-brown",
        "Søren Brown",
        circle="pool",
        org="Fabrikam",
        role="CTO",
        met_how="Connected on LinkedIn",
        met_date=date(2012, 3, 3),
    )
    bare = contact("bo", "<b>Bo</b>", circle="pool")
    private = pages(Network((pooled, ada, bare), Settings()), TODAY, public=False)
    assert list(private) == ["stats.md", "people/index.md", "people/ada.md"]
    assert private["people/index.md"] == (
        "# People\n\n"
        "3 people in `contacts/`, as of 25 Nov 2026. This page and the pages it links to "
        "exist only in the private build. They are not in the navigation on purpose: a "
        "sidebar listing everyone would put every name on every page.\n\n"
        "| name | circle | every | status | last touch | touches |\n"
        "|---|---|---|---|---|---:|\n"
        "| [Ada](ada.md) | wide | 182 days | due in 177 days | 20\u00a0Nov\u00a02026 | 1 |\n\n"
        "## In the pool\n\n"
        "2 people imported and not yet kept (`circle: pool`): never planned, and no page of "
        "their own. Give someone a circle to keep them.\n\n"
        "<table><thead><tr><th>name</th><th>work</th><th>met</th><th>file</th></tr></thead>"
        "<tbody>"
        "<tr><td>&lt;b&gt;Bo&lt;/b&gt;</td><td></td><td></td>"
        "<td><code>contacts/bo&#46;yaml</code></td></tr>"
        "<tr><td>Søren Brown</td><td>CTO at Fabrikam</td>"
        "<td>Connected on LinkedIn, 3 Mar 2012</td>"
        "<td><code>contacts/søren&#45;brown&#46;yaml</code></td></tr>"
        "</tbody></table>\n"
    )
    shown = parse(render(private["people/index.md"]))
    assert [a.get("href") for t, a in shown.tags if t == "a"] == ["ada.md"]
    assert [t for t, _ in shown.tags].count("b") == 0


def test_a_person_page_exactly():
    person = contact(
        "ada",
        "Ada Okafor",
        org="Northwind",
        role="Head of Data",
        circle="inner",
        emails=("ada@example.org",),
        met_date=date(2019, 6, 14),
        met_how="PyData",
        touches=(
            Touch(date(2026, 10, 1), channel="call", kind="ask", note="Advice"),
            Touch(date(2026, 11, 12), channel="email", direction="in", note="Thanks"),
        ),
    )
    assert person_page(person, Settings(), TODAY) == (
        '---\ntitle: "Ada Okafor"\n---\n\n'
        "# Ada Okafor\n\n"
        "<table>"
        "<tr><th>work</th><td>Head of Data at Northwind</td></tr>"
        "<tr><th>circle</th><td>inner, every 30 days</td></tr>"
        "<tr><th>status</th><td>due in 17 days</td></tr>"
        "<tr><th>last touch</th><td>12 Nov 2026</td></tr>"
        "<tr><th>next due</th><td>12 Dec 2026</td></tr>"
        "<tr><th>met</th><td>14 Jun 2019, PyData</td></tr>"
        "<tr><th>email</th><td>ada&#64;example&#46;org</td></tr>"
        "<tr><th>file</th><td><code>contacts/ada&#46;yaml</code></td></tr>"
        "</table>\n\n"
        "## History\n\n"
        "2 touches: you gave 0 and asked 1; 1 started by them.\n\n"
        "<table><thead><tr><th>date</th><th>started by</th><th>channel</th><th>kind</th>"
        "<th>note</th></tr></thead><tbody>"
        "<tr><td>12\u00a0Nov\u00a02026</td><td>them</td><td>email</td><td>catch-up</td><td>Thanks</td></tr>"
        "<tr><td>1\u00a0Oct\u00a02026</td><td>you</td><td>call</td><td>ask</td><td>Advice</td></tr>"
        "</tbody></table>\n"
    )


def test_the_examples_in_the_people_pages_docstrings_hold():
    import doctest

    from abcnet.web import people_pages

    assert doctest.testmod(people_pages).failed == 0
