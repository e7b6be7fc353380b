"""The planner: contacts, settings and today → who to reach on which day. Pure.

The plan is a day-by-day simulation. Each day has ``daily_quota`` slots. The
people who may be reached that day are the kept ones whose rest period is over;
the slots go to whoever ranks first that day. Everyone planned is then treated
as touched that day, and the simulation moves on. So:

- a person is due at their last touch that happened plus their cadence; someone
  never contacted is due on the day you met (``met.date``);
- whoever is due today or overdue comes first, ranked by lateness: days overdue
  divided by their cadence. First by whole cadences missed (most first), then by
  circle (inner, core, wide), then by the lateness itself (most first), then by
  slug. So an inner friend due today or a few days late comes before a wide
  acquaintance months late, unless the acquaintance is a whole cadence (for wide,
  half a year) past due: a day's wait costs the friend six times the share of
  her cadence it costs the acquaintance. Nobody is starved, since lateness grows
  until it wins, and each circle's backlog is worked down most-late first;
- someone never contacted counts as at most ``NEVER_LATENESS`` (half a cadence)
  late, however long ago you met (with no ``met.date``, that from the start): a
  2010 connection never outranks an overdue friend in a closer circle, nor
  anyone in their own circle more than half a cadence late. Someone added by
  hand (``abc add --met`` records today) is due the day they were added. The cap
  is on the lateness rather than from the day the plan starts, so a rank depends
  on the day only: what today's plan says for tomorrow is tomorrow's plan;
- then a free slot goes to whoever falls due soonest (earliest due first, then
  circle, then slug): one step in advance. While nobody is overdue this is
  earliest-due-first, the order that keeps everyone within cadence when the
  quota allows it;
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

from .model import CIRCLES, Contact, Settings, Touch, Touches, last_until, touches_until
from .words import format_days

#: Nobody is planned again until this share of their cadence has passed.
REST_FRACTION = 0.5
#: How far the planner looks for the day a backlog clears.
MAX_SIMULATION_DAYS = 3 * 365
#: The most late, as a share of their cadence, that someone never contacted counts as.
NEVER_LATENESS = 0.5


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
    circle: int
    """The circle's place in :data:`CIRCLES` (inner 0, core 1, wide 2): the tie-break."""

    def eligible(self, start: int) -> int:
        """The first day from ``start`` on when this person may be planned."""
        if self.last_day is not None and self.last_day + self.rest > start:
            start = self.last_day + self.rest
        return max(start, self.snooze)


#: A rank, smallest first: (0, -whole cadences missed, circle, -lateness, slug) for
#: someone due today or overdue; (1, due day, circle, 0, slug) for someone due later.
Rank = tuple[int, int, int, float, str]


