"""The private build's pages about people: the table of everyone and one page per person.

The public build never calls this module. The pages are never put in the
navigation, because every page would then carry every name and the build would
slow down quadratically. People in the pool (imported, not yet kept) get no page of
their own: a row in the index, in a section of its own, is enough.

A person's page is named by :func:`page_name`, from their slug (the name of their
file) alone, so a page keeps its address whoever else is added or removed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date

from abcnet.core.cadence import Status, status
from abcnet.core.model import Contact, Settings, Touch
from abcnet.core.words import format_days, plural
from abcnet.formats.contact_text import quoted, slugify

from .markup import MONTH_NAMES, attr, esc, esc_lines, fmt_day, html_table, nowrap, table

PEOPLE_DIR = "people"

#: A slug that is its own page name: lower-case ASCII words joined by single dashes.
_PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Page names the people folder already uses.
_RESERVED = {"index"}


def page_name(slug: str) -> str:
    """The page name of the person whose file is ``contacts/<slug>.yaml``: a pure
    function of the slug, readable and safe in a URL.

    A plain slug (``ada-okafor``: lower-case ASCII letters and digits, single dashes)
    is its own page name. Any other is spelled as :func:`slugify` spells a name,
    then ``_`` and the first 8 hex digits of the slug's SHA-256: ``søren-brown`` →
    ``soren-brown_…``, ``Ada_Okafor`` → ``ada-okafor_…``. A plain slug has no
    ``_``, so the two kinds never meet, and two slugs that spell the same differ in
    the digest.

    >>> page_name("ada-okafor"), page_name("index")
    ('ada-okafor', 'index_1bc04b52')
    """
    if _PLAIN.fullmatch(slug) and slug not in _RESERVED:
        return slug
    digest = hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slugify(slug) or 'person'}_{digest}"


def has_page(contact: Contact) -> bool:
    """People in the pool have a row in the index, not a page."""
    return not contact.in_pool


def page_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """The page name of each person who has a page, by slug."""
    return {c.slug: page_name(c.slug) for c in contacts if has_page(c)}


def status_phrase(st: Status, today: date) -> str:
    if st.state == "archived":
        return "archived"
    if st.state == "snoozed":
        assert st.contact.snooze_until is not None
        return f"snoozed until {fmt_day(st.contact.snooze_until)}"
    if st.state == "never":
        return "never contacted"
    days = (st.due - today).days
    if days < 0:
        return f"overdue by {plural(-days, 'day')}"
    if days == 0:
        return "due today"
    return f"due in {plural(days, 'day')}"


def _sort_key(c: Contact) -> tuple[str, str]:
    return (c.name.casefold(), c.slug)


def people_index(contacts: Iterable[Contact], settings: Settings, today: date) -> str:
    """The private table of everyone, linking to their pages; then the pool, unlinked."""
    everyone = sorted(contacts, key=_sort_key)
    kept = [c for c in everyone if has_page(c)]
    pool = [c for c in everyone if not has_page(c)]
    rows = []
    for c in kept:
        st = status(c, settings, today)
        last = st.last_day
        rows.append(
            [
                f"[{esc(c.name)}]({page_name(c.slug)}.md)",
                c.circle,
                format_days(st.cadence),
                status_phrase(st, today),
                nowrap(fmt_day(last)) if last else "never",
                str(sum(1 for t in c.touches if t.date <= today)),
            ]
        )
    lines = [
        "# People\n",
        f"{plural(len(everyone), 'person', 'people')} in `contacts/`, as of "
        f"{fmt_day(today)}. This page and the pages it links to exist only in the private "
        "build. They are not in the navigation on purpose: a sidebar listing everyone "
        "would put every name on every page.\n",
        table(
            ["name", "circle", "every", "status", "last touch", "touches"],
            rows,
            "lllllr",
        ),
    ]
    if pool:
        lines += ["", *_pool_section(pool)]
    return "\n".join(lines) + "\n"


def _pool_section(pool: list[Contact]) -> list[str]:
    """The pool: one row each, no page of their own. Raw HTML, cheap for thousands."""
    rows = [
        [
            esc(c.name),
            esc(" at ".join(x for x in (c.role, c.org) if x)),
            ", ".join(
                x for x in (esc(c.met_how or ""), fmt_day(c.met_date) if c.met_date else "") if x
            ),
            f"<code>{esc(c.source.path)}</code>",
        ]
        for c in pool
    ]
    return [
        "## In the pool\n",
        f"{plural(len(pool), 'person', 'people')} imported and not yet kept (`circle: pool`): "
        "never planned, and no page of their own. Give someone a circle to keep them.\n",
        html_table(["name", "work", "met", "file"], rows).rstrip("\n"),
    ]


def _safe_url(url: str) -> str | None:
    """Only web and mail links are made clickable."""
    lowered = url.strip().lower()
    if lowered.startswith(("https://", "http://", "mailto:")) and not any(
        ch.isspace() or ch in "<>\"'`" for ch in url.strip()
    ):
        return url.strip()
    return None


def _front_matter(title: str) -> str:
    """The page title, HTML-escaped, as YAML front matter.

    Without it MkDocs takes the title from the heading, and the theme puts that
    through ``striptags``, which turns character references back into markup
    inside ``<title>``. Material prints ``meta.title`` as it is, in the ``<title>``
    and the header, so it is escaped here, once, then quoted for YAML by
    :func:`quoted`, which keeps an emoji as itself (``json.dumps`` writes it as a
    surrogate pair, which YAML reads as two broken characters).
    """
    return f"---\ntitle: {quoted(attr(' '.join(title.split())))}\n---\n"


def _facts(c: Contact, st: Status, today: date) -> list[list[str]]:
    """The rows of the table at the top of a person's page: label, then escaped value."""
    rows: list[list[str]] = []
    if c.role or c.org:
        rows.append(["work", esc(" at ".join(x for x in (c.role, c.org) if x))])
    rows.append(["circle", f"{c.circle}, every {format_days(st.cadence)}"])
    rows.append(["status", status_phrase(st, today)])
    if st.last_day is not None:
        rows.append(["last touch", fmt_day(st.last_day)])
    if st.state not in ("archived", "snoozed", "never"):
        rows.append(["next due", fmt_day(st.due)])
    if c.met_date or c.met_how:
        met = ", ".join(
            x for x in (fmt_day(c.met_date) if c.met_date else "", esc(c.met_how or "")) if x
        )
        rows.append(["met", met])
    if c.birthday:
        b = c.birthday
        rows.append(
            ["birthday", f"{b.day} {MONTH_NAMES[b.month - 1]}" + (f" {b.year}" if b.year else "")]
        )
    return rows + _contact_rows(c)


