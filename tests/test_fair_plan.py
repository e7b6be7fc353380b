"""The fair order: lateness relative to cadence, the circle as the tie-break, and
never-contacted people whose lateness stops at half a cadence. Each rule on an
inline network, then as properties on random networks, then simulated years.
Last, ``shown_as_of``: the date a demo is told as of, whatever the clock says."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.cli import cli
from abcnet.core.model import CIRCLES, Contact, Settings, Source, Touch
from abcnet.core.plan import NEVER_LATENESS, REST_FRACTION, plan
from abcnet.web.mkdocs.hook import today_of

TODAY = date(2026, 11, 25)


def person(
    slug: str,
    *,
    last: int | None = None,
    met: int | None = None,
    circle: str = "wide",
    **kw,
) -> Contact:
    """A contact last touched ``last`` days before TODAY, met ``met`` days before it."""
    return Contact(
        slug=slug,
        name=slug.title(),
        source=Source(f"contacts/{slug}.yaml", 1),
        circle=circle,
        touches=() if last is None else (Touch(TODAY - timedelta(days=last)),),
        met_date=None if met is None else TODAY - timedelta(days=met),
        **kw,
    )


def names(p, i: int) -> list[str]:
    return [e.contact.slug for e in p.days[i].entries]


def old_connections(n: int) -> list[Contact]:
    """``n`` wide people never contacted, met from 2010 on: the earliest has the last slug."""
    return [person(f"w{i:03d}", met=(TODAY - date(2010, 1, 1)).days - i) for i in range(n)]


# --- the rules, each on an inline network ----------------------------------------------------


def test_an_inner_friend_20_days_overdue_comes_before_300_old_connections():
    contacts = [*old_connections(300), person("mateo", last=50, circle="inner")]
    p = plan(contacts, Settings(), TODAY, 3)
    assert [names(p, i) for i in range(3)] == [
        ["mateo", "w000"],
        ["w001", "w002"],
        ["w003", "w004"],
    ]
    assert [e.reason for e in p.days[0].entries] == ["overdue by 20 days", "never contacted"]


def test_how_long_ago_you_met_does_not_matter_past_half_a_cadence():
    contacts = [
        person("a", met=100),  # never contacted: 100/182 of a cadence, so the cap, 0.5
        person("b", met=6000),  # never contacted, met 16 years ago: the cap as well
        person("c", met=30),  # never contacted, met a month ago: 30/182
        person("d", last=302),  # overdue by 120 days: 120/182
        person("e", last=242),  # overdue by 60 days: 60/182
        person("f"),  # never contacted, no met date: the cap from the start
    ]
    p = plan(contacts, Settings(daily_quota=1), TODAY, 6)
    assert [names(p, i) for i in range(6)] == [["d"], ["a"], ["b"], ["f"], ["e"], ["c"]]


def test_a_core_contact_added_by_hand_is_planned_the_day_they_were_added():
    # `abc add --met` records today as met.date; without --met there is no met date.
    for added in (person("ada", met=0, circle="core"), person("ada", circle="core")):
        p = plan([*old_connections(300), added], Settings(), TODAY, 2)
        assert [names(p, i) for i in range(2)] == [["ada", "w000"], ["w001", "w002"]]
    # In their own circle they come after everyone later than they are: the old ones at the cap.
    wide = person("ada", met=0)
    p = plan([*old_connections(3), wide, person("late", last=182 + 100)], Settings(), TODAY, 3)
    assert [names(p, i) for i in range(3)] == [["late", "w000"], ["w001", "w002"], ["ada"]]


def test_a_whole_cadence_missed_outranks_a_closer_circle():
    contacts = [
        person("i", last=35, circle="inner"),  # overdue by 5 days: 5/30
        person("v", last=282),  # overdue by 100 days: 100/182, no whole cadence missed
        person("w", last=372),  # overdue by 190 days: one whole cadence missed
        person("k", last=100, circle="core"),  # overdue by 10 days: 10/90
    ]
    p = plan(contacts, Settings(daily_quota=1), TODAY, 4)
    assert [names(p, i) for i in range(4)] == [["w"], ["i"], ["k"], ["v"]]
    assert [p.days[i].entries[0].reason for i in range(4)] == [
        "overdue by 190 days",
        "overdue by 6 days",
        "overdue by 12 days",
        "overdue by 103 days",
    ]


def test_due_today_before_overdue_in_a_farther_circle_then_due_soonest():
    contacts = [
        person("a-wide", last=181),  # due in 1 day
        person("z-inner", last=29, circle="inner"),  # due in 1 day: the circle breaks the tie
        person("core", last=90, circle="core"),  # due today
        person("wide", last=192),  # overdue by 10 days: no whole cadence, so after closer circles
        person("later", last=25, circle="inner"),  # due in 5 days
    ]
    p = plan(contacts, Settings(daily_quota=1), TODAY, 5)
    assert [names(p, i) for i in range(5)] == [
        ["core"],
        ["z-inner"],
        ["wide"],
        ["a-wide"],
        ["later"],
    ]
    assert [p.days[i].entries[0].reason for i in range(5)] == [
        "due today",
        "due today",
        "overdue by 12 days",
        "overdue by 2 days",
        "due in 1 day",
    ]


def test_never_contacted_met_in_two_days_is_due_in_two_days():
    contacts = [
        person("soon", met=-2, circle="inner"),  # a met.date a little ahead (a typo, a time zone)
        person("ok", last=100),  # due in 82 days
        person("late", last=200),  # overdue by 18 days
    ]
    p = plan(contacts, Settings(daily_quota=1), TODAY, 3)
    assert [names(p, i) for i in range(3)] == [["late"], ["soon"], ["ok"]]


# --- properties on random networks ------------------------------------------------------------


@st.composite
def networks(draw, max_people: int = 25):
    """Kept people of every kind (and some in the pool or archived), met any time."""
    contacts = []
    for i in range(draw(st.integers(0, max_people))):
        last = draw(st.one_of(st.none(), st.integers(0, 800)))
        met = draw(st.one_of(st.none(), st.integers(-3, 8000)))
        snooze = draw(st.one_of(st.none(), st.integers(-5, 40)))
        touches = () if last is None else (Touch(TODAY - timedelta(days=last)),)
        if draw(st.integers(0, 9)) == 0:  # a touch today, theirs or yours
            touches = (*touches, Touch(TODAY, direction=draw(st.sampled_from(["out", "in"]))))
        contacts.append(
            Contact(
                slug=f"p{i:02d}",
                name=f"P{i:02d}",
                source=Source(f"contacts/p{i:02d}.yaml", 1),
                circle=draw(st.sampled_from(["inner", "core", "wide", "wide", "pool"])),
                cadence=draw(st.one_of(st.none(), st.none(), st.integers(1, 400))),
                touches=touches,
                met_date=None if met is None else TODAY - timedelta(days=met),
                snooze_until=None if snooze is None else TODAY + timedelta(days=snooze),
                archived=draw(st.integers(0, 9)) == 0,
            )
        )
    return contacts, Settings(daily_quota=draw(st.integers(1, 4)))


def rank_by_hand(c: Contact, last: date | None, day: date, cfg: Settings) -> tuple:
    """The rule as the module's docstring states it, computed afresh for one person and day."""
    cadence, circle = cfg.cadence_of(c), CIRCLES.index(c.circle)
    if last is None and c.met_date is None:
        return (0, 0, circle, -NEVER_LATENESS, c.slug)
    due = c.met_date if last is None else last + timedelta(days=cadence)
    late = (day - due).days
    if late < 0:
        return (1, due.toordinal(), circle, 0.0, c.slug)
    if last is None:
        return (0, 0, circle, -min(late / cadence, NEVER_LATENESS), c.slug)
    return (0, -(late // cadence), circle, -late / cadence, c.slug)


def plan_by_hand(contacts: list[Contact], cfg: Settings, days: int) -> list[list[str]]:
    """Each day: everyone kept, awake and rested, ranked afresh; the first ``quota`` go."""
    kept = [c for c in contacts if c.kept]
    last = {c.slug: max((t.date for t in c.touches), default=None) for c in kept}
    done = sum(1 for c in kept if any(t.date == TODAY and t.direction == "out" for t in c.touches))

    def ready(c: Contact, day: date) -> bool:
        rest = math.ceil(cfg.cadence_of(c) * REST_FRACTION)
        seen = last[c.slug]
        return (c.snooze_until or day) <= day and (seen is None or (day - seen).days >= rest)

    out = []
    for offset in range(days):
        day = TODAY + timedelta(days=offset)
        ranked = sorted(
            (rank_by_hand(c, last[c.slug], day, cfg), c.slug) for c in kept if ready(c, day)
        )
        slots = max(0, cfg.daily_quota - (done if offset == 0 else 0))
        chosen = [slug for _, slug in ranked[:slots]]
        for slug in chosen:
            last[slug] = day
        out.append(chosen)
    return out


@pytest.mark.slow
@examples(300)
@given(networks(), st.integers(1, 40))
def test_the_plan_is_the_rule_applied_by_hand_each_day(net, days):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, days, find_clear_day=False)
    assert [names(p, i) for i in range(days)] == plan_by_hand(contacts, cfg, days)


@examples(200)
@given(networks(), st.integers(1, 40))
def test_nobody_never_contacted_is_planned_while_a_closer_circle_waits_overdue(net, days):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, days, find_clear_day=False)
    kept = {c.slug: c for c in contacts if c.kept}
    last = {s: max((t.date for t in c.touches), default=None) for s, c in kept.items()}
    for d in p.days:
        planned = {e.contact.slug for e in d.entries}
        never = [e.contact for e in d.entries if e.never]
        for s, c in kept.items():
            seen = last[s]
            if s in planned or seen is None or (c.snooze_until or d.day) > d.day:
                continue
            overdue = (d.day - seen).days > cfg.cadence_of(c)
            closer = any(CIRCLES.index(c.circle) < CIRCLES.index(n.circle) for n in never)
            assert not (overdue and closer), (d.day, s, [n.slug for n in never])
        for s in planned:
            last[s] = d.day


