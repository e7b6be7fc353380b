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
- snoozed people wait until their snooze ends; archived people are never planned;
- touches you made today use up today's slots, so doing exactly what the plan
  said leaves the rest of the plan unchanged.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Contact, Settings, Touch

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
            return f"overdue by {_days(n)}"
        if n == 0:
            return "due today"
        return f"due in {_days(-n)}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


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

    def day(self, d: date) -> Day | None:
        for x in self.days:
            if x.day == d:
                return x
        return None


@dataclass
class _Person:
    contact: Contact
    cadence: int
    last: Touch | None
    last_date: date | None
    never: bool

    def due(self, fallback: date) -> date:
        if self.last_date is None:
            return fallback
        return self.last_date + timedelta(days=self.cadence)

    def rank(self) -> tuple[date, str]:
        """Earliest due first. Someone never contacted ranks by when you met."""
        if self.last_date is None:
            return (self.contact.met_date or date.min, self.contact.slug)
        return (self.last_date + timedelta(days=self.cadence), self.contact.slug)

    def eligible(self, today: date) -> date:
        """The first day this person may be planned."""
        start = today
        if self.last_date is not None:
            rest = math.ceil(self.cadence * REST_FRACTION)
            start = max(start, self.last_date + timedelta(days=rest))
        snooze = self.contact.snooze_until
        if snooze is not None and snooze > start:
            start = snooze
        return start


def _people(contacts: Iterable[Contact], settings: Settings, today: date) -> list[_Person]:
    people = []
    for c in contacts:
        if c.archived:
            continue
        last = None
        for t in c.touches:
            if t.date <= today:
                last = t
        people.append(
            _Person(c, settings.cadence_of(c), last, last.date if last else None, last is None)
        )
    return people


def plan(contacts: Iterable[Contact], settings: Settings, today: date, days: int) -> Plan:
    """The next ``days`` days of outreach, starting today."""
    people = _people(contacts, settings, today)
    quota = settings.daily_quota
    done_today = tuple(
        sorted(
            (
                p.contact
                for p in people
                if any(t.date == today and t.direction == "out" for t in p.contact.touches)
            ),
            key=lambda c: c.slug,
        )
    )

    # Waiting: a heap by first eligible day. Ready: a heap by rank (due date, slug).
    waiting: list[tuple[date, tuple[date, str], int]] = []
    for i, p in enumerate(people):
        heapq.heappush(waiting, (p.eligible(today), p.rank(), i))
    ready: list[tuple[tuple[date, str], int]] = []

    out_days: list[Day] = []
    overdue_now = sum(1 for p in people if _is_behind(p, today))
    clears_on: date | None = None
    horizon = max(days, 0)
    for offset in range(max(horizon, MAX_SIMULATION_DAYS)):
        day = today + timedelta(days=offset)
        while waiting and waiting[0][0] <= day:
            _, rank, i = heapq.heappop(waiting)
            heapq.heappush(ready, (rank, i))
        if offset >= horizon and clears_on is not None:
            break
        slots = quota - (len(done_today) if offset == 0 else 0)
        entries = []
        while ready and len(entries) < slots:
            _, i = heapq.heappop(ready)
            p = people[i]
            entries.append(Entry(p.contact, day, p.due(day), p.never, p.cadence, p.last))
            p.last_date, p.never = day, False
            heapq.heappush(waiting, (p.eligible(day + timedelta(days=1)), p.rank(), i))
        if clears_on is None and (not ready or _not_behind(ready[0], people, day)):
            clears_on = day  # everyone overdue has been reached by the end of this day
        if offset < horizon:
            out_days.append(Day(day, tuple(entries), done_today if offset == 0 else ()))
    return Plan(today, tuple(out_days), overdue_now, clears_on)


def _not_behind(top: tuple[tuple[date, str], int], people: list[_Person], day: date) -> bool:
    """Whether the first in line (and so everyone ready) is not yet overdue on ``day``."""
    (due, _), i = top
    return not people[i].never and due >= day


def _is_behind(p: _Person, today: date) -> bool:
    """Overdue, or never contacted; snoozed people are not counted until they wake."""
    if p.contact.snooze_until is not None and p.contact.snooze_until > today:
        return False
    return p.last_date is None or p.due(today) < today
