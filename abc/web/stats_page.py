"""The stats page: every number from :mod:`abcnet.core.stats` with a chart, a table and what it means.

The page is a list of sections, one function each, in the order of
:data:`SECTIONS`. The numbers are worked out in ``core.stats``; a section only
puts them into words, charts and tables. The page holds aggregate numbers and
nothing about any one person, so the public build can have it.
"""

from __future__ import annotations

from collections.abc import Callable

from abcnet.core.stats import (
    BURST_DAYS,
    BURST_TOUCHES,
    EVEN_PEAK_PERCENT,
    PEAK_DAYS,
    SILENCE_DAYS,
    Burstiness,
    Silence,
    Stats,
)
from abcnet.core.words import plural

from .markup import MONTH_NAMES, figure, fmt_day, fmt_month, plain, table
from .svg import columns, hbars, heat_ranges, heatmap, line_chart

STATS_PAGE = "stats.md"

#: Anchors other pages link to; the stats page must keep every one of them.
ANCHORS = (
    "network-size",
    "coverage",
    "overdue",
    "touches-per-month",
    "heatmap",
    "streak",
    "give-vs-ask",
    "who-reached-out",
    "channels",
    "one-step-ahead",
    "burstiness",
)

#: A section of the page: the stats and whether the build is public → its markdown.
Section = Callable[[Stats, bool], str]

YOU_THEY = [("you started", "abc-c1"), ("they started", "abc-c2")]


def _card(value: str, what: str, href: str) -> str:
    return (
        f'<a class="abc-card" href="#{href}"><span class="abc-num">{value}</span>'
        f'<span class="abc-what">{what}</span></a>'
    )


def _silence_phrase(s: Silence) -> str:
    text = f"{plural(s.days, 'day')} ({fmt_day(s.start)} to {fmt_day(s.end)})"
    return text


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


# --- the sections ------------------------------------------------------------------------------


def head(s: Stats, public: bool) -> str:
    """The title, what the page is built from, and the cards that link to the sections."""
    give, ask = s.kind("give"), s.kind("ask")
    scope = (
        "This is the **public** build: aggregate numbers only, nothing about any one person."
        if public
        else "This is the **private** build, for your eyes only: the "
        "[people](people/index.md) pages list everyone by name. Do not publish it."
    )
    return "\n".join(
        [
            "# Your stats\n",
            f"Generated from `contacts/` as of **{fmt_day(s.today)}**, with a daily quota of "
            f'{s.quota}. {scope} "The year" below means the 365 days up to and including that '
            "day. For the same numbers in a terminal, run `abc stats`.\n",
            '<div class="abc-cards">',
            _card(str(s.coverage.share), "coverage", "coverage"),
            _card(str(s.overdue), "overdue", "overdue"),
            _card(str(s.never), "never contacted", "overdue"),
            _card(plural(s.streak.current, "day"), "streak", "streak"),
            _card(f"{give.out_year} : {ask.out_year}", "gives : asks", "give-vs-ask"),
            _card(str(s.ahead.share), "one step ahead", "one-step-ahead"),
            "</div>\n",
        ]
    )


def network_size(s: Stats, public: bool) -> str:
    out = [
        "## Network size { #network-size }\n",
        f"{plural(s.people, 'person', 'people')} in your network, by circle. Archived "
        f"people ({s.archived}) "
        + (f"and people in the pool, imported and not yet kept ({s.pool}), " if s.pool else "")
        + f"are not counted; of those counted, {s.snoozed} "
        f"{_is_are(s.snoozed)} snoozed right now. At their cadences they need about {round(s.needed_per_year)} "
        f"touches a year; {s.quota} a day gives {s.available_per_year}.",
    ]
    if s.short_of_capacity:
        out.append(
            " **That is not enough**: see [Quality over quantity](strategies/quality-over-quantity.md)."
        )
    out.append("\n")
    size_svg = hbars(
        [(name, [n]) for name, n in s.circles],
        [("people", "abc-c1")],
        "People by circle: " + ", ".join(f"{name} {n}" for name, n in s.circles),
    )
    size_table = table(
        ["circle", "people"], [[name, str(n)] for name, n in s.circles] + [["all", str(s.people)]]
    )
    out.append(figure(size_svg, size_table))
    return "\n".join(out)


