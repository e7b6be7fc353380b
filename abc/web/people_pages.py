"""The private build's pages about people: the table of everyone kept, the pool, and
one page per person kept.

The public build never calls this module. The pages are never put in the
navigation, because every page would then carry every name and the build would
slow down quadratically. People in the pool (imported, not yet kept) get no page of
their own: a line each on the pool page (``people/pool.md``), most promising first,
is enough; the People index only counts them, since a LinkedIn import puts
thousands there.

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
from abcnet.core.triage import Scored, pool_order
from abcnet.core.words import counted, format_days, plural
from abcnet.formats.opener import opener
from abcnet.formats.report import met_words, work_words

from .actions import log_line, reach_html, reaches
from .markup import MONTH_NAMES, attr, esc, esc_lines, fmt_day, front_matter, nowrap

PEOPLE_DIR = "people"
#: The pool's page, in the people folder (a slug's page is never named so: see page_name).
POOL_PAGE = "pool"
#: How many of the pool the pool page lists first, most promising first; the rest
#: follow by name, folded by first letter, so the page stays short at 1,500.
POOL_FIRST = 30
#: Touches older than this many days are folded away on a person's page.
RECENT_DAYS = 365

#: A slug that is its own page name: lower-case ASCII words joined by single dashes.
_PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Page names the people folder already uses.
_RESERVED = {"index", POOL_PAGE}


def page_name(slug: str) -> str:
    """The page name of the person whose file is ``contacts/<slug>.yaml``: a pure
    function of the slug, readable and safe in a URL.

    A plain slug (``ada-okafor``: lower-case ASCII letters and digits, single dashes)
    is its own page name. Any other is spelled as :func:`slugify` spells a name,
    then ``_`` and the first 8 hex digits of the slug's SHA-256: ``søren-brown`` →
    ``soren-brown_…``, ``Ada_Okafor`` → ``ada-okafor_…``. A plain slug has no
    ``_``, so the two kinds never meet, and two slugs that spell the same differ in
    the digest.

    >>> page_name("ada-okafor"), page_name("index"), page_name("pool")
    ('ada-okafor', 'index_1bc04b52', 'pool_27cac550')
    """
    if _PLAIN.fullmatch(slug) and slug not in _RESERVED:
        return slug
    digest = hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slugify(slug) or 'person'}_{digest}"


def has_page(contact: Contact) -> bool:
    """People in the pool have a line on the pool page, not a page."""
    return not contact.in_pool


def page_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """The page name of each person who has a page, by slug."""
    return {c.slug: page_name(c.slug) for c in contacts if has_page(c)}


def status_phrase(st: Status[Contact], today: date) -> str:
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


def status_html(st: Status[Contact], today: date) -> str:
    """The status in words; overdue is also a badge (bold, framed), never colour alone."""
    phrase = status_phrase(st, today)
    if st.state == "overdue":
        return f'<strong class="abc-badge abc-late">{phrase}</strong>'
    return phrase


def _urgency(st: Status[Contact]) -> tuple[int, date, str, str]:
    """The order of the index without JavaScript: whoever is most overdue first, then
    by when each is due (never contacted counts as due today); snoozed, then archived,
    last. Ties by name, so the order never depends on the files' order."""
    rank = {"snoozed": 1, "archived": 2}.get(st.state, 0)
    return (rank, st.due, st.contact.name.casefold(), st.contact.slug)


def _days_late(st: Status[Contact], today: date) -> str:
    """Days past due (negative: days still to go); empty when the person is not planned."""
    return "" if st.state in ("snoozed", "archived") else str(st.days_overdue(today))


def _row(st: Status[Contact], today: date, circle_rank: dict[str, int]) -> str:
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
    work = work_words(c)
    under = f' <span class="abc-work">{esc(work)}</span>' if work else ""
    name = f'<th scope="row" markdown="span">[{esc(c.name)}]({page_name(c.slug)}.md){under}</th>'
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


def _head_line(kept: int, pool: int) -> str:
    """``40 kept · 1,500 in the pool``, the pool linked to its page."""
    head = f"{kept:,} kept"
    if pool:
        return f"{head} · [{pool:,} in the pool]({POOL_PAGE}.md)"
    return f"{head}; nobody in the pool"