@examples(200)
@given(networks(), st.integers(1, 30), st.integers(1, 40))
def test_meeting_longer_ago_than_half_a_cadence_changes_nothing(net, days, years):
    contacts, cfg = net
    older = [
        replace(c, met_date=c.met_date - timedelta(days=365 * years))
        if c.met_date is not None and (TODAY - c.met_date).days >= cfg.cadence_of(c) / 2
        else c
        for c in contacts
    ]
    a, b = plan(contacts, cfg, TODAY, days), plan(older, cfg, TODAY, days)
    assert [names(a, i) for i in range(days)] == [names(b, i) for i in range(days)]
    assert (a.overdue_now, a.clears_on) == (b.overdue_now, b.clears_on)


# --- simulated years -------------------------------------------------------------------------


def history(rng: random.Random, slug: str, circle: str, cadence: int, start: date) -> Contact:
    """A kept person with a realistic past: met years ago, touched every cadence or so,
    the last touch anywhere up to one and a half cadences ago."""
    met = start - timedelta(days=rng.randint(400, 4000))
    last = start - timedelta(days=rng.randint(0, cadence * 3 // 2))
    touches = []
    day = last
    while day > met and len(touches) < 6:
        touches.append(Touch(day, direction=rng.choice(["out", "out", "in"])))
        day -= timedelta(days=rng.randint(cadence // 2, cadence * 2))
    return Contact(
        slug=slug,
        name=slug.title(),
        source=Source(f"contacts/{slug}.yaml", 1),
        circle=circle,
        met_date=met,
        touches=tuple(reversed(touches)),
    )


def pool(rng: random.Random, n: int, start: date) -> list[Contact]:
    """``n`` LinkedIn connections in the pool: met (connected) from 2008 on, never touched."""
    return [
        Contact(
            slug=f"pool-{i:04d}",
            name=f"Pool {i:04d}",
            source=Source(f"contacts/pool-{i:04d}.yaml", 1),
            circle="pool",
            met_date=start - timedelta(days=rng.randint(0, (start - date(2008, 1, 1)).days)),
        )
        for i in range(n)
    ]


def simulate(contacts: list[Contact], cfg: Settings, start: date, days: int) -> list:
    """Each day, the plan for that day carried out (a touch appended to each person planned).

    Gives, for each day, who was planned and who among the kept was behind (overdue or
    never contacted) as the day began.
    """
    contacts = list(contacts)
    index = {c.slug: i for i, c in enumerate(contacts)}
    kept = [c for c in contacts if c.kept]
    last = {c.slug: max((t.date for t in c.touches), default=None) for c in kept}
    out = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        behind = [
            c for c in kept if last[c.slug] is None or (day - last[c.slug]).days > cfg.cadence_of(c)
        ]
        entries = plan(contacts, cfg, day, 1, find_clear_day=False).days[0].entries
        for e in entries:
            i = index[e.contact.slug]
            contacts[i] = replace(contacts[i], touches=(*contacts[i].touches, Touch(day)))
            last[e.contact.slug] = day
        out.append((day, [e.contact for e in entries], behind))
    return out


def test_a_year_of_40_kept_and_1500_in_the_pool_nobody_overdue_after_the_first_cadence():
    rng = random.Random(2026)
    start = TODAY
    cadences = {"inner": 30, "core": 90, "wide": 182}
    kept = [
        history(rng, f"{circle}-{i:02d}", circle, cadences[circle], start)
        for circle, n in (("inner", 6), ("core", 14), ("wide", 18))
        for i in range(n)
    ]
    kept += [  # two never contacted: an old colleague, and someone met last week
        person("old-colleague", met=(TODAY - date(2012, 3, 1)).days, circle="core"),
        person("met-last-week", met=7),
    ]
    cfg = Settings()
    year = simulate([*kept, *pool(rng, 1500, start)], cfg, start, 365)
    by_slug = {c.slug: c for c in kept}

    def person_days(after_cadence: bool) -> int:
        return sum(
            1
            for day, _, behind in year
            for c in behind
            if not after_cadence or (day - start).days >= cfg.cadence_of(by_slug[c.slug])
        )

    planned = [c for _, entries, _ in year for c in entries]
    assert len(kept) == 40
    assert all(c.kept for c in planned)  # nobody from the pool
    assert (person_days(False), person_days(True)) == (33, 0)
    assert len(planned) == 349  # every free slot used, one step in advance: 8.7 each
    reached = {c.slug for c in planned}
    assert {"old-colleague", "met-last-week"} <= reached
    assert [c.slug for c in year[0][1]] == ["inner-01", "inner-03"]


@pytest.mark.slow
def test_a_year_over_capacity_serves_the_inner_circle_first():
    rng = random.Random(400)
    start = TODAY
    cadences = {"inner": 30, "core": 90, "wide": 182}
    kept = [
        history(rng, f"{circle}-{i:03d}", circle, cadences[circle], start)
        for circle, n in (("inner", 10), ("core", 40), ("wide", 200))
        for i in range(n)
    ]
    kept += [  # imported with --circle wide: never contacted, connected from 2010 on
        person(f"imported-{i:03d}", met=rng.randint(30, (TODAY - date(2010, 1, 1)).days))
        for i in range(150)
    ]
    cfg = Settings()
    year = simulate(kept, cfg, start, 365)
    need = sum(365 / cfg.cadence_of(c) for c in kept)
    assert (len(kept), round(need), cfg.daily_quota * 365) == (400, 986, 730)

    # Whenever someone wide is planned, nobody inner (nor core) is behind and left waiting.
    wide_days = 0
    for day, planned, behind in year:
        if any(c.circle == "wide" for c in planned):
            wide_days += 1
            slugs = {c.slug for c in planned}
            waiting = [c.slug for c in behind if c.circle != "wide" and c.slug not in slugs]
            assert waiting == [], day

    def behind_days(circle: str) -> int:
        return sum(1 for _, _, behind in year for c in behind if c.circle == circle)

    assert wide_days == 284
    # The inner circle's only behind days are its backlog on the first three days.
    assert max((d - start).days for d, _, b in year if any(c.circle == "inner" for c in b)) == 2
    assert (behind_days("inner"), behind_days("core"), behind_days("wide")) == (8, 109, 56484)
    reached = {c.slug for _, planned, _ in year for c in planned}
    assert sum(1 for s in reached if s.startswith("imported-")) == 138  # of 150


# --- shown_as_of: the demo tells the same story on any date ----------------------------------

#: The clock, months after the date the network is shown as of.
LATER = "2027-03-01T12:00:00Z"


def run(root: Path, *args: str, **env: str | None) -> Result:
    """abc in ``root`` with the clock at ``LATER`` and no ABC_TODAY unless given."""
    base: dict[str, str | None] = {"ABC_NOW": LATER, "ABC_TODAY": None, "NO_COLOR": "1"}
    return CliRunner().invoke(cli, ["-C", str(root), *args], env={**base, **env})


def test_shown_as_of_is_today_for_every_command(net):
    net.settings("timezone: Asia/Tokyo\nshown_as_of: 2026-11-25\n")
    net.write("ada", "name: Ada Lovelace\ncircle: inner\ntouches:\n  - date: 2026-10-20\n")
    assert run(net.root, "plan", "--days", "2").stdout == (
        "Wed 2026-11-25  Ada Lovelace (overdue by 6 days)\n"
        "Thu 2026-11-26  —\n"
        "\n"
        "Backlog: 1 person is overdue or never contacted; at this quota it clears on 2026-11-25.\n"
    )
    assert run(net.root, "today").stdout.splitlines()[:3] == [
        "Wednesday 25 November 2026: 1 person, about 10 minutes.",
        "",
        "1. Ada Lovelace — overdue by 6 days",
    ]
    result = run(net.root, "log", "ada")
    assert result.stdout == "Logged touch with Ada Lovelace on 2026-11-25 (contacts/ada.yaml).\n"


def test_today_and_abc_today_win_over_shown_as_of(net):
    net.settings("shown_as_of: 2026-11-25\n")
    net.write("ada", "name: Ada Lovelace\ncircle: inner\ntouches:\n  - date: 2026-10-20\n")
    first = ["Tuesday 01 December 2026: 1 person, about 10 minutes.", ""]
    person_line = ["1. Ada Lovelace — overdue by 12 days"]
    assert run(net.root, "today", "--today", "2026-12-01").stdout.splitlines()[:3] == [
        *first,
        *person_line,
    ]
    assert run(net.root, "today", ABC_TODAY="2026-12-01").stdout.splitlines()[:3] == [
        *first,
        *person_line,
    ]


def test_without_shown_as_of_today_is_the_date_in_the_time_zone(net):
    net.settings("timezone: Asia/Tokyo\n")
    net.write("ada", "name: Ada Lovelace\n")
    assert run(net.root, "today", ABC_NOW="2026-11-25T23:30:00Z").stdout.splitlines()[0] == (
        "Thursday 26 November 2026: 1 person, about 10 minutes."
    )


def test_a_wrong_shown_as_of_is_a_problem_and_today_falls_back_to_the_clock(net):
    net.settings("shown_as_of: 2026-02-30\n")
    net.write("ada", "name: Ada Lovelace\n")
    assert run(net.root, "check").stderr == (
        "abc.yaml:1: shown_as_of: 2026-02-30 is not a date on the calendar (use YYYY-MM-DD)\n"
        "1 problem in 1 file.\n"
    )
    assert run(net.root, "today").stdout.splitlines()[0] == (
        "Monday 01 March 2027: 1 person, about 10 minutes."
    )


def test_the_site_is_shown_as_of_the_same_date(net, monkeypatch):
    monkeypatch.setenv("ABC_NOW", LATER)
    monkeypatch.delenv("ABC_TODAY", raising=False)
    net.settings("shown_as_of: 2026-11-25\n")
    config = SimpleNamespace(extra={}, config_file_path=str(net.root / "mkdocs.yml"))
    assert today_of(config) == date(2026, 11, 25)
    monkeypatch.setenv("ABC_TODAY", "2026-12-02")
    assert today_of(config) == date(2026, 12, 2)


def test_the_demo_is_shown_as_of_2026_11_25_and_abc_init_never_writes_the_key():
    demo = (REPO / "abc.yaml").read_text(encoding="utf-8")
    assert "\nshown_as_of: 2026-11-25\n" in demo
    assert "shown_as_of" not in (REPO / "abc" / "data" / "init" / "abc.yaml").read_text("utf-8")
