"""abc/core/stats.py: exact numbers on small networks written inline."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.model import Birthday, Contact, Settings, Source, Touch
from abcnet.core.stats import EVEN_PEAK_PERCENT, GiveAsk, Late, Share, compute, coverage_on
from abcnet.core.streak import done_days, replayed_done_days
from abcnet.formats.stats import as_json, summary_lines
from abcnet.web.geometry import heatmap_months, silence_bands
from abcnet.web.geometry import weeks as by_week

TODAY = date(2026, 11, 25)  # a Wednesday
D = date.fromisoformat
ONE = timedelta(days=1)


def touch(spec: str) -> Touch:
    """``"2026-11-20 out give email"``: date, then direction, kind and channel (optional)."""
    parts = spec.split()
    return Touch(
        date=D(parts[0]),
        direction=parts[1] if len(parts) > 1 else "out",
        kind=parts[2] if len(parts) > 2 else "catch-up",
        channel=parts[3] if len(parts) > 3 else None,
    )


def person(slug: str, *touches: str, **fields: object) -> Contact:
    ts = tuple(sorted((touch(t) for t in touches), key=lambda t: t.date))
    return Contact(
        slug=slug,
        name=slug.title(),
        source=Source(f"contacts/{slug}.yaml", 1),
        touches=ts,
        **fields,  # type: ignore[arg-type]
    )


def test_share_rounds_half_up_and_handles_nothing():
    assert [Share(1, 8).percent, Share(1, 3).percent, Share(2, 3).percent] == [13, 33, 67]
    assert Share(0, 0).percent is None
    assert str(Share(0, 0)) == "n/a"
    assert str(Share(5, 10)) == "50%"
    assert (Share(1, 8).exact_percent, Share(0, 0).exact_percent) == (12.5, None)


def test_size_coverage_overdue_and_never():
    contacts = [
        person("ada", "2026-11-01", circle="inner"),  # 24 days, cadence 30: within
        person("bob", "2026-08-01", circle="core"),  # 116 days, cadence 90: overdue
        person("cy", met_date=D("2026-01-01")),  # never contacted
        person("dee", "2026-11-20", archived=True),  # archived: left out everywhere
        person("eve", "2025-01-01", circle="core", snooze_until=D("2026-12-31")),
        person("fay", "2026-11-11", cadence=14),  # due today: still within
    ]
    s = compute(contacts, Settings(), TODAY)
    assert s.people == 5
    assert s.circles == (("inner", 1), ("core", 2), ("wide", 2))
    assert (s.archived, s.snoozed) == (1, 1)
    assert (s.coverage.within, s.coverage.people) == (2, 4)
    assert str(s.coverage.share) == "50%"
    assert (s.overdue, s.due_soon, s.never) == (1, 2, 1)  # ada due 1 Dec, fay today
    # 365/30 + 365/90 * 2 + 365/182 + 365/14
    assert round(s.needed_per_year, 2) == round(365 / 30 + 2 * 365 / 90 + 365 / 182 + 365 / 14, 2)
    assert s.available_per_year == 730
    assert s.short_of_capacity is False
    assert compute(contacts, Settings(daily_quota=0), TODAY).short_of_capacity is True


def test_coverage_trend_uses_only_touches_up_to_each_week():
    ada = person("ada", "2026-06-10", "2026-10-01", circle="inner", met_date=D("2026-06-01"))
    nobody = person("new")  # no met date, no touch: counts today only
    s = compute([ada, nobody], Settings(), TODAY)
    assert len(s.trend) == 52
    assert (s.trend[0].day, s.trend[-1].day) == (D("2025-12-03"), TODAY)
    points = {p.day: (p.within, p.people) for p in s.trend}
    assert points[D("2026-05-27")] == (0, 0)  # before she joined
    assert points[D("2026-06-03")] == (0, 1)  # met, not yet contacted
    assert points[D("2026-06-10")] == (1, 1)  # the touch that day counts
    assert points[D("2026-07-08")] == (1, 1)  # 28 days later
    assert points[D("2026-07-15")] == (0, 1)  # 35 days: past her 30
    assert points[D("2026-10-07")] == (1, 1)
    assert points[D("2026-10-28")] == (1, 1)  # 27 days
    assert points[D("2026-11-04")] == (0, 1)  # 34 days
    assert points[TODAY] == (0, 2)  # today the person with no dates counts too
    assert s.coverage == s.trend[-1]
    assert (s.weeks_ago(0), s.weeks_ago(4), s.weeks_ago(51)) == (
        s.trend[-1],
        s.trend[-5],
        s.trend[0],
    )
    assert coverage_on([ada, nobody], Settings(), D("2026-06-10"), TODAY).within == 1


def test_streak_counts_back_from_yesterday_while_today_is_short():
    days = {
        "2026-11-25": 1,
        "2026-11-24": 2,
        "2026-11-23": 3,
        "2026-11-22": 2,
        "2026-11-21": 1,
        "2026-11-20": 2,
        "2026-11-19": 2,
        "2026-11-18": 2,
        "2026-11-17": 2,
    }
    specs = [d for d, n in days.items() for _ in range(n)]
    # Touches they started never count towards the quota.
    specs += ["2026-11-21 in", "2026-11-21 in"]
    # Bo, never contacted, is due every day: a day short of the quota leaves him asked for.
    bo = person("bo", met_date=D("2026-01-01"))
    s = compute([person("ada", *specs), bo], Settings(), TODAY)
    st = s.streak
    assert (st.current, st.current_end) == (3, D("2026-11-24"))
    assert (st.longest, st.longest_end) == (4, D("2026-11-20"))
    assert (st.days_at_quota, st.today_count) == (7, 1)
    assert st.today_pending  # one of two so far today, with a streak to keep

    s = compute([person("ada", *specs, "2026-11-25"), bo], Settings(), TODAY)
    assert (s.streak.current, s.streak.current_end) == (4, TODAY)
    assert s.streak.longest == 4
    assert not s.streak.today_pending
    one = compute([person("ada", "2026-11-20"), bo], Settings(), TODAY)
    assert not one.streak.today_pending

    s = compute([person("ada", *specs), bo], Settings(daily_quota=1), TODAY)
    assert (s.streak.current, s.streak.longest) == (9, 9)  # 17 to 25 November

    # Without Bo the plan asks for nobody on the short days (Ada rests after each
    # touch): each of them counts, today too.
    s = compute([person("ada", *specs)], Settings(), TODAY)
    assert (s.streak.current, s.streak.current_end, s.streak.longest) == (9, TODAY, 9)


def test_a_month_of_doing_what_the_plan_asked_is_a_month_long_streak():
    """Issue 25: log everyone abc today names, for a month; most days it names nobody
    (the few people are resting after their touch), and each of those days counts."""
    from abcnet.core.plan import plan

    people = {
        slug: person(slug, met_date=D("2026-10-20"), circle=circle)
        for slug, circle in (("ada", "inner"), ("bo", "core"), ("cy", "wide"))
    }
    first = D("2026-10-27")
    for n in range(30):
        day = first + timedelta(days=n)
        for entry in plan(people.values(), Settings(), day, 1).days[0].entries:
            c = people[entry.contact.slug]
            people[c.slug] = person(c.slug, *(f"{t.date}" for t in c.touches), f"{day}",
                                    met_date=c.met_date, circle=c.circle)  # fmt: skip
    today = first + timedelta(days=29)
    st = compute(people.values(), Settings(), today).streak
    assert (st.current, st.longest, st.days_at_quota) == (30, 30, 1)
    assert (st.days_active, st.today_done) == (3, True)
    touched = {c.slug: [str(t.date) for t in c.touches] for c in people.values()}
    assert touched == {
        "ada": ["2026-10-27", "2026-11-11"],
        "bo": ["2026-10-27"],
        "cy": ["2026-10-28"],
    }
    # Cy not reached on the day the plan asked for him: that day and every day after
    # (the plan asks again) break it.
    people["cy"] = person("cy", met_date=D("2026-10-20"), circle="wide")
    st = compute(people.values(), Settings(), today).streak
    assert (st.current, st.longest, st.longest_end) == (0, 1, first)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Contact], Settings]:
    """A few people over two months: touches either way, met dates, birthdays, snoozes."""
    start = TODAY - timedelta(days=60)
    day = st.integers(0, 60).map(lambda n: start + timedelta(days=n))
    contacts = []
    for i in range(draw(st.integers(0, 6))):
        touches = draw(st.lists(st.tuples(day, st.sampled_from(["out", "in"])), max_size=5))
        born = draw(st.one_of(st.none(), day))
        contacts.append(
            person(
                f"p{i}",
                *(f"{d} {direction}" for d, direction in touches),
                circle=draw(st.sampled_from(["inner", "core", "wide", "pool"])),
                met_date=draw(st.one_of(st.none(), day)),
                birthday=None if born is None else Birthday(born.month, born.day),
                snooze_until=draw(st.one_of(st.none(), day)),
                cadence=draw(st.one_of(st.none(), st.integers(4, 40))),
            )
        )
    return contacts, Settings(daily_quota=draw(st.integers(1, 3)))


@examples(300)
@given(histories())
def test_the_streak_days_are_the_days_the_replayed_plan_was_done(
    history: tuple[list[Contact], Settings],
) -> None:
    contacts, settings = history
    assert done_days(contacts, settings, TODAY) == replayed_done_days(contacts, settings, TODAY)


def test_give_ask_directions_and_channels_over_the_year():
    ada = person(
        "ada",
        "2025-11-25 out ask email",  # 365 days ago: outside the year
        "2025-11-26 out ask email",  # the first day of the year
        "2026-03-01 out give call",
        "2026-04-01 out give",
        "2026-05-01 in give email",
        "2026-06-01 in ask message",
        "2026-07-01 out catch-up email",
    )
    s = compute([ada], Settings(), TODAY)
    kinds = {k.kind: (k.out_year, k.in_year, k.out_all, k.in_all) for k in s.kinds}
    assert kinds == {"give": (2, 1, 2, 1), "ask": (1, 1, 2, 1), "catch-up": (1, 0, 1, 0)}
    d = s.directions
    assert (d.out_year, d.in_year, d.out_all, d.in_all) == (4, 2, 5, 2)
    assert str(d.in_share_year) == "33%"
    assert s.channels == (("email", 3), ("call", 1), ("message", 1), ("unspecified", 1))


def test_one_step_ahead_walks_each_persons_touches_in_order():
    ada = person(
        "ada",
        "2026-01-01",  # first touch: no due date
        "2026-01-20",  # due 31 Jan: on time
        "2026-03-01",  # due 19 Feb: late
        "2026-03-05 in",  # theirs: not counted, but sets the next due date
        "2026-04-04",  # due 4 Apr: on time, on the day
        "2026-05-10",  # due 4 May: late
        circle="inner",
    )
    bob = person("bob", "2025-10-01", "2025-12-01", circle="core")  # due 30 Dec: on time
    s = compute([ada, bob], Settings(), TODAY)
    assert (s.ahead.on_time, s.ahead.late, s.ahead.first) == (3, 2, 1)
    assert str(s.ahead.share) == "60%"


def test_burstiness_flags_a_long_silence_ended_by_a_burst():
    ada = person(
        "ada",
        "2026-01-10",
        # 80 days with no outgoing touch, then 5 in a week
        "2026-04-01 out ask",
        "2026-04-02 out ask",
        "2026-04-02",
        "2026-04-03 out ask",
        "2026-04-05",
        "2026-06-01",  # 56 days after: not a silence
        "2026-02-01 in",  # theirs: does not break a silence
    )
    b = compute([ada], Settings(), TODAY).burst
    assert (b.year_out, b.peak, b.peak_start) == (7, 5, D("2026-04-01"))
    assert str(b.peak_share) == "71%"
    assert (b.year_asks, b.ask_peak) == (3, 3)
    assert b.active_weeks == 4
    assert len(b.silences) == 1
    silence = b.silences[0]
    assert (silence.start, silence.end, silence.days) == (D("2026-01-11"), D("2026-03-31"), 80)
    assert (silence.burst, silence.burst_asks) == (5, 3)
    assert b.current_silence == 177
    assert (b.silence_then_burst, b.asks_bunched, b.flagged) == (True, False, True)
    assert b.in_silence  # 177 days since the last outgoing touch
    assert EVEN_PEAK_PERCENT == 8


def test_burstiness_flags_bunched_asks_and_not_an_even_year():
    asks = [f"2026-03-{day:02d} out ask" for day in (2, 5, 9, 12, 16)]
    even = [(date(2026, 1, 7) + timedelta(weeks=w)).isoformat() for w in range(40)]
    b = compute([person("ada", *asks, *even)], Settings(), TODAY).burst
    assert (b.year_asks, b.ask_peak, b.ask_peak_start) == (5, 5, D("2026-03-02"))
    assert (b.silence_then_burst, b.asks_bunched, b.flagged) == (False, True, True)

    b = compute([person("ada", *even)], Settings(), TODAY).burst
    assert (b.silences, b.flagged, b.active_weeks) == ((), False, 40)
    assert (b.peak, b.year_out) == (5, 40)
    assert b.in_silence is False  # the last of the 40 weeks was 6 Oct, 50 days ago


def test_a_silence_that_ended_before_the_year_is_not_listed():
    b = compute([person("ada", "2025-01-01", "2025-06-01")], Settings(), TODAY).burst
    assert b.silences == ()
    assert b.current_silence == (TODAY - D("2025-06-01")).days


def test_months_and_heatmap():
    ada = person(
        "ada",
        "2025-11-30",  # the month before the 12: left out
        "2025-12-01",
        "2025-12-31 in",
        "2026-11-23",
        "2026-11-23",
        "2026-11-25 in",
        "2026-11-25",
    )
    s = compute([ada], Settings(), TODAY)
    assert [m.start for m in s.months] == [date(2025, 12, 1)] + [
        date(2026, m, 1) for m in range(1, 12)
    ]
    assert (s.months[0].out, s.months[0].inbound) == (1, 1)
    assert (s.months[-1].out, s.months[-1].inbound) == (3, 1)
    assert sum(m.out + m.inbound for m in s.months[1:-1]) == 0
    assert s.heatmap_start == D("2025-11-24")  # the Monday 52 weeks before this week's
    assert len(s.heatmap) == 7 * 52 + 3  # Monday to Wednesday of this week
    assert s.heatmap[(D("2025-11-30") - s.heatmap_start).days] == 1
    assert s.heatmap[(D("2026-11-23") - s.heatmap_start).days] == 2
    assert s.heatmap[-1] == 1  # theirs on the same day is not counted
    assert sum(s.heatmap) == 5
    assert (s.heatmap_total, s.heatmap_days) == (5, 4)
    assert [m.total for m in s.months][::11] == [2, 4]
    months = heatmap_months(s)
    assert [m.start for m in months] == [date(2025, 11, 1), date(2025, 12, 1)] + [
        date(2026, m, 1) for m in range(1, 12)
    ]
    assert (months[0].touches, months[0].days, months[0].days_at_quota) == (1, 1, 0)
    assert (months[-1].touches, months[-1].days, months[-1].days_at_quota) == (3, 2, 1)
    weeks = by_week(s)
    assert len(weeks) == 53
    assert (weeks[0].start, weeks[0].out) == (D("2025-11-24"), 1)
    assert (weeks[1].start, weeks[1].out) == (D("2025-12-01"), 1)
    assert (weeks[-1].start, weeks[-1].out) == (D("2026-11-23"), 3)  # Monday to today
    assert sum(w.out for w in weeks) == 5


def test_silence_bands_are_ranges_of_heatmap_weeks():
    ada = person("ada", "2025-06-01", "2025-11-10", "2026-01-10", "2026-04-01")
    s = compute([ada], Settings(), TODAY)
    assert [(x.start, x.end) for x in s.burst.silences] == [
        (D("2025-11-11"), D("2026-01-09")),
        (D("2026-01-11"), D("2026-03-31")),
    ]
    bands = [(b.silence.start, b.first, b.last) for b in silence_bands(s)]
    # The first starts before the heatmap's first week (24 Nov 2025): it is cut to week 0.
    assert bands == [(D("2025-11-11"), 0, 6), (D("2026-01-11"), 6, 18)]

    # On a Monday the heatmap starts on the year's first day, so a silence that ended
    # the day before is in the year but has no week to shade.
    monday = D("2026-11-23")
    s = compute([person("ada", "2025-09-01", "2025-11-24")], Settings(), monday)
    assert s.heatmap_start == D("2025-11-24")
    assert [(x.start, x.end) for x in s.burst.silences] == [(D("2025-09-02"), D("2025-11-23"))]
    assert silence_bands(s) == ()


def test_touches_after_today_are_ignored():
    ada = person("ada", "2026-01-05", "2026-06-01 out ask", circle="core")
    s = compute([ada], Settings(), D("2026-03-01"))
    assert s.directions.out_all == 1
    assert s.kind("ask").out_all == 0
    assert (s.coverage.within, s.coverage.people) == (1, 1)
    assert s.burst.current_silence == 55


def test_summary_lines_and_json():
    contacts = [
        person("ada", "2026-11-24 out give", "2026-11-24 out ask", circle="inner"),
        person("bob", "2026-08-01 in"),
    ]
    s = compute(contacts, Settings(), TODAY)
    assert summary_lines(s) == [
        "Stats on 2026-11-25",
        "  people           2 (inner 1, core 0, wide 1); 0 archived, 0 snoozed",
        "  coverage         100% (2 of 2 within cadence)",
        "  overdue          0",
        "  never contacted  0",
        "  due in 7 days    0",
        "  streak           1 day doing what the plan asked (longest 1 day)",
        "  last 365 days    2 touches out, 1 in; 1 gives, 1 asks, 0 catch-ups",
        "  one step ahead   100% on time (1 of 1)",
        "  burstiness       busiest 30 days held 100% of the year's touches; "
        "no silence followed by a burst",
        "  drifting         nobody",
        "  one-sided        nobody",
    ]
    data = as_json(s)
    assert list(data) == [
        "today",
        "daily_quota",
        "people",
        "circles",
        "archived",
        "pool",
        "snoozed",
        "coverage",
        "overdue",
        "never_contacted",
        "due_soon",
        "streak",
        "last_365_days",
        "one_step_ahead",
        "burstiness",
        "drifting",
        "family_drifting",
        "one_sided",
    ]
    assert data["coverage"] == {"within": 2, "people": 2, "share": 1.0}
    assert data["one_step_ahead"] == {"on_time": 1, "late": 0, "first": 1, "share": 1.0}
    assert data["last_365_days"]["kinds"] == {
        "give": {"out": 1, "in": 0},
        "ask": {"out": 1, "in": 0},
        "catch-up": {"out": 0, "in": 1},
    }
    assert data["burstiness"]["flagged"] is False


def test_an_empty_network():
    s = compute([], Settings(), TODAY)
    assert (s.people, s.coverage.people, str(s.coverage.share)) == (0, 0, "n/a")
    assert (s.streak.current, s.streak.longest, s.streak.longest_end) == (0, 0, None)
    assert (s.burst.peak_start, s.burst.current_silence, s.burst.flagged) == (None, None, False)
    assert s.channels == ()
    assert summary_lines(s)[2] == "  coverage         n/a (0 of 0 within cadence)"


def test_keeping_up_counts_this_month_against_the_need():
    contacts = [
        person(
            "ada",
            "2026-07-20",
            "2026-08-05",
            "2026-09-01",
            "2026-09-02",
            "2026-11-03",
            circle="inner",
        ),
        person("bob", "2026-11-24", "2026-11-24 in", circle="core"),
        person("cy", "2026-10-01", circle="pool"),  # the pool needs nothing and counts nothing
        person("dee", "2026-11-01", archived=True),
    ]
    k = compute(contacts, Settings(), TODAY).keeping_up
    assert round(k.needed_per_month, 4) == round(30.44 / 30 + 30.44 / 90, 4)
    assert (k.month_out, k.month_day, k.month_days) == (
        3,
        25,
        30,
    )  # dee's counts too: a touch is a touch
    # Three whole months before November, from the first outgoing touch's month.
    assert (k.previous, k.first_month) == ((1, 2, 1), D("2026-08-01"))
    assert k.previous_average == 4 / 3
    assert round(k.needed_so_far, 4) == round(k.needed_per_month * 25 / 30, 4)
    assert k.ahead and k.any_out


def test_keeping_up_with_a_short_history_or_none():
    k = compute([person("ada", "2026-10-20", "2026-11-02")], Settings(), TODAY).keeping_up
    assert (k.previous, k.first_month) == ((1,), D("2026-10-01"))
    k = compute([person("ada", "2026-11-02")], Settings(), TODAY).keeping_up
    assert (k.previous, k.first_month, k.previous_average) == ((), None, None)
    k = compute([person("ada", "2026-11-01 in")], Settings(), TODAY).keeping_up
    assert (k.month_out, k.any_out, k.ahead) == (0, False, False)
    k = compute([], Settings(), D("2026-02-28")).keeping_up
    assert (k.needed_per_month, k.month_days, k.ahead) == (0, 28, True)


def test_give_ask_balance():
    assert [GiveAsk(g, a).balance for g, a in ((0, 0), (3, 0), (4, 2), (3, 2), (2, 2), (1, 2))] == [
        "none",
        "give-only",
        "give-more",
        "even",
        "even",
        "ask-more",
    ]
    s = compute(
        [person("ada", "2026-11-01 out give", "2026-11-02 in give", "2026-11-03 out ask")],
        Settings(),
        TODAY,
    )
    assert s.give_ask == GiveAsk(1, 1)


def test_late_lists_the_overdue_by_circle_most_late_first():
    contacts = [
        person("al", "2026-05-01", circle="core"),  # 118 days over 90
        person("bea", "2026-08-01", circle="core"),  # 26 days over
        person("cal", "2026-10-01", circle="inner"),  # 25 days over 30
        person("dot", "2026-11-01"),  # within
        person("eve", circle="inner"),  # never contacted: not overdue
        person("fay", "2025-01-01", circle="core", snooze_until=D("2026-12-31")),
    ]
    s = compute(contacts, Settings(), TODAY)
    assert s.late == (
        ("inner", (Late("cal", "Cal", 25, 30, D("2026-10-01")),)),
        (
            "core",
            (
                Late("al", "Al", 118, 90, D("2026-05-01")),
                Late("bea", "Bea", 26, 90, D("2026-08-01")),
            ),
        ),
    )
    assert s.overdue == 3


def test_days_active_counts_days_with_an_outgoing_touch_in_the_year():
    s = compute(
        [person("ada", "2025-11-25", "2025-11-26", "2026-03-01", "2026-03-01", "2026-04-01 in")],
        Settings(),
        TODAY,
    )
    assert (s.streak.days_active, s.streak.days_at_quota) == (
        2,
        1,
    )  # 25 Nov 2025 is out of the year


def test_a_person_whose_dates_are_all_after_today_counts_everywhere_as_never_contacted(net):
    """A touch or met date a day ahead passes ``abc check`` (logged east of the network's zone)
    but counts from its own day: today the person is never contacted, in the list, in the
    counts and in the plan; coverage and the streak count them too, not yet within cadence."""
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-26\n")
    net.write("bo", "name: Bo\ntouches:\n  - date: 2026-11-20\n")
    net.write("cy", "name: Cy\nmet:\n  date: 2026-11-26\n")
    check = net.run("check")
    assert (
        "Never contacted (2):\n  Ada  contacts/ada.yaml\n  Cy   contacts/cy.yaml\n" in check.stdout
    )
    assert net.run("plan", "--days", "1").stdout.startswith("Wed 2026-11-25  Ada (never contacted)")
    stats = net.run("stats").stdout.splitlines()
    assert stats[2:7] == [
        "  coverage         33% (1 of 3 within cadence)",
        "  overdue          0",
        "  never contacted  2",
        "  due in 7 days    0",
        "  streak           5 days doing what the plan asked (longest 5 days)",
    ]
