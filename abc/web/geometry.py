"""The stats as the charts lay them out: the heatmap by month and by week, silences as
ranges of weeks. Pure; the numbers themselves are :mod:`abcnet.core.stats`'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from abcnet.core.stats import Silence, Stats, month_start


@dataclass(frozen=True)
class HeatMonth:
    """The heatmap's days in one calendar month; ``start`` is its first day."""

    start: date
    touches: int
    days: int
    """Days with at least one outgoing touch."""
    days_at_quota: int


@dataclass(frozen=True)
class Week:
    """Outgoing touches in the seven days from ``start``, a Monday."""

    start: date
    out: int


@dataclass(frozen=True)
class SilenceBand:
    """A silence as a range of heatmap weeks, ``first`` to ``last`` (0 is the first week)."""

    silence: Silence
    first: int
    last: int


def heatmap_months(s: Stats) -> tuple[HeatMonth, ...]:
    """The heatmap's days by calendar month, oldest first."""
    by_month: dict[date, list[int]] = {}
    for i, n in enumerate(s.heatmap):
        by_month.setdefault(month_start(s.heatmap_day(i)), []).append(n)
    return tuple(
        HeatMonth(
            start=m,
            touches=sum(ns),
            days=sum(1 for n in ns if n),
            days_at_quota=sum(1 for n in ns if n >= s.quota),
        )
        for m, ns in by_month.items()
    )


def weeks(s: Stats) -> tuple[Week, ...]:
    """The heatmap's outgoing touches week by week (the last week may be short)."""
    return tuple(
        Week(s.heatmap_start + timedelta(weeks=k), sum(s.heatmap[i : i + 7]))
        for k, i in enumerate(range(0, len(s.heatmap), 7))
    )


def silence_bands(s: Stats) -> tuple[SilenceBand, ...]:
    """The year's silences as ranges of heatmap weeks, cut to the heatmap's first week.

    A silence that ended before the heatmap's first day (the day before it, when
    today is a Monday) has no band.
    """
    bands = []
    for x in s.burst.silences:
        first = max(0, (x.start - s.heatmap_start).days) // 7
        last = (x.end - s.heatmap_start).days // 7
        if last >= 0:
            bands.append(SilenceBand(x, first, last))
    return tuple(bands)
