"""The birthday rule of the planner: inline networks with exact output, the demo, and
properties on random networks (quota, rest, and nobody overdue because of it)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from click.testing import CliRunner
from conftest import DEMO, examples
from hypothesis import given
from hypothesis import strategies as st
from test_plan import TODAY, networks, person

from abcnet.cli import cli
from abcnet.core.model import Birthday, Contact, Settings
from abcnet.core.plan import BIRTHDAY_DAYS, REST_FRACTION, next_birthday, plan
from abcnet.formats.report import plan_lines


def born(c: Contact, month: int, day: int) -> Contact:
    return dataclasses.replace(c, birthday=Birthday(month, day))


def test_planned_on_the_birthday_with_the_reason():
    contacts = [
        born(
            person("ana", last=180), 11, 30
        ),  # due 27 Nov: waits three days, Cleo and Eve go first
        born(person("ben", last=176), 11, 24),  # birthday yesterday: the ordinary order
        person("cleo", last=150),  # due in 32 days: takes the slot Ana leaves
        born(person("dev", last=88, circle="core"), 12, 1),  # due 27 Nov: waits for 1 Dec
        born(person("eve", last=100), 12, 3),  # due 20 Feb: too far from it, not moved
    ]
    assert plan_lines(plan(contacts, Settings(daily_quota=1), TODAY, 8)) == [
        "Wed 2026-11-25  Ben (due in 6 days)",
        "Thu 2026-11-26  Cleo (due in 31 days)",
        "Fri 2026-11-27  Eve (due in 80 days)",
        "Sat 2026-11-28  —",
        "Sun 2026-11-29  —",
        "Mon 2026-11-30  Ana (birthday today)",
        "Tue 2026-12-01  Dev (birthday today)",
        "Wed 2026-12-02  —",
    ]


def test_the_day_before_when_the_birthday_is_full():
    contacts = [born(person(s, last=180), 11, 28) for s in ("ana", "ben", "cleo")]
    assert plan_lines(plan(contacts, Settings(daily_quota=2), TODAY, 4)) == [
        "Wed 2026-11-25  —",
        "Thu 2026-11-26  —",
        "Fri 2026-11-27  Cleo (birthday tomorrow)",
        "Sat 2026-11-28  Ana (birthday today), Ben (birthday today)",
    ]


def test_a_whole_cadence_late_still_comes_first():
    contacts = [
        born(person("ana", last=178), 11, 25),  # due in 4 days, birthday today
        person("zed", last=400),  # more than a whole cadence late
    ]
    p = plan(contacts, Settings(daily_quota=1), TODAY, 2)
    assert plan_lines(p)[:2] == [  # no slot on her birthday: the ordinary order the next day
        "Wed 2026-11-25  Zed (overdue by 218 days)",
        "Thu 2026-11-26  Ana (due in 3 days)",
    ]


def test_29_february_is_the_28th_in_common_years():
    assert next_birthday(Birthday(2, 29), date(2027, 1, 1)) == date(2027, 2, 28)
    assert next_birthday(Birthday(2, 29), date(2028, 2, 29)) == date(2028, 2, 29)
    start = date(2027, 2, 22)
    c = born(person("ben", last=0), 2, 29)
    c = dataclasses.replace(c, touches=(dataclasses.replace(c.touches[0], date=date(2026, 8, 25)),))
    lines = plan_lines(plan([c], Settings(daily_quota=1), start, 7))  # due 23 Feb
    assert lines[6] == "Sun 2027-02-28  Ben (birthday today)"
    assert "Ben" not in "".join(lines[:6])


def test_the_demo_plans_priya_and_amara_on_their_birthdays():
    result = CliRunner().invoke(
        cli, ["-C", str(DEMO), "plan", "--today", "2026-11-25"], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        line.startswith(("Mon 2026-11-30", "Sun 2026-11-29")) and "Priya Raman (birthday" in line
        for line in lines
    )
    assert any(
        line.startswith(("Thu 2026-12-03", "Wed 2026-12-02")) and "Amara Nwosu (birthday" in line
        for line in lines
    )
    assert sum("Priya Raman" in line for line in lines[:11]) == 1


# --- properties ---------------------------------------------------------------------------


@st.composite
def birthday_networks(draw):
    contacts, cfg = draw(networks())
    out = []
    for c in contacts:
        if draw(st.booleans()):
            day = draw(st.integers(0, 365))  # from TODAY on, so many fall near it
            b = TODAY + timedelta(days=day)
            c = born(c, b.month, b.day) if draw(st.integers(0, 20)) else born(c, 2, 29)
        out.append(c)
    return out, cfg


def overdue_by_day(p, contacts: list[Contact], cfg: Settings) -> dict[tuple[str, date], int]:
    """For each kept person contacted before and each planned day: days overdue at its end."""
    last = {c.slug: c.touches[-1].date for c in contacts if c.touches and c.kept}
    out = {}
    for d in p.days:
        for e in d.entries:
            last[e.contact.slug] = d.day
        for c in contacts:
            if c.slug in last and (c.snooze_until is None or c.snooze_until <= d.day):
                out[c.slug, d.day] = (d.day - last[c.slug]).days - cfg.cadence_of(c)
    return out


@examples(150)
@given(birthday_networks(), st.integers(1, 60))
def test_the_rule_keeps_the_quota_and_the_rest(net, days):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, days)
    seen = {c.slug: c.touches[-1].date for c in contacts if c.touches}
    for d in p.days:
        assert len(d.entries) <= cfg.daily_quota
        assert len(d.entries) + len(d.done) <= cfg.daily_quota or d.done
        for e in d.entries:
            assert e.contact.kept
            if e.contact.slug in seen:
                assert (d.day - seen[e.contact.slug]).days >= e.cadence * REST_FRACTION
            seen[e.contact.slug] = d.day
            if e.birthday is not None:
                assert e.contact.birthday is not None
                assert e.birthday == next_birthday(e.contact.birthday, d.day)
                assert (e.birthday - d.day).days in (0, 1)
                assert e.days_overdue <= BIRTHDAY_DAYS


@examples(150)
@given(birthday_networks())
def test_nobody_goes_overdue_because_of_the_rule(net):
    contacts, cfg = net
    days = 90
    with_rule = overdue_by_day(plan(contacts, cfg, TODAY, days), contacts, cfg)
    plain = [dataclasses.replace(c, birthday=None) for c in contacts]
    without = overdue_by_day(plan(plain, cfg, TODAY, days), contacts, cfg)
    for key, late in with_rule.items():
        if late > 0:
            assert late <= max(0, without.get(key, 0)) + BIRTHDAY_DAYS, key
