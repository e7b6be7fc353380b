"""Reconnecting: with `reconnect: weekly`, one dormant tie a week in the plan."""

from __future__ import annotations

import json
from datetime import date

from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.core.plan import plan
from abcnet.core.reconnect import dormant, is_dormant, reconnected, years_before
from abcnet.formats.opener import opener

TODAY = date(2026, 11, 25)  # a Wednesday
WEEKLY = Settings(
    daily_quota=1, reconnect="weekly", cadences=(("inner", 30), ("core", 90), ("wide", 182))
)


def person(slug: str, *days: str, **more) -> Contact:
    touches = tuple(Touch(date.fromisoformat(d)) for d in days)
    return Contact(slug, slug.title(), Source(f"contacts/{slug}.yaml"), touches=touches, **more)


def schedule(contacts, settings=WEEKLY, days=14, today=TODAY):
    p = plan(contacts, settings, today, days)
    return [(d.day.isoformat(), [(e.contact.slug, e.reason) for e in d.entries]) for d in p.days]


def test_dormant_means_a_last_touch_three_years_ago_archived_and_pool_included():
    assert years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)
    old = person("old", "2020-05-01", "2023-11-25", archived=True)
    pool = person("pool", "2021-01-01", circle="pool")
    recent = person("recent", "2023-11-26")
    never = person("never")
    snoozed = person("snoozed", "2019-01-01", snooze_until=date(2027, 1, 1))
    assert [c.slug for c in dormant([recent, pool, old, never, snoozed], TODAY)] == ["old", "pool"]
    assert not is_dormant(old, date(2026, 11, 24))


def test_one_dormant_tie_a_week_in_a_slot_nobody_overdue_needed():
    # Bo (core, due on the 30th) would be reached a step ahead today, a slot nobody
    # overdue needs: the tie takes it, and Bo and Ada wait a day each.
    ada = person("ada", "2026-11-02", circle="inner")
    bo = person("bo", "2026-09-01", circle="core")
    tie = person("tie", "2019-03-01", "2021-06-10", archived=True)
    assert schedule([ada, bo, tie], days=9) == [
        ("2026-11-25", [("tie", "dormant tie: last in touch 2021-06-10")]),
        ("2026-11-26", [("bo", "due in 4 days")]),
        ("2026-11-27", [("ada", "due in 5 days")]),
        ("2026-11-28", []),
        ("2026-11-29", []),
        # A new week: the same tie again (not reached), in a free slot.
        ("2026-11-30", [("tie", "dormant tie: last in touch 2021-06-10")]),
        ("2026-12-01", []),
        ("2026-12-02", []),
        ("2026-12-03", []),
    ]
    # Without the setting, Bo goes today and Ada tomorrow.
    assert schedule([ada, bo, tie], settings=Settings(daily_quota=1), days=2) == [
        ("2026-11-25", [("bo", "due in 5 days")]),
        ("2026-11-26", [("ada", "due in 6 days")]),
    ]


def test_never_at_the_cost_of_an_overdue_person():
    # Every day of the week has someone overdue in its only slot: no tie this week.
    overdue = [person(f"p{i}", "2026-01-01", circle="inner") for i in range(5)]
    tie = person("tie", "2020-01-01", archived=True)
    days = schedule([*overdue, tie], days=5)
    assert all(slug != "tie" for _, entries in days for slug, _ in entries)
    assert [len(entries) for _, entries in days] == [1, 1, 1, 1, 1]


def test_a_tie_reached_this_week_means_none_until_next_week():
    tie = person("tie", "2020-01-01", "2026-11-23", archived=True)
    other = person("other", "2021-02-02", "2021-03-03", archived=True)
    assert reconnected([tie, other], TODAY)
    assert not reconnected([tie, other], date(2026, 11, 22))
    assert schedule([tie, other], days=6) == [
        ("2026-11-25", []),
        ("2026-11-26", []),
        ("2026-11-27", []),
        ("2026-11-28", []),
        ("2026-11-29", []),
        ("2026-11-30", [("other", "dormant tie: last in touch 2021-03-03")]),
    ]


