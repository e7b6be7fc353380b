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
from abcnet.core.slugs import slugify
from abcnet.core.words import format_days, plural
from abcnet.formats.contact_text import quoted
from abcnet.formats.opener import opener

from .actions import log_line, reach_html, reaches
from .markup import MONTH_NAMES, attr, esc, esc_lines, fmt_day, html_table, nowrap

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


#: The states of :func:`abcnet.core.cadence.status`, as the filter offers them.
STATES = (
    ("overdue", "overdue"),
    ("due-soon", "due soon"),
    ("ok", "ok"),
    ("never", "never contacted"),
    ("snoozed", "snoozed"),
    ("archived", "archived"),
)
#: The index's columns: the row attribute it sorts by (``data-sort``), the heading, and
#: the kind of value. Circles sort in the settings' order, statuses by days late.
COLUMNS = (
    ("name", "name", "text"),
    ("circle-rank", "circle", "number"),
    ("cadence", "every", "number"),
    ("days-late", "status", "number"),
    ("last", "last touch", "text"),
    ("touches", "touches", "number"),
    ("tags", "tags", "text"),
)


def status_html(st: Status, today: date) -> str:
    """The status in words; overdue is also a badge (bold, framed), never colour alone."""
    phrase = status_phrase(st, today)
    if st.state == "overdue":
        return f'<strong class="abc-badge abc-late">{phrase}</strong>'
    return phrase


def _urgency(st: Status) -> tuple[int, date, str, str]:
    """The order of the index without JavaScript: whoever is most overdue first, then
    by when each is due (never contacted counts as due today); snoozed, then archived,
    last. Ties by name, so the order never depends on the files' order."""
    rank = {"snoozed": 1, "archived": 2}.get(st.state, 0)
    return (rank, st.due, st.contact.name.casefold(), st.contact.slug)


def _days_late(st: Status, today: date) -> str:
    """Days past due (negative: days still to go); empty when the person is not planned."""
    return "" if st.state in ("snoozed", "archived") else str(st.days_overdue(today))


def _row(st: Status, today: date, circle_rank: dict[str, int]) -> str:
    """One person in the index: the values the script sorts and filters by sit in data
    attributes, so it never parses the text shown; each cell names its column for the
    stacked layout on a phone."""
    c = st.contact
    last = st.last_day
    data = {
        "data-name": c.name.casefold(),
        "data-circle": c.circle,
        "data-circle-rank": str(circle_rank.get(c.circle, len(circle_rank))),
        "data-cadence": str(st.cadence),
        "data-status": st.state,
        "data-days-late": _days_late(st, today),
        "data-last": last.isoformat() if last else "",
        "data-touches": str(sum(1 for t in c.touches if t.date <= today)),
        "data-tags": "|".join(c.tags),
        "data-search": " ".join(x for x in (c.name, c.role, c.org, *c.tags) if x),
    }
    attrs = "".join(f' {k}="{attr(v)}"' for k, v in data.items())
    cls = ' class="abc-overdue"' if st.state == "overdue" else ""
    cells = [
        f'<td data-label="circle">{esc(c.circle)}</td>',
        f'<td data-label="every">{nowrap(format_days(st.cadence))}</td>',
        f'<td data-label="status">{status_html(st, today)}</td>',
        f'<td data-label="last touch">{nowrap(fmt_day(last)) if last else "never"}</td>',
        f'<td data-label="touches">{data["data-touches"]}</td>',
        f'<td data-label="tags">{", ".join(esc(t) for t in c.tags)}</td>',
    ]
    name = f'<th scope="row" markdown="span">[{esc(c.name)}]({page_name(c.slug)}.md)</th>'
    return f'<tr{cls}{attrs} markdown="1">{name}{"".join(cells)}</tr>'


def _options(values: Iterable[tuple[str, str]]) -> str:
    return '<option value="">any</option>' + "".join(
        f'<option value="{attr(v)}">{esc(text)}</option>' for v, text in values
    )


def _filter_form(kept: list[Contact], circles: list[str]) -> str:
    """The filter form: hidden until the script shows it, since without JavaScript it
    could do nothing. Every control has a label."""
    tags = sorted({t for c in kept for t in c.tags}, key=lambda t: (t.casefold(), t))
    fields = [
        ("q", "Find", '<input type="search" id="abc-f-q" name="q" autocomplete="off">'),
        (
            "circle",
            "Circle",
            f'<select id="abc-f-circle" name="circle">{_options((x, x) for x in circles)}</select>',
        ),
        (
            "status",
            "Status",
            f'<select id="abc-f-status" name="status">{_options(STATES)}</select>',
        ),
        (
            "tag",
            "Tag",
            f'<select id="abc-f-tag" name="tag">{_options((t, t) for t in tags)}</select>',
        ),
    ]
    body = "".join(
        f'<span class="abc-field"><label for="abc-f-{key}">{label}</label>{control}</span>'
        for key, label, control in fields
    )
    return (
        '<form id="abc-people-filter" class="abc-filter" role="search" '
        f'aria-label="Filter people" hidden>{body}</form>\n\n'
        '<p id="abc-people-count" class="abc-count" aria-live="polite" hidden></p>\n'
    )


