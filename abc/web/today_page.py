"""The Today page: the private build's landing page, where the ten minutes start.

It says what ``abc today`` says, from the same plan (:func:`abcnet.core.plan.plan`)
and the same words (the plan's reasons, their work and how you met as
:mod:`abcnet.formats.report` words them, the last touch with its note,
:func:`abcnet.formats.opener.opener`, :func:`abcnet.formats.report.backlog_line`),
and adds what a page can do better than a terminal: buttons that open the mail app
or the phone, and the ``abc log`` line in a code block, which the site's copy
button copies in one tap. Then the next days of the plan, and what was already
done today.

Each person is a card rather than a table row, so that the page reads on a phone
(the styles are in ``site/assets/abc-today.css``). The page names people and
links their addresses, so only the private build has it; all contact text goes
through :func:`~.markup.esc` (Markdown) or :func:`~.markup.xml` (HTML).
"""

from __future__ import annotations

from datetime import date

from abcnet.core.model import Contact, Network, Touch
from abcnet.core.plan import Day, Entry, Plan, plan
from abcnet.core.words import plural
from abcnet.formats.inbox import waiting_line
from abcnet.formats.opener import ago, opener
from abcnet.formats.report import backlog_line, met_words, work_words

from .actions import log_line, reach_html
from .markup import MONTH_NAMES, esc, fmt_day, front_matter
from .people_pages import PEOPLE_DIR, POOL_PAGE, has_page, page_name

TODAY_PAGE = "index.md"
#: How many days after today the page shows the plan for.
NEXT_DAYS = 7
#: How many days the plan is worked out for, as ``abc today`` does.
PLAN_DAYS = 30

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _person(c: Contact) -> str:
    """The name, linked to the person page when there is one."""
    name = esc(c.name)
    return f"[{name}]({PEOPLE_DIR}/{page_name(c.slug)}.md)" if has_page(c) else name


def _when(then: date, today: date) -> str:
    days = (today - then).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{ago(then, today)} ago"


def _touch(t: Touch) -> str:
    """``by email, from you (give)``: how, which way and what, in words."""
    how = f"by {esc(t.channel)}, " if t.channel else ""
    who = "from you" if t.direction == "out" else "from them"
    return f"{how}{who} ({esc(t.kind)})"


def _last(e: Entry, today: date) -> str:
    """When, how and which way the last touch went, and its note: the best hook."""
    if e.last is None:
        return "**Last touch:** none yet."
    t = e.last
    note = f": “{esc(t.note)}”" if t.note and t.note.strip() else "."
    return f"**Last touch:** {fmt_day(t.date)}, {_when(t.date, today)}, {_touch(t)}{note}"


def card(e: Entry, number: int, today: date, *, birthday: bool = False) -> str:
    """One of today's people: their work, the reason, ways to reach them, how you met,
    the last touch, an opener and the log line; ``birthday`` when it is theirs today
    (and the reason does not already say so)."""
    c = e.contact
    reach = reach_html(c)
    work, met = work_words(c), met_words(c)
    reason = e.reason + ("; birthday today" if birthday and e.birthday is None else "")
    lines = [
        '<div class="abc-today-card" markdown>',
        "",
        f"## {number}. {_person(c)}",
        "",
        *([f'<p class="abc-work">{esc(work)}</p>', ""] if work else []),
        f'<p class="abc-reason">{esc(reason)} · {esc(c.circle)}, every {e.cadence} days</p>',
        "",
        f'<p class="abc-reach">{reach}</p>' if reach else "No address or number in the file.",
        "",
        *([f"**Met:** {esc(met)}.", ""] if met else []),
        _last(e, today),
        "",
        f"> {esc(opener(c, e.last, today))}",
        "",
        '<div class="abc-log" markdown>',
        "",
        "Once you have reached out, log it:",
        "",
        "```console",
        log_line(c),
        "```",
        "",
        "</div>",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def _day_line(d: Day) -> str:
    label = f"{WEEKDAYS[d.day.weekday()]} {d.day.day} {MONTH_NAMES[d.day.month - 1]}"
    people = ", ".join(f"{_person(e.contact)} ({esc(e.reason)})" for e in d.entries)
    return f"- **{label}**: {people or 'nobody'}"


def _done_today(network: Network, today: date) -> list[str]:
    """Every touch dated today, of kept people, by name."""
    done = [
        (c, t)
        for c in sorted(network.contacts, key=lambda c: (c.name, c.slug))
        if c.kept
        for t in c.touches
        if t.date == today
    ]
    if not done:
        return ["Nothing logged today yet."]
    return [f"- {_person(c)}: {_touch(t)}" for c, t in done]


def _pool_nudge(network: Network) -> list[str]:
    """While people wait in the pool, one line that says so and how to sort them."""
    n = sum(1 for c in network.contacts if c.in_pool and not c.archived)
    if not n:
        return []
    who = "1 person waits" if n == 1 else f"{n:,} people wait"
    return [
        f"{who} in the [pool]({PEOPLE_DIR}/{POOL_PAGE}.md), never planned: `abc triage` "
        "goes through them, the most promising first.",
        "",
    ]


def today_page(network: Network, today: date, inbox: int = 0) -> str:
    """The Today page for ``today``: today's cards, the next days, what was done; first,
    when ``inbox`` entries wait in ``inbox/``, a line that says so."""
    p: Plan = plan(network.contacts, network.settings, today, days=PLAN_DAYS)
    first = p.days[0] if p.days else Day(today, ())
    head = f"{LONG_WEEKDAYS[today.weekday()]} {fmt_day(today)}"
    n = len(first.entries)
    if n:
        who = plural(n, "person", "people")
        intro = f"**{head}**: {who}, about {network.settings.minutes} minutes."
    else:
        intro = f"**{head}**: nobody left to reach today."
    out = [front_matter("Today", searched=False), "# Today { .abc-title }", "", intro, ""]
    if inbox:
        out += [esc(waiting_line(inbox)), ""]
    born = {c.slug for c in p.birthdays}
    planned = {e.contact.slug for e in first.entries}
    others = [_person(c) for c in p.birthdays if c.slug not in planned]
    if others:
        out += [f"**Birthday today:** {', '.join(others)}.", ""]
    out += [
        card(e, i, today, birthday=e.contact.slug in born) for i, e in enumerate(first.entries, 1)
    ]
    backlog = backlog_line(p)
    if backlog:
        out += [backlog, ""]
    out += _pool_nudge(network)
    out += ["## The next days", ""]
    out += [_day_line(d) for d in p.days[1 : NEXT_DAYS + 1]]
    out += ["", "`abc plan` shows further ahead.", "", "## Done today", ""]
    out += _done_today(network, today)
    return "\n".join(out) + "\n"