def test_weeks_take_the_ties_in_turn():
    many = person("many", "2018-01-01", "2019-01-01", "2020-01-01", archived=True)
    few = person("few", "2021-01-01", circle="pool")
    offered = [entries[0][0] for _, entries in schedule([few, many], days=21) if entries]
    # Four weeks from a Wednesday: one each, in turn (which goes first is the week's number).
    assert offered == ["many", "few", "many", "few"]


def test_the_opener_asks_for_advice():
    tie = person("tie", "2021-06-10")
    assert opener(tie, tie.touches[-1], TODAY) == (
        "Hi Tie, it has been 5 years since we were last in touch, and you came to mind: "
        "I'd value your advice on something I'm working on. Would you have a few minutes "
        "in the next weeks?"
    )


def test_weeks_with_a_dormant_tie_reached_are_counted_over_the_year():
    from abcnet.core.reconnect import reconnect_weeks

    # The 52 weeks run from Monday 2025-12-01 to this week, Monday 2026-11-23 on.
    woken = person("a", "2019-01-01", "2026-03-02", "2026-03-03")  # one week, not two
    first_week = person("b", "2018-01-01", "2025-12-01")
    this_week = person("e", "2020-01-01", "2026-11-24", "2026-11-25")
    theirs = Contact(
        "c",
        "C",
        Source("contacts/c.yaml"),
        touches=(Touch(date(2019, 1, 1)), Touch(date(2026, 5, 5), direction="in")),
    )
    too_early = person("d", "2018-01-01", "2025-11-30")
    assert reconnect_weeks([woken, first_week, this_week, theirs, too_early], TODAY) == 3


def test_abc_today_offers_the_tie_with_an_opener_asking_for_advice(net):
    net.settings("daily_quota: 1\nreconnect: weekly\n")
    net.write("ada", "name: Ada Lovelace\ncircle: inner\ntouches: [{date: 2026-11-02}]\n")
    net.write(
        "tom",
        "name: Tom Reyes\narchived: true\norg: Fabrikam\n"
        "touches: [{date: 2021-06-10, channel: call}]\n",
    )
    result = net.run("today")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Wednesday 25 November 2026: 1 person, about 10 minutes.\n"
        "\n"
        "1. Tom Reyes — dormant tie: last in touch 2021-06-10\n"
        "   work:   Fabrikam\n"
        "   reach:  no contact details in the file\n"
        "   last:   2021-06-10, call, you → them, catch-up\n"
        "   opener: Hi Tom, it has been 5 years since we were last in touch, and you came to "
        "mind: I'd value your advice on something I'm working on. Would you have a few "
        "minutes in the next weeks?\n"
    )
    net.settings("reconnect: monthly\n")
    assert "abc.yaml:1: reconnect: monthly is not allowed; use one of off, weekly" in (
        net.run("check").stderr
    )


def test_abc_plan_json_marks_the_tie_dormant_not_overdue(net):
    net.settings("daily_quota: 1\nreconnect: weekly\n")
    net.write("ada", "name: Ada Lovelace\ncircle: inner\ntouches: [{date: 2026-11-02}]\n")
    net.write("tom", "name: Tom Reyes\narchived: true\ntouches: [{date: 2021-06-10}]\n")
    result = net.run("plan", "--days", "1", "--json")
    assert result.exit_code == 0, result.output
    [tom] = json.loads(result.stdout)["days"][0]["people"]
    # Five years since the last touch is not a backlog of 1,812 days: the plan offers one
    # dormant tie a week, and its due date is when the cadence lapsed.
    assert tom == {
        "slug": "tom",
        "name": "Tom Reyes",
        "due": "2021-12-09",
        "reason": "dormant tie: last in touch 2021-06-10",
        "days_overdue": 0,
        "never_contacted": False,
        "dormant": True,
        "circle": "wide",
        "cadence_days": 182,
        "path": "contacts/tom.yaml",
    }
    # Someone overdue is not dormant, and says by how much.
    net.write("bo", "name: Bo Lind\ncircle: core\ntouches: [{date: 2026-08-01}]\n")
    [bo] = json.loads(net.run("plan", "--days", "1", "--json").stdout)["days"][0]["people"]
    assert (bo["slug"], bo["days_overdue"], bo["dormant"]) == ("bo", 26, False)
    assert bo["reason"] == "overdue by 26 days"