def people_index(contacts: Iterable[Contact], settings: Settings, today: date) -> str:
    """The people kept, most overdue first and linking to their pages; the pool is a
    count, linking to its own page.

    Most overdue first, rather than by name, because without JavaScript the page must
    still answer its first question, who is slipping; a name is found with the
    browser's own search. With JavaScript, every column sorts and a form filters.
    """
    everyone = list(contacts)
    kept = sorted((c for c in everyone if has_page(c)), key=lambda c: (c.name.casefold(), c.slug))
    pool = pool_order(everyone, today)
    circles = sorted(
        {c.circle for c in kept},
        key=lambda x: ([n for n, _ in settings.cadences] + [x]).index(x),
    )
    lines = [front_matter("People", searched=False), "# People { .abc-title }\n"]
    if kept:
        lines += [
            f"{_head_line(len(kept), len(pool))}. Most overdue first: "
            f"{_counts(kept, settings, today)}.\n",
            _filter_form(kept, circles),
            _people_table(kept, settings, today),
        ]
    else:
        lines += [f"{_head_line(0, len(pool))}: keep someone from the pool to plan them.\n"]
    return "\n".join(lines).rstrip("\n") + "\n"


def _people(n: int) -> str:
    """``1 person``, ``1,500 people``: thousands separated, as the terminal writes them."""
    return counted(n, "person", "people")


def _pool_line(s: Scored) -> str:
    """One person in the pool: name and work, then why they may be worth keeping."""
    c = s.contact
    work = work_words(c)
    why = ", ".join(s.reasons) or "nothing yet beyond the connection"
    search = " ".join(x for x in (c.name, c.role, c.org, *c.tags) if x)
    return (
        f'<li data-search="{attr(search)}"><strong>{esc(c.name)}</strong>'
        + (f' <span class="abc-work">{esc(work)}</span>' if work else "")
        + f' <span class="abc-why">{esc(why)}</span></li>'
    )


def _initial(c: Contact) -> str:
    """The letter a pool person is listed under: their name's first, in ASCII."""
    first = slugify(c.name)[:1].upper()
    return first if first.isalpha() else "#"


#: The pool's Find: hidden until the script shows it; it searches names, work and tags,
#: and opens the letters that hold a match.
POOL_FIND = (
    '<form id="abc-pool-filter" class="abc-filter" role="search" aria-label="Find in the pool" '
    'hidden><span class="abc-field"><label for="abc-pool-q">Find</label><input type="search" '
    'id="abc-pool-q" name="q" autocomplete="off"></span></form>\n\n'
    '<p id="abc-pool-count" class="abc-count" aria-live="polite" hidden></p>\n'
)


def pool_page(contacts: Iterable[Contact], today: date) -> str:
    """The pool: everyone imported and not yet kept, most promising first (as ``abc
    triage`` asks them), with the reasons; after the first :data:`POOL_FIRST`, the
    rest by name, folded under their first letter."""
    order = pool_order(contacts, today)
    first, rest = order[:POOL_FIRST], order[POOL_FIRST:]
    out = [
        front_matter("Pool", searched=False),
        "# Pool { .abc-title }\n",
        f"{_people(len(order))} imported and not yet kept, so never "
        'planned. Keep someone with `abc keep "Name" --circle core` (or `inner`, `wide`), '
        "or go through them one key at a time with `abc triage`.\n",
    ]
    if not order:
        return "\n".join(out).rstrip("\n") + "\n"
    out += [
        POOL_FIND,
        "## Most promising\n",
        '<ol class="abc-pool">' + "".join(_pool_line(s) for s in first) + "</ol>\n",
    ]
    if rest:
        out += ["## Everyone else, by name\n"]
        groups: dict[str, list[Scored]] = {}
        for s in sorted(rest, key=lambda s: (s.contact.name.casefold(), s.contact.slug)):
            groups.setdefault(_initial(s.contact), []).append(s)
        for letter, people in sorted(groups.items(), key=lambda g: (g[0] == "#", g[0])):
            out.append(
                f'<details class="abc-pool-group"><summary>{letter} · '
                f"{_people(len(people))}</summary>"
                '<ul class="abc-pool">' + "".join(_pool_line(s) for s in people) + "</ul>"
                "</details>\n"
            )
    return "\n".join(out).rstrip("\n") + "\n"


def _safe_url(url: str) -> str | None:
    """Only web and mail links are made clickable."""
    lowered = url.strip().lower()
    if lowered.startswith(("https://", "http://", "mailto:")) and not any(
        ch.isspace() or ch in "<>\"'`" for ch in url.strip()
    ):
        return url.strip()
    return None


