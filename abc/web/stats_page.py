"""The stats page: every number from :mod:`abcnet.core.stats` with a chart, a table and what it means.

The private page is a list of sections, one function each, in the order of
:data:`SECTIONS`. The numbers are worked out in ``core.stats``; a section only
puts them into words, charts and tables. It opens with the verdict, in a coloured
callout: ahead or behind this month, and how many a day catch up by the month's
end; then three cards, and *keeping up*: whether this month's touches match what
the network needs, where coverage is heading, how many touches came late, and
what the balance of gives and asks suggests. Each chart's table is folded under
"Numbers"; how the numbers are counted comes last. Its overdue section names the
overdue people, so it belongs to the private build only.

The public build gets :func:`abcnet.web.public_stats.public_page` instead, with a
heading for every anchor of :data:`ANCHORS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from abcnet.core.drift import ONE_SIDED_OUT, Drifting
from abcnet.core.history import HistoryMonth
from abcnet.core.stats import (
    BURST_DAYS,
    BURST_TOUCHES,
    EVEN_PEAK_PERCENT,
    MONTH_DAYS,
    PEAK_DAYS,
    SILENCE_DAYS,
    Burstiness,
    KeepingUp,
    Silence,
    Stats,
    month_start,
)
from abcnet.core.words import format_days, plural

from .geometry import heatmap_months, silence_bands, weeks
from .markup import MONTH_NAMES, esc, figure, fmt_day, fmt_month, front_matter, table, table_alone
from .people_pages import PEOPLE_DIR, page_name
from .svg import NARROW, columns, hbars, heat_ranges, heatmap, line_chart, year_ticks

STATS_PAGE = "stats.md"

#: Anchors other pages link to; the stats page must keep every one of them.
ANCHORS = (
    "keeping-up",
    "network-size",
    "coverage",
    "over-time",
    "overdue",
    "drift",
    "touches-per-month",
    "heatmap",
    "streak",
    "give-vs-ask",
    "who-reached-out",
    "channels",
    "one-step-ahead",
    "burstiness",
)

#: A section of the private page: the stats → its markdown.
Section = Callable[[Stats], str]

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


def head(s: Stats) -> str:
    """The title, the verdict with what catches up, and three cards that link to the
    sections."""
    k = s.keeping_up
    return "\n".join(
        [
            front_matter("Stats"),
            "# Stats { .abc-title }\n",
            verdict(k, s.quota),
            '<div class="abc-cards">',
            _card(
                f"{k.month_out} / {round(k.needed_per_month)}", "this month / needed", "keeping-up"
            ),
            _card(str(s.coverage.share), "coverage", "coverage"),
            _card(str(s.overdue), "overdue", "overdue"),
            "</div>\n",
        ]
    )


def verdict(k: KeepingUp, quota: int) -> str:
    """The page's first words: ahead or behind this month, in a coloured callout, and
    what to do about it, pointing to Today. (Its sentences start with a number.)"""
    today = "[Today](index.md) says who to start with."
    need = f"the people you keep need about {round(k.needed_so_far)} by now"
    if not k.any_out:
        return (
            '!!! info "No outgoing touch logged yet"\n\n'
            f"    The people you keep need about {round(k.needed_per_month)} touches a month. "
            f"{today}\n"
        )
    so_far = f"{plural(k.month_out, 'touch', 'touches')} so far this month; {need}"
    if k.ahead:
        return (
            '!!! success "Keeping up this month"\n\n'
            f"    {so_far}. Keep to your quota of {quota} a day. {today}\n"
        )
    days = plural(k.days_left, "day")
    if k.per_day_to_catch_up <= quota:
        plan = (
            f"Your quota of {quota} a day catches up by the month's end ({days}, today included)."
        )
    else:
        plan = (
            f"To catch up by the month's end, reach about {k.per_day_to_catch_up} a day for "
            f"the {days} left, today included, against a quota of {quota}; or catch up over "
            "the next month."
        )
    return (
        f'!!! warning "Behind by {plural(k.behind_by, "touch", "touches")} this month"\n\n'
        f"    {so_far}. {plan} {today}\n"
    )


def keeping_up(s: Stats) -> str:
    """Are you keeping up? Four plain sentences, each a number set against another."""
    return "\n".join(
        [
            "## Keeping up { #keeping-up }\n",
            f"- **This month:** {_month_sentence(s.keeping_up, s.quota)}",
            f"- **Coverage:** {_trend_sentence(s)}",
            f"- **On time:** {_on_time_sentence(s)}",
            f"- **Give and ask:** {_give_ask_sentence(s)}",
            "",
        ]
    )


def _month_sentence(k: KeepingUp, quota: int) -> str:
    need = (
        f"The people you keep need about {round(k.needed_per_month)} touches a month at "
        "their cadences"
    )
    if not k.any_out:
        return f"no outgoing touch logged yet. {need}; `abc today` names the first {quota}."
    so_far = round(k.needed_so_far)
    text = (
        f"{plural(k.month_out, 'outgoing touch', 'outgoing touches')} so far. {need}, so "
        f"about {so_far} by now, {k.month_day} of the month's {k.month_days} days in. "
    )
    if k.ahead:
        text += "**You are keeping up.**"
    else:
        text += f"**You are behind**, by about {k.behind_by}."
    average = k.previous_average
    if average is None or k.first_month is None:
        return text + " There is no earlier month to compare with yet."
    last = month_start(k.first_month, -(len(k.previous) - 1))
    months = (
        fmt_month(k.first_month)
        if last == k.first_month
        else (f"{fmt_month(k.first_month)} to {fmt_month(last)}")
    )
    verdict = "enough" if average >= k.needed_per_month else "short of what it needs"
    return text + f" Before this month you averaged {round(average)} a month ({months}): {verdict}."


def _trend_sentence(s: Stats) -> str:
    now, then = s.coverage.share.percent, s.weeks_ago(4).share.percent
    if now is None:
        return "nobody to count yet."
    if then is None:
        return f"{now}% of the people you keep are within their cadence; four weeks ago there was nobody to count."
    if now < then:
        move = f"fell from {then}% to {now}%"
    elif now > then:
        move = f"rose from {then}% to {now}%"
    else:
        move = f"held at {now}%"
    return f"the share of people within their cadence {move} in the last four weeks."


def _on_time_sentence(s: Stats) -> str:
    a = s.ahead
    total = a.on_time + a.late
    if not total:
        return (
            "no outgoing touch in the year followed an earlier one, so none came early or late yet."
        )
    text = (
        f"of the year's {plural(total, 'outgoing touch', 'outgoing touches')} to people you "
        f"had been in touch with before, {a.late} came late (after the person was due) and "
        f"{a.on_time} on time or early."
    )
    if a.late > a.on_time:
        text += (
            " Reaching people a little before they are due is easier than catching up: see "
            "[One step ahead](strategies/one-step-ahead.md)."
        )
    return text


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _give_ask_sentence(s: Stats) -> str:
    g, a = s.give_ask.give, s.give_ask.ask
    help_first = "[Help first](strategies/help-first.md)"
    return {
        "none": "no gives or asks in the year, only catch-ups. Say what a touch was when "
        "you log it: `--kind give` or `--kind ask`.",
        "give-only": f"you gave {_times(g)} in the year and asked for nothing. You give far "
        "more than you ask, and people like to help back: ask for something small, an "
        "opinion, a pointer or an introduction.",
        "give-more": f"you gave {_times(g)} and asked {_times(a)}: more giving than asking, "
        f"as {help_first} suggests. An ask now and then keeps it two-way.",
        "even": f"you gave {_times(g)} and asked {_times(a)}, about as often. Give a little "
        f"more than you ask, so that your asks are welcome: see {help_first}.",
        "ask-more": f"you asked {_times(a)} and gave {_times(g)}: more asking than giving. "
        "Before the next ask, give something: an article, an introduction, a thank-you. "
        f"See {help_first}.",
    }[s.give_ask.balance]


def network_size(s: Stats) -> str:
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


def coverage(s: Stats) -> str:
    cov, first, month = s.coverage, s.trend[0], s.weeks_ago(4)
    trend_svg = line_chart(
        [(p.day, p.share.exact_percent) for p in s.trend],
        f"Coverage over the last 52 weeks, from {first.share} on {fmt_day(first.day)} "
        f"to {cov.share} on {fmt_day(cov.day)}",
        fit=True,
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
        ["when", "coverage"],
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
            f"{cov.within} of {cov.people}. The line shows it at the end of each of the last "
            "52 weeks.\n",
            figure(trend_svg, summary + "\n\n" + trend_table),
        ]
    )


def over_time(s: Stats) -> str:
    """The practice month by month (``abc history``), when the build read it."""
    h = s.history
    out = ["## Over time { #over-time }\n"]
    if h is None or not h.months:
        out.append(
            "Month by month, from the git history of your contact files: nothing to show "
            "here yet. `abc history` prints it in a terminal.\n"
        )
        return "\n".join(out)
    months = h.months
    first, last = months[0], months[-1]
    within = line_chart(
        [(m.start, m.within_all.exact_percent) for m in months],
        f"Kept people within cadence at each month's end, from {first.within_all} in "
        f"{fmt_month(first.start)} to {last.within_all} in {fmt_month(last.start)}",
        width=max(NARROW, 6 * len(months) + 50),
        fit=True,
        ticks=year_ticks([m.start for m in months]),
    )
    years = dict(year_ticks([m.start for m in months]))
    touches = columns(
        [(years.get(i, ""), [m.out, m.inbound]) for i, m in enumerate(months)],
        YOU_THEY,
        f"Touches per month from {fmt_month(first.start)} to {fmt_month(last.start)}",
        width=max(NARROW, 8 * len(months) + 40),
        tips=[fmt_month(m.start) for m in months],
    )
    rows = [
        [
            fmt_month(m.start),
            str(m.kept),
            str(m.out),
            str(m.inbound),
            f"{m.give} : {m.ask}",
            str(m.within_all),
            str(m.added),
            "–" if m.archived is None else str(m.archived),
        ]
        for m in reversed(months)
    ]
    month_table = (
        '<details class="abc-details" markdown>\n<summary>Month by month</summary>\n\n'
        + table(
            [
                "month",
                "kept",
                "you started",
                "they started",
                "gives : asks",
                "within",
                "added",
                "archived",
            ],
            rows,
        )
        + "\n\n</details>"
    )
    if h.source == "git":
        source = (
            f"From the git history of your contact files ({plural(h.commits, 'commit')}): "
            "each month as they stood after its last commit; this month as they are now."
        )
    else:
        source = (
            f"From the files alone ({h.why_files}): each person counted from when they joined, "
            "people archived now left out."
        )
    out += [
        f"{source} Kept people went from {first.kept} in {fmt_month(first.start)} to "
        f"{last.kept} now; within cadence at the month's end, from {first.within_all} to "
        f"{last.within_all}.{_this_year(months)} Cadences are today's.\n",
        figure(within, month_table, wide=len(months) > 12),
        figure(touches, _years_table(months), wide=len(months) > 12),
    ]
    return "\n".join(out)


def _this_year(months: Sequence[HistoryMonth]) -> str:
    """Whether the practice held up over the last twelve months, as a sentence with a
    space before it; empty with less than a year of months."""
    if len(months) < 13:
        return ""
    then, now = months[-13], months[-1]
    a, b = then.within_all.percent, now.within_all.percent
    if a is None or b is None:
        return ""
    if b < a:
        how = f"down {plural(a - b, 'point')}: the practice slipped this year"
    elif b > a:
        how = f"up {plural(b - a, 'point')}: the practice held up this year"
    else:
        how = "the same: the practice held up this year"
    return (
        f" A year ago, at the end of {fmt_month(then.start)}, {a}% were within cadence; "
        f"now {b}%, {how}."
    )


def _years_table(months: Sequence[HistoryMonth]) -> str:
    """Touches year by year: who started them."""
    years: dict[int, list[int]] = {}
    for m in months:
        row = years.setdefault(m.start.year, [0, 0])
        row[0] += m.out
        row[1] += m.inbound
    rows = [[str(y), str(a), str(b)] for y, (a, b) in sorted(years.items(), reverse=True)]
    return table(["year", "you started", "they started"], rows)


def drift_section(s: Stats) -> str:
    """Who is drifting from their own rhythm, by circle; the family apart; the one-sided."""
    d = s.drift
    out = [
        "## Drift { #drift }\n",
        "Someone is drifting when the usual gap between your touches (the median before this "
        "year) was within their cadence and this year's gaps have grown past it: the gap up "
        "to today is longer than the cadence and the longest of the year. See "
        "[Notice drift](strategies/notice-drift.md).\n",
    ]

    def line(x: Drifting) -> str:
        return (
            f"- [{esc(x.name)}]({PEOPLE_DIR}/{page_name(x.slug)}.md): usually every "
            f"{format_days(x.usual)}, now {format_days(x.gap)} since {fmt_day(x.last)} "
            f"(cadence {format_days(x.cadence)})"
        )

    if not d.drifting:
        out.append("Nobody is drifting from their rhythm.\n")
    for circle, people in d.drifting:
        out += [f"**Drifting in the {circle} circle**, furthest from their rhythm first:\n"]
        out += [line(x) for x in people] + [""]
    if d.family:
        out += ["**Family**, apart: closeness to kin holds up with less contact.\n"]
        out += [line(x) for x in d.family] + [""]
    if d.one_sided:
        out += [
            f"**One-sided**: you reached out {ONE_SIDED_OUT} or more times, and they never have.\n"
        ]
        out += [
            f"- [{esc(o.name)}]({PEOPLE_DIR}/{page_name(o.slug)}.md): "
            f"{plural(o.out, 'touch', 'touches')} from you, none from them; the last on "
            f"{fmt_day(o.last)}"
            for o in d.one_sided
        ] + [""]
    return "\n".join(out)


def overdue(s: Stats) -> str:
    """The counts, then the overdue people themselves by circle, most late first."""
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
    out = [
        "## Overdue and never contacted { #overdue }\n",
        f"{plural(s.overdue, 'person is', 'people are')} overdue, {s.due_soon} "
        f"{_is_are(s.due_soon)} due within the next 7 days, and "
        f"{plural(s.never, 'person has', 'people have')} never been contacted. "
        "`abc today` picks who to write to first.\n",
        table_alone(states),
    ]
    for circle, people in s.late:
        out.append(f"**Overdue in the {circle} circle**, most late first:\n")
        out += [
            f"- [{esc(p.name)}]({PEOPLE_DIR}/{page_name(p.slug)}.md): overdue by "
            f"{format_days(p.days)}, every {format_days(p.cadence)}"
            + (f", last touch {fmt_day(p.last)}" if p.last else "")
            for p in people
        ]
        out.append("")
    return "\n".join(out)


def touches_per_month(s: Stats) -> str:
    month_svg = columns(
        [(MONTH_NAMES[m.start.month - 1], [m.out, m.inbound]) for m in s.months],
        YOU_THEY,
        "Touches per month over the last 12 months: "
        + ", ".join(f"{fmt_month(m.start)} {m.total}" for m in s.months)
        + " so far",
        partial=len(s.months) - 1,
    )
    month_table = table(
        ["month", "you started", "they started"],
        [[fmt_month(m.start), str(m.out), str(m.inbound)] for m in s.months],
    )
    return "\n".join(
        [
            "## Touches per month { #touches-per-month }\n",
            "Touches logged in each of the last 12 months, split by who started the "
            "conversation; this month's, still running, is drawn faded.\n",
            figure(month_svg, month_table),
        ]
    )


def heatmap_section(s: Stats) -> str:
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
            for m in heatmap_months(s)
        ],
    )
    return "\n".join(
        [
            "## Heatmap { #heatmap }\n",
            f"Outgoing touches per day since {fmt_day(s.heatmap_start)}: one square per day, "
            f"one column per week, Monday at the top. {total} on "
            f"{days_with}. The colours, from the faintest to the strongest, mean {ranges[0]}, "
            f"{ranges[1]}, {ranges[2]}, {ranges[3]} and {ranges[4]} touches in a day, so the "
            "third colour and stronger ones are days you met your quota (see the legend).\n",
            figure(heat_svg, heat_table, wide=True),
        ]
    )


def streak(s: Stats) -> str:
    """Days you showed up. A run of days at quota is named only when there is one
    worth naming (two days or more), since "0 days" says nothing."""
    st, q = s.streak, s.quota
    text = (
        f"In the year you reached out on {plural(st.days_active, 'day')}, and met your "
        f"daily quota of {q} on {st.days_at_quota} of them."
    )
    if st.current >= 2:
        ending = "today" if st.current_end == s.today else "yesterday"
        text += (
            f" You have done what the plan asked {st.current} days running, up to {ending}: "
            "your quota, or everyone it named (on a day nobody was due, that is nothing)."
        )
    if st.longest >= 2 and st.longest_end is not None:
        text += f" Your longest run was {st.longest} days, ending {fmt_day(st.longest_end)}."
    text += (
        " The habit is a few touches most days rather than every day without fail: see "
        "[Ten minutes a day](strategies/ten-minutes-a-day.md)."
    )
    days = table(
        ["days", "count"],
        [
            ["with an outgoing touch, in the year", str(st.days_active)],
            [f"with {q} or more, in the year", str(st.days_at_quota)],
            ["longest run doing what the plan asked", str(st.longest)],
        ],
    )
    return "\n".join(["## Showing up { #streak }\n", text + "\n", table_alone(days)])


def give_vs_ask(s: Stats) -> str:
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


def who_reached_out(s: Stats) -> str:
    d = s.directions
    dir_svg = hbars(
        [("the year", [d.out_year, d.in_year]), ("all time", [d.out_all, d.in_all])],
        YOU_THEY,
        f"Who started the conversation: in the year you {d.out_year}, they {d.in_year}",
    )
    dir_table = table(
        ["period", "you started", "they started"],
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


def channels(s: Stats) -> str:
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


def one_step_ahead(s: Stats) -> str:
    a = s.ahead
    ahead_svg = hbars(
        [("on time", [a.on_time]), ("late", [a.late]), ("first touch", [a.first])],
        [("touches", "abc-c1")],
        f"The year's outgoing touches: {a.on_time} on time, {a.late} late, {a.first} first",
    )
    ahead_table = table(
        ["touches came", "touches"],
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
            f"date: {a.on_time} on time, {a.late} late; "
            f"{plural(a.first, 'first touch', 'first touches')}, with no due date yet.\n",
            figure(ahead_svg, ahead_table),
        ]
    )


def burstiness(s: Stats) -> str:
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


def how_counted(s: Stats) -> str:
    """The definitions the sections rely on, once, at the end."""
    return "\n".join(
        [
            "## How these are counted\n",
            f'- "The year" is the 365 days up to and including today, {fmt_day(s.today)}.',
            f"- What the people you keep need in a month: {MONTH_DAYS} days over each "
            "person's cadence, added up; by now, that share of it for the days gone by.",
            "- Coverage: someone is within cadence when their last touch, in either direction, "
            "is no longer ago than their cadence. Archived and snoozed people are left out; "
            "people you have never contacted count as not within cadence. Each week of the "
            "line is worked out from the touches logged up to that day, a person counting from "
            "when they joined your network (the `met` date or their first touch, whichever is "
            "earlier), with circles, cadences and snoozes as they are today.",
            "- On time: each person's touches are taken in date order; every touch (yours or "
            "theirs) sets the next due date, that touch's date plus the person's cadence, and "
            "your next touch is on time if it comes by then. A first-ever touch has no due "
            "date.",
            f"- Your daily quota is {s.quota}; `abc stats` prints the same numbers in a terminal.",
            "",
        ]
    )


SECTIONS: tuple[Section, ...] = (
    head,
    keeping_up,
    network_size,
    coverage,
    over_time,
    overdue,
    drift_section,
    touches_per_month,
    heatmap_section,
    streak,
    give_vs_ask,
    who_reached_out,
    channels,
    one_step_ahead,
    burstiness,
    how_counted,
)


def stats_page(s: Stats) -> str:
    """The private stats page: every number with a chart, a table and what it means."""
    return "\n".join(section(s) for section in SECTIONS).rstrip("\n") + "\n"


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
    by_week, silences = weeks(s), s.burst.silences
    week_svg = columns(
        [
            (MONTH_NAMES[w.start.month - 1] if i % 9 == 0 else "", [w.out])
            for i, w in enumerate(by_week)
        ],
        [("touches", "abc-c1")],
        tips=[f"week of {fmt_day(w.start)}" for w in by_week],
        label=f"Outgoing touches per week since {fmt_day(s.heatmap_start)}; "
        f"{plural(len(silences), 'silence')} of {SILENCE_DAYS} days or more ended in the year",
        width=680,
        height=160,
        bands=[
            (x.first, x.last, f"silence: {_silence_phrase(x.silence)}") for x in silence_bands(s)
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
