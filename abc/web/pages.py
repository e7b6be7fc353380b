"""Pure site generation: stats and contacts → markdown pages with inline SVG charts.

Nothing here reads files or the clock. The MkDocs hook (``mkdocs_hook.py``) loads
the network and adds what :func:`pages` returns to the build, in memory.

- Charts are SVG strings built here: no JavaScript, no web requests. Their colours
  come from CSS classes that ``site/assets/abc.css`` maps to CSS variables (with
  plain ``fill`` attributes as a fallback), so light and dark mode both work. Each
  chart has ``role="img"``, an ``aria-label`` and a ``<title>``, sits in an element
  marked ``data-search-exclude`` (so tooltips stay out of the search index), and has
  a plain table beside it with the same numbers.
- The public build gets the stats page only, which holds aggregate numbers and
  nothing about any one person. The private build adds ``people/index.md`` (a
  table) and one page per person; they are never put in the navigation, because
  every page would then carry every name and the build would slow down
  quadratically.
- Every piece of contact text goes through :func:`esc`, which turns HTML and
  markdown syntax into character references, so it renders as the literal text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from abcnet.core.cadence import Status, status
from abcnet.core.model import Contact, Network, Settings
from abcnet.core.stats import (
    BURST_DAYS,
    BURST_TOUCHES,
    PEAK_DAYS,
    SILENCE_DAYS,
    Silence,
    Stats,
    compute,
)
from abcnet.core.words import format_days, plural

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PEOPLE_DIR = "people"
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

# Heatmap levels, lightest to darkest: fallback colours when the stylesheet is missing.
HEAT_FALLBACK = ("#ebedf0", "#9ecae1", "#4a98c9", "#1764ab", "#08306b")
C1_FALLBACK = "#0072b2"  # blue, Okabe-Ito
C2_FALLBACK = "#e69f00"  # orange, Okabe-Ito
TEXT_FALLBACK = "#666666"
GRID_FALLBACK = "#dddddd"
BAND_FALLBACK = "#f3f3f3"


# --- escaping -------------------------------------------------------------------------------

_SPECIAL = "\\`*_{}[]()#+-.!|~^=:$@%\"'"
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def esc(text: str) -> str:
    """Contact text for a markdown page: every HTML or markdown special character
    becomes a character reference, and line breaks become spaces.

    >>> esc("**bold** <b>")
    '&#42;&#42;bold&#42;&#42; &lt;b&gt;'
    """
    return " ".join(text.split()).translate(_ESCAPES)


def esc_lines(text: str) -> list[str]:
    """Each non-empty line of a multi-line text, escaped."""
    return [esc(line) for line in text.splitlines() if line.strip()]


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


# --- dates and numbers -----------------------------------------------------------------------


def fmt_day(d: date) -> str:
    """``25 Nov 2026``: the same in every locale."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def _nowrap(text: str) -> str:
    """Keep a short phrase, such as a date in a table cell, on one line."""
    return text.replace(" ", "\u00a0")


