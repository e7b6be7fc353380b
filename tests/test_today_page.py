"""abc/web/today_page.py: the private build's landing page, exact Markdown for small
networks written inline, contact text escaped, and what it reuses from ``abc today``."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date
from textwrap import dedent

import markdown
import pytest

from abcnet.core.model import Contact, Network, Settings, Source, Touch
from abcnet.core.plan import plan
from abcnet.formats.opener import opener
from abcnet.web.actions import log_line
from abcnet.web.today_page import today_page

TODAY = date(2026, 11, 25)  # a Wednesday
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]


def contact(slug: str, name: str, **fields: object) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml", 1), **fields)  # type: ignore[arg-type]


def small() -> Network:
    return Network(
        (
            contact(
                "ada-okafor",
                "Ada Okafor",
                circle="inner",
                emails=("ada.okafor@example.org",),
                org="Northwind",
                role="Head of Data",
                met_date=date(2019, 6, 14),
                met_how="PyData London, at the keynote",
                touches=(
                    Touch(date(2026, 10, 1), "email", "out", "give", note="Sent the *paper*"),
                ),
            ),
            contact(
                "bo",
                "Bo <b>Lind</b>",
                circle="core",
                phones=("+44 20 7946 0123",),
                met_date=date(2026, 11, 1),
                met_how="PyData London",
            ),
            contact(
                "cy", "Cy Moreau", touches=(Touch(date(2026, 11, 25), "call", "out", "catch-up"),)
            ),
            contact("dee", "Dee Pool", circle="pool"),
            contact("eli", "Eli Sand", touches=(Touch(date(2026, 6, 1), "email", "in", "ask"),)),
        ),
        Settings(),
    )


def test_the_today_page_of_a_small_network():
    # Cy was reached today, so one of the two slots is used; Ada is the most late.
    # Bo is never contacted and Eli falls due soon; Dee is in the pool, never planned.
    # Ada's card says what `abc today` says of her: work, how you met, the last note.
    # The page is out of the search index (it changes every day) and has no TOC column.
    assert today_page(small(), TODAY) == dedent(
        """\
        ---
        title: "Today"
        hide: [toc]
        search: {exclude: true}
        ---

        # Today { .abc-title }

        **Wednesday 25 Nov 2026**: 1 person, about 10 minutes.

        <div class="abc-today-card" markdown>

        ## 1. [Ada Okafor](people/ada-okafor.md)

        <p class="abc-work">Head of Data at Northwind</p>

        <p class="abc-reason">overdue by 25 days · inner, every 30 days</p>

        <p class="abc-reach"><a class="abc-action" href="mailto:ada.okafor@example.org"><span class="abc-verb">Email</span> ada.okafor@example.org</a></p>

        **Met:** PyData London, at the keynote, 14 Jun 2019.

        **Last touch:** 1 Oct 2026, 2 months ago, by email, from you (give): “Sent the &#42;paper&#42;”

        > Hi Ada, how did it go after I sent that over in October? Was it useful? And what are you working on at Northwind now?

        <div class="abc-log" markdown>

        Once you have reached out, log it:

        ```console
        abc log ada-okafor --channel email
        ```

        </div>
        </div>

        Backlog: 2 people are overdue or never contacted; at this quota it clears on 2026-11-26.

        1 person waits in the [pool](people/pool.md), never planned: `abc triage` goes through them, the most promising first.

        ## The next days

        - **Thu 26 Nov**: [Bo &lt;b&gt;Lind&lt;/b&gt;](people/bo.md) (never contacted), [Eli Sand](people/eli.md) (due in 4 days)
        - **Fri 27 Nov**: nobody
        - **Sat 28 Nov**: nobody
        - **Sun 29 Nov**: nobody
        - **Mon 30 Nov**: nobody
        - **Tue 1 Dec**: nobody
        - **Wed 2 Dec**: nobody

        `abc plan` shows further ahead.

        ## Done today

        - [Cy Moreau](people/cy.md): by call, from you (catch&#45;up)
        """
    )


def test_it_says_what_abc_today_says():
    network = small()
    p = plan(network.contacts, network.settings, TODAY, days=30)
    page = today_page(network, TODAY)
    for e in p.days[0].entries:
        assert "overdue by 25 days" in page
        assert f"```console\n{log_line(e.contact)}\n```" in page
        words = opener(e.contact, e.last, TODAY)
        assert words.replace(".", "&#46;") in page
    assert [c.slug for c in p.days[0].done] == ["cy"]


def test_nobody_left_today_and_nothing_planned():
    network = Network(
        (contact("cy", "Cy", touches=(Touch(TODAY, "call"), Touch(TODAY, "email"))),),
        Settings(),
    )
    page = today_page(network, TODAY)
    assert "**Wednesday 25 Nov 2026**: nobody left to reach today.\n" in page
    assert "- **Thu 26 Nov**: nobody\n" in page
    assert page.endswith(
        "## Done today\n\n- [Cy](people/cy.md): by call, from you (catch&#45;up)\n"
        "- [Cy](people/cy.md): by email, from you (catch&#45;up)\n"
    )
    assert "Backlog" not in page
    empty = today_page(Network((), Settings()), TODAY)
    assert "nobody left to reach today" in empty and "Nothing logged today yet." in empty


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        "**bold** [x](javascript:alert(1))",
        "# heading | pipe | _under_ `code` {: #id } ![i](x.png)",
    ],
)
def test_contact_text_on_the_today_page_is_literal(evil):
    person = contact(
        "evil",
        evil,
        org=evil,
        emails=("x@example.org",),
        touches=(Touch(date(2026, 1, 1), channel=None, note=evil),),
    )
    html = markdown.markdown(
        re.sub(
            r"\A---\n.*?\n---\n", "", today_page(Network((person,), Settings()), TODAY), flags=re.S
        ),
        extensions=EXTENSIONS,
    )
    for bad in ("<script", "<strong>bold", 'href="javascript', "<img", "<em>under"):
        assert bad not in html
    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    # the heading, the work line, the last touch's note and the org in the opener, and
    # the first name there when it is all of it
    assert shown.count(evil) == (4 if " " in evil else 5)
    assert 'href="mailto:x@example.org"' in html
    assert "abc log evil --channel email" in re.sub(r"<[^>]+>", "", html)  # a code block


def test_every_birthday_today_is_named_planned_or_not():
    """Issue 25: Cy, reached last week, gets a word on his birthday; Ada, planned today
    for being late, has hers in her reason."""
    from abcnet.core.model import Birthday

    network = Network(
        (
            contact("ada", "Ada", circle="inner", birthday=Birthday(11, 25),
                    touches=(Touch(date(2026, 8, 1)),)),
            contact("cy", "Cy", birthday=Birthday(11, 25), touches=(Touch(date(2026, 11, 18)),)),
        ),
        Settings(),
    )  # fmt: skip
    page = today_page(network, TODAY)
    assert "**Birthday today:** [Cy](people/cy.md).\n" in page
    assert (
        '<p class="abc-reason">overdue by 86 days; birthday today · inner, every 30 days</p>'
        in page
    )
