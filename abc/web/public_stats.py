"""The public build's stats page: what each number measures, and the figures the rule allows.

It has a heading for every anchor of ``stats_page.ANCHORS`` (the strategy pages
link to them) and says what each number measures. Only when the owner sets
``public_stats: true`` does it add figures, and then only those
:func:`abcnet.core.publish.public_figures` allows: aggregate shares, each out of
enough, and the network's size as a band.
"""

from __future__ import annotations

from abcnet.core.publish import PUBLIC_MIN, PublicFigures, public_figures
from abcnet.core.stats import MONTH_DAYS, TREND_WEEKS, Share, Stats

#: What each number measures, by anchor: the public page's sections, in order.
MEANINGS: tuple[tuple[str, str, str], ...] = (
    (
        "keeping-up",
        "Keeping up",
        "Whether this month's outgoing touches match what the network needs in a month: "
        f"{MONTH_DAYS} days over each person's cadence, added up.",
    ),
    (
        "network-size",
        "Network size",
        "How many people the owner keeps up with, by circle, and whether the daily quota "
        "gives enough touches a year for all of them.",
    ),
    (
        "coverage",
        "Coverage",
        "The share of those people whose last touch, in either direction, is no longer ago "
        "than their cadence.",
    ),
    (
        "over-time",
        "Over time",
        "Month by month, from the git history of the contact files: the people kept, the "
        "touches, and the share within cadence at each month's end.",
    ),
    (
        "overdue",
        "Overdue and never contacted",
        "How many people are past their cadence, due soon, or never contacted.",
    ),
    (
        "drift",
        "Drift",
        "Who is drifting from their own rhythm (gaps growing past their cadence this year), "
        "and which ties run one way.",
    ),
    (
        "touches-per-month",
        "Touches per month",
        "Touches in each of the last 12 months, split by who started the conversation.",
    ),
    (
        "heatmap",
        "Heatmap",
        "Outgoing touches day by day over the last year, one square a day.",
    ),
    (
        "streak",
        "Showing up",
        "On how many days of the year the owner reached out, and on how many they met "
        "the daily quota.",
    ),
    (
        "give-vs-ask",
        "Give vs ask",
        "How often the owner gave something (help, an introduction, a pointer) against "
        "how often they asked for something.",
    ),
    (
        "who-reached-out",
        "Who reached out",
        "How many conversations the owner started, and how many other people started.",
    ),
    ("channels", "Channels", "How the touches happened: email, a call, a meeting and so on."),
    (
        "one-step-ahead",
        "One step ahead",
        "The share of outgoing touches that came on or before the person was due.",
    ),
    (
        "burstiness",
        "Burstiness",
        "How evenly the outgoing touches are spread over the year: a long silence and then "
        "a rush of asks is the defensive pattern.",
    ),
)

PUBLIC_NONE = (
    "This site does not publish its owner's numbers; the private build of the site "
    "(`abc site build`) and `abc stats` show them. Each number is explained below, under "
    "the name the strategy pages use."
)

PUBLIC_SOME = (
    "Aggregate figures only, published because the owner set `public_stats: true`: shares "
    f"in percent, each out of at least {PUBLIC_MIN}, and the network's size as a range. "
    "Nothing here names anyone, dates a touch or shows a day, a week or a month of activity."
)


def _share(share: Share | None, what: str) -> str | None:
    return f"**{share}** {what}." if share is not None else None


def _size_band(band: tuple[int, int | None]) -> str:
    low, high = band
    if high is None:
        return f"**{low} or more** people"
    return "**fewer than 10** people" if low == 0 else f"**{low} to {high}** people"


def _channel_shares(channels: tuple[tuple[str, Share], ...] | None) -> str | None:
    if channels is None:
        return None
    parts = [f"{name} {share}" for name, share in channels]
    return "The year's touches by channel: " + ", ".join(parts) + "."


def figure_lines(p: PublicFigures) -> dict[str, str | None]:
    """The sentence of each anchor that has a figure (None: out of too few to publish)."""
    return {
        "network-size": f"The owner keeps up with {_size_band(p.size_band)}.",
        "coverage": _share(p.coverage, "of them are within their cadence"),
        "over-time": _share(
            p.coverage_then, "of the people kept a year before were within their cadence then"
        ),
        "give-vs-ask": _share(p.gives, "of the year's gives and asks were gives"),
        "who-reached-out": _share(
            p.started_by_them, "of the year's conversations were started by the other person"
        ),
        "channels": _channel_shares(p.channels),
        "one-step-ahead": _share(p.on_time, "of the year's outgoing touches came on time or early"),
        "burstiness": _share(
            p.active_weeks, f"of the last {TREND_WEEKS} weeks had an outgoing touch"
        ),
    }


def _public_figure(figures: dict[str, str | None], anchor: str) -> str:
    if anchor not in figures:
        return "Not published: it would show who is waiting, or when the owner was busy or quiet."
    return figures[anchor] or f"Not published yet: fewer than {PUBLIC_MIN} to count."


def public_page(s: Stats | None) -> str:
    """The public build's stats page: what every number means, and with ``s`` (the
    owner set ``public_stats: true``) the aggregate figures :mod:`abcnet.core.publish` allows."""
    figures = figure_lines(public_figures(s)) if s is not None else {}
    out = [
        "---\ntitle: Stats\n---\n",
        "# Stats\n",
        (PUBLIC_SOME if s is not None else PUBLIC_NONE) + "\n",
    ]
    for anchor, title, meaning in MEANINGS:
        out.append(f"## {title} {{ #{anchor} }}\n")
        out.append(meaning + "\n")
        if s is not None:
            out.append(_public_figure(figures, anchor) + "\n")
    return "\n".join(out)