def _people_table(kept: list[Contact], settings: Settings, today: date) -> str:
    """The kept people, most overdue first, as an HTML table whose name cells are
    Markdown links (``markdown="span"``), so that MkDocs turns ``x.md`` into the page's
    address; the header cells carry the sort keys the script turns into buttons."""
    circle_rank = {name: i for i, (name, _) in enumerate(settings.cadences)}
    statuses = sorted((status(c, settings, today) for c in kept), key=_urgency)
    head = "".join(
        f'<th scope="col" data-sort="{key}" data-type="{kind}"'
        + (' aria-sort="descending"' if key == "days-late" else "")
        + f">{text}</th>"
        for key, text, kind in COLUMNS
    )
    body = "".join(_row(st, today, circle_rank) for st in statuses)
    return (
        '<table id="abc-people" class="abc-list abc-people" markdown="1">'
        f'<thead><tr>{head}</tr></thead><tbody markdown="1">{body}</tbody></table>\n'
    )


def _counts(kept: list[Contact], settings: Settings, today: date) -> str:
    """How many are in each state, in the order the filter lists them."""
    states = [status(c, settings, today).state for c in kept]
    parts = [f"{states.count(key)} {text}" for key, text in STATES if key in states]
    return "; ".join(parts)


def people_index(contacts: Iterable[Contact], settings: Settings, today: date) -> str:
    """The private table of everyone, most overdue first and linking to their pages;
    then the pool, unlinked.

    Most overdue first, rather than by name, because without JavaScript the page must
    still answer its first question, who is slipping; a name is found with the
    browser's own search. With JavaScript, every column sorts and a form filters.
    """
    everyone = sorted(contacts, key=lambda c: (c.name.casefold(), c.slug))
    kept = [c for c in everyone if has_page(c)]
    pool = [c for c in everyone if not has_page(c)]
    circles = sorted(
        {c.circle for c in kept},
        key=lambda x: ([n for n, _ in settings.cadences] + [x]).index(x),
    )
    lines = [
        "# People\n",
        f"{plural(len(everyone), 'person', 'people')} in `contacts/`, as of "
        f"{fmt_day(today)}. This page and the pages it links to exist only in the private "
        "build. They are not in the navigation on purpose: a sidebar listing everyone "
        "would put every name on every page.\n",
    ]
    if kept:
        lines += [
            f"Most overdue first: {_counts(kept, settings, today)}. With JavaScript on, "
            "the column headings sort and the form filters.\n",
            _filter_form(kept, circles),
            _people_table(kept, settings, today),
        ]
    if pool:
        lines += _pool_section(pool)
    return "\n".join(lines).rstrip("\n") + "\n"


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
    rows.append(["status", status_html(st, today)])
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
    """Tags, the links that are not ways to reach the person, and their file.

    Emails, phones and the LinkedIn profile are in the "Reach out" section, as links;
    an address too odd to be a link stays here, as text.
    """
    rows: list[list[str]] = []
    if c.tags:
        rows.append(["tags", ", ".join(esc(t) for t in c.tags)])
    linked = {r.href for r in reaches(c)}
    emails = [e for e in c.emails if f"mailto:{e}" not in linked]
    if emails:
        rows.append(["email", ", ".join(esc(e) for e in emails)])
    phones = [p for p in c.phones if not any(ch.isdigit() for ch in p)]
    if phones:
        rows.append(["phone", ", ".join(esc(p) for p in phones)])
    for label, url in c.links:
        if url in linked:
            continue
        safe = _safe_url(url)
        text = esc(url)
        value = f'<a href="{attr(safe)}" rel="noopener">{text}</a>' if safe else text
        rows.append([esc(label), value])
    rows.append(["file", f"<code>{esc(c.source.path)}</code>"])
    return rows


def _reach_out(c: Contact, st: Status, today: date) -> list[str]:
    """What to do next: the links to reach them, an opener, and the line that logs it."""
    links = reach_html(c)
    return [
        "## Reach out { #reach-out }\n",
        f'<p class="abc-reach">{links}</p>\n'
        if links
        else "No email address, phone number or LinkedIn profile in the file.\n",
        "A way to open:\n",
        f'<blockquote class="abc-opener"><p>{esc(opener(c, st.last, today))}</p></blockquote>\n',
        "Then log it:\n",
        f"```sh\n{log_line(c)}\n```\n",
    ]


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
        _history_table(touches),
    ]


HISTORY_COLUMNS = ("date", "started by", "channel", "kind", "note")


def _history_table(touches: list[Touch]) -> str:
    """Every touch, newest first; each cell names its column, so that on a phone a
    touch becomes a small card and the note is never pushed off the screen."""
    head = "".join(f'<th scope="col">{h}</th>' for h in HISTORY_COLUMNS)
    rows = []
    for t in reversed(touches):
        values = (
            nowrap(fmt_day(t.date)),
            "you" if t.direction == "out" else "them",
            esc(t.channel or "") or "—",
            t.kind,
            esc(t.note or "") or "—",
        )
        cells = "".join(
            f'<td data-label="{h}">{v}</td>' for h, v in zip(HISTORY_COLUMNS, values, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="abc-list abc-history"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>\n"
    )


def person_page(contact: Contact, settings: Settings, today: date) -> str:
    """One person: who they are, where things stand, and every touch, newest first."""
    c = contact
    st = status(c, settings, today)
    facts = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _facts(c, st, today))
    out = [
        _front_matter(c.name),
        f"# {esc(c.name)}\n",
        f'<table class="abc-facts">{facts}</table>\n',
        *_reach_out(c, st, today),
    ]
    if c.notes and c.notes.strip():
        out += [
            "## Notes\n",
            '<div class="abc-notes">' + "<br>\n".join(esc_lines(c.notes)) + "</div>\n",
        ]
    out += _history([t for t in c.touches if t.date <= today])
    return "\n".join(out).rstrip("\n") + "\n"
