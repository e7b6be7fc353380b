"""Pure cadence arithmetic: who is due when, who is overdue, and whether the quota is enough."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .model import Contact, Settings, Touch, last_day_until, last_until

DUE_SOON_DAYS = 7


def is_snoozed(contact: Contact, today: date) -> bool:
    return contact.snooze_until is not None and contact.snooze_until > today


@dataclass(frozen=True)
class Status:
    """Where one contact stands on ``today``.

    ``state`` is one of ``archived``, ``pool`` (imported, not yet kept), ``snoozed``, ``never`` (no touch yet),
    ``overdue``, ``due-soon`` (within a week) or ``ok``. ``due`` is the last
    touch plus the cadence (today for someone never contacted).
    """

    contact: Contact
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


def status(contact: Contact, settings: Settings, today: date) -> Status:
    cadence = settings.cadence_of(contact)
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


def capacity(contacts: Iterable[Contact], settings: Settings) -> Capacity:
    """Touches a year the network needs (365 / cadence each) against quota × 365."""
    active = [c for c in contacts if c.kept]
    needed = sum(365 / settings.cadence_of(c) for c in active)
    return Capacity(len(active), needed, settings.daily_quota * 365, settings.daily_quota)


@dataclass(frozen=True)
class Report:
    today: date
    statuses: tuple[Status, ...]
    capacity: Capacity

    def of_state(self, state: str) -> list[Status]:
        return [s for s in self.statuses if s.state == state]

    @property
    def overdue(self) -> list[Status]:
        """Most overdue first, then by name."""
        return sorted(self.of_state("overdue"), key=lambda s: (s.due, s.contact.name))

    @property
    def due_soon(self) -> list[Status]:
        return sorted(self.of_state("due-soon"), key=lambda s: (s.due, s.contact.name))

    @property
    def never(self) -> list[Status]:
        return sorted(self.of_state("never"), key=lambda s: s.contact.name)

    @property
    def snoozed(self) -> list[Status]:
        return sorted(
            self.of_state("snoozed"),
            key=lambda s: (s.contact.snooze_until or s.due, s.contact.name),
        )


def report(contacts: Iterable[Contact], settings: Settings, today: date) -> Report:
    contacts = list(contacts)
    statuses = tuple(status(c, settings, today) for c in contacts)
    return Report(today, statuses, capacity(contacts, settings))
