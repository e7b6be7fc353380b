"""The stats in words: the headline numbers for `abc stats`, and as stable JSON."""

from __future__ import annotations

from typing import TypedDict

from abcnet.core.drift import Drift, Drifting
from abcnet.core.stats import PEAK_DAYS, SILENCE_DAYS, Share, Stats
from abcnet.core.words import format_days

# --- the JSON document of `abc stats --json`, keys in the order they are printed --------


class CoverageJson(TypedDict):
    within: int
    people: int
    share: float | None


class StreakJson(TypedDict):
    current: int
    longest: int


# "in" is a keyword, so the two documents with an "in" key take the functional form.
DirectionsJson = TypedDict("DirectionsJson", {"out": int, "in": int})
YearJson = TypedDict(
    "YearJson",
    {"out": int, "in": int, "kinds": dict[str, DirectionsJson], "channels": dict[str, int]},
)


class AheadJson(TypedDict):
    on_time: int
    late: int
    first: int
    share: float | None


class SilenceJson(TypedDict):
    start: str
    end: str
    days: int
    burst: int
    burst_asks: int


class BurstinessJson(TypedDict):
    peak_30_days: int
    peak_share: float | None
    active_weeks: int
    silences: list[SilenceJson]
    current_silence: int | None
    asks: int
    ask_peak_30_days: int
    silence_then_burst: bool
    asks_bunched: bool
    flagged: bool


class DriftingJson(TypedDict):
    slug: str
    name: str
    circle: str
    cadence: int
    usual_gap: int
    gap: int
    last: str


class OneSidedJson(TypedDict):
    slug: str
    name: str
    circle: str
    out: int
    last: str


class StatsJson(TypedDict):
    """`abc stats --json`."""

    today: str
    daily_quota: int
    people: int
    circles: dict[str, int]
    archived: int
    pool: int
    snoozed: int
    coverage: CoverageJson
    overdue: int
    never_contacted: int
    due_soon: int
    streak: StreakJson
    last_365_days: YearJson
    one_step_ahead: AheadJson
    burstiness: BurstinessJson
    drifting: list[DriftingJson]
    family_drifting: list[DriftingJson]
    one_sided: list[OneSidedJson]


#: How many people a line of `abc stats` names before it says how many more.
NAMED = 3


def _named(items: list[str]) -> str:
    more = f", and {len(items) - NAMED} more" if len(items) > NAMED else ""
    return ", ".join(items[:NAMED]) + more


def drifting_phrase(d: Drift) -> str:
    """``2: Ada Lovelace (inner, usually 21 days, now 75 days), …``, or ``nobody``."""
    people = [x for _, xs in d.drifting for x in xs]
    family = f"; family apart: {len(d.family)}" if d.family else ""
    if not people:
        return f"nobody{family}"
    named = [
        f"{x.name} ({x.circle}, usually {format_days(x.usual)}, now {format_days(x.gap)})"
        for x in people
    ]
    return f"{len(people)}: {_named(named)}{family}"


def one_sided_phrase(d: Drift) -> str:
    """``1: Bo Chen (7 out, none back)``, or ``nobody``."""
    if not d.one_sided:
        return "nobody"
    named = [f"{o.name} ({o.out} out, none back)" for o in d.one_sided]
    return f"{len(d.one_sided)}: {_named(named)}"


