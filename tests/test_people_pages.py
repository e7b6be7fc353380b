"""The people index and the person pages: names, links, the pool, exact output."""

from __future__ import annotations

import re
from datetime import date

import yaml
from test_sitegen import ROOT, TODAY, contact, parse, render

from abcnet.core.model import Network, Settings, Touch
from abcnet.web.pages import (
    page_name,
    page_names,
    pages,
    people_index,
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


FORM = (
    '<form id="abc-people-filter" class="abc-filter" role="search" aria-label="Filter people" '
    'hidden><span class="abc-field"><label for="abc-f-q">Find</label><input type="search" '
    'id="abc-f-q" name="q" autocomplete="off"></span><span class="abc-field"><label '
    'for="abc-f-circle">Circle</label><select id="abc-f-circle" name="circle"><option '
    'value="">any</option><option value="inner">inner</option><option value="wide">wide'
    '</option></select></span><span class="abc-field"><label for="abc-f-status">Status'
    '</label><select id="abc-f-status" name="status"><option value="">any</option><option '
    'value="overdue">overdue</option><option value="due-soon">due soon</option><option '
    'value="ok">ok</option><option value="never">never contacted</option><option '
    'value="snoozed">snoozed</option><option value="archived">archived</option></select>'
    '</span><span class="abc-field"><label for="abc-f-tag">Tag</label><select id="abc-f-tag" '
    'name="tag"><option value="">any</option><option value="a b">a b</option><option '
    'value="ml">ml</option></select></span></form>\n\n'
)
HEAD = (
    '<thead><tr><th scope="col" data-sort="name" data-type="text">name</th>'
    '<th scope="col" data-sort="circle-rank" data-type="number">circle</th>'
    '<th scope="col" data-sort="cadence" data-type="number">every</th>'
    '<th scope="col" data-sort="days-late" data-type="number" aria-sort="descending">status</th>'
    '<th scope="col" data-sort="last" data-type="text">last touch</th>'
    '<th scope="col" data-sort="touches" data-type="number">touches</th>'
    '<th scope="col" data-sort="tags" data-type="text">tags</th></tr></thead>'
)


def test_the_people_index_exactly_most_overdue_first_and_the_pool_apart():
    ada = contact("ada", "Ada", touches=(Touch(date(2026, 11, 20)),))
    late = contact(
        "cy",
        "Cy <i>",
        circle="inner",
        org="Northwind",
        tags=("ml", "a b"),
        touches=(Touch(date(2026, 9, 1)),),
    )
    pooled = contact("bo", "Bo", circle="pool")
    private = pages(Network((pooled, ada, late), Settings()), TODAY, public=False)
    assert [p for p in private if p.startswith("people/")] == [
        "people/index.md",
        "people/pool.md",
        "people/ada.md",
        "people/cy.md",
    ]
    # One line of counts, the pool a link to its own page; no word for the maintainer;
    # out of the search index (it is everyone at once) and no TOC column.
    assert private["people/index.md"] == (
        '---\ntitle: "People"\nhide: [toc]\nsearch: {exclude: true}\n---\n\n'
        "# People { .abc-title }\n\n"
        "2 kept · [1 in the pool](pool.md). Most overdue first: 1 overdue; 1 ok.\n\n"
        + FORM
        + '<p id="abc-people-count" class="abc-count" aria-live="polite" hidden></p>\n\n'
        '<table id="abc-people" class="abc-list abc-people" markdown="1">'
        + HEAD
        + '<tbody markdown="1">'
        '<tr class="abc-overdue" data-name="cy &lt;i&gt;" data-circle="inner" '
        'data-circle-rank="0" data-cadence="30" data-status="overdue" data-days-late="55" '
        'data-last="2026-09-01" data-touches="1" data-tags="ml|a b" '
        'data-search="Cy &lt;i&gt; Northwind ml a b" markdown="1">'
        '<th scope="row" markdown="span">[Cy &lt;i&gt;](cy.md) '
        '<span class="abc-work">Northwind</span></th>'
        '<td data-label="circle">inner</td><td data-label="every">30\u00a0days</td>'
        '<td data-label="status"><strong class="abc-badge abc-late">overdue by 55 days'
        "</strong></td>"
        '<td data-label="last touch">1\u00a0Sep\u00a02026</td><td data-label="touches">1</td>'
        '<td data-label="tags">ml, a b</td></tr>'
        '<tr data-name="ada" data-circle="wide" data-circle-rank="2" data-cadence="182" '
        'data-status="ok" data-days-late="-177" data-last="2026-11-20" data-touches="1" '
        'data-tags="" data-search="Ada" markdown="1">'
        '<th scope="row" markdown="span">[Ada](ada.md)</th>'
        '<td data-label="circle">wide</td><td data-label="every">182\u00a0days</td>'
        '<td data-label="status">due in 177 days</td>'
        '<td data-label="last touch">20\u00a0Nov\u00a02026</td><td data-label="touches">1</td>'
        '<td data-label="tags"></td></tr>'
        "</tbody></table>\n"
    )
    # Rendered as MkDocs renders it, the names are Markdown links (which MkDocs turns
    # into the pages' addresses), the row attributes survive, and "<i>" is text.
    shown = parse(render(re.sub(r"\A---\n.*?\n---\n", "", private["people/index.md"], flags=re.S)))
    assert [a.get("href") for t, a in shown.tags if t == "a"] == ["pool.md", "cy.md", "ada.md"]
    assert [a.get("data-status") for t, a in shown.tags if t == "tr" and "data-status" in a] == [
        "overdue",
        "ok",
    ]
    assert [t for t, _ in shown.tags].count("i") == 0
    assert "Cy <i>" in "".join(shown.text)


def test_the_index_orders_by_due_date_then_snoozed_then_archived():
    people = [
        contact("a", "A", archived=True, touches=(Touch(date(2020, 1, 1)),)),
        contact("b", "B", snooze_until=date(2027, 1, 1)),
        contact("c", "C", touches=(Touch(date(2026, 11, 1)),)),
        contact("d", "D"),
        contact("e", "E", circle="inner", touches=(Touch(date(2026, 10, 1)),)),
        contact("f", "F", circle="inner", touches=(Touch(date(2026, 8, 1)),)),
    ]
    index = people_index(people, Settings(), TODAY)
    order = re.findall(
        r'data-name="(\w)" .*?data-status="([\w-]+)" data-days-late="(-?\d*)"', index
    )
    assert order == [
        ("f", "overdue", "86"),
        ("e", "overdue", "25"),
        ("d", "never", "0"),
        ("c", "ok", "-158"),
        ("b", "snoozed", ""),
        ("a", "archived", ""),
    ]
    assert "Most overdue first: 2 overdue; 1 ok; 1 never contacted; 1 snoozed; 1 archived." in index


def test_an_index_of_the_pool_alone_has_no_form_and_no_table():
    index = people_index([contact("bo", "Bo", circle="pool")], Settings(), TODAY)
    assert "abc-people" not in index and "<form" not in index
    assert index.endswith(
        "# People { .abc-title }\n\n"
        "0 kept · [1 in the pool](pool.md): keep someone from the pool to plan them.\n"
    )
    alone = people_index([contact("ada", "Ada")], Settings(), TODAY)
    assert "1 kept; nobody in the pool. Most overdue first: 1 never contacted.\n" in alone


def test_the_pool_page_most_promising_first_with_reasons_then_by_letter():
    from abcnet.web.people_pages import POOL_FIRST, pool_page

    linkedin = {"circle": "pool", "met_how": "Connected on LinkedIn"}
    promising = contact(
        "zoe",
        "Zoë <b>Quist</b>",
        emails=("z@example.org",),
        org="Contoso",
        role="CTO",
        met_date=date(2026, 10, 1),
        **linkedin,
    )
    middling = contact("yan", "Yan", met_date=date(2025, 2, 1), **linkedin)
    bare = [contact(f"p{i:02d}", f"{'ABÉ'[i % 3]}{i:02d}", **linkedin) for i in range(POOL_FIRST)]
    archived = contact("xi", "Xi", archived=True, emails=("x@example.org",), **linkedin)
    kept = contact("ada", "Ada", emails=("a@example.org",))
    page = pool_page([*bare, middling, archived, kept, promising], TODAY)
    head, _, rest = page.partition("## Everyone else, by name\n\n")
    assert head.startswith(
        '---\ntitle: "Pool"\nhide: [toc]\nsearch: {exclude: true}\n---\n\n'
        "# Pool { .abc-title }\n\n"
        "32 people imported and not yet kept, so never planned. Keep someone with "
        '`abc keep "Name" --circle core` (or `inner`, `wide`), or go through them one key '
        "at a time with `abc triage`.\n\n"
        '<form id="abc-pool-filter" class="abc-filter" role="search" aria-label="Find in the '
        'pool" hidden><span class="abc-field"><label for="abc-pool-q">Find</label><input '
        'type="search" id="abc-pool-q" name="q" autocomplete="off"></span></form>\n\n'
        '<p id="abc-pool-count" class="abc-count" aria-live="polite" hidden></p>\n\n'
        "## Most promising\n\n"
        '<ol class="abc-pool">'
        '<li data-search="Zoë &lt;b&gt;Quist&lt;/b&gt; CTO Contoso"><strong>Zoë &lt;b&gt;'
        'Quist&lt;/b&gt;</strong> <span class="abc-work">CTO at Contoso</span> '
        '<span class="abc-why">has an email, connected 7 weeks ago</span></li>'
        '<li data-search="Yan"><strong>Yan</strong> '
        '<span class="abc-why">connected 1 year ago</span></li>'
        '<li data-search="A00"><strong>A00</strong> '
        '<span class="abc-why">nothing yet beyond the connection</span></li>'
    )
    assert head.count("<li ") == POOL_FIRST and "Xi" not in page and "Ada" not in page
    # The other two of the thirty bare ones, by name under their (ASCII) first letter.
    assert rest == (
        '<details class="abc-pool-group"><summary>E · 2 people</summary><ul class="abc-pool">'
        '<li data-search="É26"><strong>É26</strong> '
        '<span class="abc-why">nothing yet beyond the connection</span></li>'
        '<li data-search="É29"><strong>É29</strong> '
        '<span class="abc-why">nothing yet beyond the connection</span></li>'
        "</ul></details>\n"
    )


def test_a_person_page_exactly():
    person = contact(
        "ada",
        "Ada Okafor",
        org="Northwind",
        role="Head of Data",
        circle="inner",
        emails=("ada@example.org",),
        phones=("+44 20 7946 0018",),
        met_date=date(2019, 6, 14),
        met_how="PyData",
        notes="Hates LinkedIn DMs.\nEmail her.",
        links=(
            ("linkedin", "https://www.linkedin.com/in/ada-example"),
            ("site", "https://ada.example.org"),
        ),
        touches=(
            Touch(date(2024, 5, 1), channel="meeting", kind="give", note="Lunch"),
            Touch(date(2026, 10, 1), channel="call", kind="ask", note="Advice"),
            Touch(date(2026, 10, 12), channel="email", direction="in", note="Thanks"),
        ),
    )
    # A summary line under the name (what search shows); the facts out of the search
    # index, which would run their cells together; the notes before the ways to reach
    # her; a line a touch, the ones older than a year folded away; no file path.
    assert person_page(person, Settings(), TODAY) == (
        '---\ntitle: "Ada Okafor"\nhide: [toc]\n---\n\n'
        "# Ada Okafor { .abc-title }\n\n"
        '<p class="abc-summary">Head of Data at Northwind · inner, every 30 days · '
        '<strong class="abc-badge abc-late">overdue by 14 days</strong></p>\n\n'
        '<table class="abc-facts" data-search-exclude>'
        "<tr><th>last touch</th><td>12 Oct 2026</td></tr>"
        "<tr><th>next due</th><td>11 Nov 2026</td></tr>"
        "<tr><th>met</th><td>PyData, 14 Jun 2019</td></tr>"
        '<tr><th>site</th><td><a href="https://ada.example.org" rel="noopener">'
        "https&#58;//ada&#46;example&#46;org</a></td></tr>"
        "</table>\n\n"
        "## Notes\n\n"
        '<div class="abc-notes">Hates LinkedIn DMs&#46;<br>\nEmail her&#46;</div>\n\n'
        "## Reach out { #reach-out }\n\n"
        '<p class="abc-reach"><a class="abc-action" href="mailto:ada@example.org">'
        '<span class="abc-verb">Email</span> ada@example.org</a> '
        '<a class="abc-action" href="tel:+442079460018"><span class="abc-verb">Call</span> '
        "+44 20 7946 0018</a> "
        '<a class="abc-action" href="https://www.linkedin.com/in/ada-example">LinkedIn</a></p>\n\n'
        "A way to open:\n\n"
        '<blockquote class="abc-opener"><p>Hi Ada, thanks again for getting in touch in '
        "October&#46; How are things going at Northwind?</p></blockquote>\n\n"
        '<div class="abc-log" markdown>\n\n'
        "Then log it:\n\n"
        "```sh\nabc log ada --channel email\n```\n\n"
        "</div>\n\n"
        "## History\n\n"
        "3 touches: you gave 1 and asked 1; 1 started by them.\n\n"
        '<ol class="abc-timeline">'
        '<li><span class="abc-when">12\u00a0Oct\u00a02026</span> email from them · catch-up — '
        "Thanks</li>"
        '<li><span class="abc-when">1\u00a0Oct\u00a02026</span> call from you · ask — Advice</li>'
        "</ol>\n\n"
        '<details class="abc-older"><summary>1 older touch</summary><ol class="abc-timeline">'
        '<li><span class="abc-when">1\u00a0May\u00a02024</span> meeting from you · give — '
        "Lunch</li></ol></details>\n"
    )
    shown = render(person_page(person, Settings(), TODAY))
    assert [t for t, _ in parse(shown).tags].count("pre") == 1  # the log line, to copy
    assert "abc log ada --channel email" in "".join(parse(shown).text)
    assert [a.get("href") for t, a in parse(shown).tags if t == "a"][-3:] == [
        "mailto:ada@example.org",
        "tel:+442079460018",
        "https://www.linkedin.com/in/ada-example",
    ]


def test_a_person_with_no_way_to_reach_them_is_told_so():
    page = person_page(contact("li", "Li", emails=("not an address",)), Settings(), TODAY)
    assert "No email address, phone number or LinkedIn profile in the file.\n" in page
    assert "<tr><th>email</th><td>not an address</td></tr>" in page
    assert "```sh\nabc log li\n```" in page
    assert "abc-timeline" not in page and "No touches yet." in page


def test_the_sorting_script_is_listed_and_shipped():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    packaged = (ROOT / "abc" / "data" / "mkdocs.yml").read_text(encoding="utf-8")
    for text in (config, packaged):
        listed = yaml.safe_load(text.replace("!!python", "#"))
        assert "assets/javascripts/abc-people.js" in listed["extra_javascript"]
        assert listed["extra_css"] == [
            "assets/abc.css",
            "assets/abc-today.css",
            "assets/abc-a11y.css",
        ]
        for asset in (*listed["extra_css"], *listed["extra_javascript"]):
            assert (ROOT / "site" / asset).is_file(), asset
    script = (ROOT / "site" / "assets" / "javascripts" / "abc-people.js").read_text("utf-8")
    # Local and self-contained: no request, and it reads the rows' data attributes.
    assert "//" not in re.sub(r"/\*.*?\*/|// .*", "", script, flags=re.S).replace("file://", "")
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\s*\(|src\s*=)", script)
    for needle in ('getElementById("abc-people")', "aria-sort", '"data-" + key', "abc-sort"):
        assert needle in script
    # Every sort key the table offers is an attribute the rows carry.
    index = people_index([contact("ada", "Ada")], Settings(), TODAY)
    for key in re.findall(r'data-sort="([\w-]+)"', index):
        assert f" data-{key}=" in index
