"""Pure cadence arithmetic: who is due when, who is overdue, and whether the quota is enough."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Generic, TypeVar

from .model import Settings, Standing, Touch, last_day_until, last_until

DUE_SOON_DAYS = 7

#: A contact, or what the report needs of one (``abc check`` reads no more).
P = TypeVar("P", bound=Standing)


def is_snoozed(contact: Standing, today: date) -> bool:
    return contact.snooze_until is not None and contact.snooze_until > today


@dataclass(frozen=True)
class Status(Generic[P]):
    """Where one contact stands on ``today``.

    ``state`` is one of ``archived``, ``pool`` (imported, not yet kept), ``snoozed``, ``never`` (no touch yet),
    ``overdue``, ``due-soon`` (within a week) or ``ok``. ``due`` is the last
    touch plus the cadence (today for someone never contacted).
    """

    contact: P
    cadence: int
    last_day: date | None
    """When the last touch by today was, if there was one."""
    due: date
    state: str

    @cached_property
    def last(self) -> Touch | None:
        """The last touch by today (made only when asked for: most reports need its day only)."""
        return None if self.last_day is None else last_until(self.contact.touches, self.last_day)

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


def status(contact: P, settings: Settings, today: date) -> Status[P]:
    cadence = settings.cadence_of(contact)
    return _status(contact, cadence, today)


def _status(contact: P, cadence: int, today: date) -> Status[P]:
    """:func:`status`, the contact's cadence given."""
    last = last_day_until(contact.touches, today)
    due = last + timedelta(days=cadence) if last else today
    if contact.archived:
        state = "archived"
    elif contact.in_pool:
        state = "pool"
    elif is_snoozed(contact, today):
        state = "snoozed"
    elif last is None:
        state = "never"
    elif due < today:
        state = "overdue"
    elif (due - today).days <= DUE_SOON_DAYS:
        state = "due-soon"
    else:
        state = "ok"
    return Status(contact, cadence, last, due, state)


def _statuses(contacts: Iterable[P], settings: Settings, today: date) -> tuple[Status[P], ...]:
    """:func:`status` of each contact, the very same values, in one loop: abc check
    makes one for each of 10,000 people, and a frozen dataclass's ``__init__`` sets
    each field by a call of its own (so each is made as a copy would be)."""
    day = today.toordinal()
    fromordinal, cadence_of, new = date.fromordinal, settings.cadence_of, Status.__new__
    found = []
    for c in contacts:
        cadence = cadence_of(c)
        ordinals = c.touches.ordinals
        n = bisect_right(ordinals, day)
        last = fromordinal(ordinals[n - 1]) if n else None
        due_day = ordinals[n - 1] + cadence if n else day
        if c.archived:
            state = "archived"
        elif c.in_pool:
            state = "pool"
        elif c.snooze_until is not None and c.snooze_until > today:
            state = "snoozed"
        elif last is None:
            state = "never"
        elif due_day < day:
            state = "overdue"
        elif due_day - day <= DUE_SOON_DAYS:
            state = "due-soon"
        else:
            state = "ok"
        s = new(Status)
        s.__dict__.update(
            contact=c, cadence=cadence, last_day=last, due=fromordinal(due_day), state=state
        )
        found.append(s)
    return tuple(found)


@dataclass(frozen=True)
class Capacity:
    people: int
    needed_per_year: float
    available_per_year: int
    quota: int

    @property
    def enough(self) -> bool:
        return self.needed_per_year <= self.available_per_year

    @property
    def quota_needed(self) -> int:
        """The smallest daily quota that keeps everyone within cadence."""
        return max(1, math.ceil(self.needed_per_year / 365 - 1e-9))


def capacity(contacts: Iterable[Standing], settings: Settings) -> Capacity:
    """Touches a year the network needs (365 / cadence each) against quota × 365."""
    return _capacity([settings.cadence_of(c) for c in contacts if c.kept], settings)


def _capacity(cadences: list[int], settings: Settings) -> Capacity:
    """:func:`capacity`, the cadence of each person kept given."""
    needed = sum(365 / days for days in cadences)
    return Capacity(len(cadences), needed, settings.daily_quota * 365, settings.daily_quota)


@dataclass(frozen=True)
class Report(Generic[P]):
    today: date
    statuses: tuple[Status[P], ...]
    capacity: Capacity

    def of_state(self, state: str) -> list[Status[P]]:
        return list(self._by_state.get(state, ()))

    @cached_property
    def _by_state(self) -> dict[str, list[Status[P]]]:
        found: dict[str, list[Status[P]]] = {}
        for s in self.statuses:
            found.setdefault(s.state, []).append(s)
        return found

    @property
    def overdue(self) -> list[Status[P]]:
        """Most overdue first, then by name."""
        return sorted(self.of_state("overdue"), key=lambda s: (s.due, s.contact.name))

    @property
    def due_soon(self) -> list[Status[P]]:
        return sorted(self.of_state("due-soon"), key=lambda s: (s.due, s.contact.name))

    @property
    def never(self) -> list[Status[P]]:
        return sorted(self.of_state("never"), key=lambda s: s.contact.name)

    @property
    def snoozed(self) -> list[Status[P]]:
        return sorted(
            self.of_state("snoozed"),
            key=lambda s: (s.contact.snooze_until or s.due, s.contact.name),
        )


def report(contacts: Iterable[P], settings: Settings, today: date) -> Report[P]:
    statuses = _statuses(contacts, settings, today)
    kept = [s.cadence for s in statuses if s.contact.kept]
    return Report(today, statuses, _capacity(kept, settings))


def within_quota(cadences: Sequence[int], available_per_year: int) -> int:
    """How many people, at most, the quota keeps within cadence: the people with the longest
    cadences (who need the fewest touches) first, while their touches fit ``available_per_year``.

    >>> within_quota([30, 182, 182], 5), within_quota([30, 182, 182], 730)
    (2, 3)
    """
    used, n = 0.0, 0
    for days in sorted(cadences, reverse=True):
        used += 365 / days
        if used > available_per_year + 1e-9:
            break
        n += 1
    return n
