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
- a birthday is the most natural reason to get in touch. Someone is *birthday-bound*
  on a day when they are ready (rest period over, not snoozed), have been contacted
  before, and they fall due at most ``BIRTHDAY_DAYS`` (7) days before or after their
  next birthday ``B``, however far ahead ``B`` is (else a free slot would take them
  early, and the birthday go by without a word). Before ``B`` the
  ordinary order never plans a birthday-bound person (they wait for their birthday,
  so at most a week late on it); on ``B`` each of them ranks as a birthday: after
  anyone a whole cadence or more late, before everyone else (as if in a circle closer
  than inner), among themselves by lateness, then slug. When more are bound to ``B``
  than a day has slots, the extra ones (by that order) come the day before. Whoever
  finds no slot goes back to the ordinary order. The reason then says "birthday
  today" or "birthday tomorrow". 29 February counts as the 28th in common years;
- touches you made today use up today's slots, so doing exactly what the plan
  said leaves the rest of the plan unchanged;
- with ``reconnect: weekly``, one dormant tie a week (:mod:`.reconnect`: last touch
  three or more years ago, archived and pool included) takes the first slot of the
  week that nobody overdue needs: a free one, or one that would have gone to
  someone ahead of their due date, who waits a day. Never a slot of someone due
  today, overdue, never contacted or on their birthday.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .model import (
    CIRCLES,
    Birthday,
    Contact,
    Settings,
    Touch,
    Touches,
    last_until,
    touches_until,
)
from .reconnect import dormant, pick, reconnected, week_of
from .words import format_days

#: Nobody is planned again until this share of their cadence has passed.
REST_FRACTION = 0.5
#: How far the planner looks for the day a backlog clears.
MAX_SIMULATION_DAYS = 3 * 365
#: The most late, as a share of their cadence, that someone never contacted counts as.
NEVER_LATENESS = 0.5
#: Someone due at most this many days from their birthday waits for it (see the rules).
BIRTHDAY_DAYS = 7


def birthday_on(birthday: Birthday, year: int) -> date:
    """The day of ``birthday`` in ``year``: 29 February is the 28th in common years."""
    if (birthday.month, birthday.day) == (2, 29) and not _leap(year):
        return date(year, 2, 28)
    return date(year, birthday.month, birthday.day)


