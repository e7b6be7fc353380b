"""Pure cadence arithmetic: who is due when, who is overdue, and whether the quota is enough."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Generic, TypeAlias, TypeVar, overload

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
    def pool(self) -> int:
        """How many are in the pool (and not archived)."""
        return len(self._by_state.get("pool", ()))

    @property
    def kept_cadences(self) -> tuple[int, ...]:
        """The cadence of each person kept up with, in order."""
        return tuple(s.cadence for s in self.statuses if s.contact.kept)

    @property
    def width(self) -> int | None:
        """The longest name of the people not in the pool, if any."""
        return max((len(s.contact.name) for s in self.statuses if s.state != "pool"), default=None)

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


# --- the report from standings -----------------------------------------------------------


@dataclass(frozen=True)
class Standings:
    """Where each of a sequence of people stands on any day after every date in their
    file (each touch and the snooze): made once with the check summary
    (:func:`standings`), so that a day's report (:func:`report_from`) works out only the
    people whose dates are not all before it, and makes a :class:`Status` only for
    the people it shows. Positions are indices into that sequence; ordinals are days.
    """

    cadences: Sequence[int]
    """Each person's cadence, by position."""
    touched: Sequence[int]
    """The people kept up with who have a touch, by their due day, name and position."""
    due: Sequence[int]
    """Their due days (the last touch plus the cadence), in the same order."""
    never: Sequence[int]
    """The people kept up with and never touched, by name and position."""
    latest: Sequence[int]
    """The latest date of each person kept up with who has one, sorted."""
    latest_of: Sequence[int]
    """Whose each of those dates is."""
    kept: Sequence[int]
    """The cadence of each person kept up with, by position."""
    pool: int
    """How many are in the pool (and not archived)."""
    width: int | None
    """The longest name of the people not in the pool (the report's column), if any."""


def standings(people: Sequence[Standing], settings: Settings) -> Standings:
    """The :class:`Standings` of ``people`` under ``settings``."""
    cadences = tuple(settings.cadence_of(c) for c in people)
    touched: list[tuple[int, str, int]] = []
    never: list[tuple[str, int]] = []
    latest: list[tuple[int, int]] = []
    pool, width = 0, None
    for i, c in enumerate(people):
        if c.archived or not c.in_pool:
            width = max(width or 0, len(c.name))
        if not c.kept:
            pool += not c.archived
            continue
        ordinals = c.touches.ordinals  # sorted
        top = ordinals[-1] if ordinals else None
        if c.snooze_until is not None:
            top = max(top or 0, c.snooze_until.toordinal())
        if top is not None:
            latest.append((top, i))
        if ordinals:
            touched.append((ordinals[-1] + cadences[i], c.name, i))
        else:
            never.append((c.name, i))
    touched.sort()
    never.sort()
    latest.sort()
    return Standings(
        cadences=cadences,
        touched=tuple(i for _, _, i in touched),
        due=tuple(d for d, _, _ in touched),
        never=tuple(i for _, i in never),
        latest=tuple(d for d, _ in latest),
        latest_of=tuple(i for _, i in latest),
        kept=tuple(cadences[i] for i, c in enumerate(people) if c.kept),
        pool=pool,
        width=width,
    )


class Shown(Sequence[Status[P]]):
    """One list of a report made from :class:`Standings`: each item a :class:`Status`
    already worked out, or the position of a person whose :class:`Status` is made
    only when asked for."""

    __slots__ = ("_items", "_make")

    def __init__(self, items: list[int | Status[P]], make: Callable[[int], Status[P]]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> Status[P]: ...
    @overload
    def __getitem__(self, i: slice) -> list[Status[P]]: ...
    def __getitem__(self, i: int | slice) -> Status[P] | list[Status[P]]:
        if isinstance(i, slice):
            return [self._status(item) for item in self._items[i]]
        return self._status(self._items[i])

    def _status(self, item: int | Status[P]) -> Status[P]:
        return self._make(item) if isinstance(item, int) else item


@dataclass(frozen=True)
class StandingReport(Generic[P]):
    """:class:`Report` as far as ``abc check`` shows it, made from :class:`Standings`
    (see :func:`check_report`)."""

    today: date
    capacity: Capacity
    overdue: Shown[P]
    due_soon: Shown[P]
    never: Shown[P]
    snoozed: Shown[P]
    pool: int
    kept_cadences: Sequence[int]
    width: int | None


#: What ``abc check`` reports from: a whole :class:`Report`, or one of :class:`Standings`.
CheckReport: TypeAlias = "Report[P] | StandingReport[P]"


def check_report(
    people: Sequence[P], settings: Settings, today: date, known: Standings | None = None
) -> Report[P] | StandingReport[P]:
    """The cadence report of ``people`` on ``today``: :func:`report`, or, given their
    :class:`Standings`, the same lists, each :class:`Status` made only when shown."""
    if known is None:
        return report(people, settings, today)
    day = today.toordinal()
    # Whose latest date is today or later: their status worked out as report() does it.
    later = known.latest_of[bisect_left(known.latest, day) :]
    exact = dict(zip(later, _statuses([people[i] for i in later], settings, today), strict=True))

    def status(i: int) -> Status[P]:
        return _statuses((people[i],), settings, today)[0]

    def order(i: int) -> tuple[int | str, ...]:
        return _order(status(i), i)

    def shown(positions: Sequence[int], state: str) -> Shown[P]:
        """The people at ``positions`` whose dates are all before today (in their
        order), and those worked out to be in ``state``, each in its place."""
        settled = [i for i in positions if i not in exact] if exact else list(positions)
        items: list[int | Status[P]] = []
        done = 0
        for key, s in sorted((_order(s, i), s) for i, s in exact.items() if s.state == state):
            at = bisect_left(settled, key, lo=done, key=order)
            items += settled[done:at]
            items.append(s)
            done = at
        items += settled[done:]
        return Shown(items, status)

    start = bisect_left(known.due, day)
    end = bisect_right(known.due, day + DUE_SOON_DAYS)
    return StandingReport(
        today=today,
        capacity=_capacity(list(known.kept), settings),
        overdue=shown(known.touched[:start], "overdue"),
        due_soon=shown(known.touched[start:end], "due-soon"),
        never=shown(known.never, "never"),
        snoozed=shown((), "snoozed"),
        pool=known.pool,
        kept_cadences=known.kept,
        width=known.width,
    )


def _order(s: Status[P], i: int) -> tuple[int | str, ...]:
    """Where the :class:`Status` of the person at position ``i`` goes in its list, as
    :class:`Report` orders each (a stable sort: the position last)."""
    if s.state == "never":
        return (s.contact.name, i)
    if s.state == "snoozed":
        return ((s.contact.snooze_until or s.due).toordinal(), s.contact.name, i)
    return (s.due.toordinal(), s.contact.name, i)