def _contact_rows(c: Contact) -> list[list[str]]:
    """Tags, ways to reach the person, their links and their file."""
    rows: list[list[str]] = []
    if c.tags:
        rows.append(["tags", ", ".join(esc(t) for t in c.tags)])
    if c.emails:
        rows.append(["email", ", ".join(esc(e) for e in c.emails)])
    if c.phones:
        rows.append(["phone", ", ".join(esc(p) for p in c.phones)])
    for label, url in c.links:
        safe = _safe_url(url)
        text = esc(url)
        value = f'<a href="{attr(safe)}" rel="noopener">{text}</a>' if safe else text
        rows.append([esc(label), value])
    rows.append(["file", f"<code>{esc(c.source.path)}</code>"])
    return rows


def _history(touches: list[Touch]) -> list[str]:
    """The history section: a line of totals and every touch, newest first."""
    if not touches:
        return ["## History\n", "No touches yet."]
    gives = sum(1 for t in touches if t.kind == "give" and t.direction == "out")
    asks = sum(1 for t in touches if t.kind == "ask" and t.direction == "out")
    ins = sum(1 for t in touches if t.direction == "in")
    return [
        "## History\n",
        f"{plural(len(touches), 'touch', 'touches')}: you gave {gives} and asked {asks}; "
        f"{ins} started by them.\n",
        html_table(
            ["date", "started by", "channel", "kind", "note"],
            [
                [
                    nowrap(fmt_day(t.date)),
                    "you" if t.direction == "out" else "them",
                    t.channel or "",
                    t.kind,
                    esc(t.note or ""),
                ]
                for t in reversed(touches)
            ],
        ),
    ]


def person_page(contact: Contact, settings: Settings, today: date) -> str:
    """One person: who they are, where things stand, and every touch, newest first."""
    c = contact
    st = status(c, settings, today)
    facts = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _facts(c, st, today))
    out = [_front_matter(c.name), f"# {esc(c.name)}\n", f"<table>{facts}</table>\n"]
    if c.notes and c.notes.strip():
        out += [
            "## Notes\n",
            '<div class="abc-notes">' + "<br>\n".join(esc_lines(c.notes)) + "</div>\n",
        ]
    out += _history([t for t in c.touches if t.date <= today])
    return "\n".join(out).rstrip("\n") + "\n"