def next_birthday(birthday: Birthday, day: date) -> date:
    """The first birthday on or after ``day``."""
    this = birthday_on(birthday, day.year)
    return this if this >= day else birthday_on(birthday, day.year + 1)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


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
    birthday: date | None = None
    """The birthday this entry was planned for (that day or the next), if it was."""
    reconnect: bool = False
    """A dormant tie, offered for the week (``reconnect: weekly``)."""

    @property
    def days_overdue(self) -> int:
        return (self.day - self.due).days

    @property
    def reason(self) -> str:
        if self.reconnect and self.last is not None:
            return f"dormant tie: last in touch {self.last.date.isoformat()}"
        if self.birthday is not None:
            return "birthday today" if self.birthday == self.day else "birthday tomorrow"
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
    birthdays: tuple[Contact, ...] = ()
    """The kept people whose birthday is today, planned or not, by slug."""


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
    gen: int = 0
    """How many times planned so far: heap entries of an earlier generation are stale."""
    ready: bool = False
    """Whether a live entry for them is in a group."""

    def bound_to(self, day: int) -> int | None:
        """The birthday (ordinal) this person is bound to on ``day``, if any (see the rules)."""
        b = self.contact.birthday
        if b is None or self.last_day is None:
            return None
        birthday = next_birthday(b, date.fromordinal(day)).toordinal()
        due = self.last_day + self.cadence
        # However far ahead: a free slot would otherwise take them early, and the
        # birthday would go by without a word.
        return birthday if abs(due - birthday) <= BIRTHDAY_DAYS else None

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
    dated: list[tuple[int, str, int, int]]
    capped: list[tuple[str, int, int]]

    def add(self, p: _Person, i: int) -> None:
        p.ready = True
        if p.last_day is not None:
            heapq.heappush(self.dated, (p.last_day + p.cadence, p.contact.slug, i, p.gen))
        elif p.contact.met_date is None:
            heapq.heappush(self.capped, (p.contact.slug, i, p.gen))
        else:
            due = p.contact.met_date.toordinal()
            heapq.heappush(self.dated, (due, p.contact.slug, i, p.gen))

    def _drop_stale(self, people: list[_Person]) -> None:
        """Drop the heads of people planned since (for a birthday) from either heap."""
        dated, capped = self.dated, self.capped
        while dated and people[dated[0][2]].gen != dated[0][3]:
            heapq.heappop(dated)
        while capped and people[capped[0][1]].gen != capped[0][2]:
            heapq.heappop(capped)

    def best(self, day: int, people: list[_Person]) -> tuple[Rank, int] | None:
        """The rank on ``day`` of the one who comes first here, and which heap holds them."""
        dated, capped = self.dated, self.capped
        self._drop_stale(people)
        while dated and people[dated[0][2]].never and day - dated[0][0] >= self._cap_days:
            _, slug, i, gen = heapq.heappop(dated)
            heapq.heappush(capped, (slug, i, gen))
            self._drop_stale(people)
        best: tuple[Rank, int] | None = None
        if dated:
            due, slug, _, _ = dated[0]
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

    def behind(self, day: int, people: list[_Person]) -> bool:
        """Whether someone here is still overdue at the end of ``day`` (never contacted aside)."""
        self._drop_stale(people)
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
    contacts = tuple(contacts)
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
    # Held: the birthday-bound, taken out of their group until their birthday.
    waiting = [(p.eligible(start), i) for i, p in enumerate(people)]
    heapq.heapify(waiting)
    sim = _Sim(people, {}, {}, _birthday_index(people), quota)
    never_ready = 0  # how many of the ready were never contacted
    ties = _Ties.of(contacts, settings, today)

    out_days: list[Day] = []
    overdue_now = sum(1 for p in people if _is_behind(p, start))
    clears_on: date | None = None
    horizon = max(days, 0)
    for offset in range(max(horizon, MAX_SIMULATION_DAYS) if find_clear_day else horizon):
        day = start + offset
        while waiting and waiting[0][0] <= day:
            never_ready += sim.wake(heapq.heappop(waiting)[1])
        if offset >= horizon and clears_on is not None:
            break
        slots = quota - (len(done_today) if offset == 0 else 0)
        chosen: list[Entry] = []
        picked = sim.pick(day, slots)
        tie = ties.take(day, picked, slots, sim) if ties is not None else None
        for i, birthday in picked:
            p = people[i]
            if offset < horizon:
                when = date.fromordinal(day)
                due_on = when if p.last_day is None else date.fromordinal(p.last_day + p.cadence)
                born = None if birthday is None else date.fromordinal(birthday)
                chosen.append(Entry(p.contact, when, due_on, p.never, p.cadence, p.last, born))
            never_ready -= p.never
            p.last_day, p.never = day, False
            heapq.heappush(waiting, (p.eligible(day + 1), i))
        if tie is not None and offset < horizon:
            chosen.append(tie)
        sim.release(day)
        if clears_on is None and not never_ready and not sim.behind(day):
            clears_on = date.fromordinal(day)  # everyone overdue has been reached by its end
        if offset < horizon:
            out_days.append(
                Day(date.fromordinal(day), tuple(chosen), done_today if offset == 0 else ())
            )
    birthdays = sorted((p.contact for p in people if is_birthday(p.contact, today)), key=_slug)
    return Plan(today, tuple(out_days), overdue_now, clears_on, tuple(birthdays))


def is_birthday(contact: Contact, day: date) -> bool:
    """Whether ``day`` is ``contact``'s birthday (29 February is the 28th in common years)."""
    b = contact.birthday
    return b is not None and birthday_on(b, day.year) == day


def _slug(c: Contact) -> str:
    return c.slug


@dataclass
class _Ties:
    """The dormant ties to offer, one a week (``reconnect: weekly``; see
    :mod:`abcnet.core.reconnect`), and the weeks that have had theirs."""

    candidates: list[Contact]
    cadence: dict[str, int]
    done: set[int]

    @classmethod
    def of(cls, contacts: tuple[Contact, ...], settings: Settings, today: date) -> _Ties | None:
        if settings.reconnect != "weekly":
            return None
        # The kept ones among them are overdue: the plan reaches them anyway.
        candidates = [c for c in dormant(contacts, today) if not c.kept]
        done = {week_of(today)} if reconnected(contacts, today) else set()
        return cls(candidates, {c.slug: settings.cadence_of(c) for c in candidates}, done)

    def take(
        self, day: int, picked: list[tuple[int, int | None]], slots: int, sim: _Sim
    ) -> Entry | None:
        """The week's tie on ``day``, if this day has a slot nobody overdue needs: a free
        one, or the last one picked if it went to someone ahead of their due date (who
        goes back to wait). Never an overdue person's slot."""
        when = date.fromordinal(day)
        tie = pick(self.candidates, when)
        if tie is None or week_of(when) in self.done or slots <= 0:
            return None
        if len(picked) >= slots:
            i, birthday = picked[-1]
            p = sim.people[i]
            if birthday is not None or p.last_day is None or p.last_day + p.cadence <= day:
                return None
            picked.pop()
            sim.wake(i)
        self.done.add(week_of(when))
        last = last_until(tie.touches, when)
        cadence = self.cadence[tie.slug]
        due = when if last is None else date.fromordinal(last.date.toordinal() + cadence)
        return Entry(tie, when, due, False, cadence, last, reconnect=True)


#: A birthday candidate: their birthday rank, who, the birthday (ordinal), their generation.
_Candidate = tuple[Rank, int, int, int]


