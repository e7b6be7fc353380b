"""Pure formatting: values → lines of terminal text and JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from abcnet.core.cadence import Capacity, CheckReport, P, Status, within_quota
from abcnet.core.model import Contact, Touch
from abcnet.core.problems import Problem
from abcnet.core.words import MONTHS_SHORT, counted, format_days, plural, work

if TYPE_CHECKING:
    from abcnet.core.plan import Entry, Plan

# --- the JSON documents ---------------------------------------------------------------
# Keys are listed in the order they are printed.


class StatusJson(TypedDict):
    """One person in `abc check --json`."""

    slug: str
    name: str
    path: str
    circle: str
    cadence_days: int
    last_touch: str | None
    due: str
    days_overdue: int
    snooze_until: str | None


class CapacityJson(TypedDict):
    people: int
    needed_per_year: float
    available_per_year: int
    daily_quota: int
    enough: bool
    quota_needed: int


class CheckJson(TypedDict):
    """`abc check --json`."""

    today: str
    files: int
    valid: bool
    ok: bool
    problems: list[dict[str, Any]]
    """Each as :meth:`Problem.to_json` gives it."""
    overdue: list[StatusJson]
    due_soon: list[StatusJson]
    never_contacted: list[StatusJson]
    snoozed: list[StatusJson]
    pool: int
    """People in the pool (not archived): imported, not yet kept."""
    inbox: int
    """Entries waiting in ``inbox/`` for ``abc inbox --apply``."""
    capacity: CapacityJson


class TouchJson(TypedDict):
    date: str
    channel: str | None
    direction: str
    kind: str
    note: str | None


class MetJson(TypedDict):
    date: str | None
    how: str | None


class EntryJson(TypedDict):
    """One person on one day of the plan; `abc today --json` adds how to reach them."""

    slug: str
    name: str
    due: str
    reason: str
    days_overdue: int
    """Days past the due date, for the backlog: 0 for someone never contacted or dormant."""
    never_contacted: bool
    dormant: bool
    """A dormant tie the plan offers for the week (``reconnect: weekly``), not someone overdue:
    its ``due`` is when the cadence lapsed, years ago, and ``reason`` says when you were last
    in touch."""
    circle: str
    cadence_days: int
    path: str
    email: NotRequired[list[str]]
    phone: NotRequired[list[str]]
    links: NotRequired[dict[str, str]]
    last_touch: NotRequired[TouchJson | None]
    opener: NotRequired[str]
    org: NotRequired[str | None]
    role: NotRequired[str | None]
    met: NotRequired[MetJson | None]
    """The file's ``met``: where and when you met, or connected."""


class TodayJson(TypedDict):
    """`abc today --json`."""

    today: str
    people: list[EntryJson]
    done: list[str]
    overdue_now: int
    backlog_clears_on: str | None
    birthdays: list[str]


class PlanDayJson(TypedDict):
    date: str
    people: list[EntryJson]
    done: list[str]


class PlanJson(TypedDict):
    """`abc plan --json`."""

    today: str
    days: list[PlanDayJson]
    overdue_now: int
    backlog_clears_on: str | None


def problem_summary(problems: list[Problem], files: int) -> str:
    errs = [p for p in problems if p.severity == "error"]
    warns = [p for p in problems if p.severity == "warning"]
    if not errs and not warns:
        if files == 0:
            return "No contact files yet: add people with abc add or abc import."
        if files == 1:
            return "The one contact file is valid."
        return f"All {files:,} contact files are valid."
    paths = {p.path for p in problems}
    parts = []
    if errs:
        parts.append(plural(len(errs), "problem"))
    if warns:
        parts.append(plural(len(warns), "warning"))
    return f"{' and '.join(parts)} in {plural(len(paths), 'file')}."


#: How many people each list of `abc check` shows (``--all`` shows everyone).
LIST_LIMIT = 10


def capacity_line(cap: Capacity) -> str:
    head = (
        f"Capacity: {counted(cap.people, 'person needs', 'people need')} about "
        f"{round(cap.needed_per_year):,} touches a year; {cap.quota} a day gives "
        f"{cap.available_per_year:,}."
    )
    if cap.enough:
        return head + " The daily quota keeps everyone within cadence."
    return head + " Not enough for all of them."


def capacity_moves(rep: CheckReport[P]) -> list[str]:
    """When the quota is not enough: how many it keeps, the moves that choose who, and
    only then the quota it would take to keep everyone. Nothing when it is enough."""
    cap = rep.capacity
    if cap.enough:
        return []
    can = within_quota(rep.kept_cadences, cap.available_per_year)
    pool = rep.pool
    lines = [
        f"  At {cap.quota} a day, at most {can:,} of the {cap.people:,} can stay within cadence. "
        "Choose who:",
        "  - leave people in the pool (circle: pool), or archive those you will not keep up "
        "with (abc archive NAME)",
        "  - give the weakest ties a longer cadence: a wider circle (abc keep NAME --circle wide)",
    ]
    if pool:
        lines.append(
            f"  - keep only the most promising of the {pool:,} in the pool, one key each "
            "(abc triage)"
        )
    lines.append(
        f"  Keeping all {cap.people:,} would take {cap.quota_needed} a day "
        f"(daily_quota: {cap.quota_needed} in abc.yaml)."
    )
    return lines