def fmt_month(d: date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def _num(x: float) -> str:
    """A coordinate: at most one decimal, no trailing zero."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _nice_max(value: int, ticks: int = 4) -> int:
    """The smallest multiple of a 1-2-5 step, ``ticks`` steps high, at or above ``value``."""
    if value <= ticks:
        return ticks
    step = 1
    while True:
        for mult in (1, 2, 5):
            if step * mult * ticks >= value:
                return step * mult * ticks
        step *= 10


# --- SVG building blocks ---------------------------------------------------------------------


def _svg(kind: str, width: int, height: int, label: str, body: Sequence[str]) -> str:
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-{kind}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{_attr(label)}">',
            f"<title>{_xml(label)}</title>",
            *body,
            "</svg>",
        ]
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "abc-t") -> str:
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" class="{cls}" text-anchor="{anchor}" '
        f'fill="{TEXT_FALLBACK}">{_xml(text)}</text>'
    )


def _rect(
    x: float, y: float, w: float, h: float, cls: str, fill: str, tip: str | None = None
) -> str:
    head = (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
        f'class="{cls}" fill="{fill}"'
    )
    return f"{head}><title>{_xml(tip)}</title></rect>" if tip else f"{head}/>"


def _line(x1: float, y1: float, x2: float, y2: float, cls: str = "abc-grid") -> str:
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'class="{cls}" stroke="{GRID_FALLBACK}"/>'
    )


SERIES = {"abc-c1": C1_FALLBACK, "abc-c2": C2_FALLBACK}


def hbars(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[tuple[str, str]],
    label: str,
    *,
    width: int = 400,
) -> str:
    """Horizontal bars: one group per row, one bar per series ``(name, css class)``."""
    bar_h, gap = 14, 10
    legend_h = 20 if len(series) > 1 else 0
    label_w = min(130, 12 + 7 * max((len(name) for name, _ in rows), default=4))
    area = width - label_w - 44
    top = 4 + legend_h
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(rows) + 2
    most = max((v for _, values in rows for v in values), default=0) or 1
    body = []
    x = label_w
    for name, cls in series if legend_h else ():
        body.append(_rect(x, 6, 10, 10, cls, SERIES[cls]))
        body.append(_text(x + 14, 15, name))
        x += 24 + 7 * len(name)
    for i, (name, values) in enumerate(rows):
        y = top + i * group_h
        body.append(_text(label_w - 6, y + bar_h * len(series) / 2 + 4, name, anchor="end"))
        for j, ((sname, cls), value) in enumerate(zip(series, values, strict=True)):
            w = area * value / most
            by = y + j * bar_h
            tip = f"{name}, {sname}: {value}" if len(series) > 1 else f"{name}: {value}"
            body.append(_rect(label_w, by + 1, max(w, 0), bar_h - 2, cls, SERIES[cls], tip))
            body.append(_text(label_w + w + 5, by + bar_h - 3, str(value)))
    return _svg("bars", width, height, label, body)


def columns(
    groups: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[tuple[str, str]],
    label: str,
    *,
    width: int = 400,
    height: int = 200,
    bands: Sequence[tuple[float, float, str]] = (),
    tips: Sequence[str] = (),
) -> str:
    """Stacked columns: one per group, stacking the series ``(name, css class)``.

    ``bands`` shade ranges of columns ``(first, last, tip)``; an empty group label
    is not drawn; ``tips`` names each group in its tooltips (default: its label).
    """
    left, right, top, bottom = 34, 6, 10 + (20 if len(series) > 1 else 0), 22
    plot_w, plot_h = width - left - right, height - top - bottom
    most = _nice_max(max((sum(v) for _, v in groups), default=0))
    slot = plot_w / max(len(groups), 1)
    body = []
    x = left
    for name, cls in series if len(series) > 1 else ():
        body.append(_rect(x, 6, 10, 10, cls, SERIES[cls]))
        body.append(_text(x + 14, 15, name))
        x += 24 + 7 * len(name)
    for first, last, tip in bands:
        body.append(
            _rect(
                left + first * slot,
                top,
                (last - first + 1) * slot,
                plot_h,
                "abc-band",
                BAND_FALLBACK,
                tip,
            )
        )
    for k in range(5):
        value = most * k // 4
        y = top + plot_h - plot_h * k / 4
        body.append(_line(left, y, width - right, y))
        body.append(_text(left - 5, y + 4, str(value), anchor="end"))
    for i, (name, values) in enumerate(groups):
        x0 = left + i * slot + slot * 0.15
        y = top + plot_h
        for (sname, cls), value in zip(series, values, strict=True):
            if value:
                h = plot_h * value / most
                y -= h
                what = tips[i] if tips else name
                tip = f"{what}, {sname}: {value}" if len(series) > 1 else f"{what}: {value}"
                body.append(_rect(x0, y, slot * 0.7, h, cls, SERIES[cls], tip))
        if name:
            body.append(_text(x0 + slot * 0.35, height - 6, name, anchor="middle"))
    return _svg("columns", width, height, label, body)


def line_chart(
    points: Sequence[tuple[date, float | None]],
    label: str,
    *,
    width: int = 400,
    height: int = 180,
) -> str:
    """A line of percentages (0-100) over dates; a None point breaks the line."""
    left, right, top, bottom = 40, 10, 10, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)
    body = []
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h - plot_h * pct / 100
        body.append(_line(left, y, width - right, y))
        if pct % 50 == 0:
            body.append(_text(left - 5, y + 4, f"{pct}%", anchor="end"))
    last_label = -10
    for i, (day, _) in enumerate(points):
        prev = points[i - 1][0] if i else None
        if prev is not None and prev.month != day.month and i - last_label >= 4:
            body.append(
                _text(left + i * step, height - 6, MONTH_NAMES[day.month - 1], anchor="middle")
            )
            last_label = i
    segments: list[list[str]] = [[]]
    for i, (_, value) in enumerate(points):
        if value is None:
            segments.append([])
            continue
        segments[-1].append(f"{_num(left + i * step)},{_num(top + plot_h - plot_h * value / 100)}")
    for seg in segments:
        if len(seg) > 1:
            body.append(
                f'<polyline points="{" ".join(seg)}" class="abc-line" fill="none" '
                f'stroke="{C1_FALLBACK}" stroke-width="2"/>'
            )
    if points and points[-1][1] is not None:
        x, y = left + (len(points) - 1) * step, top + plot_h - plot_h * points[-1][1] / 100
        body.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" class="abc-dot" fill="{C1_FALLBACK}"/>'
        )
    return _svg("line", width, height, label, body)


def heat_level(count: int, quota: int) -> int:
    """0 for no touch; 1 below the quota; 2 at it; 3 at twice it; 4 at three times it or more."""
    if count <= 0:
        return 0
    q = max(quota, 1)
    if count < q:
        return 1
    return min(4, 1 + count // q)


def heat_ranges(quota: int) -> tuple[str, ...]:
    """What each heatmap level means, as counts of touches."""
    q = max(quota, 1)

    def span(lo: int, hi: int) -> str:
        if hi < lo:
            return "(not used)"
        return str(lo) if lo == hi else f"{lo}–{hi}"

    return ("0", span(1, q - 1), span(q, 2 * q - 1), span(2 * q, 3 * q - 1), f"{3 * q} or more")


def heatmap(start: date, counts: Sequence[int], quota: int, label: str) -> str:
    """A year of days: one column per week (Monday at the top), darker for more touches."""
    cell, step, left, top = 11, 13, 30, 18
    weeks = (len(counts) + 6) // 7
    width = left + weeks * step + 2
    height = top + 7 * step + 26
    body = []
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        body.append(_text(left - 6, top + row * step + 9, name, anchor="end"))
    last_label = -10
    for col in range(weeks):
        for row in range(7):
            d = start + timedelta(days=col * 7 + row)
            if d.day == 1 and col - last_label >= 3:
                body.append(_text(left + col * step, top - 6, MONTH_NAMES[d.month - 1]))
                last_label = col
    ranges = heat_ranges(quota)
    for i, n in enumerate(counts):
        d = start + timedelta(days=i)
        level = heat_level(n, quota)
        tip = f"{fmt_day(d)}: {plural(n, 'touch', 'touches')}"
        body.append(
            _rect(
                left + (i // 7) * step,
                top + (i % 7) * step,
                cell,
                cell,
                f"abc-h{level}",
                HEAT_FALLBACK[level],
                tip,
            )
        )
    y = top + 7 * step + 8
    x = width - 2 - 5 * step - 36
    body.append(_text(x - 6, y + 9, "Less", anchor="end"))
    for level in range(5):
        tip = f"{ranges[level]} a day"
        body.append(
            _rect(x + level * step, y, cell, cell, f"abc-h{level}", HEAT_FALLBACK[level], tip)
        )
    body.append(_text(x + 5 * step + 4, y + 9, "More"))
    return _svg("heatmap", width, height, label, body)


def _figure(svg: str, table: str, note: str = "", *, wide: bool = False) -> str:
    """A chart and its table side by side (a wide chart gets a line of its own); the
    chart is kept out of the search index."""
    cls = "abc-chart abc-wide" if wide else "abc-chart"
    parts = [
        '<div class="abc-pair" markdown>',
        f'<figure class="{cls}" data-search-exclude>{svg}</figure>',
        '<div class="abc-table" markdown>',
        "",
        table,
        "",
    ]
    if note:
        parts += [note, ""]
    parts += ["</div>", "</div>", ""]
    return "\n".join(parts)


def _html_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table as one line of raw HTML, which Markdown passes through untouched: much
    cheaper to build than a Markdown table when there are many rows and many pages.
    The cells must already be escaped."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


def _plain(table: str) -> str:
    """A table with no chart, styled like the ones beside the charts."""
    return f'<div class="abc-table" markdown>\n\n{table}\n\n</div>\n'


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A markdown table; ``align`` has one letter per column, ``l`` or ``r``."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --- the stats page --------------------------------------------------------------------------


def _card(value: str, what: str, href: str) -> str:
    return (
        f'<a class="abc-card" href="#{href}"><span class="abc-num">{value}</span>'
        f'<span class="abc-what">{what}</span></a>'
    )


def _silence_phrase(s: Silence) -> str:
    text = f"{plural(s.days, 'day')} ({fmt_day(s.start)} to {fmt_day(s.end)})"
    return text


def stats_page(s: Stats, *, public: bool) -> str:
    """The stats page: every number with a chart, a table and what it means."""
    q = s.quota
    cov = s.coverage
    give, ask, catch = s.kind("give"), s.kind("ask"), s.kind("catch-up")
    b = s.burst
    out: list[str] = []
    add = out.append

    add("# Your stats\n")
    scope = (
        "This is the **public** build: aggregate numbers only, nothing about any one person."
        if public
        else "This is the **private** build, for your eyes only: the "
        "[people](people/index.md) pages list everyone by name. Do not publish it."
    )
    add(
        f"Generated from `contacts/` as of **{fmt_day(s.today)}**, with a daily quota of "
        f'{q}. {scope} "The year" below means the 365 days up to and including that '
        "day. For the same numbers in a terminal, run `abc stats`.\n"
    )
    add('<div class="abc-cards">')
    add(_card(str(cov.share), "coverage", "coverage"))
    add(_card(str(s.overdue), "overdue", "overdue"))
    add(_card(str(s.never), "never contacted", "overdue"))
    add(_card(plural(s.streak.current, "day"), "streak", "streak"))
    add(_card(f"{give.out_year} : {ask.out_year}", "gives : asks", "give-vs-ask"))
    add(_card(str(s.ahead.share), "one step ahead", "one-step-ahead"))
    add("</div>\n")

    # Network size
    add("## Network size { #network-size }\n")
    add(
        f"{plural(s.people, 'person', 'people')} in your network, by circle. Archived "
        f"people ({s.archived}) are not counted; of those counted, {s.snoozed} "
        f"{'is' if s.snoozed == 1 else 'are'} snoozed right now. At their cadences they need about {round(s.needed_per_year)} "
        f"touches a year; {q} a day gives {s.available_per_year}."
    )
    if s.needed_per_year > s.available_per_year:
        add(
            " **That is not enough**: see [Quality over quantity](strategies/quality-over-quantity.md)."
        )
    add("\n")
    size_svg = hbars(
        [(name, [n]) for name, n in s.circles],
        [("people", "abc-c1")],
        "People by circle: " + ", ".join(f"{name} {n}" for name, n in s.circles),
    )
    size_table = _table(
        ["circle", "people"], [[name, str(n)] for name, n in s.circles] + [["all", str(s.people)]]
    )
    add(_figure(size_svg, size_table))

    # Coverage
    add("## Coverage { #coverage }\n")
    add(
        f"**{cov.share}** of the people you keep up with are within their cadence: "
        f"{cov.within} of {cov.people}. Someone is within cadence when their last touch, in "
        "either direction, is no longer ago than their cadence. Archived and snoozed people "
        "are left out; people you have never contacted count as not within cadence.\n"
    )
    add(
        "The line shows coverage at the end of each of the last 52 weeks, worked out from "
        "the touches logged up to that day. A person counts from when they joined your "
        "network (the `met` date or their first touch, whichever is earlier). Circles, "
        "cadences and snoozes are taken as they are today.\n"
    )
    trend_svg = line_chart(
        [(p.day, None if p.share.ratio is None else 100 * p.share.ratio) for p in s.trend],
        f"Coverage over the last 52 weeks, from {s.trend[0].share} on {fmt_day(s.trend[0].day)} "
        f"to {cov.share} on {fmt_day(cov.day)}",
    )
    trend_rows = [
        [fmt_day(p.day), str(p.within), str(p.people), str(p.share)] for p in reversed(s.trend)
    ]
    trend_table = (
        '<details class="abc-details" markdown>\n<summary>Week by week</summary>\n\n'
        + _table(["week ending", "within", "people", "coverage"], trend_rows)
        + "\n\n</details>"
    )
    summary = _table(
        ["", "coverage"],
        [
            [f"now ({fmt_day(cov.day)})", str(cov.share)],
            [f"4 weeks ago ({fmt_day(s.trend[-5].day)})", str(s.trend[-5].share)],
            [f"a year ago ({fmt_day(s.trend[0].day)})", str(s.trend[0].share)],
        ],
    )
    add(_figure(trend_svg, summary + "\n\n" + trend_table))

    # Overdue
    add("## Overdue and never contacted { #overdue }\n")
    add(
        f"{plural(s.overdue, 'person is', 'people are')} overdue, {s.due_soon} "
        f"{'is' if s.due_soon == 1 else 'are'} due within the next 7 days, and "
        f"{plural(s.never, 'person has', 'people have')} never been contacted. "
        "`abc check` names them; `abc today` picks who to write to first.\n"
    )
    add(
        _plain(
            _table(
                ["state", "people"],
                [
                    ["overdue", str(s.overdue)],
                    ["due within 7 days", str(s.due_soon)],
                    ["never contacted", str(s.never)],
                    ["snoozed", str(s.snoozed)],
                    ["within cadence", str(cov.within)],
                ],
            )
        )
    )

    # Touches per month
    add("## Touches per month { #touches-per-month }\n")
    add(
        "Touches logged in each of the last 12 months (the current one is still running), "
        "split by who started the conversation.\n"
    )
    month_svg = columns(
        [(MONTH_NAMES[m.start.month - 1], [m.out, m.inbound]) for m in s.months],
        [("you started", "abc-c1"), ("they started", "abc-c2")],
        "Touches per month over the last 12 months: "
        + ", ".join(f"{fmt_month(m.start)} {m.out + m.inbound}" for m in s.months),
    )
    month_table = _table(
        ["month", "you started", "they started"],
        [[fmt_month(m.start), str(m.out), str(m.inbound)] for m in s.months],
    )
    add(_figure(month_svg, month_table))

    # Heatmap
    add("## Heatmap { #heatmap }\n")
    days_with = sum(1 for n in s.heatmap if n)
    total = sum(s.heatmap)
    ranges = heat_ranges(q)
    add(
        f"Outgoing touches per day since {fmt_day(s.heatmap_start)}: one square per day, "
        f"one column per week, Monday at the top. {plural(total, 'touch', 'touches')} on "
        f"{plural(days_with, 'day')}. The shades, lightest to darkest, mean {ranges[0]}, "
        f"{ranges[1]}, {ranges[2]}, {ranges[3]} and {ranges[4]} touches in a day, so the "
        "third shade and darker are days you met your quota.\n"
    )
    heat_svg = heatmap(
        s.heatmap_start,
        s.heatmap,
        q,
        f"Outgoing touches per day from {fmt_day(s.heatmap_start)} to {fmt_day(s.today)}: "
        f"{plural(total, 'touch', 'touches')} on {plural(days_with, 'day')}",
    )
    by_month: dict[date, list[int]] = {}
    for i, n in enumerate(s.heatmap):
        d = s.heatmap_start + timedelta(days=i)
        by_month.setdefault(date(d.year, d.month, 1), []).append(n)
    heat_table = _table(
        ["month", "touches", "days with one", f"days with {q} or more"],
        [
            [
                fmt_month(m),
                str(sum(ns)),
                str(sum(1 for n in ns if n)),
                str(sum(1 for n in ns if n >= q)),
            ]
            for m, ns in by_month.items()
        ],
    )
    add(_figure(heat_svg, heat_table, wide=True))

    # Streak
    st = s.streak
    add("## Streak { #streak }\n")
    if st.current:
        assert st.current_end is not None
        ending = "today" if st.current_end == s.today else "yesterday"
        now = f"Your current streak is **{plural(st.current, 'day')}**, up to {ending}"
    else:
        now = "You have no streak running right now"
    today_note = (
        f"; today has {st.today_count} so far, so it still counts if you reach {q}"
        if st.today_count < q and st.current
        else ""
    )
    longest = (
        f"Your longest was {plural(st.longest, 'day')}, ending {fmt_day(st.longest_end)}."
        if st.longest_end
        else "You have not had a day at quota yet."
    )
    add(
        f"A streak is a run of consecutive days with at least {q} outgoing touches (your "
        f"daily quota). {now}{today_note}. {longest} In the year you met the quota on "
        f"{plural(st.days_at_quota, 'day')}.\n"
    )
    add(
        _plain(
            _table(
                ["", "days"],
                [
                    ["current streak", str(st.current)],
                    ["longest streak", str(st.longest)],
                    ["days at quota in the year", str(st.days_at_quota)],
                    ["touches today", str(st.today_count)],
                ],
            )
        )
    )

    # Give vs ask
    add("## Give vs ask { #give-vs-ask }\n")
    add(
        f"In the year you gave **{give.out_year}** times and asked **{ask.out_year}** times; "
        f"{catch.out_year} of your touches were catch-ups. Touches the other person started "
        "are counted apart: a give they started is help you received.\n"
    )
    kind_svg = hbars(
        [(k.kind, [k.out_year, k.in_year]) for k in s.kinds],
        [("you started", "abc-c1"), ("they started", "abc-c2")],
        f"The year's touches by kind: you gave {give.out_year}, asked {ask.out_year}, "
        f"caught up {catch.out_year}",
    )
    kind_table = _table(
        ["kind", "you, year", "they, year", "you, all time", "they, all time"],
        [[k.kind, str(k.out_year), str(k.in_year), str(k.out_all), str(k.in_all)] for k in s.kinds],
    )
    add(_figure(kind_svg, kind_table))

    # Who reached out
    d = s.directions
    add("## Who reached out { #who-reached-out }\n")
    add(
        f"You started {d.out_year} of the year's conversations and other people started "
        f"{d.in_year}: **{d.in_share_year}** came to you. When people write to you first, "
        "the relationship runs both ways.\n"
    )
    dir_svg = hbars(
        [("the year", [d.out_year, d.in_year]), ("all time", [d.out_all, d.in_all])],
        [("you started", "abc-c1"), ("they started", "abc-c2")],
        f"Who started the conversation: in the year you {d.out_year}, they {d.in_year}",
    )
    dir_table = _table(
        ["", "you started", "they started"],
        [
            ["the year", str(d.out_year), str(d.in_year)],
            ["all time", str(d.out_all), str(d.in_all)],
        ],
    )
    add(_figure(dir_svg, dir_table))

    # Channels
    add("## Channels { #channels }\n")
    add("How the year's touches (either direction) happened, most used first.\n")
    if s.channels:
        chan_svg = hbars(
            [(name, [n]) for name, n in s.channels],
            [("touches", "abc-c1")],
            "The year's touches by channel: " + ", ".join(f"{name} {n}" for name, n in s.channels),
        )
        chan_table = _table(["channel", "touches"], [[name, str(n)] for name, n in s.channels])
        add(_figure(chan_svg, chan_table))
    else:
        add("No touches in the year yet.\n")

    # One step ahead
    a = s.ahead
    add("## One step ahead { #one-step-ahead }\n")
    add(
        f"**{a.share}** of the year's outgoing touches came on or before the person's due "
        f"date: {a.on_time} on time, {a.late} late. To get these numbers, each person's "
        "touches are taken in date order: every touch (yours or theirs) sets the next due "
        "date, that touch's date plus the person's cadence, and your next touch is on time "
        f"if it comes by then. A first-ever touch has no due date: "
        f"{plural(a.first, 'first touch', 'first touches')} in the year.\n"
    )
    ahead_svg = hbars(
        [("on time", [a.on_time]), ("late", [a.late]), ("first touch", [a.first])],
        [("touches", "abc-c1")],
        f"The year's outgoing touches: {a.on_time} on time, {a.late} late, {a.first} first",
    )
    ahead_table = _table(
        ["", "touches"],
        [
            ["on or before the due date", str(a.on_time)],
            ["after the due date", str(a.late)],
            ["first touch (no due date)", str(a.first)],
        ],
    )
    add(_figure(ahead_svg, ahead_table))

    # Burstiness
    add("## Burstiness { #burstiness }\n")
    add(
        "Defensive networking looks like a long silence and then a rush of messages, "
        "usually asks. These numbers show how evenly your outgoing touches are spread:\n"
    )
    even = round(100 * PEAK_DAYS / 365)
    peak_when = f" (from {fmt_day(b.peak_start)})" if b.peak_start is not None and b.peak else ""
    ask_when = (
        f" (from {fmt_day(b.ask_peak_start)})"
        if b.ask_peak_start is not None and b.ask_peak
        else ""
    )
    add(
        f"- **Busiest {PEAK_DAYS} days**: {b.peak} of the year's {b.year_out} outgoing touches"
        f"{peak_when}, {b.peak_share}. Spread evenly, it would be about {even}%."
    )
    if b.year_asks:
        add(
            f"- **Asks**: {b.ask_peak} of the year's {b.year_asks} asks fell in the busiest "
            f"{PEAK_DAYS} days for asks{ask_when}, {b.ask_peak_share}."
        )
    else:
        add("- **Asks**: none in the year.")
    add(f"- **Active weeks**: {b.active_weeks} of the last 52 weeks had an outgoing touch.")
    if b.current_silence is None:
        add("- **Silence**: no outgoing touch yet.")
    else:
        add(f"- **Days since your last outgoing touch**: {b.current_silence}.")
    add("")
    add(
        f"A *silence* is {SILENCE_DAYS} or more days in a row with no outgoing touch. The "
        f"flag goes up when a silence that ended in the year was followed by {BURST_TOUCHES} "
        f"or more outgoing touches within {BURST_DAYS} days, or when at least "
        f"{BURST_TOUCHES} asks were made in the year and half of them or more came within "
        f"{PEAK_DAYS} days of each other.\n"
    )
    if b.flagged:
        reasons = []
        if b.silence_then_burst:
            reasons.append("a long silence ended in a burst")
        if b.asks_bunched:
            reasons.append(f"{b.ask_peak_share} of the year's asks came within {PEAK_DAYS} days")
        add(
            f'!!! warning "Flagged: {" and ".join(reasons)}"\n'
            "    That is the defensive pattern. See "
            "[Don't network defensively](strategies/dont-network-defensively.md).\n"
        )
    else:
        add(
            '!!! success "Not flagged"\n'
            "    No silence followed by a burst, and no bunch of asks, in the year.\n"
        )
    if b.current_silence is not None and b.current_silence >= SILENCE_DAYS:
        add(
            f'!!! note "Silent for {b.current_silence} days"\n'
            "    You are in a silence right now. Two short notes today end it, with no "
            "burst needed.\n"
        )
    add(
        f"The chart shows outgoing touches per week since {fmt_day(s.heatmap_start)}; "
        "shaded bands mark silences.\n"
    )
    weeks = [sum(s.heatmap[i : i + 7]) for i in range(0, len(s.heatmap), 7)]
    silences = list(b.silences)
    bands = []
    for x in silences:
        first = max(0, (x.start - s.heatmap_start).days) // 7
        last = (x.end - s.heatmap_start).days // 7
        if last >= 0:
            bands.append((first, last, f"silence: {_silence_phrase(x)}"))
    week_svg = columns(
        [
            (
                MONTH_NAMES[(s.heatmap_start + timedelta(weeks=i)).month - 1] if i % 9 == 0 else "",
                [n],
            )
            for i, n in enumerate(weeks)
        ],
        [("touches", "abc-c1")],
        tips=[
            f"week of {fmt_day(s.heatmap_start + timedelta(weeks=i))}" for i in range(len(weeks))
        ],
        label=f"Outgoing touches per week since {fmt_day(s.heatmap_start)}; "
        f"{plural(len(silences), 'silence')} of {SILENCE_DAYS} days or more ended in the year",
        width=680,
        height=160,
        bands=bands,
    )
    silence_rows = [
        [
            fmt_day(x.start),
            fmt_day(x.end),
            str(x.days),
            str(x.burst),
            str(x.burst_asks),
        ]
        for x in silences
    ]
    silence_table = (
        _table(
            ["silence from", "to", "days", f"touches in the next {BURST_DAYS} days", "asks"],
            silence_rows,
            "llrrr",
        )
        if silence_rows
        else f"No silence of {SILENCE_DAYS} days or more ended in the year."
    )
    add(_figure(week_svg, silence_table, wide=True))
    return "\n".join(out).rstrip("\n") + "\n"


# --- people (private build only) ---------------------------------------------------------------

_SLUG_RE = re.compile(r"[^a-z0-9-]+")
_RESERVED = {"index"}


def page_names(contacts: Iterable[Contact]) -> dict[str, str]:
    """A safe, unique page name for each contact's slug: letters, digits and dashes only."""
    names: dict[str, str] = {}
    taken = set(_RESERVED)
    for c in sorted(contacts, key=lambda c: c.slug):
        base = _SLUG_RE.sub("-", c.slug.lower()).strip("-") or "person"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[c.slug] = name
    return names


def status_phrase(st: Status, today: date) -> str:
    if st.state == "archived":
        return "archived"
    if st.state == "snoozed":
        assert st.contact.snooze_until is not None
        return f"snoozed until {fmt_day(st.contact.snooze_until)}"
    if st.state == "never":
        return "never contacted"
    days = (st.due - today).days
    if days < 0:
        return f"overdue by {plural(-days, 'day')}"
    if days == 0:
        return "due today"
    return f"due in {plural(days, 'day')}"


def _sort_key(c: Contact) -> tuple[str, str]:
    return (c.name.casefold(), c.slug)


def people_index(contacts: Iterable[Contact], settings: Settings, today: date) -> str:
    """The private table of everyone, linking to their pages."""
    contacts = sorted(contacts, key=_sort_key)
    names = page_names(contacts)
    rows = []
    for c in contacts:
        st = status(c, settings, today)
        last = st.last_day
        rows.append(
            [
                f"[{esc(c.name)}]({names[c.slug]}.md)",
                c.circle,
                format_days(st.cadence),
                status_phrase(st, today),
                _nowrap(fmt_day(last)) if last else "never",
                str(sum(1 for t in c.touches if t.date <= today)),
            ]
        )
    lines = [
        "# People\n",
        f"{plural(len(contacts), 'person', 'people')} in `contacts/`, as of "
        f"{fmt_day(today)}. This page and the pages it links to exist only in the private "
        "build. They are not in the navigation on purpose: a sidebar listing everyone "
        "would put every name on every page.\n",
        _table(
            ["name", "circle", "every", "status", "last touch", "touches"],
            rows,
            "lllllr",
        ),
    ]
    return "\n".join(lines) + "\n"


def _safe_url(url: str) -> str | None:
    """Only web and mail links are made clickable."""
    lowered = url.strip().lower()
    if lowered.startswith(("https://", "http://", "mailto:")) and not any(
        ch.isspace() or ch in "<>\"'`" for ch in url.strip()
    ):
        return url.strip()
    return None


def _front_matter(title: str) -> str:
    """The page title, HTML-escaped, as YAML front matter.

    Without it MkDocs takes the title from the heading, and the theme puts that
    through ``striptags``, which turns character references back into markup
    inside ``<title>``. Material prints ``meta.title`` as it is, in the ``<title>``
    and the header, so it is escaped here, once. JSON strings are valid YAML.
    """
    return f"---\ntitle: {json.dumps(_attr(' '.join(title.split())))}\n---\n"


def person_page(contact: Contact, settings: Settings, today: date) -> str:
    """One person: who they are, where things stand, and every touch, newest first."""
    c = contact
    st = status(c, settings, today)
    rows: list[list[str]] = []
    if c.role or c.org:
        rows.append(["work", esc(" at ".join(x for x in (c.role, c.org) if x))])
    rows.append(["circle", f"{c.circle}, every {format_days(st.cadence)}"])
    rows.append(["status", status_phrase(st, today)])
    if st.last_day is not None:
        rows.append(["last touch", fmt_day(st.last_day)])
    if st.state not in ("archived", "snoozed", "never"):
        rows.append(["next due", fmt_day(st.due)])
    if c.met_date or c.met_how:
        met = ", ".join(
            x for x in (fmt_day(c.met_date) if c.met_date else "", esc(c.met_how or "")) if x
        )
        rows.append(["met", met])
    if c.birthday:
        b = c.birthday
        rows.append(
            ["birthday", f"{b.day} {MONTH_NAMES[b.month - 1]}" + (f" {b.year}" if b.year else "")]
        )
    if c.tags:
        rows.append(["tags", ", ".join(esc(t) for t in c.tags)])
    if c.emails:
        rows.append(["email", ", ".join(esc(e) for e in c.emails)])
    if c.phones:
        rows.append(["phone", ", ".join(esc(p) for p in c.phones)])
    for label, url in c.links:
        safe = _safe_url(url)
        text = esc(url)
        value = f'<a href="{_attr(safe)}" rel="noopener">{text}</a>' if safe else text
        rows.append([esc(label), value])
    rows.append(["file", f"<code>{esc(c.source.path)}</code>"])

    facts = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    out = [_front_matter(c.name), f"# {esc(c.name)}\n", f"<table>{facts}</table>\n"]
    if c.notes and c.notes.strip():
        out += [
            "## Notes\n",
            '<div class="abc-notes">' + "<br>\n".join(esc_lines(c.notes)) + "</div>\n",
        ]
    touches = [t for t in c.touches if t.date <= today]
    out.append("## History\n")
    if touches:
        gives = sum(1 for t in touches if t.kind == "give" and t.direction == "out")
        asks = sum(1 for t in touches if t.kind == "ask" and t.direction == "out")
        ins = sum(1 for t in touches if t.direction == "in")
        out.append(
            f"{plural(len(touches), 'touch', 'touches')}: you gave {gives} and asked {asks}; "
            f"{ins} started by them.\n"
        )
        out.append(
            _html_table(
                ["date", "started by", "channel", "kind", "note"],
                [
                    [
                        _nowrap(fmt_day(t.date)),
                        "you" if t.direction == "out" else "them",
                        t.channel or "",
                        t.kind,
                        esc(t.note or ""),
                    ]
                    for t in reversed(touches)
                ],
            )
        )
    else:
        out.append("No touches yet.")
    return "\n".join(out).rstrip("\n") + "\n"


# --- everything ---------------------------------------------------------------------------------


def pages(network: Network, today: date, *, public: bool) -> dict[str, str]:
    """Every generated page, by its path under the docs folder.

    The public build gets the stats page only; the private build adds the people.
    """
    result = {
        STATS_PAGE: stats_page(compute(network.contacts, network.settings, today), public=public)
    }
    if public:
        return result
    result[f"{PEOPLE_DIR}/index.md"] = people_index(network.contacts, network.settings, today)
    names = page_names(network.contacts)
    for c in network.contacts:
        result[f"{PEOPLE_DIR}/{names[c.slug]}.md"] = person_page(c, network.settings, today)
    return result
