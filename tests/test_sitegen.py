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
from abcnet.core.publish import PUBLIC_MIN, public_figures, publishable, size_band
from abcnet.core.slugs import TRANSLITERATION, slugify
from abcnet.core.stats import Share, compute
from abcnet.web.pages import (
    ANCHORS,
    esc,
    page_name,
    pages,
    person_page,
    public_page,
    stats_page,
)
from abcnet.web.public_stats import MEANINGS
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
    assert list(private) == ["index.md", "stats.md", "people/index.md", "people/evil.md"]
    for path in ("people/index.md", "people/evil.md"):
        parsed = parse(render(private[path]))
        shown = "".join(parsed.text)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe", "strong", "em", "b", "h3"), path
            assert not (attrs.get("href") or "").lower().startswith("javascript"), path
            assert not any(k.startswith("on") for k in attrs), path
        if path == "people/index.md":
            # the name, the work under it (role at org), the tag filter's option, the tags
            assert shown.count(name) == 5
        else:
            # heading, work (role at org), tags, link label, met, notes twice, two touches,
            # and the opener (test_people_pages.py has the page's exact text)
            assert shown.count(name) >= 10
            assert [t for t, _ in parsed.tags].count("h1") == 1


def test_the_title_goes_into_front_matter_escaped_once():
    md = person_page(contact("x", '</title><b a="1">'), Settings(), TODAY)
    assert md.startswith(
        '---\ntitle: "&lt;/title&gt;&lt;b a=&quot;1&quot;&gt;"\nhide: [toc]\n---\n\n# '
    )


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
    assert yaml.safe_load(md.split("---\n")[1]) == {"title": title, "hide": ["toc"]}


# --- page names ---------------------------------------------------------------------------


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


def stats_md() -> str:
    network = demo_like()
    return stats_page(compute(network.contacts, network.settings, TODAY))


def test_every_anchor_the_strategy_pages_use_exists():
    network = demo_like()
    s = compute(network.contacts, network.settings, TODAY)
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
    # The private page, and the public one with or without figures, have every anchor.
    for md in (stats_page(s), public_page(s), public_page(None)):
        ids = {a.get("id") for _, a in parse(render(md)).tags}
        assert set(ANCHORS) <= ids
    assert [anchor for anchor, _, _ in MEANINGS] == list(ANCHORS)


def test_the_stats_page_is_its_sections_in_order():
    network = demo_like()
    s = compute(network.contacts, network.settings, TODAY)
    parts = [section(s) for section in SECTIONS]
    assert stats_page(s) == "\n".join(parts).rstrip("\n") + "\n"
    # The head has no anchor, nor has how the numbers are counted, at the end; every
    # other section has one, in the order of ANCHORS.
    assert [re.findall(r"\{ #([\w-]+) \}", part) for part in parts] == [
        [],
        *([a] for a in ANCHORS),
        [],
    ]


