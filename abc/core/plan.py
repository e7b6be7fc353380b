"""The planner: contacts, settings and today → who to reach on which day. Pure.

The plan is a day-by-day simulation. Each day has ``daily_quota`` slots. The
people who may be reached that day are the active ones whose rest period is
over; the slots go to whoever is due soonest (earliest due date first, slug as
the tie-break). Everyone planned is then treated as touched that day, and the
simulation moves on. So:

- a person is due at their last touch that happened plus their cadence; someone
  never contacted is due now (ranked by when you met, so the order does not
  drift as days pass);
- earliest-due-first is the order that keeps everyone within cadence when the
  quota allows it, and works a backlog down most-overdue first when it does not;
- a free slot goes to whoever will be due soonest: one step in advance;
- nobody is planned again before ``REST_FRACTION`` of their cadence has passed
  since their last touch (no pestering);
- snoozed people wait until their snooze ends; archived people and the pool are never planned;
- touches you made today use up today's slots, so doing exactly what the plan
  said leaves the rest of the plan unchanged.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .model import Contact, Settings, Touch, Touches, last_until, touches_until
from .words import format_days

#: Nobody is planned again until this share of their cadence has passed.
REST_FRACTION = 0.5
#: How far the planner looks for the day a backlog clears.
MAX_SIMULATION_DAYS = 3 * 365


@dataclass(frozen=True)
class Entry:
    """One person on one day of the plan."""

    contact: Contact
    day: date
    due: date
    """When they fall due: last touch + cadence (the day itself if never contacted)."""
    never: bool
    cadence: int
    last: Touch | None

    @property
    def days_overdue(self) -> int:
        return (self.day - self.due).days

    @property
    def reason(self) -> str:
        if self.never:
            return "never contacted"
        n = self.days_overdue
        if n > 0:
            return f"overdue by {format_days(n)}"
        if n == 0:
            return "due today"
        return f"due in {format_days(-n)}"


@dataclass(frozen=True)
class Day:
    day: date
    entries: tuple[Entry, ...]
    done: tuple[Contact, ...] = ()
    """People you already reached out to on this day (only ever today)."""


@dataclass(frozen=True)
class Plan:
    today: date
    days: tuple[Day, ...]
    overdue_now: int
    """How many people are overdue (or never contacted) today."""
    clears_on: date | None
    """The day by whose end everyone overdue has been reached; None if not within three years."""


@dataclass
class _Person:
    """One person during the simulation; days are ordinals (``date.toordinal()``)."""

    contact: Contact
    cadence: int
    rest: int
    last: Touch | None
    last_day: int | None
    snooze: int
    never: bool

    def rank(self) -> tuple[int, str]:
        """Earliest due first. Someone never contacted ranks by when you met."""
        if self.last_day is None:
            met = self.contact.met_date
            return (met.toordinal() if met else 0, self.contact.slug)
        return (self.last_day + self.cadence, self.contact.slug)

    def eligible(self, start: int) -> int:
        """The first day from ``start`` on when this person may be planned."""
        if self.last_day is not None and self.last_day + self.rest > start:
            start = self.last_day + self.rest
        return max(start, self.snooze)


def _people(contacts: Iterable[Contact], settings: Settings, today: date) -> list[_Person]:
    people = []
    for c in contacts:
        if not c.kept:
            continue
        last = last_until(c.touches, today)
        cadence = settings.cadence_of(c)
        people.append(
            _Person(
                c,
                cadence,
                math.ceil(cadence * REST_FRACTION),
                last,
                last.date.toordinal() if last else None,
                c.snooze_until.toordinal() if c.snooze_until else 0,
                last is None,
            )
        )
    return people


def _went_out(touches: Touches, day: date) -> bool:
    """Whether one of ``touches`` (oldest first) on ``day`` was yours."""
    for i in range(touches_until(touches, day) - 1, -1, -1):
        touch = touches[i]
        if touch.date != day:
            return False
        if touch.direction == "out":
            return True
    return False


def plan(
    contacts: Iterable[Contact],
    settings: Settings,
    today: date,
    days: int,
    *,
    find_clear_day: bool = True,
) -> Plan:
    """The next ``days`` days of outreach, starting today.

    With ``find_clear_day`` the simulation goes on past the last day asked for,
    to find when a backlog clears (up to three years); without it, it stops there
    and ``clears_on`` is only set if the backlog clears within ``days``.
    """
    people = _people(contacts, settings, today)
    quota = settings.daily_quota
    start = today.toordinal()
    done_today = tuple(
        sorted(
            (p.contact for p in people if _went_out(p.contact.touches, today)),
            key=lambda c: c.slug,
        )
    )

    # Waiting: a heap by first eligible day. Ready: a heap by rank (due day, slug).
    waiting = [(p.eligible(start), p.rank(), i) for i, p in enumerate(people)]
    heapq.heapify(waiting)
    ready: list[tuple[tuple[int, str], int]] = []
    pop, push = heapq.heappop, heapq.heappush

    out_days: list[Day] = []
    overdue_now = sum(1 for p in people if _is_behind(p, start))
    clears_on: date | None = None
    horizon = max(days, 0)
    for offset in range(max(horizon, MAX_SIMULATION_DAYS) if find_clear_day else horizon):
        day = start + offset
        while waiting and waiting[0][0] <= day:
            _, rank, i = pop(waiting)
            push(ready, (rank, i))
        if offset >= horizon and clears_on is not None:
            break
        slots = quota - (len(done_today) if offset == 0 else 0)
        chosen: list[Entry] = []
        picked = 0
        while ready and picked < slots:
            (due, _), i = pop(ready)
            p = people[i]
            picked += 1
            if offset < horizon:
                when = date.fromordinal(day)
                due_on = when if p.never else date.fromordinal(due)
                chosen.append(Entry(p.contact, when, due_on, p.never, p.cadence, p.last))
            p.last_day, p.never = day, False
            push(waiting, (p.eligible(day + 1), p.rank(), i))
        if clears_on is None and (not ready or _not_behind(ready[0], people, day)):
            clears_on = date.fromordinal(day)  # everyone overdue has been reached by its end
        if offset < horizon:
            out_days.append(
                Day(date.fromordinal(day), tuple(chosen), done_today if offset == 0 else ())
            )
    return Plan(today, tuple(out_days), overdue_now, clears_on)


def _not_behind(top: tuple[tuple[int, str], int], people: list[_Person], day: int) -> bool:
    """Whether the first in line (and so everyone ready) is not yet overdue on ``day``."""
    (due, _), i = top
    return not people[i].never and due >= day


def _is_behind(p: _Person, today: int) -> bool:
    """Overdue, or never contacted; snoozed people are not counted until they wake."""
    if p.snooze > today:
        return False
    return p.last_day is None or p.last_day + p.cadence < today
