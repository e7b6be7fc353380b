"""Pure statistics: contacts, settings and today → the numbers and series behind the site.

Nothing here reads files or the clock. Touches dated after ``today`` are ignored,
so the numbers are what they would have been on that day.

Definitions (the stats page explains them in the same terms):

- **kept**: neither archived nor in the pool (``circle: pool``: imported, not yet
  kept). Network size, coverage and capacity count kept people only; the pool is a
  count of its own. **Counted for coverage**: kept and not snoozed.
- **within cadence** on a day: the last touch (either direction) on or before that
  day is no more than the person's cadence ago.
- **coverage trend**: for each of the last 52 weeks, coverage on that week's last
  day using only the touches up to it. A person counts from the day they joined the
  network: their ``met`` date or their first touch, whichever is earlier; someone
  with neither (or with only dates after today) counts only today. Archiving, snoozes and cadences are taken as they
  are now, because the files hold no history of them.
- **the year**: the 365 days ending today.
- **streak**: consecutive days, ending today (or yesterday, while today is still
  to do), on which you did what the plan asked: ``daily_quota`` outgoing touches,
  or everyone the plan named that day (replayed with the touches before it and the
  people who had joined by then), which on a day with nobody due is nothing. Days
  before the first outgoing touch never count.
- **one step ahead**: walking each person's touches oldest first, an outgoing touch
  is on time when it falls on or before the due date set by the touch before it
  (either direction) plus the person's cadence, and late after it. A person's very
  first touch has no due date and is counted apart.
- **burstiness**: how the year's outgoing touches are spread: the busiest 30 days'
  share of them (an even spread gives about 8%), the same for asks, how many of the
  last 52 weeks had any outgoing touch, and every silence of ``SILENCE_DAYS`` or more
  days without an outgoing touch that ended in the year. The flag goes up for the
  defensive pattern: a silence ended by at least ``BURST_TOUCHES`` outgoing touches
  within ``BURST_DAYS`` days, or asks bunched together (at least ``BURST_TOUCHES``
  asks in the year, and at least half of them within one 30-day window).
- **keeping up**: what the kept people need in a month, ``MONTH_DAYS`` over each
  one's cadence, added up; set against this month's outgoing touches so far, and
  against the same need prorated to the days of the month gone by (today
  included). The months before are the up to ``HISTORY_MONTHS`` whole calendar
  months before this one, counted from the month of the first outgoing touch, so a
  network started last month is not averaged with empty months before it.
- **give against ask**: the year's outgoing gives and asks, and what their balance
  is (:meth:`GiveAsk.balance`).
- **late**: the overdue people of each circle, most days overdue first (then by
  name), for the private stats page; with **drift** (:mod:`abcnet.core.drift`:
  who is drifting from their own rhythm, and the one-sided ties) the only parts of
  :class:`Stats` that name anyone, and the public pages never show them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from .cadence import Report, report
from .drift import NO_DRIFT, Drift, drift
from .model import CHANNELS, CIRCLES, TOUCH_KINDS, Contact, Settings, Touch
from .reconnect import reconnect_weeks
from .streak import done_days, joined

if TYPE_CHECKING:
    from .history import History

TREND_WEEKS = 52
HEATMAP_WEEKS = 53
MONTHS = 12
YEAR_DAYS = 365
PEAK_DAYS = 30
SILENCE_DAYS = 60
BURST_DAYS = 7
BURST_TOUCHES = 5
UNSPECIFIED = "unspecified"
#: The busiest ``PEAK_DAYS`` days' share of a year's touches spread evenly, in percent.
EVEN_PEAK_PERCENT = round(100 * PEAK_DAYS / YEAR_DAYS)
#: The average length of a month in days: 365.25 / 12.
MONTH_DAYS = 30.44
#: How many whole months before this one the monthly average looks back.
HISTORY_MONTHS = 3
#: Gives at least this many times the asks (and an ask at all) lean to giving.
GIVE_LEAN = 2


@dataclass(frozen=True)
class Share:
    """``part`` out of ``whole``; the ratio is None when there is nothing to divide."""

    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def percent(self) -> int | None:
        """Rounded to a whole percent (half up), or None."""
        if not self.whole:
            return None
        return (200 * self.part + self.whole) // (2 * self.whole)

    @property
    def exact_percent(self) -> float | None:
        """The ratio times 100, unrounded (for a chart), or None."""
        ratio = self.ratio
        return None if ratio is None else 100 * ratio

    def __str__(self) -> str:
        pct = self.percent
        return "n/a" if pct is None else f"{pct}%"


@dataclass(frozen=True)
class CoveragePoint:
    day: date
    within: int
    people: int

    @property
    def share(self) -> Share:
        return Share(self.within, self.people)


@dataclass(frozen=True)
class Month:
    """Touches in one calendar month; ``start`` is its first day."""

    start: date
    out: int
    inbound: int

    @property
    def total(self) -> int:
        return self.out + self.inbound


@dataclass(frozen=True)
class Streak:
    quota: int
    current: int
    current_end: date | None
    """The last day of the current streak (today or yesterday), None when it is 0."""
    longest: int
    longest_end: date | None
    days_at_quota: int
    """Days in the year with at least ``quota`` outgoing touches."""
    today_count: int
    days_active: int = 0
    """Days in the year with at least one outgoing touch."""

    today_done: bool = False
    """Whether today already counts: you did what today's plan asked."""

    @property
    def today_pending(self) -> bool:
        """A streak is running and today is still to do, so it can still count."""
        return not self.today_done and self.current > 0