@dataclass
class _Sim:
    """The ready people of the simulation: groups, the held, and who has which birthday."""

    people: list[_Person]
    groups: dict[tuple[int, int], _Group]
    held: dict[int, list[int]]
    """Birthday (ordinal) → the birthday-bound people taken out of their group for it."""
    index: dict[tuple[int, int], list[int]]
    quota: int

    def wake(self, i: int) -> int:
        """Make person ``i`` ready; 1 if they were never contacted, else 0."""
        p = self.people[i]
        key = (p.cadence, p.circle)
        if key not in self.groups:
            self.groups[key] = _Group(p.cadence, p.circle, [], [])
        self.groups[key].add(p, i)
        return int(p.never)

    def pick(self, day: int, slots: int) -> list[tuple[int, int | None]]:
        """Who fills ``day``'s slots, each with the birthday they come for (if they do)."""
        candidates = self._candidates(day)
        picked: list[tuple[int, int | None]] = []
        while len(picked) < slots:
            while candidates and self.people[candidates[0][1]].gen != candidates[0][3]:
                heapq.heappop(candidates)  # already picked today
            first = _first(self.groups.values(), day, self.people)
            if candidates and (first is None or candidates[0][0] < first[0]):
                _, i, birthday, _ = heapq.heappop(candidates)
                if i in self.held.get(birthday, ()):
                    self.held[birthday].remove(i)
                picked.append((i, birthday))
            elif first is None:
                break
            else:
                i = first[1].pop(first[2])
                bound = self.people[i].bound_to(day)
                if bound is not None and bound > day:
                    self.people[i].ready = False
                    self.held.setdefault(bound, []).append(i)
                    continue
                picked.append((i, bound))
            self.people[i].gen += 1
            self.people[i].ready = False
        return picked

    def _bound(self, day: int, birthday: int) -> list[int]:
        """Everyone bound to ``birthday`` on ``day``: held for it, or ready and bound to it."""
        ready = [
            i
            for key in _keys(birthday)
            for i in self.index.get(key, ())
            if self.people[i].ready and self.people[i].bound_to(day) == birthday
        ]
        return [*self.held.get(birthday, ()), *ready]

    def _candidates(self, day: int) -> list[_Candidate]:
        """A heap of who may come for a birthday on ``day``: those bound to today, and
        the ones bound to tomorrow that tomorrow's slots cannot take."""
        people = self.people
        tomorrow = sorted(
            self._bound(day, day + 1), key=lambda i: _birthday_rank(day + 1, people[i])
        )
        candidates = [
            *(
                (_birthday_rank(day, people[i]), i, day, people[i].gen)
                for i in self._bound(day, day)
            ),
            *(
                (_birthday_rank(day, people[i]), i, day + 1, people[i].gen)
                for i in tomorrow[self.quota :]
            ),
        ]
        heapq.heapify(candidates)
        return candidates

    def release(self, day: int) -> None:
        """Those held for ``day`` who found no slot go back to their group."""
        for i in self.held.pop(day, []):
            self.wake(i)

    def behind(self, day: int) -> bool:
        """Whether someone ready or held is still overdue at the end of ``day``."""
        if any(g.behind(day, self.people) for g in self.groups.values()):
            return True
        return any(_due(self.people[i]) < day for waiting in self.held.values() for i in waiting)


def _due(p: _Person) -> int:
    """When a held person falls due (the held have always been contacted before)."""
    assert p.last_day is not None
    return p.last_day + p.cadence


def _birthday_rank(day: int, p: _Person) -> Rank:
    """A birthday's rank: after anyone a whole cadence late, before all others."""
    late = day - _due(p)
    return (0, 0, -1, -(late / p.cadence), p.contact.slug)


def _keys(day: int) -> list[tuple[int, int]]:
    """The birthdays (month, day) that fall on ``day``: 29 February on the 28th in common years."""
    d = date.fromordinal(day)
    keys = [(d.month, d.day)]
    if (d.month, d.day) == (2, 28) and not _leap(d.year):
        keys.append((2, 29))
    return keys


def _birthday_index(people: list[_Person]) -> dict[tuple[int, int], list[int]]:
    index: dict[tuple[int, int], list[int]] = {}
    for i, p in enumerate(people):
        b = p.contact.birthday
        if b is not None:
            index.setdefault((b.month, b.day), []).append(i)
    return index


def _first(
    groups: Iterable[_Group], day: int, people: list[_Person]
) -> tuple[Rank, _Group, int] | None:
    """Whoever comes first on ``day`` if anyone is ready: their rank, group and heap."""
    first: tuple[Rank, _Group, int] | None = None
    for group in groups:
        best = group.best(day, people)
        if best is not None and (first is None or best[0] < first[0]):
            first = (best[0], group, best[1])
    return first


def _is_behind(p: _Person, today: int) -> bool:
    """Overdue, or never contacted; snoozed people are not counted until they wake."""
    if p.snooze > today:
        return False
    return p.last_day is None or p.last_day + p.cadence < today