def coverage(s: Stats, public: bool) -> str:
    cov, first, month = s.coverage, s.trend[0], s.weeks_ago(4)
    trend_svg = line_chart(
        [(p.day, p.share.exact_percent) for p in s.trend],
        f"Coverage over the last 52 weeks, from {first.share} on {fmt_day(first.day)} "
        f"to {cov.share} on {fmt_day(cov.day)}",
    )
    trend_rows = [
        [fmt_day(p.day), str(p.within), str(p.people), str(p.share)] for p in reversed(s.trend)
    ]
    trend_table = (
        '<details class="abc-details" markdown>\n<summary>Week by week</summary>\n\n'
        + table(["week ending", "within", "people", "coverage"], trend_rows)
        + "\n\n</details>"
    )
    summary = table(
        ["", "coverage"],
        [
            [f"now ({fmt_day(cov.day)})", str(cov.share)],
            [f"4 weeks ago ({fmt_day(month.day)})", str(month.share)],
            [f"a year ago ({fmt_day(first.day)})", str(first.share)],
        ],
    )
    return "\n".join(
        [
            "## Coverage { #coverage }\n",
            f"**{cov.share}** of the people you keep up with are within their cadence: "
            f"{cov.within} of {cov.people}. Someone is within cadence when their last touch, in "
            "either direction, is no longer ago than their cadence. Archived and snoozed people "
            "are left out; people you have never contacted count as not within cadence.\n",
            "The line shows coverage at the end of each of the last 52 weeks, worked out from "
            "the touches logged up to that day. A person counts from when they joined your "
            "network (the `met` date or their first touch, whichever is earlier). Circles, "
            "cadences and snoozes are taken as they are today.\n",
            figure(trend_svg, summary + "\n\n" + trend_table),
        ]
    )


def overdue(s: Stats, public: bool) -> str:
    states = table(
        ["state", "people"],
        [
            ["overdue", str(s.overdue)],
            ["due within 7 days", str(s.due_soon)],
            ["never contacted", str(s.never)],
            ["snoozed", str(s.snoozed)],
            ["within cadence", str(s.coverage.within)],
        ],
    )
    return "\n".join(
        [
            "## Overdue and never contacted { #overdue }\n",
            f"{plural(s.overdue, 'person is', 'people are')} overdue, {s.due_soon} "
            f"{_is_are(s.due_soon)} due within the next 7 days, and "
            f"{plural(s.never, 'person has', 'people have')} never been contacted. "
            "`abc check` names them; `abc today` picks who to write to first.\n",
            plain(states),
        ]
    )


def touches_per_month(s: Stats, public: bool) -> str:
    month_svg = columns(
        [(MONTH_NAMES[m.start.month - 1], [m.out, m.inbound]) for m in s.months],
        YOU_THEY,
        "Touches per month over the last 12 months: "
        + ", ".join(f"{fmt_month(m.start)} {m.total}" for m in s.months),
    )
    month_table = table(
        ["month", "you started", "they started"],
        [[fmt_month(m.start), str(m.out), str(m.inbound)] for m in s.months],
    )
    return "\n".join(
        [
            "## Touches per month { #touches-per-month }\n",
            "Touches logged in each of the last 12 months (the current one is still running), "
            "split by who started the conversation.\n",
            figure(month_svg, month_table),
        ]
    )


def heatmap_section(s: Stats, public: bool) -> str:
    q = s.quota
    total = plural(s.heatmap_total, "touch", "touches")
    days_with = plural(s.heatmap_days, "day")
    ranges = heat_ranges(q)
    heat_svg = heatmap(
        s.heatmap_start,
        s.heatmap,
        q,
        f"Outgoing touches per day from {fmt_day(s.heatmap_start)} to {fmt_day(s.today)}: "
        f"{total} on {days_with}",
    )
    heat_table = table(
        ["month", "touches", "days with one", f"days with {q} or more"],
        [
            [fmt_month(m.start), str(m.touches), str(m.days), str(m.days_at_quota)]
            for m in s.heatmap_months
        ],
    )
    return "\n".join(
        [
            "## Heatmap { #heatmap }\n",
            f"Outgoing touches per day since {fmt_day(s.heatmap_start)}: one square per day, "
            f"one column per week, Monday at the top. {total} on "
            f"{days_with}. The shades, lightest to darkest, mean {ranges[0]}, "
            f"{ranges[1]}, {ranges[2]}, {ranges[3]} and {ranges[4]} touches in a day, so the "
            "third shade and darker are days you met your quota.\n",
            figure(heat_svg, heat_table, wide=True),
        ]
    )