def _rank(day: int, due: int, cadence: int, circle: int, slug: str) -> Rank:
    """The rank on ``day`` of someone due on ``due`` (see the module's rules)."""
    late = day - due
    if late < 0:
        return (1, due, circle, 0.0, slug)
    # Lateness is a ratio of whole numbers below 10**6: as floats, equal ratios are
    # equal and different ones stay apart, so the order is exact.
    return (0, -(late // cadence), circle, -(late / cadence), slug)


@dataclass
class _Group:
    """The people ready to be planned who share a cadence and a circle.

    Among them the order never changes from day to day: earliest due first (someone
    never contacted is due on the day you met), except that someone never contacted
    stops at :data:`NEVER_LATENESS`. Those move, once they reach it, from ``dated``
    (by due day) to ``capped`` (by slug), so the head of each heap is the group's best.
    """

    cadence: int
    circle: int
    dated: list[tuple[int, str, int]]
    capped: list[tuple[str, int]]

    def add(self, p: _Person, i: int) -> None:
        if p.last_day is not None:
            heapq.heappush(self.dated, (p.last_day + p.cadence, p.contact.slug, i))
        elif p.contact.met_date is None:
            heapq.heappush(self.capped, (p.contact.slug, i))
        else:
            heapq.heappush(self.dated, (p.contact.met_date.toordinal(), p.contact.slug, i))

    def best(self, day: int, people: list[_Person]) -> tuple[Rank, int] | None:
        """The rank on ``day`` of the one who comes first here, and which heap holds them."""
        dated, capped = self.dated, self.capped
        while dated and people[dated[0][2]].never and day - dated[0][0] >= self._cap_days:
            _, slug, i = heapq.heappop(dated)
            heapq.heappush(capped, (slug, i))
        best: tuple[Rank, int] | None = None
        if dated:
            due, slug, _ = dated[0]
            best = (_rank(day, due, self.cadence, self.circle, slug), 0)
        if capped:
            rank = (0, 0, self.circle, -NEVER_LATENESS, capped[0][0])
            if best is None or rank < best[0]:
                best = (rank, 1)
        return best

    @property
    def _cap_days(self) -> float:
        return NEVER_LATENESS * self.cadence

    def pop(self, heap: int) -> int:
        return heapq.heappop(self.capped)[1] if heap else heapq.heappop(self.dated)[2]

    def behind(self, day: int) -> bool:
        """Whether someone here is still overdue at the end of ``day`` (never contacted aside)."""
        return bool(self.dated) and self.dated[0][0] < day


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
                CIRCLES.index(c.circle) if c.circle in CIRCLES else len(CIRCLES),
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

    # Waiting: a heap by first eligible day. Ready: the groups, each in its own order.
    waiting = [(p.eligible(start), i) for i, p in enumerate(people)]
    heapq.heapify(waiting)
    groups: dict[tuple[int, int], _Group] = {}
    never_ready = 0  # how many of the ready were never contacted

    out_days: list[Day] = []
    overdue_now = sum(1 for p in people if _is_behind(p, start))
    clears_on: date | None = None
    horizon = max(days, 0)
    for offset in range(max(horizon, MAX_SIMULATION_DAYS) if find_clear_day else horizon):
        day = start + offset
        while waiting and waiting[0][0] <= day:
            i = heapq.heappop(waiting)[1]
            p = people[i]
            key = (p.cadence, p.circle)
            if key not in groups:
                groups[key] = _Group(p.cadence, p.circle, [], [])
            groups[key].add(p, i)
            never_ready += p.never
        if offset >= horizon and clears_on is not None:
            break
        slots = quota - (len(done_today) if offset == 0 else 0)
        chosen: list[Entry] = []
        for _ in range(slots):
            first = _first(groups.values(), day, people)
            if first is None:
                break
            group, heap = first
            i = group.pop(heap)
            p = people[i]
            if offset < horizon:
                when = date.fromordinal(day)
                due_on = when if p.last_day is None else date.fromordinal(p.last_day + p.cadence)
                chosen.append(Entry(p.contact, when, due_on, p.never, p.cadence, p.last))
            never_ready -= p.never
            p.last_day, p.never = day, False
            heapq.heappush(waiting, (p.eligible(day + 1), i))
        if (
            clears_on is None
            and not never_ready
            and not any(g.behind(day) for g in groups.values())
        ):
            clears_on = date.fromordinal(day)  # everyone overdue has been reached by its end
        if offset < horizon:
            out_days.append(
                Day(date.fromordinal(day), tuple(chosen), done_today if offset == 0 else ())
            )
    return Plan(today, tuple(out_days), overdue_now, clears_on)


def _first(groups: Iterable[_Group], day: int, people: list[_Person]) -> tuple[_Group, int] | None:
    """The group (and its heap) that holds whoever comes first on ``day``, if anyone is ready."""
    first: tuple[Rank, _Group, int] | None = None
    for group in groups:
        best = group.best(day, people)
        if best is not None and (first is None or best[0] < first[0]):
            first = (best[0], group, best[1])
    return None if first is None else (first[1], first[2])


def _is_behind(p: _Person, today: int) -> bool:
    """Overdue, or never contacted; snoozed people are not counted until they wake."""
    if p.snooze > today:
        return False
    return p.last_day is None or p.last_day + p.cadence < today
