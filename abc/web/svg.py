"""SVG charts as strings: bars, columns, a line, a heatmap, and the pieces they are built of.

No JavaScript, no web requests. Colours come from CSS classes that
``site/assets/abc.css`` maps to CSS variables (with plain ``fill`` attributes as a
fallback), so light and dark mode both work. Each chart has ``role="img"``, an
``aria-label`` and a ``<title>``; the page puts it in an element marked
``data-search-exclude`` (so tooltips stay out of the search index), with a plain
table beside it holding the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from abcnet.core.words import plural

from .markup import MONTH_NAMES, attr, fmt_day, xml

# Heatmap levels, lightest to darkest: fallback colours when the stylesheet is missing.
HEAT_FALLBACK = ("#ebedf0", "#9ecae1", "#4a98c9", "#1764ab", "#08306b")
C1_FALLBACK = "#0072b2"  # blue, Okabe-Ito
C2_FALLBACK = "#e69f00"  # orange, Okabe-Ito
TEXT_FALLBACK = "#666666"
GRID_FALLBACK = "#dddddd"
BAND_FALLBACK = "#f3f3f3"


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


def _svg(kind: str, width: int, height: int, label: str, body: Sequence[str]) -> str:
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="abc-svg abc-{kind}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{attr(label)}">',
            f"<title>{xml(label)}</title>",
            *body,
            "</svg>",
        ]
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
    body = _legend(series, left) if len(series) > 1 else []
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
