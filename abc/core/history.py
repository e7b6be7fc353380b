"""The practice month by month: the network as it stood at each month's end. Pure.

Two sources, the same rows:

- **git** (:func:`from_snapshots`): the contact files as they stood after each
  month's last commit (read by :mod:`abcnet.storage.gitlog`); a month without a
  commit keeps the month before; the current month is the files as they are now.
  The months run from the first commit's month to today's.
- **the files alone** (:func:`from_files`), without git or with a shallow clone:
  the files as they are now, each person counted from the day they joined (their
  ``met`` date or first touch, as the stats page's trend does). Who was archived
  when, and who was in which circle, is not in the files: people archived now are
  left out of every month, and nobody is counted as archived. The months run
  from the month of the first kept person's day to today's (the pool's
  connection dates, often years older, would only add empty months).

Each month, as of its last day (today, for the current month):

- **kept**: the people neither archived nor in the pool;
- **touches**: the touches dated in the month, in every file of that month, split
  into **out** (you reached out) and **in** (they did); **give** and **ask**: the
  outgoing ones of each kind, and their balance (:class:`~abcnet.core.stats.GiveAsk`);
- **within cadence by circle**: of the kept people not snoozed on the last day, how
  many had a touch no more than their cadence before it, circle by circle;
- **added**: files that were not there at the end of the month before (the first
  month: everyone); **archived**: people archived at the month's end who were
  there and not archived at the end of the month before.

Cadences come from today's settings, as the files hold no history of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .model import CIRCLES, Contact, Settings
from .stats import GiveAsk, Share, month_start
from .streak import joined

#: Where the months came from.
SOURCES = ("git", "files")


@dataclass(frozen=True)
class HistoryMonth:
    """One calendar month of the practice; ``start`` is its first day."""

    start: date
    kept: int
    out: int
    inbound: int
    give: int
    ask: int
    within: tuple[tuple[str, Share], ...]
    """Each circle's kept people within cadence at the month's end."""
    added: int
    archived: int | None
    """None when only the files were read: they do not say who was archived when."""

    @property
    def month(self) -> str:
        """``2026-11``."""
        return f"{self.start.year:04d}-{self.start.month:02d}"

    @property
    def touches(self) -> int:
        return self.out + self.inbound

    @property
    def give_ask(self) -> GiveAsk:
        return GiveAsk(self.give, self.ask)

    @property
    def within_all(self) -> Share:
        """Every circle's people within cadence together."""
        return Share(sum(s.part for _, s in self.within), sum(s.whole for _, s in self.within))


@dataclass(frozen=True)
class History:
    months: tuple[HistoryMonth, ...]
    """Oldest first, one per calendar month up to today's."""
    source: str
    """``git`` or ``files`` (see :data:`SOURCES`)."""
    why_files: str | None = None
    """Why git was not read (``not a git repository``), when the source is the files."""
    commits: int = 0
    unreadable: int = 0
    """File versions in git left out because they could not be read."""


def month_end(start: date, today: date) -> date:
    """The last day of the month starting on ``start``, or today if that comes first."""
    return min(month_start(start, -1) - timedelta(days=1), today)


def _months(first: date, today: date) -> list[date]:
    starts = [month_start(first)]
    while starts[-1] < month_start(today):
        starts.append(month_start(starts[-1], -1))
    return starts


def _row(
    start: date, contacts: Sequence[Contact], settings: Settings, today: date
) -> tuple[date, int, int, int, int, tuple[tuple[str, Share], ...]]:
    """The month from ``start``: touches out, in, gives and asks of ``contacts``, and
    each circle's kept people within cadence."""
    end = month_end(start, today)
    out, inbound, give, ask = _touches_between(contacts, start, end)
    within = _Planned.of(contacts, settings, today, None).within(end)
    return end, out, inbound, give, ask, within


def _touches_between(contacts: Iterable[Contact], start: date, end: date) -> tuple[int, ...]:
    """Touches out, in, gives and asks of ``contacts`` from ``start`` to ``end``."""
    out = inbound = give = ask = 0
    first, last = start.toordinal(), end.toordinal()
    for c in contacts:
        days = c.touches.ordinals
        lo = bisect_left(days, first)
        hi = bisect_right(days, last, lo)
        if lo == hi:
            continue
        for t in c.touches[lo:hi]:  # a slice: made once, shared with the stats
            if t.direction == "in":
                inbound += 1
            else:
                out += 1
                give += t.kind == "give"
                ask += t.kind == "ask"
    return out, inbound, give, ask


