"""The private build's pages about people: the table of everyone and one page per person.

The public build never calls this module. The pages are never put in the
navigation, because every page would then carry every name and the build would
slow down quadratically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date

from abcnet.core.cadence import Status, status
from abcnet.core.model import Contact, Settings, Touch
from abcnet.core.words import format_days, plural

from .markup import MONTH_NAMES, attr, esc, esc_lines, fmt_day, html_table, nowrap, table

PEOPLE_DIR = "people"

_SLUG_RE = re.compile(r"[^a-z0-9-]+")
_RESERVED = {"index"}


def page_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """A safe, unique page name for each contact's slug: letters, digits and dashes only."""
    names: dict[str, str] = {}
    taken = set(_RESERVED)
    for c in sorted(contacts, key=lambda c: c.slug):
        base = _SLUG_RE.sub("-", c.slug.lower()).strip("-") or "person"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[c.slug] = name
    return names


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
    """The private table of everyone, linking to their pages."""
    contacts = sorted(contacts, key=_sort_key)
    names = page_names(contacts)
    rows = []
    for c in contacts:
        st = status(c, settings, today)
        last = st.last_day
        rows.append(
            [
                f"[{esc(c.name)}]({names[c.slug]}.md)",
                c.circle,
                format_days(st.cadence),
                status_phrase(st, today),
                nowrap(fmt_day(last)) if last else "never",
                str(sum(1 for t in c.touches if t.date <= today)),
            ]
        )
    lines = [
        "# People\n",
        f"{plural(len(contacts), 'person', 'people')} in `contacts/`, as of "
        f"{fmt_day(today)}. This page and the pages it links to exist only in the private "
        "build. They are not in the navigation on purpose: a sidebar listing everyone "
        "would put every name on every page.\n",
        table(
            ["name", "circle", "every", "status", "last touch", "touches"],
            rows,
            "lllllr",
        ),
    ]
    return "\n".join(lines) + "\n"


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
    and the header, so it is escaped here, once. JSON strings are valid YAML.
    """
    return f"---\ntitle: {json.dumps(attr(' '.join(title.split())))}\n---\n"


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