@dataclass(frozen=True)
class KindCount:
    kind: str
    out_year: int
    in_year: int
    out_all: int
    in_all: int


@dataclass(frozen=True)
class Directions:
    out_year: int
    in_year: int
    out_all: int
    in_all: int

    @property
    def in_share_year(self) -> Share:
        """The share of the year's touches that the other person started."""
        return Share(self.in_year, self.out_year + self.in_year)


@dataclass(frozen=True)
class Ahead:
    """The year's outgoing touches, measured against the due date before each."""

    on_time: int
    late: int
    first: int

    @property
    def share(self) -> Share:
        return Share(self.on_time, self.on_time + self.late)


@dataclass(frozen=True)
class Silence:
    """Days with no outgoing touch, from ``start`` to ``end`` inclusive."""

    start: date
    end: date
    burst: int
    """Outgoing touches in the ``BURST_DAYS`` days after the silence."""
    burst_asks: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_burst(self) -> bool:
        return self.burst >= BURST_TOUCHES


@dataclass(frozen=True)
class Burstiness:
    year_out: int
    peak_start: date | None
    peak: int
    year_asks: int
    ask_peak_start: date | None
    ask_peak: int
    active_weeks: int
    silences: tuple[Silence, ...]
    """Silences that ended within the year, oldest first."""
    current_silence: int | None
    """Days since the last outgoing touch (0 if there was one today); None if never."""

    @property
    def peak_share(self) -> Share:
        return Share(self.peak, self.year_out)

    @property
    def ask_peak_share(self) -> Share:
        return Share(self.ask_peak, self.year_asks)

    @property
    def silence_then_burst(self) -> bool:
        return any(s.is_burst for s in self.silences)

    @property
    def asks_bunched(self) -> bool:
        return self.year_asks >= BURST_TOUCHES and 2 * self.ask_peak >= self.year_asks

    @property
    def flagged(self) -> bool:
        """The defensive pattern: a long silence then a burst, or asks bunched together."""
        return self.silence_then_burst or self.asks_bunched

    @property
    def in_silence(self) -> bool:
        """No outgoing touch for ``SILENCE_DAYS`` days or more, up to today."""
        return self.current_silence is not None and self.current_silence >= SILENCE_DAYS


