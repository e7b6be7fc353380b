"""Who is drifting from their own rhythm, and who never writes back. Pure.

- **drifting**: a kept person whose touches used to come within their cadence and
  whose gaps have grown past it over the last year. Their *usual gap* is the median
  of the gaps between their touches (either direction) that ended before the year
  (the 365 days up to today); with fewer than :data:`MIN_GAPS` of those, the median
  of all their gaps. They are drifting when the usual gap is within their cadence,
  the gap now (from the last touch to today) is past it, and it is the longest gap
  of the year. Someone whose usual gap was already longer than their cadence is not
  drifting from their own rhythm: they are simply late (the overdue list says so).
  People marked ``family: true`` are listed apart (``family``): closeness to kin
  holds up with less contact than closeness to friends does, so a family member's
  long gap is not the same warning.
- **one-sided**: a kept person you reached out to at least :data:`ONE_SIDED_OUT`
  times who never once reached out to you.

Touches dated after ``today`` are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import median_low

from .model import CIRCLES, Contact, Settings, touches_until

#: The gaps before the year needed for a usual gap of its own; fewer, and all gaps count.
MIN_GAPS = 2
#: Touches out, with none in, that make a tie one-sided.
ONE_SIDED_OUT = 6
YEAR_DAYS = 365


@dataclass(frozen=True)
class Drifting:
    """One person drifting from their rhythm."""

    slug: str
    name: str
    circle: str
    cadence: int
    usual: int
    """The median gap between their touches, in days (see the module docstring)."""
    gap: int
    """Days since the last touch."""
    last: date


@dataclass(frozen=True)
class OneSided:
    """Someone you reached out to ``out`` times, who never reached out to you."""

    slug: str
    name: str
    circle: str
    out: int
    last: date


@dataclass(frozen=True)
class Drift:
    drifting: tuple[tuple[str, tuple[Drifting, ...]], ...]
    """By circle (circles with nobody left out), the furthest from their rhythm first."""
    family: tuple[Drifting, ...]
    """Family members whose gaps grew the same way, apart."""
    one_sided: tuple[OneSided, ...]
    """Most touches out first."""

    @property
    def count(self) -> int:
        return sum(len(people) for _, people in self.drifting)


NO_DRIFT = Drift((), (), ())


def drifting(contact: Contact, cadence: int, today: date) -> Drifting | None:
    """The person as drifting (see the module docstring), or None when they are not."""
    n = touches_until(contact.touches, today)
    if n < MIN_GAPS + 1:
        return None
    days = contact.touches.ordinals[:n]
    gaps = [(b, b - a) for a, b in pairwise(days) if b > a]
    if len(gaps) < MIN_GAPS:
        return None
    first = (today - timedelta(days=YEAR_DAYS - 1)).toordinal()
    before = [g for end, g in gaps if end < first]
    usual = median_low(before if len(before) >= MIN_GAPS else [g for _, g in gaps])
    gap = today.toordinal() - days[-1]
    year = [g for end, g in gaps if end >= first]
    if usual > cadence or gap <= cadence or gap < max(year, default=0):
        return None
    last = date.fromordinal(days[-1])
    return Drifting(contact.slug, contact.name, contact.circle, cadence, usual, gap, last)


def one_sided(contact: Contact, today: date) -> OneSided | None:
    n = touches_until(contact.touches, today)
    touches = contact.touches[:n]
    if any(t.direction == "in" for t in touches):
        return None
    if n < ONE_SIDED_OUT:
        return None
    return OneSided(contact.slug, contact.name, contact.circle, n, touches[-1].date)


def drift(contacts: Iterable[Contact], settings: Settings, today: date) -> Drift:
    """Who is drifting, circle by circle, the family apart, and the one-sided ties."""
    found: list[Drifting] = []
    family: list[Drifting] = []
    lopsided: list[OneSided] = []
    for c in contacts:
        if not c.kept:
            continue
        d = drifting(c, settings.cadence_of(c), today)
        if d is not None:
            (family if c.family else found).append(d)
        o = one_sided(c, today)
        if o is not None:
            lopsided.append(o)

    def order(d: Drifting) -> tuple[float, str, str]:
        return (-d.gap / max(d.usual, 1), d.name, d.slug)

    by_circle = tuple(
        (circle, people)
        for circle in CIRCLES
        if (people := tuple(sorted((d for d in found if d.circle == circle), key=order)))
    )
    return Drift(
        by_circle,
        tuple(sorted(family, key=order)),
        tuple(sorted(lopsided, key=lambda o: (-o.out, o.name, o.slug))),
    )