def svgs(md: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", md, flags=re.S)]


def test_the_stats_page_states_the_numbers():
    md = stats_md()
    # The verdict first, in words for the user: no build caveat, no setting's name.
    assert md.startswith(
        '---\ntitle: "Stats"\nhide: [toc]\n---\n\n# Stats { .abc-title }\n\n'
        '!!! success "Keeping up this month"\n\n'
        "    1 touch so far this month; the people you keep need about 1 by now. Keep to "
        "your quota of 2 a day. [Today](index.md) says who to start with.\n\n"
        '<div class="abc-cards">'
    )
    assert "private" not in md and "contacts/" not in md and "30.44" not in md.split("## How")[0]
    assert '<span class="abc-num">100%</span><span class="abc-what">coverage</span>' in md
    assert md.count('class="abc-card"') == 3  # three cards, not five
    assert (
        '<span class="abc-num">1 / 1</span><span class="abc-what">this month / needed</span>' in md
    )
    assert "streak</span>" not in md  # a run of days nobody has is not a headline
    assert "In the year you gave **1** times and asked **3** times" in md
    assert (
        "| 11 Jan 2026 | 31 Mar 2026 | 80 | 5 | 3 |\n| 6 Apr 2026 | 19 Nov 2026 | 228 | 1 | 0 |"
        in md
    )
    assert '!!! warning "Flagged: a long silence ended in a burst"' in md
    assert "| email | 1 |" in md and "| call | 1 |" in md and "| unspecified | 6 |" in md
    assert (
        "In the year you reached out on 6 days, and met your daily quota of 2 on 1 of them. "
        "You have done what the plan asked 2 days running, up to today: your quota, or everyone "
        "it named (on a day nobody was due, that is nothing). Your longest run was 19 days, "
        "ending 19 Apr 2026. The habit is" in md
    )


def test_the_private_stats_page_names_the_overdue_by_circle_most_late_first():
    network = Network(
        (
            contact("al", "Al <i>", circle="core", touches=(Touch(date(2026, 5, 1)),)),
            contact("bea", "Bea", circle="core", touches=(Touch(date(2026, 8, 1)),)),
            contact("cal", "Cal", circle="inner", touches=(Touch(date(2026, 10, 1)),)),
            contact("dot", "Dot", circle="wide", touches=(Touch(date(2026, 11, 1)),)),
        ),
        Settings(),
    )
    md = stats_page(compute(network.contacts, network.settings, TODAY))
    part = md[md.index("**Overdue in") : md.index("## Drift")]
    assert part == (
        "**Overdue in the inner circle**, most late first:\n\n"
        "- [Cal](people/cal.md): overdue by 25 days, every 30 days, last touch 1 Oct 2026\n\n"
        "**Overdue in the core circle**, most late first:\n\n"
        "- [Al &lt;i&gt;](people/al.md): overdue by 118 days, every 90 days, last touch 1 May 2026\n"
        "- [Bea](people/bea.md): overdue by 26 days, every 90 days, last touch 1 Aug 2026\n\n"
    )


def keeping(network: Network, today: date = TODAY) -> str:
    md = stats_page(compute(network.contacts, network.settings, today))
    return md[md.index("## Keeping up") : md.index("## Network size")]


def outgoing(*days: str) -> tuple[Touch, ...]:
    return tuple(Touch(date.fromisoformat(d)) for d in days)


NEED = "The people you keep need about {n} touches a month at their cadences"


def test_keeping_up_when_ahead():
    # One inner person (30 days): about 1 a month. Two touches this month, and a
    # give against an ask, in a network that began in August.
    ada = contact(
        "ada",
        "Ada",
        circle="inner",
        touches=(
            *outgoing("2026-08-10", "2026-08-25", "2026-09-05", "2026-09-20"),
            *outgoing("2026-10-02", "2026-10-18"),
            Touch(date(2026, 11, 3), kind="give"),
            Touch(date(2026, 11, 20), kind="ask"),
        ),
    )
    assert keeping(Network((ada,), Settings())) == (
        "## Keeping up { #keeping-up }\n\n"
        "- **This month:** 2 outgoing touches so far. "
        + NEED.format(n=1)
        + ", so about 1 by now, 25 of the month's 30 days in. **You are keeping up.** "
        "Before this month you averaged 2 a month (Aug 2026 to Oct 2026): enough.\n"
        "- **Coverage:** the share of people within their cadence held at 100% in the last "
        "four weeks.\n"
        "- **On time:** of the year's 7 outgoing touches to people you had been in touch with "
        "before, 0 came late (after the person was due) and 7 on time or early.\n"
        "- **Give and ask:** you gave once and asked once, about as often. Give a little more "
        "than you ask, so that your asks are welcome: see [Help first](strategies/help-first.md).\n\n"
    )


def test_keeping_up_when_behind():
    # Thirty core people (90 days): about 10 a month; one touch this month, none before
    # September, and only gives.
    people = tuple(
        contact(f"p{i:02d}", f"P{i}", circle="core", touches=outgoing("2026-09-15"))
        for i in range(30)
    )
    first = contact("zed", "Zed", circle="core", touches=(Touch(date(2026, 11, 2), kind="give"),))
    md = keeping(Network((*people, first), Settings()))
    assert "- **This month:** 1 outgoing touch so far. " + NEED.format(n=10) in md
    assert (
        ", so about 9 by now, 25 of the month's 30 days in. **You are behind**, by about 8. "
        "Before this month you averaged 15 a month (Sep 2026 to Oct 2026): enough.\n" in md
    )
    assert "- **Coverage:** the share of people within their cadence fell from 100% to 0%" not in md
    assert (
        "- **Give and ask:** you gave once in the year and asked for nothing. You give far more "
        "than you ask, and people like to help back: ask for something small, an opinion, a "
        "pointer or an introduction.\n" in md
    )


def test_keeping_up_with_no_history():
    network = Network((contact("ada", "Ada"), contact("bo", "Bo", circle="inner")), Settings())
    assert keeping(network) == (
        "## Keeping up { #keeping-up }\n\n"
        "- **This month:** no outgoing touch logged yet. "
        + NEED.format(n=1)
        + "; `abc today` names the first 2.\n"
        "- **Coverage:** 0% of the people you keep are within their cadence; four weeks ago "
        "there was nobody to count.\n"
        "- **On time:** no outgoing touch in the year followed an earlier one, so none came "
        "early or late yet.\n"
        "- **Give and ask:** no gives or asks in the year, only catch-ups. Say what a touch was "
        "when you log it: `--kind give` or `--kind ask`.\n\n"
    )


def test_keeping_up_coverage_falling_and_asking_more():
    ada = contact(
        "ada",
        "Ada",
        circle="inner",
        touches=(Touch(date(2026, 9, 28), kind="ask"), Touch(date(2026, 10, 20), kind="ask")),
    )
    bo = contact("bo", "Bo", circle="inner", touches=(Touch(date(2026, 10, 30), kind="give"),))
    md = keeping(Network((ada, bo), Settings()))
    assert "fell from 100% to 50% in the last four weeks" in md
    assert "- **Give and ask:** you asked twice and gave once: more asking than giving." in md


def test_the_public_stats_page_without_public_stats_has_no_figures():
    md = public_page(None)
    assert md.startswith(
        "---\ntitle: Stats\n---\n\n# Stats\n\nThis site does not publish its owner's numbers;"
    )
    assert not re.search(r"\d+%|\*\*\d", md)
    assert "Not published" not in md
    assert md.count("\n## ") == len(ANCHORS)


def test_the_public_stats_page_has_aggregate_shares_only():
    network = demo_like()
    s = compute(network.contacts, network.settings, TODAY)
    md = public_page(s)
    assert "The owner keeps up with **fewer than 10** people." in md
    # Every share here is out of fewer than PUBLIC_MIN: none is published.
    assert f"Not published yet: fewer than {PUBLIC_MIN} to count." in md
    assert not re.search(r"\d+%", md)
    for forbidden in ("2026", "Nov", "Ada", "Bob", "people/", "<svg", "| "):
        assert forbidden not in md
    many = tuple(
        contact(
            f"p{i}",
            f"P{i}",
            touches=(Touch(date(2026, 1 + i % 10, 3), kind="give" if i % 4 else "ask"),),
        )
        for i in range(60)
    )
    big = public_page(compute(many, Settings(), TODAY))
    assert "The owner keeps up with **50 to 149** people." in big
    assert "**75%** of the year's gives and asks were gives." in big
    assert "**0%** of the year's conversations were started by the other person." in big
    assert "The year's touches by channel: unspecified 100%." in big
    assert "**19%** of the last 52 weeks had an outgoing touch." in big
    assert "## Heatmap { #heatmap }" in big and "day by day" in big
    for forbidden in ("2026", "P1", "people/", "<svg"):
        assert forbidden not in big


def test_the_publication_rule_is_values_without_html():
    """core.publish decides what is safe; a share of 9 is held back, one of 10 is not."""
    assert [size_band(n) for n in (0, 9, 10, 149, 150, 499, 500, 10_000)] == [
        (0, 9),
        (0, 9),
        (10, 49),
        (50, 149),
        (150, 499),
        (150, 499),
        (500, None),
        (500, None),
    ]
    assert publishable(Share(9, 9)) is None
    assert publishable(Share(3, 10)) == Share(3, 10)
    few = public_figures(compute(demo_like().contacts, Settings(), TODAY))
    assert few.size_band == (0, 9)
    assert (few.coverage, few.gives, few.channels, few.active_weeks) == (None, None, None, None)


def test_pages_public_has_no_people_and_private_has_each():
    network = demo_like()
    assert pages(network, TODAY, public=True) == {"stats.md": public_page(None)}
    shared = Network(network.contacts, Settings(public_stats=True))
    s = compute(network.contacts, network.settings, TODAY)
    public = pages(shared, TODAY, public=True)
    assert list(public) == ["stats.md", "stats.json"]
    assert public["stats.md"] == public_page(s)
    assert public["stats.json"].startswith('{\n  "schema": "abc-stats",\n  "version": 1,\n')
    private = pages(network, TODAY, public=False)
    assert list(private) == [
        "index.md",
        "stats.md",
        "people/index.md",
        "people/ada.md",
        "people/bob.md",
    ]
    assert private["index.md"].startswith('---\ntitle: "Today"\n')
    index = render(private["people/index.md"])
    hrefs = [a.get("href") for t, a in parse(index).tags if t == "a"]
    assert hrefs == ["ada.md", "bob.md"]
    assert pages(network, TODAY, public=False) == private  # deterministic


def test_the_stats_page_leads_with_the_verdict_and_what_catches_up():
    # Thirty core people (90 days) need about 10 touches a month; one this month by the
    # 25th, when about 9 were due: the quota of 2 a day makes up the rest in 6 days.
    # Ninety need about 30: that takes about 5 a day.
    def behind(n: int) -> str:
        people = tuple(
            contact(f"p{i:02d}", f"P{i}", circle="core", touches=outgoing("2026-09-15"))
            for i in range(n)
        )
        zed = contact("zed", "Zed", circle="core", touches=(Touch(date(2026, 11, 2), kind="give"),))
        return stats_page(compute((*people, zed), Settings(), TODAY))

    md = behind(30)
    assert md[: md.index('<div class="abc-cards">')].endswith(
        '!!! warning "Behind by 8 touches this month"\n\n'
        "    1 touch so far this month; the people you keep need about 9 by now. Your quota "
        "of 2 a day catches up by the month's end (6 days, today included). "
        "[Today](index.md) says who to start with.\n\n"
    )
    many = behind(90)
    assert (
        '!!! warning "Behind by 25 touches this month"\n\n'
        "    1 touch so far this month; the people you keep need about 26 by now. To catch "
        "up by the month's end, reach about 5 a day for the 6 days left, today included, "
        "against a quota of 2; or catch up over the next month. [Today](index.md) says who "
        "to start with.\n\n" in many
    )
    nobody = stats_page(compute((contact("ada", "Ada"),), Settings(), TODAY))
    assert '!!! info "No outgoing touch logged yet"' in nobody
    # The per-chart tables are folded under "Numbers"; this month's column is so far.
    assert (
        md.count('<details class="abc-numbers" markdown>\n<summary>Numbers</summary>') == 11
    )  # every chart's and the two plain tables
    assert "abc-partial" in md and "Nov 2026 1 so far" in md
    assert md.endswith(
        "## How these are counted\n\n"
        '- "The year" is the 365 days up to and including today, 25 Nov 2026.\n'
        "- What the people you keep need in a month: 30.44 days over each person's cadence, "
        "added up; by now, that share of it for the days gone by.\n"
        "- Coverage: someone is within cadence when their last touch, in either direction, is "
        "no longer ago than their cadence. Archived and snoozed people are left out; people "
        "you have never contacted count as not within cadence. Each week of the line is worked "
        "out from the touches logged up to that day, a person counting from when they joined "
        "your network (the `met` date or their first touch, whichever is earlier), with "
        "circles, cadences and snoozes as they are today.\n"
        "- On time: each person's touches are taken in date order; every touch (yours or "
        "theirs) sets the next due date, that touch's date plus the person's cadence, and your "
        "next touch is on time if it comes by then. A first-ever touch has no due date.\n"
        "- Your daily quota is 2; `abc stats` prints the same numbers in a terminal.\n"
    )