@dataclass(frozen=True)
class KeepingUp:
    """This month's outgoing touches against what the kept people need in a month."""

    needed_per_month: float
    month_out: int
    """Outgoing touches from the first of this month up to today."""
    month_day: int
    """Days of this month gone by, today included."""
    month_days: int
    previous: tuple[int, ...]
    """Outgoing touches in each whole month before this one (at most ``HISTORY_MONTHS``,
    none before the first outgoing touch's month), oldest first."""
    first_month: date | None
    """The first of the months in ``previous``, None when there are none."""
    any_out: bool
    """Whether any outgoing touch was ever logged, up to today."""

    @property
    def needed_so_far(self) -> float:
        """The month's need prorated to the days gone by."""
        return self.needed_per_month * self.month_day / self.month_days

    @property
    def ahead(self) -> bool:
        """This month's touches so far are at least the prorated need."""
        return self.month_out >= self.needed_so_far

    @property
    def previous_average(self) -> float | None:
        return sum(self.previous) / len(self.previous) if self.previous else None

    @property
    def behind_by(self) -> int:
        """Touches short of the prorated need, at least 1 when behind; 0 when keeping up."""
        return 0 if self.ahead else max(1, round(self.needed_so_far - self.month_out))

    @property
    def days_left(self) -> int:
        """Days of this month still to come, today included."""
        return self.month_days - self.month_day + 1

    @property
    def per_day_to_catch_up(self) -> int:
        """Outgoing touches a day, from today to the month's last day, that meet the
        month's whole need (rounded up)."""
        short = max(0.0, self.needed_per_month - self.month_out)
        return -int(-short // self.days_left)


@dataclass(frozen=True)
class GiveAsk:
    """The year's outgoing gives and asks."""

    give: int
    ask: int

    @property
    def balance(self) -> str:
        """``none`` (neither), ``give-only`` (gives, no ask), ``give-more`` (at least
        ``GIVE_LEAN`` gives an ask), ``ask-more`` (more asks than gives) or ``even``."""
        if not self.give and not self.ask:
            return "none"
        if not self.ask:
            return "give-only"
        if self.give >= GIVE_LEAN * self.ask:
            return "give-more"
        return "ask-more" if self.ask > self.give else "even"


@dataclass(frozen=True)
class Late:
    """One overdue person: who, by how many days, and their cadence."""

    slug: str
    name: str
    days: int
    cadence: int
    last: date | None


@dataclass(frozen=True)
class Stats:
    today: date
    quota: int
    people: int
    """Kept contacts: neither archived nor in the pool."""
    circles: tuple[tuple[str, int], ...]
    archived: int
    pool: int
    """People in the pool (not archived): imported, not yet kept."""
    snoozed: int
    needed_per_year: float
    available_per_year: int
    coverage: CoveragePoint
    trend: tuple[CoveragePoint, ...]
    overdue: int
    due_soon: int
    never: int
    months: tuple[Month, ...]
    heatmap_start: date
    """A Monday; ``heatmap`` holds one count of outgoing touches per day from it to today."""
    heatmap: tuple[int, ...]
    streak: Streak
    kinds: tuple[KindCount, ...]
    directions: Directions
    channels: tuple[tuple[str, int], ...]
    """The year's touches (both directions) by channel, most used first."""
    ahead: Ahead
    burst: Burstiness
    keeping_up: KeepingUp
    late: tuple[tuple[str, tuple[Late, ...]], ...]
    """The overdue people by circle (circles with none left out), most late first."""
    drift: Drift = NO_DRIFT
    """Who is drifting from their own rhythm, and the one-sided ties (names: private)."""
    reconnect_weeks: int = 0
    """Of the last 52 weeks, those in which a dormant tie was reached out to."""
    history: History | None = None
    """The practice month by month, when the caller read it (from git: the site's hook)."""

    @property
    def give_ask(self) -> GiveAsk:
        return GiveAsk(self.kind("give").out_year, self.kind("ask").out_year)

    @property
    def year_start(self) -> date:
        return year_start(self.today)

    @property
    def short_of_capacity(self) -> bool:
        """The cadences need more touches a year than the daily quota gives."""
        return self.needed_per_year > self.available_per_year

    def weeks_ago(self, weeks: int) -> CoveragePoint:
        """The coverage trend's point ``weeks`` weeks before today (0 is today)."""
        return self.trend[-1 - weeks]

    @property
    def heatmap_total(self) -> int:
        """Outgoing touches on the heatmap's days."""
        return sum(self.heatmap)

    @property
    def heatmap_days(self) -> int:
        """The heatmap's days with at least one outgoing touch."""
        return sum(1 for n in self.heatmap if n)

    def heatmap_day(self, index: int) -> date:
        return self.heatmap_start + timedelta(days=index)

    def kind(self, kind: str) -> KindCount:
        for k in self.kinds:
            if k.kind == kind:
                return k
        raise KeyError(kind)


# --- helpers ------------------------------------------------------------------------------


def year_start(today: date) -> date:
    """The first day of the 365 days ending today."""
    return today - timedelta(days=YEAR_DAYS - 1)


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month ``back`` months before the month of ``day``."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _touches(contacts: Iterable[Contact], today: date) -> list[Touch]:
    return [t for c in contacts for t in c.touches if t.date <= today]


@dataclass(frozen=True)
class _Person:
    """What coverage needs of one counted person, worked out once."""

    joined: date | None
    snooze_until: date | None
    cadence: int
    dates: tuple[date, ...]


def _people(contacts: Iterable[Contact], settings: Settings, today: date) -> list[_Person]:
    return [
        _Person(
            joined(c, today),
            c.snooze_until,
            settings.cadence_of(c),
            tuple(t.date for t in c.touches),
        )
        for c in contacts
        if c.kept
    ]


def _coverage(people: list[_Person], day: date, today: date) -> CoveragePoint:
    within = counted = 0
    for p in people:
        if p.snooze_until is not None and p.snooze_until > day:
            continue
        if (p.joined is None and day != today) or (p.joined is not None and p.joined > day):
            continue
        counted += 1
        i = bisect.bisect_right(p.dates, day)
        if i and (day - p.dates[i - 1]).days <= p.cadence:
            within += 1
    return CoveragePoint(day, within, counted)


def coverage_on(
    contacts: Iterable[Contact], settings: Settings, day: date, today: date
) -> CoveragePoint:
    """Coverage as it stood on ``day``, from the touches up to it (see the module docstring)."""
    return _coverage(_people(contacts, settings, today), day, today)


def _streak(days: Counter[date], done: set[date], quota: int, today: date) -> Streak:
    good = sorted(done)
    good_set = done
    longest = run = 0
    longest_end: date | None = None
    prev: date | None = None
    for d in good:
        run = run + 1 if prev is not None and (d - prev).days == 1 else 1
        if run > longest:
            longest, longest_end = run, d
        prev = d
    end = today if today in good_set else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in good_set:
        current += 1
    first = year_start(today)
    return Streak(
        quota=quota,
        current=current,
        current_end=end if current else None,
        longest=longest,
        longest_end=longest_end,
        days_at_quota=sum(1 for d, n in days.items() if n >= quota and first <= d <= today),
        today_count=days.get(today, 0),
        days_active=sum(1 for d, n in days.items() if n and first <= d <= today),
        today_done=today in good_set,
    )


def _peak(dates: list[date], first: date, today: date) -> tuple[date | None, int]:
    """The ``PEAK_DAYS`` window within ``first..today`` holding most of ``dates`` (earliest wins)."""
    inside = sorted(d for d in dates if first <= d <= today)
    if not inside:
        return None, 0
    best_start, best = None, 0
    last_start = max(first, today - timedelta(days=PEAK_DAYS - 1))
    # A busiest window can always be slid to start on a touch (or at the last start).
    for start in sorted({*(d for d in inside if d <= last_start), last_start}):
        end = start + timedelta(days=PEAK_DAYS - 1)
        n = bisect.bisect_right(inside, end) - bisect.bisect_left(inside, start)
        if n > best:
            best_start, best = start, n
    return best_start, best


def _burstiness(out: list[Touch], today: date) -> Burstiness:
    first = year_start(today)
    out_dates = sorted(t.date for t in out)
    year_out = sum(1 for d in out_dates if d >= first)
    asks = [t.date for t in out if t.kind == "ask"]
    peak_start, peak = _peak(out_dates, first, today)
    ask_peak_start, ask_peak = _peak(asks, first, today)
    weeks = {(today - d).days // 7 for d in out_dates if (today - d).days < TREND_WEEKS * 7}
    days = sorted(set(out_dates))
    silences = []
    for prev, nxt in pairwise(days):
        gap = (nxt - prev).days - 1
        if gap >= SILENCE_DAYS and nxt >= first:
            window = [t for t in out if nxt <= t.date < nxt + timedelta(days=BURST_DAYS)]
            silences.append(
                Silence(
                    start=prev + timedelta(days=1),
                    end=nxt - timedelta(days=1),
                    burst=len(window),
                    burst_asks=sum(1 for t in window if t.kind == "ask"),
                )
            )
    return Burstiness(
        year_out=year_out,
        peak_start=peak_start,
        peak=peak,
        year_asks=sum(1 for d in asks if d >= first),
        ask_peak_start=ask_peak_start,
        ask_peak=ask_peak,
        active_weeks=len(weeks),
        silences=tuple(silences),
        current_silence=(today - days[-1]).days if days else None,
    )


def _ahead(contacts: Iterable[Contact], settings: Settings, today: date) -> Ahead:
    first_day = year_start(today)
    on_time = late = first = 0
    for c in contacts:
        cadence = settings.cadence_of(c)
        prev: Touch | None = None
        for t in c.touches:
            if t.date > today:
                break
            if t.direction == "out" and t.date >= first_day:
                if prev is None:
                    first += 1
                elif t.date <= prev.date + timedelta(days=cadence):
                    on_time += 1
                else:
                    late += 1
            prev = t
    return Ahead(on_time, late, first)


# --- the whole set ---------------------------------------------------------------------------


def _months(touches: list[Touch], today: date) -> tuple[Month, ...]:
    month_starts = [month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
    by_month: Counter[tuple[date, str]] = Counter(
        (month_start(t.date), t.direction) for t in touches if t.date >= month_starts[0]
    )
    return tuple(Month(m, by_month[(m, "out")], by_month[(m, "in")]) for m in month_starts)


def _heatmap(per_day: Counter[date], today: date) -> tuple[date, tuple[int, ...]]:
    """The heatmap's first day (a Monday) and its count for each day from then to today."""
    heat_start = today - timedelta(days=today.weekday(), weeks=HEATMAP_WEEKS - 1)
    heatmap = tuple(
        per_day.get(heat_start + timedelta(days=i), 0) for i in range((today - heat_start).days + 1)
    )
    return heat_start, heatmap


def _kinds(touches: list[Touch], year: list[Touch]) -> tuple[KindCount, ...]:
    return tuple(
        KindCount(
            kind=kind,
            out_year=sum(1 for t in year if t.kind == kind and t.direction == "out"),
            in_year=sum(1 for t in year if t.kind == kind and t.direction == "in"),
            out_all=sum(1 for t in touches if t.kind == kind and t.direction == "out"),
            in_all=sum(1 for t in touches if t.kind == kind and t.direction == "in"),
        )
        for kind in TOUCH_KINDS
    )


def _directions(touches: list[Touch], year: list[Touch], out: list[Touch]) -> Directions:
    return Directions(
        out_year=sum(1 for t in year if t.direction == "out"),
        in_year=sum(1 for t in year if t.direction == "in"),
        out_all=len(out),
        in_all=len(touches) - len(out),
    )


def _channels(year: list[Touch]) -> tuple[tuple[str, int], ...]:
    order = {name: i for i, name in enumerate((*CHANNELS, UNSPECIFIED))}
    channel_counts = Counter(t.channel or UNSPECIFIED for t in year)
    return tuple(sorted(channel_counts.items(), key=lambda kv: (-kv[1], order[kv[0]])))


def days_in_month(day: date) -> int:
    return (month_start(day, -1) - month_start(day)).days


def _keeping_up(
    contacts: tuple[Contact, ...], settings: Settings, out: list[Touch], today: date
) -> KeepingUp:
    this_month = month_start(today)
    first_out = min((t.date for t in out), default=None)
    back = 0
    if first_out is not None and first_out < this_month:
        back = min(
            HISTORY_MONTHS,
            (this_month.year - first_out.year) * 12 + this_month.month - first_out.month,
        )
    starts = [month_start(today, k) for k in range(back, 0, -1)]
    per_month = Counter(month_start(t.date) for t in out)
    return KeepingUp(
        needed_per_month=sum(MONTH_DAYS / settings.cadence_of(c) for c in contacts if c.kept),
        month_out=per_month[this_month],
        month_day=today.day,
        month_days=days_in_month(today),
        previous=tuple(per_month[m] for m in starts),
        first_month=starts[0] if starts else None,
        any_out=first_out is not None,
    )


def _late(rep: Report[Contact]) -> tuple[tuple[str, tuple[Late, ...]], ...]:
    overdue = rep.of_state("overdue")
    by_circle = []
    for circle in CIRCLES:
        people = sorted(
            (
                Late(
                    s.contact.slug, s.contact.name, s.days_overdue(rep.today), s.cadence, s.last_day
                )
                for s in overdue
                if s.contact.circle == circle
            ),
            key=lambda p: (-p.days, p.name, p.slug),
        )
        if people:
            by_circle.append((circle, tuple(people)))
    return tuple(by_circle)


def compute(contacts: Iterable[Contact], settings: Settings, today: date) -> Stats:
    """Every number and series on the stats page."""
    contacts = tuple(contacts)
    rep = report(contacts, settings, today)
    active = [c for c in contacts if c.kept]
    archived = sum(1 for c in contacts if c.archived)
    touches = _touches(contacts, today)
    out = [t for t in touches if t.direction == "out"]
    first = year_start(today)
    year = [t for t in touches if t.date >= first]

    people = _people(contacts, settings, today)
    trend = tuple(
        _coverage(people, today - timedelta(weeks=k), today) for k in range(TREND_WEEKS - 1, -1, -1)
    )
    per_day: Counter[date] = Counter(t.date for t in out)
    heat_start, heatmap = _heatmap(per_day, today)

    return Stats(
        today=today,
        quota=settings.daily_quota,
        people=len(active),
        circles=tuple((circle, sum(1 for c in active if c.circle == circle)) for circle in CIRCLES),
        archived=archived,
        pool=len(contacts) - len(active) - archived,
        snoozed=len(rep.of_state("snoozed")),
        needed_per_year=rep.capacity.needed_per_year,
        available_per_year=rep.capacity.available_per_year,
        coverage=trend[-1],
        trend=trend,
        overdue=len(rep.of_state("overdue")),
        due_soon=len(rep.of_state("due-soon")),
        never=len(rep.of_state("never")),
        months=_months(touches, today),
        heatmap_start=heat_start,
        heatmap=heatmap,
        streak=_streak(per_day, done_days(contacts, settings, today), settings.daily_quota, today),
        kinds=_kinds(touches, year),
        directions=_directions(touches, year, out),
        channels=_channels(year),
        ahead=_ahead(contacts, settings, today),
        burst=_burstiness(out, today),
        keeping_up=_keeping_up(contacts, settings, out, today),
        late=_late(rep),
        drift=drift(contacts, settings, today),
        reconnect_weeks=reconnect_weeks(contacts, today, TREND_WEEKS),
    )