def streak(s: Stats, public: bool) -> str:
    st, q = s.streak, s.quota
    if st.current:
        ending = "today" if st.current_end == s.today else "yesterday"
        now = f"Your current streak is **{plural(st.current, 'day')}**, up to {ending}"
    else:
        now = "You have no streak running right now"
    today_note = (
        f"; today has {st.today_count} so far, so it still counts if you reach {q}"
        if st.today_pending
        else ""
    )
    longest = (
        f"Your longest was {plural(st.longest, 'day')}, ending {fmt_day(st.longest_end)}."
        if st.longest_end
        else "You have not had a day at quota yet."
    )
    days = table(
        ["", "days"],
        [
            ["current streak", str(st.current)],
            ["longest streak", str(st.longest)],
            ["days at quota in the year", str(st.days_at_quota)],
            ["touches today", str(st.today_count)],
        ],
    )
    return "\n".join(
        [
            "## Streak { #streak }\n",
            f"A streak is a run of consecutive days with at least {q} outgoing touches (your "
            f"daily quota). {now}{today_note}. {longest} In the year you met the quota on "
            f"{plural(st.days_at_quota, 'day')}.\n",
            plain(days),
        ]
    )


def give_vs_ask(s: Stats, public: bool) -> str:
    give, ask, catch = s.kind("give"), s.kind("ask"), s.kind("catch-up")
    kind_svg = hbars(
        [(k.kind, [k.out_year, k.in_year]) for k in s.kinds],
        YOU_THEY,
        f"The year's touches by kind: you gave {give.out_year}, asked {ask.out_year}, "
        f"caught up {catch.out_year}",
    )
    kind_table = table(
        ["kind", "you, year", "they, year", "you, all time", "they, all time"],
        [[k.kind, str(k.out_year), str(k.in_year), str(k.out_all), str(k.in_all)] for k in s.kinds],
    )
    return "\n".join(
        [
            "## Give vs ask { #give-vs-ask }\n",
            f"In the year you gave **{give.out_year}** times and asked **{ask.out_year}** times; "
            f"{catch.out_year} of your touches were catch-ups. Touches the other person started "
            "are counted apart: a give they started is help you received.\n",
            figure(kind_svg, kind_table),
        ]
    )


def who_reached_out(s: Stats, public: bool) -> str:
    d = s.directions
    dir_svg = hbars(
        [("the year", [d.out_year, d.in_year]), ("all time", [d.out_all, d.in_all])],
        YOU_THEY,
        f"Who started the conversation: in the year you {d.out_year}, they {d.in_year}",
    )
    dir_table = table(
        ["", "you started", "they started"],
        [
            ["the year", str(d.out_year), str(d.in_year)],
            ["all time", str(d.out_all), str(d.in_all)],
        ],
    )
    return "\n".join(
        [
            "## Who reached out { #who-reached-out }\n",
            f"You started {d.out_year} of the year's conversations and other people started "
            f"{d.in_year}: **{d.in_share_year}** came to you. When people write to you first, "
            "the relationship runs both ways.\n",
            figure(dir_svg, dir_table),
        ]
    )


def channels(s: Stats, public: bool) -> str:
    out = [
        "## Channels { #channels }\n",
        "How the year's touches (either direction) happened, most used first.\n",
    ]
    if s.channels:
        chan_svg = hbars(
            [(name, [n]) for name, n in s.channels],
            [("touches", "abc-c1")],
            "The year's touches by channel: " + ", ".join(f"{name} {n}" for name, n in s.channels),
        )
        chan_table = table(["channel", "touches"], [[name, str(n)] for name, n in s.channels])
        out.append(figure(chan_svg, chan_table))
    else:
        out.append("No touches in the year yet.\n")
    return "\n".join(out)


def one_step_ahead(s: Stats, public: bool) -> str:
    a = s.ahead
    ahead_svg = hbars(
        [("on time", [a.on_time]), ("late", [a.late]), ("first touch", [a.first])],
        [("touches", "abc-c1")],
        f"The year's outgoing touches: {a.on_time} on time, {a.late} late, {a.first} first",
    )
    ahead_table = table(
        ["", "touches"],
        [
            ["on or before the due date", str(a.on_time)],
            ["after the due date", str(a.late)],
            ["first touch (no due date)", str(a.first)],
        ],
    )
    return "\n".join(
        [
            "## One step ahead { #one-step-ahead }\n",
            f"**{a.share}** of the year's outgoing touches came on or before the person's due "
            f"date: {a.on_time} on time, {a.late} late. To get these numbers, each person's "
            "touches are taken in date order: every touch (yours or theirs) sets the next due "
            "date, that touch's date plus the person's cadence, and your next touch is on time "
            f"if it comes by then. A first-ever touch has no due date: "
            f"{plural(a.first, 'first touch', 'first touches')} in the year.\n",
            figure(ahead_svg, ahead_table),
        ]
    )


