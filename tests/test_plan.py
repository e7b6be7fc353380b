"""The planner: each rule shown on inline networks, then as properties on random networks."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from conftest import examples
from hypothesis import assume, given
from hypothesis import strategies as st

from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.core.plan import REST_FRACTION, plan

TODAY = date(2026, 11, 25)


def person(slug: str, *, last: int | None = None, circle: str = "wide", **kw) -> Contact:
    """A contact whose last touch was ``last`` days before TODAY (None: never contacted)."""
    touches = () if last is None else (Touch(TODAY - timedelta(days=last)),)
    return Contact(
        slug=slug,
        name=slug.title(),
        source=Source(f"contacts/{slug}.yaml", 1),
        circle=circle,
        touches=touches,
        **kw,
    )


def names(p, i: int) -> list[str]:
    return [e.contact.slug for e in p.days[i].entries]


def test_most_overdue_first_then_due_soonest():
    contacts = [
        person("a", last=190),  # overdue by 8
        person("b", last=300),  # overdue by 118
        person("c", last=100),  # due in 82 days
        person("d", last=170),  # due in 12 days
        person("e"),  # never contacted, no met date: counts as half a cadence late
    ]
    p = plan(contacts, Settings(), TODAY, 3)
    assert [names(p, i) for i in range(3)] == [["b", "e"], ["a", "d"], ["c"]]
    assert [e.reason for e in p.days[0].entries] == ["overdue by 118 days", "never contacted"]
    assert p.days[1].entries[1].reason == "due in 11 days"
    assert p.overdue_now == 3
    assert p.clears_on == TODAY + timedelta(days=1)  # a and d are reached on day 2


def test_snoozed_wait_and_archived_never_come():
    contacts = [
        person("a", last=300, snooze_until=TODAY + timedelta(days=2)),
        person("b", last=300, archived=True),
    ]
    p = plan(contacts, Settings(), TODAY, 4)
    assert [names(p, i) for i in range(4)] == [[], [], ["a"], []]
    assert p.overdue_now == 0


def test_no_pestering_rest_period():
    c = person("a", last=0, circle="inner")  # touched today, cadence 30
    p = plan([c], Settings(), TODAY, 40)
    days = [d.day for d in p.days if d.entries]
    assert days[0] == TODAY + timedelta(days=round(30 * REST_FRACTION))
    assert all((b - a).days >= 30 * REST_FRACTION for a, b in itertools.pairwise(days))


def test_touches_today_use_up_the_quota():
    contacts = [person("a", last=0), person("b", last=200), person("c", last=250)]
    p = plan(contacts, Settings(), TODAY, 2)
    assert [c.slug for c in p.days[0].done] == ["a"]
    assert names(p, 0) == ["c"]
    assert names(p, 1) == ["b"]


def test_backlog_that_cannot_clear_says_so():
    contacts = [person(f"p{i}", last=10, circle="inner") for i in range(90)]
    p = plan(contacts, Settings(cadences=(("inner", 7),)), TODAY, 5)
    assert p.clears_on is None
    assert all(len(d.entries) == 2 for d in p.days)


# --- properties ---------------------------------------------------------------------------


@st.composite
def networks(draw, max_people: int = 25):
    n = draw(st.integers(0, max_people))
    contacts = []
    for i in range(n):
        circle = draw(st.sampled_from(["inner", "core", "wide", "pool"]))
        last = draw(st.one_of(st.none(), st.integers(0, 400)))
        snooze = draw(st.one_of(st.none(), st.integers(-5, 60)))
        met = draw(st.one_of(st.none(), st.integers(-3, 6000)))  # days ago: old, new, none
        contacts.append(
            person(
                f"p{i:02d}",
                last=last,
                circle=circle,
                archived=draw(st.booleans()) and draw(st.booleans()),
                snooze_until=None if snooze is None else TODAY + timedelta(days=snooze),
                met_date=None if met is None else TODAY - timedelta(days=met),
            )
        )
    quota = draw(st.integers(1, 4))
    return contacts, Settings(daily_quota=quota)


@examples(150)
@given(networks(), st.integers(1, 60))
def test_quota_archive_snooze_rules_hold(net, days):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, days)
    assert len(p.days) == days
    by_slug = {c.slug: c for c in contacts}
    for d in p.days:
        assert len(d.entries) + len(d.done) <= cfg.daily_quota or d.done
        assert len(d.entries) <= cfg.daily_quota
        assert len({e.contact.slug for e in d.entries}) == len(d.entries)
        for e in d.entries:
            c = by_slug[e.contact.slug]
            assert not c.archived
            assert c.kept  # nor the pool
            assert c.snooze_until is None or c.snooze_until <= d.day


@examples(150)
@given(networks(), st.integers(1, 60))
def test_deterministic(net, days):
    contacts, cfg = net
    assert plan(contacts, cfg, TODAY, days) == plan(list(contacts), cfg, TODAY, days)


@examples(150)
@given(networks())
def test_no_one_planned_again_before_rest(net):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, 120)
    seen: dict[str, date] = {}
    for c in contacts:
        if c.touches:
            seen[c.slug] = c.touches[-1].date
    for d in p.days:
        for e in d.entries:
            if e.contact.slug in seen:
                gap = (d.day - seen[e.contact.slug]).days
                assert gap >= e.cadence * REST_FRACTION
            seen[e.contact.slug] = d.day


@examples(150)
@given(networks(), st.integers(1, 40))
def test_doing_todays_plan_leaves_the_rest_unchanged(net, days):
    contacts, cfg = net
    before = plan(contacts, cfg, TODAY, days + 1)
    done = {e.contact.slug for e in before.days[0].entries}
    after_contacts = [
        Contact(**{**c.__dict__, "touches": (*c.touches, Touch(TODAY))}) if c.slug in done else c
        for c in contacts
    ]
    # The same day, after logging: today's people are done and nobody new appears.
    same_day = plan(after_contacts, cfg, TODAY, days + 1)
    assert names(same_day, 0) == []
    assert [names(same_day, i) for i in range(1, days + 1)] == [
        names(before, i) for i in range(1, days + 1)
    ]
    # The next day: the plan from tomorrow on is what it was.
    tomorrow = plan(after_contacts, cfg, TODAY + timedelta(days=1), days)
    assert [names(tomorrow, i) for i in range(days)] == [
        names(before, i) for i in range(1, days + 1)
    ]


@st.composite
def feasible_networks(draw):
    """Networks with nobody overdue, where the quota is far more than the need."""
    n = draw(st.integers(1, 30))
    contacts = []
    for i in range(n):
        circle = draw(st.sampled_from(["inner", "core", "wide"]))
        cadence = {"inner": 30, "core": 90, "wide": 182}[circle]
        last = draw(st.integers(0, cadence))
        contacts.append(person(f"p{i:02d}", last=last, circle=circle))
    cfg = Settings(daily_quota=draw(st.integers(1, 4)))
    # The quota can keep everyone within cadence: at most half the slots are needed...
    need = sum(365 / cfg.cadence_of(c) for c in contacts)
    assume(need <= cfg.daily_quota * 365 / 2)
    # ...and the first round fits: by any day, no more people fall due than there are slots.
    dues = sorted(c.touches[-1].date + timedelta(days=cfg.cadence_of(c)) for c in contacts)
    done_today = sum(1 for c in contacts if c.touches[-1].date == TODAY)  # they use today's slots
    for k, due in enumerate(dues):
        assume(k + 1 <= cfg.daily_quota * ((due - TODAY).days + 1) - done_today)
    return contacts, cfg


@examples(150)
@given(feasible_networks())
def test_nobody_goes_overdue_when_the_quota_suffices(net):
    contacts, cfg = net
    p = plan(contacts, cfg, TODAY, 365)
    assert p.overdue_now == 0
    for d in p.days:
        for e in d.entries:
            assert e.days_overdue <= 0, (d.day, e.contact.slug, e.reason)


def test_without_finding_the_clear_day_the_days_are_the_same():
    contacts = [person(f"p{i}", last=10, circle="inner") for i in range(90)]
    cfg = Settings(cadences=(("inner", 7),))
    full = plan(contacts, cfg, TODAY, 5)
    short = plan(contacts, cfg, TODAY, 5, find_clear_day=False)
    assert short.days == full.days
    assert (short.overdue_now, short.clears_on) == (full.overdue_now, None)
