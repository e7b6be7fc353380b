"""People in words and JSON: `abc list`, `abc show`, what `abc merge` did, a touch for
`abc unlog`. Pure."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from abcnet.core.merge import (
    AddEntries,
    AddText,
    AddTouch,
    Conflict,
    Extend,
    Fill,
    MergePlan,
    Replace,
)
from abcnet.core.model import CHANNELS, POOL, TOUCH_KINDS, Contact, Settings, Touch
from abcnet.core.people import Listing, Standing
from abcnet.core.words import format_days, plural

from .report import MetJson, TouchJson

# --- the JSON documents ---------------------------------------------------------------
# Keys are listed in the order they are printed.


class PersonJson(TypedDict):
    """One person in `abc list --json` (which is a list of them)."""

    slug: str
    name: str
    path: str
    circle: str
    status: str
    """One of ok, due (within the next week), overdue, never, pool, snoozed, archived."""
    due: str | None
    """When they next come up (today for someone never contacted, the end of a snooze
    if later); null in the pool and for the archived."""
    last_touch: str | None
    org: str | None
    tags: list[str]


class CardJson(TypedDict):
    """`abc show --json`."""

    slug: str
    name: str
    path: str
    org: str | None
    role: str | None
    circle: str
    cadence_days: int
    own_cadence: bool
    email: list[str]
    phone: list[str]
    links: dict[str, str]
    tags: list[str]
    met: MetJson
    birthday: str | None
    notes: str | None
    status: str
    due: str | None
    snooze_until: str | None
    next_planned: str | None
    """The first day of the plan over the horizon that has them; null if none."""
    horizon_days: int
    touches: list[TouchJson]
    """Newest first."""


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def person_json(s: Standing) -> PersonJson:
    c = s.contact
    return {
        "slug": c.slug,
        "name": c.name,
        "path": c.source.path,
        "circle": c.circle,
        "status": s.state,
        "due": _day(s.due),
        "last_touch": _day(s.last_day),
        "org": c.org,
        "tags": list(c.tags),
    }


def list_json(listing: Listing) -> list[PersonJson]:
    return [person_json(s) for s in listing.people]


def list_lines(listing: Listing) -> list[str]:
    """A table of the people listed, then how many, and how many the default left out."""
    rows = [
        (s.contact.name, s.contact.circle, s.state, _day(s.due) or "-", s.contact.org or "")
        for s in listing.people
    ]
    lines = []
    if rows:
        width = max(len(r[0]) for r in [("NAME",), *rows])
        for name, circle, state, due, org in [("NAME", "CIRCLE", "STATUS", "DUE", "ORG"), *rows]:
            lines.append(f"{name:<{width}}  {circle:<6}  {state:<8}  {due:<10}  {org}".rstrip())
        lines.append("")
    n = len(rows)
    head = f"{plural(n, 'person', 'people')}." if n else "Nobody matches."
    if listing.hidden:
        head = head[:-1] + f"; {listing.hidden} more in the pool or archived (--all shows them)."
    return [*lines, head]


# --- abc show -------------------------------------------------------------------------


def status_words(s: Standing, today: date) -> str:
    """Where someone stands, in words: ``overdue by 3 days (due 2026-11-22)``."""
    due = s.due
    if s.state == "archived":
        return "archived: kept on file, no reminders"
    if s.state == POOL:
        return "in the pool: imported, not yet kept"
    if s.state == "never" or due is None:
        return "never contacted: due now"
    days = (due - today).days
    if s.state == "snoozed":
        until = s.contact.snooze_until
        return (
            f"snoozed until {until}, due then"
            if until == due
            else f"snoozed until {until}; due {due}"
        )
    if s.state == "overdue":
        return f"overdue by {format_days(-days)} (due {due})"
    when = "today" if days == 0 else f"in {format_days(days)}"
    if s.state == "due":
        return f"due {when} ({due})"
    return f"ok, due {due} ({when})"


def next_words(s: Standing, planned: date | None, today: date, horizon: int) -> str:
    if s.state == POOL:
        return "never planned while in the pool"
    if s.state == "archived":
        return "never planned while archived"
    if planned is None:
        return f"not planned in the next {format_days(horizon)}"
    days = (planned - today).days
    return f"{planned} ({'today' if days == 0 else f'in {format_days(days)}'})"


_CHANNEL_WIDTH = max(len(c) for c in CHANNELS)
_KIND_WIDTH = max(len(k) for k in TOUCH_KINDS)


def touch_row(t: Touch) -> str:
    """One touch as a line of the history: date, who started, channel, kind, note."""
    who = "you" if t.direction == "out" else "they"
    note = " ".join((t.note or "").split())
    channel = t.channel or "-"
    return (
        f"{t.date}  {who:<4}  {channel:<{_CHANNEL_WIDTH}}  {t.kind:<{_KIND_WIDTH}}  {note}".rstrip()
    )


def _field(label: str, values: list[str]) -> list[str]:
    """``  label:  first`` and the others below it, aligned; nothing without values."""
    pad = " " * 13
    return [
        f"  {label + ':':<11}{v}".rstrip() if i == 0 else f"{pad}{v}".rstrip()
        for i, v in enumerate(values)
    ]


def _circle_words(c: Contact, cadence: int) -> str:
    if c.in_pool:
        return "pool (imported, not yet kept)"
    own = " (its own cadence)" if c.cadence is not None else ""
    return f"{c.circle}, every {format_days(cadence)}{own}"


def show_lines(s: Standing, planned: date | None, today: date, horizon: int) -> list[str]:
    """The card, the status, the next planned day and the history, newest first."""
    c = s.contact
    met = ", ".join(str(x) for x in (c.met_date, c.met_how) if x)
    lines = [c.name]
    lines += _field("file", [c.source.path])
    lines += _field("org", [c.org] if c.org else [])
    lines += _field("role", [c.role] if c.role else [])
    lines += _field("circle", [_circle_words(c, s.cadence)])
    lines += _field("email", list(c.emails))
    lines += _field("phone", list(c.phones))
    lines += _field("links", [f"{label} {url}" for label, url in c.links])
    lines += _field("tags", [", ".join(c.tags)] if c.tags else [])
    lines += _field("met", [met] if met else [])
    lines += _field("birthday", [str(c.birthday)] if c.birthday else [])
    lines += _field("notes", (c.notes or "").strip("\n").split("\n") if c.notes else [])
    lines += _field("status", [status_words(s, today)])
    lines += _field("next", [next_words(s, planned, today, horizon)])
    lines.append("")
    if not c.touches:
        return [*lines, "Touches: none yet."]
    lines.append(f"Touches ({len(c.touches)}, newest first):")
    return lines + [f"  {touch_row(t)}" for t in reversed(c.touches)]


def touch_json(t: Touch) -> TouchJson:
    return {
        "date": t.date.isoformat(),
        "channel": t.channel,
        "direction": t.direction,
        "kind": t.kind,
        "note": t.note,
    }


def show_json(s: Standing, settings: Settings, planned: date | None, horizon: int) -> CardJson:
    c = s.contact
    return {
        "slug": c.slug,
        "name": c.name,
        "path": c.source.path,
        "org": c.org,
        "role": c.role,
        "circle": c.circle,
        "cadence_days": settings.cadence_of(c),
        "own_cadence": c.cadence is not None,
        "email": list(c.emails),
        "phone": list(c.phones),
        "links": dict(c.links),
        "tags": list(c.tags),
        "met": {"date": _day(c.met_date), "how": c.met_how},
        "birthday": str(c.birthday) if c.birthday else None,
        "notes": c.notes,
        "status": s.state,
        "due": _day(s.due),
        "snooze_until": _day(c.snooze_until),
        "next_planned": _day(planned),
        "horizon_days": horizon,
        "touches": [touch_json(t) for t in reversed(c.touches)],
    }


# --- abc merge and abc unlog ----------------------------------------------------------


def _items(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def merge_lines(p: MergePlan) -> list[str]:
    """What a merge did, field by field; then that OTHER was deleted."""
    keep, other = p.keep.source.path, p.other.source.path
    lines = [f"Merged {other} into {keep}:"]
    lines.append(f"  touches: {len(p.of(AddTouch))} added, {p.same_touches} already there")
    filled = [s.key for s in p.of(Fill)]
    if filled:
        lines.append(f"  filled: {_items(filled)}")
    for step in p.steps:
        if isinstance(step, Extend):
            lines.append(f"  added to {step.key}: {_items(step.items)}")
        elif isinstance(step, AddEntries):
            lines.append(f"  added to {step.key}: {_items(k for k, _ in step.entries)}")
        elif isinstance(step, Replace):
            lines.append(f"  {step.key}: {POOL} → {step.value}")
        elif isinstance(step, AddText):
            lines.append(f"  {step.key}: those of {other} added at the end")
    conflicts: list[Conflict] = p.of(Conflict)
    if conflicts:
        fields = _items(c.field for c in conflicts)
        lines.append(f'  to resolve: {fields} (see the "# abc merge" comments in {keep})')
    lines += [f"  {said}" for said in p.said]
    return [*lines, f"Deleted {other}."]


def touch_words(touch: dict[str, Any]) -> str:
    """A touch as a contact file holds it, in words: ``2026-11-25 (call, give: "Sent the
    article")``."""
    parts = [str(touch["channel"])] if touch.get("channel") else []
    if touch.get("direction") == "in":
        parts.append("they reached out")
    parts.append(str(touch.get("kind") or "catch-up"))
    note = touch.get("note")
    words = ", ".join(parts) + (f': "{" ".join(str(note).split())}"' if note else "")
    return f"{touch['date']} ({words})"
