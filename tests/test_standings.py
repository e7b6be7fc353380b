"""The cadence report made from Standings (what the check summary keeps) is the very
report :func:`~abcnet.core.cadence.report` makes, on every day, for every network."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from abcnet.core.cadence import check_report, report, standings
from abcnet.core.model import NO_TOUCHES, Brief, Settings, Source, TouchDates
from abcnet.formats.report import check_json, report_lines

DAY = date(2026, 3, 1).toordinal()
NAMES = ["Ada Lee", "Bo Chen", "Ada Lee", "Zoë Ng", "Émile Roux", "Li"]


@st.composite
def people(draw: st.DrawFn) -> list[Brief]:
    found = []
    for i in range(draw(st.integers(0, 30))):
        dates = sorted(draw(st.lists(st.integers(DAY - 400, DAY + 40), max_size=4)))
        snooze = draw(st.none() | st.integers(DAY - 60, DAY + 60))
        found.append(
            Brief(
                slug=f"p{i}",
                name=draw(st.sampled_from(NAMES)),
                source=Source(f"contacts/p{i}.yaml", 1),
                circle=draw(st.sampled_from(["inner", "core", "wide", "pool", "other"])),
                cadence=draw(st.none() | st.integers(1, 400)),
                snooze_until=None if snooze is None else date.fromordinal(snooze),
                archived=draw(st.booleans()),
                touches=TouchDates(dates) if dates else NO_TOUCHES,
            )
        )
    return found


@settings(max_examples=300, deadline=None)
@given(people(), st.integers(-30, 60), st.integers(1, 3))
def test_the_report_from_standings_is_the_report(found: list[Brief], days: int, quota: int) -> None:
    rules = Settings(daily_quota=quota)
    today = date.fromordinal(DAY + days)
    whole = report(found, rules, today)
    quick = check_report(found, rules, today, standings(found, rules))
    for show_all in (False, True):
        assert report_lines(quick, show_all=show_all) == report_lines(whole, show_all=show_all)
    assert check_json(quick, [], len(found), True) == check_json(whole, [], len(found), True)


def test_a_snooze_and_a_touch_today_are_worked_out_on_the_day() -> None:
    ada = Brief(
        "ada",
        "Ada Lee",
        Source("contacts/ada.yaml", 1),
        "inner",
        None,
        date(2026, 3, 5),
        False,
        TouchDates([DAY - 40]),
    )
    bo = Brief(
        "bo",
        "Bo Chen",
        Source("contacts/bo.yaml", 1),
        "inner",
        None,
        None,
        False,
        TouchDates([DAY]),
    )
    known = standings([ada, bo], Settings())
    lines = report_lines(check_report([ada, bo], Settings(), date(2026, 3, 1), known))
    assert lines[:9] == [
        "Overdue (0):",
        "  nobody",
        "",
        "Due in the next 7 days (0):",
        "  nobody",
        "",
        "Never contacted (0):",
        "  nobody",
        "",
    ]
    assert lines[9:11] == ["Snoozed (1):", "  Ada Lee  until 2026-03-05"]
    later = report_lines(check_report([ada, bo], Settings(), date(2026, 3, 6), known))
    assert later[:2] == [
        "Overdue (1):",
        "  Ada Lee  overdue by 15 days (last 2026-01-20, every 30 days)",
    ]
    assert later[3:5] == ["Due in the next 7 days (0):", "  nobody"]
    assert (date.fromordinal(DAY) + timedelta(days=30)).isoformat() == "2026-03-31"