def _last(s: Status[P]) -> str:
    return f"last {s.last_day}" if s.last_day else "never"


def pool_line(pool: int) -> str:
    people = counted(pool, "person", "people")
    return f"In the pool: {people}, not planned (abc triage picks who to keep)"


def report_lines(rep: CheckReport[P], *, show_all: bool = False) -> list[str]:
    """`abc check` after the problems: each list with its count and (unless ``show_all``)
    its first :data:`LIST_LIMIT` people, the pool, and the capacity."""
    today = rep.today
    lines: list[str] = []
    width = (10 if rep.width is None else rep.width) + 2

    def section(title: str, people: Sequence[Status[P]], line: Callable[[Status[P]], str]) -> None:
        lines.append(f"{title} ({len(people):,}):")
        shown = people if show_all else people[:LIST_LIMIT]
        lines.extend([f"  {s.contact.name:<{width}}{line(s)}" for s in shown] or ["  nobody"])
        if len(people) > len(shown):
            lines.append(f"  ... and {len(people) - len(shown):,} more (abc check --all)")
        lines.append("")

    section(
        "Overdue",
        rep.overdue,
        lambda s: (
            f"overdue by {format_days(s.days_overdue(today))}"
            f" ({_last(s)}, every {format_days(s.cadence)})"
        ),
    )
    section(
        "Due in the next 7 days",
        rep.due_soon,
        lambda s: (
            ("due today" if s.due == today else f"due in {format_days((s.due - today).days)}")
            + f" ({s.due})"
        ),
    )
    section("Never contacted", rep.never, lambda s: s.contact.source.path)
    section("Snoozed", rep.snoozed, lambda s: f"until {s.contact.snooze_until}")
    if rep.pool:
        lines += [pool_line(rep.pool), ""]
    lines.append(capacity_line(rep.capacity))
    lines += capacity_moves(rep)
    return lines


def _status_json(s: Status[P], today: date) -> StatusJson:
    return {
        "slug": s.contact.slug,
        "name": s.contact.name,
        "path": s.contact.source.path,
        "circle": s.contact.circle,
        "cadence_days": s.cadence,
        "last_touch": s.last_day.isoformat() if s.last_day else None,
        "due": s.due.isoformat(),
        "days_overdue": max(0, (today - s.due).days),
        "snooze_until": s.contact.snooze_until.isoformat() if s.contact.snooze_until else None,
    }


def check_json(
    rep: CheckReport[P], problems: list[Problem], files: int, strict: bool, inbox: int = 0
) -> CheckJson:
    errs = [p for p in problems if p.severity == "error"]
    cap = rep.capacity
    return {
        "today": rep.today.isoformat(),
        "files": files,
        "valid": not errs,
        "ok": not errs and not (strict and rep.overdue),
        "problems": [p.to_json() for p in problems],
        "overdue": [_status_json(s, rep.today) for s in rep.overdue],
        "due_soon": [_status_json(s, rep.today) for s in rep.due_soon],
        "never_contacted": [_status_json(s, rep.today) for s in rep.never],
        "snoozed": [_status_json(s, rep.today) for s in rep.snoozed],
        "pool": rep.pool,
        "inbox": inbox,
        "capacity": {
            "people": cap.people,
            "needed_per_year": round(cap.needed_per_year, 1),
            "available_per_year": cap.available_per_year,
            "daily_quota": cap.quota,
            "enough": cap.enough,
            "quota_needed": cap.quota_needed,
        },
    }


def _reach(c: Contact) -> str:
    parts = list(c.emails) + list(c.phones) + [f"{k} {v}" for k, v in c.links]
    return " · ".join(parts) if parts else "no contact details in the file"


def _day(d: date) -> str:
    """``3 Mar 2012``: the same in every locale."""
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def work_words(c: Contact) -> str | None:
    """``Head of Data at Fabrikam``, or whichever of the two the file has."""
    return work(c.role, c.org)


def met_words(c: Contact) -> str | None:
    """``PyData London 2024, 12 May 2024`` or ``connected on LinkedIn, 3 Mar 2012``."""
    from .opener import is_linkedin_connection  # not imported by abc check

    how = " ".join((c.met_how or "").split())
    if is_linkedin_connection(how):
        how = "connected on LinkedIn"
    parts = [how] if how else []
    parts += [_day(c.met_date)] if c.met_date else []
    return ", ".join(parts) or None


