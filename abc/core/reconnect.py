"""Dormant ties: who you were once in touch with and have not been for years. Pure.

With ``reconnect: weekly`` in the settings, the plan offers one dormant tie a week
(see :func:`abcnet.core.plan.plan`). The rules:

- **dormant**: someone with at least one touch, the last of them dated
  :data:`DORMANT_YEARS` years or more before the day, whatever their circle, the
  pool and archived people included (an archived file is often exactly such a
  tie); not while snoozed;
- **which one**: the dormant ties in order of how much there once was (most
  touches first), then the longest silent, then by slug; the week (counted in
  Mondays since the calendar began) picks one in turn, so a week skipped offers
  the next person rather than the same one for ever;
- **done for the week**: a touch of yours this week (Monday to the day) with someone
  whose touch before it was :data:`DORMANT_YEARS` years or more earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from .model import Contact, last_until, touches_until

#: How long since the last touch makes a tie dormant.
DORMANT_YEARS = 3
#: The settings' ``reconnect`` values.
RECONNECT_CHOICES = ("off", "weekly")


def years_before(day: date, years: int) -> date:
    """The same day ``years`` years earlier (29 February: the 28th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def week_of(day: date) -> int:
    """Mondays since the calendar began: the same number from a Monday to its Sunday."""
    return (day.toordinal() - 1) // 7


def week_start(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


def is_dormant(contact: Contact, day: date) -> bool:
    """Whether the last touch on or before ``day`` was DORMANT_YEARS years or more before it."""
    if contact.snooze_until is not None and contact.snooze_until > day:
        return False
    last = last_until(contact.touches, day)
    return last is not None and last.date <= years_before(day, DORMANT_YEARS)


def dormant(contacts: Iterable[Contact], day: date) -> list[Contact]:
    """The dormant ties on ``day``, most touched first, then the longest silent, then slug."""

    def order(c: Contact) -> tuple[int, date, str]:
        n = touches_until(c.touches, day)
        return (-n, c.touches[n - 1].date, c.slug)

    return sorted((c for c in contacts if is_dormant(c, day)), key=order)


def reconnected(contacts: Iterable[Contact], day: date) -> bool:
    """Whether a dormant tie was reached out to in ``day``'s week, up to ``day``."""
    sunday = date.fromordinal(week_start(day).toordinal() - 1)
    for c in contacts:
        # Only this week's touches are looked at (and made).
        for i in range(max(touches_until(c.touches, sunday), 1), touches_until(c.touches, day)):
            if _wakes(c, i):
                return True
    return False


def _wakes(contact: Contact, i: int) -> bool:
    """Whether touch ``i`` (not the first) was yours, DORMANT_YEARS or more after the one before."""
    touch, before = contact.touches[i], contact.touches[i - 1]
    return touch.direction == "out" and before.date <= years_before(touch.date, DORMANT_YEARS)


def pick(candidates: Sequence[Contact], day: date) -> Contact | None:
    """The week's dormant tie among ``candidates`` (in :func:`dormant`'s order)."""
    if not candidates:
        return None
    return candidates[week_of(day) % len(candidates)]


def reconnect_weeks(contacts: Iterable[Contact], day: date, weeks: int = 52) -> int:
    """Of the ``weeks`` weeks up to ``day`` (its own week last), those in which a dormant
    tie was reached out to (see :func:`reconnected`)."""
    first = week_of(day) - weeks + 1
    found: set[int] = set()
    for c in contacts:
        ordinals = c.touches.ordinals
        n = touches_until(c.touches, day)
        start = max(touches_until(c.touches, date.fromordinal(first * 7)), 1)
        for i in range(start, n):
            if _wakes(c, i):
                found.add(week_of(date.fromordinal(ordinals[i])))
    return sum(1 for w in found if w >= first)
