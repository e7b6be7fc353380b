"""The practice over time in words: `abc history`'s table, and as stable JSON."""

from __future__ import annotations

from typing import TypedDict

from abcnet.core.history import History, HistoryMonth
from abcnet.core.model import CIRCLES
from abcnet.core.stats import Share
from abcnet.core.words import plural

# --- the JSON document of `abc history --json` -------------------------------------------


class WithinJson(TypedDict):
    within: int
    people: int


# "in" is a keyword, so the month takes the functional form.
MonthJson = TypedDict(
    "MonthJson",
    {
        "month": str,
        "kept": int,
        "touches": int,
        "out": int,
        "in": int,
        "give": int,
        "ask": int,
        "balance": str,
        "within": dict[str, WithinJson],
        "added": int,
        "archived": int | None,
    },
)


class HistoryJson(TypedDict):
    source: str
    why_files: str | None
    commits: int
    unreadable: int
    months: list[MonthJson]


def month_json(m: HistoryMonth) -> MonthJson:
    return {
        "month": m.month,
        "kept": m.kept,
        "touches": m.touches,
        "out": m.out,
        "in": m.inbound,
        "give": m.give,
        "ask": m.ask,
        "balance": m.give_ask.balance,
        "within": {c: {"within": s.part, "people": s.whole} for c, s in m.within},
        "added": m.added,
        "archived": m.archived,
    }


def as_json(h: History) -> HistoryJson:
    """The months, oldest first, with where they came from."""
    return {
        "source": h.source,
        "why_files": h.why_files,
        "commits": h.commits,
        "unreadable": h.unreadable,
        "months": [month_json(m) for m in h.months],
    }


# --- the table of `abc history` ------------------------------------------------------------

COLUMNS = ("month", "kept", "touches", "you", "them", "give", "ask", "within", *CIRCLES)
TAIL = ("added", "archived")


def _percent(share: Share) -> str:
    return "-" if share.percent is None else f"{share.percent}%"


def source_lines(h: History) -> list[str]:
    """Where the months come from."""
    if h.source == "git":
        left = (
            f"; {plural(h.unreadable, 'file version')} with errors left out" if h.unreadable else ""
        )
        return [f"From git: {plural(h.commits, 'commit')} of contacts/{left}."]
    return [
        f"From the files alone ({h.why_files}): each person counts from when they joined",
        "(met or first touch); people archived now are left out, as the files do not say when.",
    ]


def lines(h: History) -> list[str]:
    """The source line, then one row per month, oldest first, under a header."""
    if not h.months:
        return [*source_lines(h), "No months yet: no touch and no met date in the files."]
    rows = [[*COLUMNS, *TAIL]]
    for m in h.months:
        circles = dict(m.within)
        rows.append(
            [
                m.month,
                str(m.kept),
                str(m.touches),
                str(m.out),
                str(m.inbound),
                str(m.give),
                str(m.ask),
                _percent(m.within_all),
                *(_percent(circles[c]) for c in CIRCLES),
                str(m.added),
                "-" if m.archived is None else str(m.archived),
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    table = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    key = [
        "you, them: the touches you started, and those they started.",
        "within: the kept people within their cadence at the month's end, all and by circle.",
    ]
    return [*source_lines(h), "", *table, "", *key]
