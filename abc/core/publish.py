"""What a public site may say about its owner's numbers: the publication rule. Pure.

The public stats page shows figures only when the owner sets ``public_stats: true``,
and then only aggregate ones, by this rule:

- a share in percent, never a count of touches: coverage now and a year (51 weeks)
  before, the share of gives
  among gives and asks, the share of conversations others started, the channels,
  the share of touches on time, the share of weeks with a touch;
- a share only when it is out of at least :data:`PUBLIC_MIN` (fewer would say too
  much about too few people or touches);
- the network's size as a band (:data:`SIZE_BANDS`), never the exact number or
  the circles;
- never a date, a day-by-day or week-by-week series, a month's activity, the
  overdue or never-contacted count, a streak or a silence: they show when the
  owner was busy or quiet, and who may be waiting for them.

:func:`public_figures` applies it; ``web.public_stats`` puts the result into words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .stats import TREND_WEEKS, Share, Stats

#: A share is published only when it is out of at least this many.
PUBLIC_MIN = 10
#: The bands the network's size is published in: (lowest, highest) people.
SIZE_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 9),
    (10, 49),
    (50, 149),
    (150, 499),
    (500, None),
)


@dataclass(frozen=True)
class PublicFigures:
    """Every figure the rule lets a public page show; None where it is out of too few."""

    size_band: tuple[int, int | None]
    coverage: Share | None
    coverage_then: Share | None
    """Coverage a year ago: the trend's first week, 51 weeks before today."""
    gives: Share | None
    """Gives among the year's gives and asks."""
    started_by_them: Share | None
    """The year's conversations the other person started."""
    channels: tuple[tuple[str, Share], ...] | None
    on_time: Share | None
    """The year's outgoing touches that came on time or early."""
    active_weeks: Share | None
    """The last :data:`~abcnet.core.stats.TREND_WEEKS` weeks that had an outgoing touch."""


def size_band(people: int) -> tuple[int, int | None]:
    """The band of :data:`SIZE_BANDS` that ``people`` falls in."""
    for low, high in SIZE_BANDS:
        if high is None or people <= high:
            return low, high
    raise AssertionError("SIZE_BANDS has an open end")  # pragma: no cover


def publishable(share: Share) -> Share | None:
    """``share``, or None when it is out of fewer than :data:`PUBLIC_MIN`."""
    return share if share.whole >= PUBLIC_MIN else None


def _channel_shares(s: Stats) -> tuple[tuple[str, Share], ...] | None:
    whole = sum(n for _, n in s.channels)
    if whole < PUBLIC_MIN:
        return None
    return tuple((name, Share(n, whole)) for name, n in s.channels)


def public_figures(s: Stats) -> PublicFigures:
    """The figures of ``s`` the rule allows (see the module docstring)."""
    d, ga = s.directions, s.give_ask
    weeks = Share(s.burst.active_weeks, TREND_WEEKS)
    return PublicFigures(
        size_band=size_band(s.people),
        coverage=publishable(s.coverage.share),
        coverage_then=publishable(s.trend[0].share),
        gives=publishable(Share(ga.give, ga.give + ga.ask)),
        started_by_them=publishable(d.in_share_year),
        channels=_channel_shares(s),
        on_time=publishable(s.ahead.share),
        active_weeks=publishable(weeks) if s.burst.year_out >= PUBLIC_MIN else None,
    )


@dataclass(frozen=True)
class SharedFigures:
    """What ``stats.json`` shares (:mod:`abcnet.formats.shared`): the page's figures, and
    two more of their kind, none of them dated or about one person."""

    public: PublicFigures
    touches_per_week: float | None
    """The year's outgoing touches over 52 weeks, one decimal; from PUBLIC_MIN touches."""
    reconnect_weeks: Share | None
    """The last 52 weeks in which a dormant tie was reached out to (out of 52 weeks, but
    like the weeks with a touch, only from PUBLIC_MIN outgoing touches in the year)."""


def shared_figures(s: Stats) -> SharedFigures:
    """The figures of ``s`` that ``stats.json`` may hold, by the same rule."""
    out = s.directions.out_year
    return SharedFigures(
        public=public_figures(s),
        touches_per_week=round(out / TREND_WEEKS, 1) if out >= PUBLIC_MIN else None,
        reconnect_weeks=(
            publishable(Share(s.reconnect_weeks, TREND_WEEKS)) if out >= PUBLIC_MIN else None
        ),
    )