def _touch_line(t: Touch) -> str:
    who = "you → them" if t.direction == "out" else "them → you"
    bits = [str(t.date)] + ([t.channel] if t.channel else []) + [who, t.kind]
    line = ", ".join(bits)
    return f'{line}: "{t.note.strip()}"' if t.note else line


def entry_json(e: Entry, opener_text: str | None = None) -> EntryJson:
    c = e.contact
    data: EntryJson = {
        "slug": c.slug,
        "name": c.name,
        "due": e.due.isoformat(),
        "reason": e.reason,
        "days_overdue": 0 if e.never or e.reconnect else max(0, e.days_overdue),
        "never_contacted": e.never,
        "dormant": e.reconnect,
        "circle": c.circle,
        "cadence_days": e.cadence,
        "path": c.source.path,
    }
    if opener_text is not None:
        data["email"] = list(c.emails)
        data["phone"] = list(c.phones)
        data["links"] = dict(c.links)
        data["last_touch"] = (
            {
                "date": e.last.date.isoformat(),
                "channel": e.last.channel,
                "direction": e.last.direction,
                "kind": e.last.kind,
                "note": e.last.note,
            }
            if e.last
            else None
        )
        data["opener"] = opener_text
        data["org"] = c.org
        data["role"] = c.role
        data["met"] = (
            {"date": c.met_date.isoformat() if c.met_date else None, "how": c.met_how}
            if c.met_date or c.met_how
            else None
        )
    return data


def today_json(p: Plan, openers: list[str]) -> TodayJson:
    """Today's people with how to reach them and an opener, as `abc today --json` prints them."""
    first = p.days[0]
    return {
        "today": p.today.isoformat(),
        "people": [entry_json(e, o) for e, o in zip(first.entries, openers, strict=True)],
        "done": [c.slug for c in first.done],
        "overdue_now": p.overdue_now,
        "backlog_clears_on": p.clears_on.isoformat() if p.clears_on else None,
        "birthdays": [c.slug for c in p.birthdays],
    }


def backlog_line(p: Plan) -> str | None:
    if not p.overdue_now:
        return None
    who = f"{plural(p.overdue_now, 'person is', 'people are')} overdue or never contacted"
    if p.clears_on is None:
        return f"Backlog: {who}; at this quota it does not clear within three years."
    return f"Backlog: {who}; at this quota it clears on {p.clears_on}."


def today_lines(p: Plan, openers: list[str], minutes: int) -> list[str]:
    day = p.days[0] if p.days else None
    entries = day.entries if day else ()
    head = p.today.strftime("%A %d %B %Y")
    lines = []
    if entries:
        n = len(entries)
        lines.append(f"{head}: {plural(n, 'person', 'people')}, about {minutes} minutes.")
    else:
        lines.append(f"{head}: nobody left to reach today.")
    born = {c.slug for c in p.birthdays}
    for i, (e, text) in enumerate(zip(entries, openers, strict=True), 1):
        c = e.contact
        work, met = work_words(c), met_words(c)
        reason = e.reason
        if c.slug in born and "birthday" not in reason:
            reason += "; birthday today"
        lines += [
            "",
            f"{i}. {c.name} — {reason}",
            *([f"   work:   {work}"] if work else []),
            *([f"   met:    {met}"] if met else []),
            f"   reach:  {_reach(c)}",
            f"   last:   {_touch_line(e.last) if e.last else 'no touch yet'}",
            f"   opener: {text}",
        ]
    planned = {e.contact.slug for e in entries}
    for c in p.birthdays:
        if c.slug not in planned:
            lines += ["", f"Birthday today: {c.name} (reach: {_reach(c)})."]
    if day and day.done:
        lines += ["", "Done today: " + ", ".join(c.name for c in day.done) + "."]
    if not entries:
        upcoming = next((d for d in p.days[1:] if d.entries), None)
        if upcoming:
            names = ", ".join(e.contact.name for e in upcoming.entries)
            lines += ["", f"Next: {upcoming.day}: {names}."]
    backlog = backlog_line(p)
    if backlog:
        lines += ["", backlog]
    return lines


def plan_lines(p: Plan) -> list[str]:
    lines = []
    for d in p.days:
        people = ", ".join(f"{e.contact.name} ({e.reason})" for e in d.entries) or "—"
        done = f"  [done: {', '.join(c.name for c in d.done)}]" if d.done else ""
        lines.append(f"{d.day.strftime('%a')} {d.day}  {people}{done}")
    backlog = backlog_line(p)
    if backlog:
        lines += ["", backlog]
    return lines


def plan_json(p: Plan) -> PlanJson:
    return {
        "today": p.today.isoformat(),
        "days": [
            {
                "date": d.day.isoformat(),
                "people": [entry_json(e) for e in d.entries],
                "done": [c.slug for c in d.done],
            }
            for d in p.days
        ],
        "overdue_now": p.overdue_now,
        "backlog_clears_on": p.clears_on.isoformat() if p.clears_on else None,
    }
