"""The days that count for the streak: the days you did what the plan asked. Pure.

A day counts when it had ``daily_quota`` outgoing touches, or when the plan for it,
replayed with the touches up to that day and the people who had joined by then,
named nobody left to reach by its end (:func:`plan_done`): everyone it asked for
was reached, or nobody was due. Days before the first outgoing touch never count.

Replaying the plan for every day of years of history is slow, so :func:`done_days`
follows the planner's own rules instead: the plan leaves someone on a day exactly
when the day has a free slot (fewer people reached than the quota) and someone is
ready (kept, joined, past the rest after their last touch, not snoozed). Only a
day whose ready people could all be waiting for a birthday is replayed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from .model import Contact, Settings
from .plan import REST_FRACTION, plan

#: A person's days (ordinals) from which they are ready, until the day before the next.
_Span = tuple[int, int]


def joined(contact: Contact, today: date) -> date | None:
    """When a person entered the network: their met date or first touch, whichever is first.

    A date after ``today`` (``abc check`` allows a day ahead) has not come yet: someone whose
    dates all lie after it is like someone with none, in the network today and never
    contacted, as :func:`abcnet.core.cadence.status` says; they join on that day.
    """
    first = contact.touches[0].date if contact.touches else None
    days = [d for d in (contact.met_date, first) if d is not None and d <= today]
    return min(days) if days else None


def _had_joined(c: Contact, day: date, today: date) -> bool:
    when = joined(c, today)
    return day == today if when is None else when <= day


def plan_done(contacts: Iterable[Contact], settings: Settings, day: date, today: date) -> bool:
    """Whether, by the end of ``day``, the plan for it has nobody left to reach: the plan
    replayed for that day with the kept people who had joined by then (all of them today)."""
    there = [c for c in contacts if c.kept and _had_joined(c, day, today)]
    first = plan(there, settings, day, 1, find_clear_day=False).days
    return not first or not first[0].entries


def _ready_spans(c: Contact, settings: Settings, today: date) -> list[tuple[_Span, bool]]:
    """The spans of days on which ``c`` is ready to be planned, each with whether a
    birthday could hold them back then (only someone contacted before is ever held)."""
    first = joined(c, today)
    start = (today if first is None else first).toordinal()
    rest = math.ceil(settings.cadence_of(c) * REST_FRACTION)
    snooze = c.snooze_until.toordinal() if c.snooze_until else 0
    end = today.toordinal()
    days = sorted({t.date.toordinal() for t in c.touches if t.date <= today})
    froms = [(start, False)] + [(d + rest, c.birthday is not None) for d in days]
    untils = [*days, end + 1]
    return [
        ((max(lo, snooze), hi - 1), held)
        for (lo, held), hi in zip(froms, untils, strict=True)
        if max(lo, snooze) <= hi - 1
    ]


def done_days(contacts: Iterable[Contact], settings: Settings, today: date) -> set[date]:
    """The days, from the first outgoing touch to today, on which you did what the plan asked."""
    contacts = tuple(contacts)
    quota = settings.daily_quota
    out = [t.date.toordinal() for c in contacts for t in c.touches if t.direction == "out"]
    out = [d for d in out if d <= today.toordinal()]
    if not out:
        return set()
    first, last = min(out), today.toordinal()
    touches = _count(out, first, last)
    kept = tuple(c for c in contacts if c.kept)
    reached = _count(
        [d for c in kept for d in {t.date.toordinal() for t in c.touches if t.direction == "out"}],
        first,
        last,
    )
    free = [0] * (last - first + 2)  # ready people no birthday can hold, as differences
    held = [0] * (last - first + 2)  # ready people a birthday might hold
    for c in kept:
        for (lo, hi), could_wait in _ready_spans(c, settings, today):
            lo, hi = max(lo, first), min(hi, last)
            if lo <= hi:
                spans = held if could_wait else free
                spans[lo - first] += 1
                spans[hi - first + 1] -= 1
    done: set[date] = set()
    n_free = n_held = 0
    for i in range(last - first + 1):
        n_free, n_held = n_free + free[i], n_held + held[i]
        day = date.fromordinal(first + i)
        enough = touches[i] >= quota or reached[i] >= quota
        # Nobody ready: nothing asked. Only some who may wait for a birthday: ask the plan.
        if enough or (not n_free and (not n_held or plan_done(kept, settings, day, today))):
            done.add(day)
    return done


def _count(days: list[int], first: int, last: int) -> list[int]:
    counts = [0] * (last - first + 1)
    for d in days:
        if first <= d <= last:
            counts[d - first] += 1
    return counts


def replayed_done_days(contacts: Iterable[Contact], settings: Settings, today: date) -> set[date]:
    """:func:`done_days` the slow way, the plan replayed for every day (for the tests)."""
    contacts = tuple(contacts)
    quota = settings.daily_quota
    out = sorted(t.date for c in contacts for t in c.touches if t.direction == "out")
    out = [d for d in out if d <= today]
    if not out:
        return set()
    days = (out[0] + timedelta(days=n) for n in range((today - out[0]).days + 1))
    return {d for d in days if out.count(d) >= quota or plan_done(contacts, settings, d, today)}
