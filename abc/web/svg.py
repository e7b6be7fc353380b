"""SVG charts as strings: bars, columns, a line, a heatmap, and the pieces they are built of.

No JavaScript, no web requests. Charts are drawn for a phone first: the usual width
(:data:`NARROW`, 360) fits the 358 pixels a 390-pixel phone leaves for content, so
12-pixel text stays 12 pixels. A wider chart (the heatmap, the weeks of the year) is
never shrunk below :data:`MIN_SCALE`, so its text stays at 11 pixels or more; it sits
in a scroll region instead (focusable, labelled) that opens on its right end, the
latest weeks, with no script (``direction: rtl`` in ``abc.css``). Colours come from CSS classes that
``site/assets/abc.css`` maps to CSS variables (with plain ``fill`` attributes as a
fallback), so light and dark mode both work. Each chart has ``role="img"``, an
``aria-label`` and a ``<title>``; the page puts it in an element marked
``data-search-exclude`` (so tooltips stay out of the search index), with a plain
table beside it holding the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from abcnet.core.words import plural

from .markup import MONTH_NAMES, attr, fmt_day, xml

# Heatmap levels, fewest touches to most: fallback colours when the stylesheet is missing
# (the light scheme's; abc.css sets both schemes).
HEAT_FALLBACK = ("#ebedf0", "#4a8fc4", "#2a6fac", "#14508a", "#08306b")
C1_FALLBACK = "#0072b2"  # blue, Okabe-Ito
C2_FALLBACK = "#e69f00"  # orange, Okabe-Ito
TEXT_FALLBACK = "#666666"
GRID_FALLBACK = "#dddddd"
BAND_FALLBACK = "#f3f3f3"

#: The width charts are drawn at unless they need more: what a phone shows whole.
NARROW = 360
#: Chart text is 12 pixels in the chart's own units (``abc.css``).
TEXT_PX = 12
#: A wide chart is never drawn smaller than this share of its width: text stays >= 11 px.
MIN_SCALE = 11 / TEXT_PX


# --- numbers ----------------------------------------------------------------------------------


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


def min_width(width: int) -> int:
    """The fewest pixels a chart ``width`` wide is drawn in: all of them for a narrow
    chart, which may shrink with the page; a wide one keeps its text at 11 px or more."""
    return math.ceil(width * MIN_SCALE) if width > NARROW else 0


def _svg(
    kind: str, width: int, height: int, label: str, body: Sequence[str], *, shrink: bool = False
) -> str:
    """The ``<svg>`` element; ``shrink`` lets a wide one shrink like a narrow one."""
    least = 0 if shrink else min_width(width)
    style = f' style="min-width:{least}px"' if least else ""
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-{kind}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}"{style} '
            f'role="img" aria-label="{attr(label)}">',
            f"<title>{xml(label)}</title>",
            *body,
            "</svg>",
        ]
    )


def scroll(chart: str, label: str, width: int) -> str:
    """A chart too wide for a phone inside a region that scrolls sideways: focusable
    and labelled, so a keyboard can scroll it too; it opens on the right end, the
    latest weeks (``.abc-scroll`` in ``abc.css``). A narrow chart is returned as it is."""
    if not min_width(width):
        return chart
    return (
        f'<div class="abc-scroll" tabindex="0" role="region" '
        f'aria-label="{attr(label)} (scrolls sideways; opens on the latest weeks)">{chart}</div>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "abc-t") -> str:
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" class="{cls}" text-anchor="{anchor}" '
        f'fill="{TEXT_FALLBACK}">{xml(text)}</text>'
    )


def _rect(
    x: float, y: float, w: float, h: float, cls: str, fill: str, tip: str | None = None
) -> str:
    head = (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
        f'class="{cls}" fill="{fill}"'
    )
    return f"{head}><title>{xml(tip)}</title></rect>" if tip else f"{head}/>"


def _line(x1: float, y1: float, x2: float, y2: float, cls: str = "abc-grid") -> str:
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'class="{cls}" stroke="{GRID_FALLBACK}"/>'
    )


SERIES = {"abc-c1": C1_FALLBACK, "abc-c2": C2_FALLBACK}


def _legend(series: Sequence[tuple[str, str]], x: float) -> list[str]:
    """A swatch and a name for each series ``(name, css class)``, in a row from ``x``."""
    body = []
    for name, cls in series:
        body.append(_rect(x, 6, 10, 10, cls, SERIES[cls]))
        body.append(_text(x + 14, 15, name))
        x += 24 + 7 * len(name)
    return body


def hbars(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[tuple[str, str]],
    label: str,
    *,
    width: int = NARROW,
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
    body = _legend(series, label_w) if legend_h else []
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
    width: int = NARROW,
    height: int = 200,
    bands: Sequence[tuple[float, float, str]] = (),
    tips: Sequence[str] = (),
    y_label: str = "touches",
    partial: int | None = None,
) -> str:
    """Stacked columns: one per group, stacking the series ``(name, css class)``.

    ``bands`` shade ranges of columns ``(first, last, tip)``; an empty group label
    is not drawn; ``tips`` names each group in its tooltips (default: its label);
    ``y_label`` names the values, above the axis, with the legend beside it;
    ``partial`` is the index of a group still running (this month): drawn faded,
    with "so far" over it and in its tooltips, so it does not read as a collapse.
    Wider than :data:`NARROW`, the chart comes in a :func:`scroll` region.
    """
    left, right, top, bottom = 34, 6, 30, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    most = _nice_max(max((sum(v) for _, v in groups), default=0))
    slot = plot_w / max(len(groups), 1)
    body = [_text(2, 15, y_label, cls="abc-t abc-axis")]
    if len(series) > 1:
        body += _legend(series, max(left, 2 + 7 * len(y_label) + 16))
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
        running = i == partial
        what = (tips[i] if tips else name) + (" so far" if running else "")
        for (sname, cls), value in zip(series, values, strict=True):
            if value:
                h = plot_h * value / most
                y -= h
                tip = f"{what}, {sname}: {value}" if len(series) > 1 else f"{what}: {value}"
                look = f"{cls} abc-partial" if running else cls
                body.append(_rect(x0, y, slot * 0.7, h, look, SERIES[cls], tip))
        if running:  # the last column's words end at its right edge, inside the chart
            last = i == len(groups) - 1
            x = x0 + slot * (0.7 if last else 0.35)
            body.append(_text(x, y - 4, "so far", anchor="end" if last else "middle"))
        if name:
            body.append(_text(x0 + slot * 0.35, height - 6, name, anchor="middle"))
    return scroll(_svg("columns", width, height, label, body), label, width)


def _month_ticks(days: Sequence[date]) -> list[tuple[int, str]]:
    """Each point where a new month starts, at most one every four points."""
    ticks: list[tuple[int, str]] = []
    for i in range(1, len(days)):
        if days[i - 1].month != days[i].month and (not ticks or i - ticks[-1][0] >= 4):
            ticks.append((i, MONTH_NAMES[days[i].month - 1]))
    return ticks


def year_ticks(months: Sequence[date]) -> list[tuple[int, str]]:
    """For a line of months: each January, named by its year (and the first month, when
    there is no January to name)."""
    ticks = [(i, str(m.year)) for i, m in enumerate(months) if m.month == 1]
    return ticks or (
        [(0, f"{MONTH_NAMES[months[0].month - 1]} {months[0].year}")] if months else []
    )


def line_chart(
    points: Sequence[tuple[date, float | None]],
    label: str,
    *,
    width: int = NARROW,
    height: int = 180,
    y_label: str = "per cent",
    fit: bool = False,
    ticks: Sequence[tuple[int, str]] | None = None,
) -> str:
    """A line of percentages (0-100) over dates; a None point breaks the line.
    ``y_label`` names the values, above the axis. With ``fit`` the axis starts at
    :func:`fitted_floor` of the values rather than at 0, so that a fall from 95% to
    84% shows as one, not as a flat line at the top. The x axis names each new month
    (at most one every four points), or ``ticks``: (point index, label) pairs, such
    as each January's year for a line of months. Wider than :data:`NARROW`, the
    chart comes in a :func:`scroll` region."""
    left, right, top, bottom = 40, 10, 24, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)
    low = fitted_floor([v for _, v in points if v is not None]) if fit else 0

    def y_of(pct: float) -> float:
        return top + plot_h - plot_h * (pct - low) / (100 - low)

    body = [_text(2, 12, y_label, cls="abc-t abc-axis")]
    for k in range(5):
        pct = low + (100 - low) * k / 4
        body.append(_line(left, y_of(pct), width - right, y_of(pct)))
        if k % 2 == 0:
            body.append(_text(left - 5, y_of(pct) + 4, f"{_num(pct)}%", anchor="end"))
    if ticks is None:
        ticks = _month_ticks([day for day, _ in points])
    for i, name in ticks:
        body.append(_text(left + i * step, height - 6, name, anchor="middle"))
    segments: list[list[str]] = [[]]
    for i, (_, value) in enumerate(points):
        if value is None:
            segments.append([])
            continue
        segments[-1].append(f"{_num(left + i * step)},{_num(y_of(value))}")
    for seg in segments:
        if len(seg) > 1:
            body.append(
                f'<polyline points="{" ".join(seg)}" class="abc-line" fill="none" '
                f'stroke="{C1_FALLBACK}" stroke-width="2"/>'
            )
    if points and points[-1][1] is not None:
        x, y = left + (len(points) - 1) * step, y_of(points[-1][1])
        body.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" class="abc-dot" fill="{C1_FALLBACK}"/>'
        )
    return scroll(_svg("line", width, height, label, body), label, width)


def fitted_floor(values: Sequence[float]) -> int:
    """Where a fitted percentage axis starts: 10 points under the lowest value, rounded
    down to a multiple of 20 (so its ticks are whole numbers), and 0 when that is near.

    >>> fitted_floor([95.0, 84.2]), fitted_floor([61.0, 70.0]), fitted_floor([30.0]), fitted_floor([])
    (60, 40, 0, 0)
    """
    if not values:
        return 0
    low = int((min(values) - 10) // 20 * 20)
    return low if low >= 40 else 0


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
    """A year of days, one column per week (Monday at the top), a stronger colour for
    more touches; then its legend.

    The days come in a :func:`scroll` region that opens on the latest weeks; the
    legend is a chart of its own below it, outside the region, so it is always in
    view. Stronger, not darker: in the dark scheme more touches are lighter.
    """
    cell, step, left, top = 11, 13, 30, 18
    weeks = (len(counts) + 6) // 7
    width = left + weeks * step + 2
    height = top + 7 * step + 2
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
    days = scroll(_svg("heatmap", width, height, label, body), label, width)
    return days + heat_legend(quota)


def heat_legend(quota: int) -> str:
    """The heatmap's legend: each shade with the touches a day it stands for, in words
    that hold in either colour scheme."""
    ranges = heat_ranges(quota)
    body = [_text(0, 13, "touches a day:")]
    x = 104.0
    for level, what in enumerate(ranges):
        body.append(_rect(x, 3, 11, 11, f"abc-h{level}", HEAT_FALLBACK[level], f"{what} a day"))
        body.append(_text(x + 15, 13, what))
        x += 15 + 7 * len(what) + 10
    text = (
        "Legend: from the faintest colour to the strongest, "
        f"{', '.join(ranges[:-1])} and {ranges[-1]} touches a day"
    )
    return _svg("heat-legend", math.ceil(x), 18, text, body, shrink=True)