@dataclass(frozen=True)
class _Planned:
    """What counts of each kept person for :meth:`within`, read once for every month."""

    rows: tuple[tuple[str, int | None, int, Sequence[int], int], ...]
    """(circle, snoozed until, joined, touch days, cadence), days as ordinals."""

    @classmethod
    def of(
        cls,
        people: Iterable[Contact],
        settings: Settings,
        today: date,
        since: dict[str, date] | None,
    ) -> _Planned:
        """With ``since``, each counts from the day they joined (someone with no date,
        only today); without it, in every month."""
        return cls(
            tuple(
                (
                    c.circle,
                    None if c.snooze_until is None else c.snooze_until.toordinal(),
                    1 if since is None else since.get(c.slug, today).toordinal(),
                    c.touches.ordinals,
                    settings.cadence_of(c),
                )
                for c in people
                if c.kept and c.circle in CIRCLES
            )
        )

    def within(self, end: date) -> tuple[tuple[str, Share], ...]:
        """Each circle's people within cadence on ``end``, of those counted then."""
        counts = {circle: [0, 0] for circle in CIRCLES}
        day = end.toordinal()
        for circle, snoozed, joined_on, days, cadence in self.rows:
            if (snoozed is not None and snoozed > day) or joined_on > day:
                continue
            count = counts[circle]
            count[1] += 1
            n = bisect_right(days, day)
            if n and day - days[n - 1] <= cadence:
                count[0] += 1
        return tuple((circle, Share(w, n)) for circle, (w, n) in counts.items())


def from_snapshots(
    snapshots: Sequence[tuple[date, Sequence[Contact]]],
    current: Sequence[Contact],
    settings: Settings,
    today: date,
    *,
    commits: int = 0,
    unreadable: int = 0,
) -> History:
    """Month by month from git's snapshots (month start → contacts), oldest first.

    ``current`` is the files as they are now: today's month is theirs.
    """
    by_month = dict(snapshots)
    this_month = month_start(today)
    first = min([*by_month, this_month])
    rows: list[HistoryMonth] = []
    before: dict[str, Contact] = {}
    contacts: Sequence[Contact] = ()
    for start in _months(first, today):
        if start == this_month:
            contacts = current
        elif start in by_month:
            contacts = by_month[start]
        _end, out, inbound, give, ask, within = _row(start, contacts, settings, today)
        now = {c.slug: c for c in contacts}
        archived = sum(
            1 for s, c in now.items() if c.archived and s in before and not before[s].archived
        )
        rows.append(
            HistoryMonth(
                start=start,
                kept=sum(1 for c in contacts if c.kept),
                out=out,
                inbound=inbound,
                give=give,
                ask=ask,
                within=within,
                added=len(now.keys() - before.keys()),
                archived=archived,
            )
        )
        before = now
    return History(tuple(rows), "git", None, commits, unreadable)


def from_files(contacts: Sequence[Contact], settings: Settings, today: date, why: str) -> History:
    """Month by month from the files as they are now (see the module docstring)."""
    kept = [c for c in contacts if not c.archived]
    since = {c.slug: d for c in kept if (d := joined(c, today)) is not None}
    if not since:
        return History((), "files", why)
    first = min((since[c.slug] for c in kept if c.kept and c.slug in since), default=today)
    rows = []
    # Once, not each month: those who are kept, and those with a touch (a big pool
    # has neither, and would be walked through month after month).
    people = [c for c in kept if c.kept]
    touched = [c for c in kept if len(c.touches.ordinals)]
    planned = _Planned.of(people, settings, today, since)
    # The days people joined, sorted, so each month counts them by bisection.
    kept_from = sorted(since.get(c.slug, today).toordinal() for c in people)
    joined_on = sorted(since[c.slug].toordinal() for c in kept if c.slug in since)
    for start in _months(first, today):
        end = month_end(start, today)
        out, inbound, give, ask = _touches_between(touched, start, end)
        rows.append(
            HistoryMonth(
                start=start,
                kept=bisect_right(kept_from, end.toordinal()),
                out=out,
                inbound=inbound,
                give=give,
                ask=ask,
                within=planned.within(end),
                added=bisect_right(joined_on, end.toordinal())
                - bisect_left(joined_on, start.toordinal()),
                archived=None,
            )
        )
    return History(tuple(rows), "files", why)
