"""Drift: who is drifting from their own rhythm, and the one-sided ties (abcnet.core.drift)."""

from __future__ import annotations

from datetime import date, timedelta

from abcnet.core.drift import Drifting, OneSided, drift, drifting
from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.core.stats import compute
from abcnet.formats.stats import as_json, summary_lines

TODAY = date(2026, 11, 25)
SETTINGS = Settings(cadences=(("inner", 30), ("core", 90), ("wide", 182)))


def person(slug: str, *days: str, circle: str = "inner", inbound: bool = True, **more) -> Contact:
    touches = tuple(
        Touch(date.fromisoformat(d), direction="in" if inbound and i % 2 else "out")
        for i, d in enumerate(days)
    )
    return Contact(
        slug, slug.title(), Source(f"contacts/{slug}.yaml"), circle=circle, touches=touches, **more
    )


def every(start: str, step: int, n: int) -> list[str]:
    first = date.fromisoformat(start)
    return [(first + timedelta(days=step * k)).isoformat() for k in range(n)]


# Every 20 days until April, then gaps of 35, 50 and 65 days, and 83 days since.
ADA = [*every("2025-01-01", 20, 24), "2026-05-11", "2026-06-30", "2026-09-03"]


def test_gaps_growing_past_the_cadence_from_a_rhythm_within_it_is_drifting():
    ada = person("ada", *ADA)
    assert drifting(ada, 30, TODAY) == Drifting(
        "ada", "Ada", "inner", 30, usual=20, gap=83, last=date(2026, 9, 3)
    )


def test_not_drifting_within_cadence_or_late_by_habit_or_after_a_longer_gap():
    # The gap now is within the cadence.
    assert drifting(person("a", *ADA, "2026-11-10"), 30, TODAY) is None
    # Always slow: the usual gap (45 days) was past the cadence already; merely late.
    assert drifting(person("b", *every("2025-01-01", 45, 12)), 30, TODAY) is None
    # A longer gap earlier in the year: the gap now is not the longest of the year.
    assert (
        drifting(person("c", *every("2025-01-01", 20, 16), "2026-06-01"), 30, date(2026, 8, 1))
        is None
    )
    # Too few touches for a rhythm.
    assert drifting(person("d", "2025-01-01", "2025-01-20"), 30, TODAY) is None


def test_touches_after_today_do_not_count():
    ada = person("ada", *ADA, "2026-12-01")
    assert drifting(ada, 30, TODAY) is not None


def test_drift_by_circle_family_apart_and_one_sided():
    slow = [*every("2025-01-01", 60, 8), "2026-05-01"]  # every 60 days, then 208 days since
    people = [
        person("ada", *ADA),
        person("bo", *slow, circle="wide"),
        person("cy", *ADA, archived=True),
        person("fay", *ADA, family=True),
        person("di", *every("2026-08-01", 15, 7), inbound=False),
        person("ed", *every("2026-09-01", 15, 5), inbound=False),
    ]
    found = drift(people, SETTINGS, TODAY)
    assert [(c, [d.slug for d in ds]) for c, ds in found.drifting] == [
        ("inner", ["ada"]),
        ("wide", ["bo"]),
    ]
    assert [d.slug for d in found.family] == ["fay"]
    # Seven touches out and none back is one-sided; five is not yet.
    assert found.one_sided == (OneSided("di", "Di", "inner", 7, date(2026, 10, 30)),)


def test_abc_stats_names_who_is_drifting_and_who_never_writes_back():
    people = [person("ada", *ADA), person("di", *every("2026-08-01", 15, 7), inbound=False)]
    s = compute(people, SETTINGS, TODAY)
    lines = summary_lines(s)
    assert lines[-2:] == [
        "  drifting         1: Ada (inner, usually 20 days, now 83 days)",
        "  one-sided        1: Di (7 out, none back)",
    ]
    data = as_json(s)
    assert data["drifting"] == [
        {
            "slug": "ada",
            "name": "Ada",
            "circle": "inner",
            "cadence": 30,
            "usual_gap": 20,
            "gap": 83,
            "last": "2026-09-03",
        }
    ]
    assert data["one_sided"] == [
        {"slug": "di", "name": "Di", "circle": "inner", "out": 7, "last": "2026-10-30"}
    ]


def test_the_private_stats_page_names_who_is_drifting_and_who_never_writes_back():
    from abcnet.web.stats_page import drift_section

    people = [
        person("ada", *ADA),
        person("fay", *ADA, family=True),
        person("di", *every("2026-08-01", 15, 7), inbound=False),
    ]
    s = compute(people, SETTINGS, TODAY)
    assert drift_section(s) == (
        "## Drift { #drift }\n\n"
        "Someone is drifting when the usual gap between your touches (the median before this "
        "year) was within their cadence and this year's gaps have grown past it: the gap up "
        "to today is longer than the cadence and the longest of the year. See "
        "[Notice drift](strategies/notice-drift.md).\n\n"
        "**Drifting in the inner circle**, furthest from their rhythm first:\n\n"
        "- [Ada](people/ada.md): usually every 20 days, now 83 days since 3 Sep 2026 "
        "(cadence 30 days)\n\n"
        "**Family**, apart: closeness to kin holds up with less contact.\n\n"
        "- [Fay](people/fay.md): usually every 20 days, now 83 days since 3 Sep 2026 "
        "(cadence 30 days)\n\n"
        "**One-sided**: you reached out 6 or more times, and they never have.\n\n"
        "- [Di](people/di.md): 7 touches from you, none from them; the last on 30 Oct 2026\n"
    )
    quiet = compute([person("ed", *every("2026-09-01", 15, 5), inbound=False)], SETTINGS, TODAY)
    assert drift_section(quiet).endswith("Nobody is drifting from their rhythm.\n")