def summary_line(c: Contact, st: Status[Contact], today: date) -> str:
    """``Head of Data at Northwind · inner, every 30 days · overdue by 14 days``: who
    they are and where things stand, in one sentence, which is also what search shows."""
    parts = [esc(w) for w in (work_words(c),) if w]
    parts.append(f"{esc(c.circle)}, every {format_days(st.cadence)}")
    parts.append(status_html(st, today))
    return " · ".join(parts)


def _facts(c: Contact, st: Status[Contact], today: date) -> list[list[str]]:
    """The rows of the table under the summary line: label, then escaped value."""
    rows: list[list[str]] = []
    if st.last_day is not None:
        rows.append(["last touch", fmt_day(st.last_day)])
    if st.state not in ("archived", "snoozed", "never"):
        rows.append(["next due", fmt_day(st.due)])
    met = met_words(c)
    if met:
        rows.append(["met", esc(met)])
    if c.birthday:
        b = c.birthday
        rows.append(
            ["birthday", f"{b.day} {MONTH_NAMES[b.month - 1]}" + (f" {b.year}" if b.year else "")]
        )
    return rows + _contact_rows(c)


def _contact_rows(c: Contact) -> list[list[str]]:
    """Tags, and the links that are not ways to reach the person.

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
    return rows


def _reach_out(c: Contact, st: Status[Contact], today: date) -> list[str]:
    """What to do next: the links to reach them, an opener, and the line that logs it."""
    links = reach_html(c)
    return [
        "## Reach out { #reach-out }\n",
        f'<p class="abc-reach">{links}</p>\n'
        if links
        else "No email address, phone number or LinkedIn profile in the file.\n",
        "A way to open:\n",
        f'<blockquote class="abc-opener"><p>{esc(opener(c, st.last, today))}</p></blockquote>\n',
        '<div class="abc-log" markdown>\n',
        "Then log it:\n",
        f"```sh\n{log_line(c)}\n```\n",
        "</div>\n",
    ]


def _history(touches: list[Touch], today: date) -> list[str]:
    """The history section: a line of totals and every touch, newest first, one line
    each; those older than :data:`RECENT_DAYS` folded away."""
    if not touches:
        return ["## History\n", "No touches yet."]
    gives = sum(1 for t in touches if t.kind == "give" and t.direction == "out")
    asks = sum(1 for t in touches if t.kind == "ask" and t.direction == "out")
    ins = sum(1 for t in touches if t.direction == "in")
    newest = list(reversed(touches))
    recent = [t for t in newest if (today - t.date).days <= RECENT_DAYS]
    older = newest[len(recent) :]
    out = [
        "## History\n",
        f"{plural(len(touches), 'touch', 'touches')}: you gave {gives} and asked {asks}; "
        f"{ins} started by them.\n",
    ]
    if recent:
        out.append(_timeline(recent))
    if older:
        out.append(
            f'<details class="abc-older"><summary>{plural(len(older), "older touch", "older touches")}'
            f"</summary>{_timeline(older).rstrip()}</details>\n"
        )
    return out


def touch_words(t: Touch) -> str:
    """``email from them · catch-up — Thanks``: a touch in a line, its date aside."""
    how = f"{esc(t.channel)} " if t.channel else ""
    who = "from you" if t.direction == "out" else "from them"
    note = f" — {esc(t.note)}" if t.note and t.note.strip() else ""
    return f"{how}{who} · {t.kind}{note}"


def _timeline(touches: list[Touch]) -> str:
    items = "".join(
        f'<li><span class="abc-when">{nowrap(fmt_day(t.date))}</span> {touch_words(t)}</li>'
        for t in touches
    )
    return f'<ol class="abc-timeline">{items}</ol>\n'


def person_page(contact: Contact, settings: Settings, today: date) -> str:
    """One person: who they are and where things stand, the notes (read them before
    writing), how to reach them, and every touch, newest first.

    The facts table is kept out of the search index, which would run its cells
    together; the summary line above it says the same in a sentence."""
    c = contact
    st = status(c, settings, today)
    facts = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _facts(c, st, today))
    out = [
        front_matter(c.name),
        f"# {esc(c.name)} {{ .abc-title }}\n",
        f'<p class="abc-summary">{summary_line(c, st, today)}</p>\n',
    ]
    if facts:
        out.append(f'<table class="abc-facts" data-search-exclude>{facts}</table>\n')
    if c.notes and c.notes.strip():
        out += [
            "## Notes\n",
            '<div class="abc-notes">' + "<br>\n".join(esc_lines(c.notes)) + "</div>\n",
        ]
    out += _reach_out(c, st, today)
    out += _history([t for t in c.touches if t.date <= today], today)
    return "\n".join(out).rstrip("\n") + "\n"