def burstiness(s: Stats, public: bool) -> str:
    return "\n".join(
        [
            "## Burstiness { #burstiness }\n",
            "Defensive networking looks like a long silence and then a rush of messages, "
            "usually asks. These numbers show how evenly your outgoing touches are spread:\n",
            *_spread(s.burst),
            "",
            f"A *silence* is {SILENCE_DAYS} or more days in a row with no outgoing touch. The "
            f"flag goes up when a silence that ended in the year was followed by {BURST_TOUCHES} "
            f"or more outgoing touches within {BURST_DAYS} days, or when at least "
            f"{BURST_TOUCHES} asks were made in the year and half of them or more came within "
            f"{PEAK_DAYS} days of each other.\n",
            *_flags(s.burst),
            f"The chart shows outgoing touches per week since {fmt_day(s.heatmap_start)}; "
            "shaded bands mark silences.\n",
            _weeks_figure(s),
        ]
    )


SECTIONS: tuple[Section, ...] = (
    head,
    network_size,
    coverage,
    overdue,
    touches_per_month,
    heatmap_section,
    streak,
    give_vs_ask,
    who_reached_out,
    channels,
    one_step_ahead,
    burstiness,
)


def stats_page(s: Stats, *, public: bool) -> str:
    """The stats page: every number with a chart, a table and what it means."""
    return "\n".join(section(s, public) for section in SECTIONS).rstrip("\n") + "\n"


# --- burstiness, in parts ------------------------------------------------------------------------


def _spread(b: Burstiness) -> list[str]:
    """The list of how evenly the year's outgoing touches are spread."""
    peak_when = f" (from {fmt_day(b.peak_start)})" if b.peak_start is not None and b.peak else ""
    ask_when = (
        f" (from {fmt_day(b.ask_peak_start)})"
        if b.ask_peak_start is not None and b.ask_peak
        else ""
    )
    asks = (
        f"- **Asks**: {b.ask_peak} of the year's {b.year_asks} asks fell in the busiest "
        f"{PEAK_DAYS} days for asks{ask_when}, {b.ask_peak_share}."
        if b.year_asks
        else "- **Asks**: none in the year."
    )
    silence = (
        "- **Silence**: no outgoing touch yet."
        if b.current_silence is None
        else f"- **Days since your last outgoing touch**: {b.current_silence}."
    )
    return [
        f"- **Busiest {PEAK_DAYS} days**: {b.peak} of the year's {b.year_out} outgoing touches"
        f"{peak_when}, {b.peak_share}. Spread evenly, it would be about {EVEN_PEAK_PERCENT}%.",
        asks,
        f"- **Active weeks**: {b.active_weeks} of the last 52 weeks had an outgoing touch.",
        silence,
    ]


def _flags(b: Burstiness) -> list[str]:
    """Whether the defensive pattern is flagged, and a note during a silence."""
    out = []
    if b.flagged:
        reasons = []
        if b.silence_then_burst:
            reasons.append("a long silence ended in a burst")
        if b.asks_bunched:
            reasons.append(f"{b.ask_peak_share} of the year's asks came within {PEAK_DAYS} days")
        out.append(
            f'!!! warning "Flagged: {" and ".join(reasons)}"\n'
            "    That is the defensive pattern. See "
            "[Don't network defensively](strategies/dont-network-defensively.md).\n"
        )
    else:
        out.append(
            '!!! success "Not flagged"\n'
            "    No silence followed by a burst, and no bunch of asks, in the year.\n"
        )
    if b.in_silence:
        out.append(
            f'!!! note "Silent for {b.current_silence} days"\n'
            "    You are in a silence right now. Two short notes today end it, with no "
            "burst needed.\n"
        )
    return out


def _weeks_figure(s: Stats) -> str:
    """Outgoing touches per week with the silences shaded, and the table of silences."""
    weeks, silences = s.weeks, s.burst.silences
    week_svg = columns(
        [
            (MONTH_NAMES[w.start.month - 1] if i % 9 == 0 else "", [w.out])
            for i, w in enumerate(weeks)
        ],
        [("touches", "abc-c1")],
        tips=[f"week of {fmt_day(w.start)}" for w in weeks],
        label=f"Outgoing touches per week since {fmt_day(s.heatmap_start)}; "
        f"{plural(len(silences), 'silence')} of {SILENCE_DAYS} days or more ended in the year",
        width=680,
        height=160,
        bands=[
            (x.first, x.last, f"silence: {_silence_phrase(x.silence)}") for x in s.silence_bands
        ],
    )
    silence_rows = [
        [fmt_day(x.start), fmt_day(x.end), str(x.days), str(x.burst), str(x.burst_asks)]
        for x in silences
    ]
    silence_table = (
        table(
            ["silence from", "to", "days", f"touches in the next {BURST_DAYS} days", "asks"],
            silence_rows,
            "llrrr",
        )
        if silence_rows
        else f"No silence of {SILENCE_DAYS} days or more ended in the year."
    )
    return figure(week_svg, silence_table, wide=True)