def summary_lines(s: Stats) -> list[str]:
    """The headline numbers, one per line, for `abc stats`."""
    circles = ", ".join(f"{name} {n:,}" for name, n in s.circles)
    give, ask, catch = s.kind("give"), s.kind("ask"), s.kind("catch-up")
    b = s.burst
    if b.silence_then_burst:
        burst = "flagged: a long silence ended in a burst"
    elif b.asks_bunched:
        burst = f"flagged: {b.ask_peak_share} of the year's asks came within {PEAK_DAYS} days"
    elif b.current_silence is not None and b.current_silence >= SILENCE_DAYS:
        burst = f"silent for {format_days(b.current_silence)} now"
    else:
        burst = "no silence followed by a burst"
    pool = f", {s.pool:,} in the pool" if s.pool else ""
    rows = [
        (
            "people",
            f"{s.people:,} ({circles}); {s.archived:,} archived, {s.snoozed:,} snoozed{pool}",
        ),
        (
            "coverage",
            f"{s.coverage.share} ({s.coverage.within:,} of {s.coverage.people:,} within cadence)",
        ),
        ("overdue", f"{s.overdue:,}"),
        ("never contacted", f"{s.never:,}"),
        ("due in 7 days", f"{s.due_soon:,}"),
        (
            "streak",
            f"{format_days(s.streak.current)} doing what the plan asked "
            f"(longest {format_days(s.streak.longest)})",
        ),
        (
            "last 365 days",
            f"{s.directions.out_year:,} touches out, {s.directions.in_year:,} in; "
            f"{give.out_year:,} gives, {ask.out_year:,} asks, {catch.out_year:,} catch-ups",
        ),
        (
            "one step ahead",
            f"{s.ahead.share} on time ({s.ahead.on_time:,} of {s.ahead.on_time + s.ahead.late:,})",
        ),
        (
            "burstiness",
            f"busiest {PEAK_DAYS} days held {b.peak_share} of the year's touches; {burst}",
        ),
        ("drifting", drifting_phrase(s.drift)),
        ("one-sided", one_sided_phrase(s.drift)),
    ]
    width = max(len(label) for label, _ in rows) + 2
    return [f"Stats on {s.today.isoformat()}"] + [
        f"  {label:<{width}}{value}" for label, value in rows
    ]


def _ratio(share: Share) -> float | None:
    r = share.ratio
    return None if r is None else round(r, 4)


def as_json(s: Stats) -> StatsJson:
    """The headline numbers as stable JSON-ready data."""
    b = s.burst
    return {
        "today": s.today.isoformat(),
        "daily_quota": s.quota,
        "people": s.people,
        "circles": dict(s.circles),
        "archived": s.archived,
        "pool": s.pool,
        "snoozed": s.snoozed,
        "coverage": {
            "within": s.coverage.within,
            "people": s.coverage.people,
            "share": _ratio(s.coverage.share),
        },
        "overdue": s.overdue,
        "never_contacted": s.never,
        "due_soon": s.due_soon,
        "streak": {"current": s.streak.current, "longest": s.streak.longest},
        "last_365_days": {
            "out": s.directions.out_year,
            "in": s.directions.in_year,
            "kinds": {k.kind: {"out": k.out_year, "in": k.in_year} for k in s.kinds},
            "channels": dict(s.channels),
        },
        "one_step_ahead": {
            "on_time": s.ahead.on_time,
            "late": s.ahead.late,
            "first": s.ahead.first,
            "share": _ratio(s.ahead.share),
        },
        "burstiness": {
            "peak_30_days": b.peak,
            "peak_share": _ratio(b.peak_share),
            "active_weeks": b.active_weeks,
            "silences": [
                {
                    "start": x.start.isoformat(),
                    "end": x.end.isoformat(),
                    "days": x.days,
                    "burst": x.burst,
                    "burst_asks": x.burst_asks,
                }
                for x in b.silences
            ],
            "current_silence": b.current_silence,
            "asks": b.year_asks,
            "ask_peak_30_days": b.ask_peak,
            "silence_then_burst": b.silence_then_burst,
            "asks_bunched": b.asks_bunched,
            "flagged": b.flagged,
        },
        "drifting": [_drifting_json(d) for _, people in s.drift.drifting for d in people],
        "family_drifting": [_drifting_json(d) for d in s.drift.family],
        "one_sided": [
            {"slug": o.slug, "name": o.name, "circle": o.circle, "out": o.out, "last": str(o.last)}
            for o in s.drift.one_sided
        ],
    }


def _drifting_json(d: Drifting) -> DriftingJson:
    return {
        "slug": d.slug,
        "name": d.name,
        "circle": d.circle,
        "cadence": d.cadence,
        "usual_gap": d.usual,
        "gap": d.gap,
        "last": d.last.isoformat(),
    }
