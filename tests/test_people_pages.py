"""The people index and the person pages: names, links, the pool, exact output."""

from __future__ import annotations

import re
from datetime import date

from test_sitegen import TODAY, contact, parse, render

from abcnet.core.model import Network, Settings, Touch
from abcnet.web.pages import (
    page_name,
    page_names,
    pages,
    person_page,
)


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
