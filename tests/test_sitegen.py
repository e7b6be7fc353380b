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
    page_name,
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
