"""The coach's site: several people's shared figures side by side, as one HTML page. Pure.

Built by ``abc coach build`` from the ``stats.json`` each client's public build
shares (:mod:`abcnet.formats.shared`), so it holds what those hold and nothing
else: no name but the label the coach gave each source (its address or folder).
A standalone page with its style inline, no script, no web font and no request:
it works from disk, from GitHub Pages and on a phone (the table scrolls on its
own, the charts are drawn phone-wide).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from abcnet.formats.shared import Shared

from .markup import attr, xml
from .svg import hbars

INDEX = "index.html"
#: Shown for a figure the client's build left out: out of too few to publish.
MISSING = "–"
MISSING_TIP = "fewer than 10 to count, so not published"

STYLE = """
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #595959;
  --line: #d0d0d0; --c1: #0072b2; --c2: #e69f00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --bg: #161616; --muted: #b0b0b0;
  --line: #444444; --c1: #56b4e9; --c2: #e69f00; } }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  margin: 0 auto; padding: 1rem; max-width: 76rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.2rem; margin-top: 2rem; }
p.note, td.as-of { color: var(--muted); }
.scroll { overflow-x: auto; } table { border-collapse: collapse; }
th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right;
  white-space: nowrap; } th:first-child, td:first-child { text-align: left; }
thead th { white-space: normal; vertical-align: bottom; }
.abc-t { fill: var(--fg); font-size: 12px; } .abc-c1 { fill: var(--c1); }
.abc-c2 { fill: var(--c2); } .abc-grid { stroke: var(--line); }
svg { max-width: 100%; height: auto; }
"""

HEADER = (
    "Client",
    "Kept",
    "Within cadence",
    "A year ago",
    "Trend",
    "Touches a week",
    "Weeks active",
    "Gives",
    "Started by them",
    "On time",
    "Reconnect weeks",
    "As of",
)


def size_text(size: tuple[int, int | None]) -> str:
    low, high = size
    return f"{low}+" if high is None else f"{low}–{high}"


def _pct(value: int | None) -> str:
    if value is None:
        return f'<td title="{attr(MISSING_TIP)}">{MISSING}</td>'
    return f"<td>{value}%</td>"


def _trend(value: int | None) -> str:
    if value is None:
        return f'<td title="{attr(MISSING_TIP)}">{MISSING}</td>'
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"<td>{sign}{abs(value)} pts</td>"


def _row(label: str, s: Shared) -> str:
    rate = MISSING if s.touches_per_week is None else f"{s.touches_per_week:.1f}"
    cells = [
        f'<th scope="row">{xml(label)}</th>',
        f"<td>{size_text(s.size)}</td>",
        _pct(s.within_cadence),
        _pct(s.within_cadence_then),
        _trend(s.trend),
        f"<td>{rate}</td>",
        _pct(s.active_weeks),
        _pct(s.gives),
        _pct(s.started_by_them),
        _pct(s.on_time),
        _pct(s.reconnect_weeks),
        f'<td class="as-of">{s.as_of.isoformat()}</td>',
    ]
    return "<tr>" + "".join(cells) + "</tr>"


#: The longest label a chart row shows whole (the table has every label whole).
CHART_LABEL = 17


def short(label: str) -> str:
    """``lena.example.org/network`` → ``lena.example.org…``: what fits beside a bar."""
    return label if len(label) <= CHART_LABEL else label[: CHART_LABEL - 1] + "…"


def shorts(labels: Sequence[str]) -> list[str]:
    """Each label as :func:`short` cuts it; when that leaves two alike (clients on one
    host: ``coach.example.org/clients/lena``), each label's end instead."""
    heads = [short(label) for label in labels]
    if len(set(heads)) == len(heads):
        return heads
    tails = [x if len(x) <= CHART_LABEL else "…" + x[-(CHART_LABEL - 1) :] for x in labels]
    return tails if len(set(tails)) == len(tails) else heads


def _chart(clients: Sequence[tuple[str, Shared]]) -> str:
    """Within cadence by client: a year ago and now when every client has both, else now."""
    kept = [(label, s) for label, s in clients if s.within_cadence is not None]
    shown = list(zip(shorts([label for label, _ in kept]), [s for _, s in kept], strict=True))
    if not shown:
        return ""
    rows: list[tuple[str, tuple[int, ...]]]
    series: tuple[tuple[str, str], ...]
    if all(s.within_cadence_then is not None for _, s in shown):
        rows = [(label, (s.within_cadence_then or 0, s.within_cadence or 0)) for label, s in shown]
        series = (("a year ago", "abc-c2"), ("now", "abc-c1"))
        title = "Within cadence, a year ago and now"
    else:
        rows = [(label, (s.within_cadence or 0,)) for label, s in shown]
        series = (("now", "abc-c1"),)
        title = "Within cadence now"
    chart = hbars(rows, series, f"Kept people {title[0].lower()}{title[1:]}, in percent")
    return f"<h2>{title}</h2>\n<figure>{chart}</figure>\n"


def page(clients: Sequence[tuple[str, Shared]], problems: Sequence[str], today: date) -> str:
    """The whole page: a table of every client, a chart, and the sources that failed."""
    head = "".join(f'<th scope="col">{xml(h)}</th>' for h in HEADER)
    body = "\n".join(_row(label, s) for label, s in clients)
    failed = ""
    if problems:
        items = "".join(f"<li>{xml(p)}</li>" for p in problems)
        failed = f"<h2>Not read</h2>\n<ul>{items}</ul>\n"
    n = len(clients)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Practice, side by side</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        "<h1>Practice, side by side</h1>\n"
        f'<p class="note">{n} {"person" if n == 1 else "people"}, from the figures each '
        f"public site shares (stats.json): shares of at least 10, no names. Built on "
        f"{today.isoformat()}.</p>\n"
        f'<div class="scroll" tabindex="0" role="region" aria-label="Every client">'
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n"
        f"{_chart(clients)}{failed}"
        '<p class="note">Kept: the people they keep up with, as a range. Within cadence: '
        "the share of them last in touch within their cadence; a year ago, the same 51 weeks "
        "earlier; trend, the difference. Touches a week: over the last year. Weeks active, "
        "reconnect weeks: of the last 52, the share with an outgoing touch, and with a "
        "dormant tie reached. Gives: among gives and asks. A dash: fewer than 10 to count.</p>\n"
        "</main>\n</body>\n</html>\n"
    )
