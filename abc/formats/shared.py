"""``stats.json``: the aggregates a public build shares, for a coach to read. Pure.

The public build writes it beside ``index.html`` when the settings say
``public_stats: true``; ``abc coach build`` reads it. It holds figures of the
public stats page's kind, by the same rule (:mod:`abcnet.core.publish`): shares
in whole percent, each out of at least ``PUBLIC_MIN``, the network's size as a
band, and one rate over the whole year (touches a week, from ``PUBLIC_MIN``
touches); never a name, slug, email, phone, note or a date of anything done.
Version 1, every key always present (``null`` where the figure is out of too few):

=======================  ==================================================================
key                      value
=======================  ==================================================================
``schema``               ``"abc-stats"``
``version``              ``1``; a reader refuses a higher one
``as_of``                the day the build was made, ``YYYY-MM-DD``
``size``                 ``[low, high]``: the band of kept people (``high`` null: open)
``within_cadence``       percent of kept people within their cadence today
``within_cadence_then``  the same a year (51 weeks) ago
``touches_per_week``     the year's outgoing touches over 52 weeks, one decimal
``active_weeks``         percent of the last 52 weeks with an outgoing touch
``gives``                percent of gives among the year's gives and asks
``started_by_them``      percent of the year's conversations the other person started
``on_time``              percent of the year's outgoing touches on time or early
``reconnect_weeks``      percent of the last 52 weeks with a dormant tie reached
=======================  ==================================================================

Reading is strict about what it understands and says what is wrong in one line:
not JSON, not this schema, a newer version, a key of the wrong type. Keys it does
not know are ignored, so a later version-1 writer may add some.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from abcnet.core.publish import SharedFigures
from abcnet.core.stats import Share

SCHEMA = "abc-stats"
VERSION = 1
FILE = "stats.json"
#: The percentages, in the order the coach's page shows them.
PERCENTS = (
    "within_cadence",
    "within_cadence_then",
    "active_weeks",
    "gives",
    "started_by_them",
    "on_time",
    "reconnect_weeks",
)


@dataclass(frozen=True)
class Shared:
    """One person's shared figures (None where too few to publish)."""

    as_of: date
    size: tuple[int, int | None]
    within_cadence: int | None
    within_cadence_then: int | None
    touches_per_week: float | None
    active_weeks: int | None
    gives: int | None
    started_by_them: int | None
    on_time: int | None
    reconnect_weeks: int | None

    @property
    def trend(self) -> int | None:
        """Within cadence now less a year ago, in percentage points."""
        if self.within_cadence is None or self.within_cadence_then is None:
            return None
        return self.within_cadence - self.within_cadence_then


def shared_of(f: SharedFigures, as_of: date) -> Shared:
    """The document's values from the figures the publication rule allows."""
    p = f.public

    def pct(share: Share | None) -> int | None:
        return None if share is None else share.percent

    return Shared(
        as_of=as_of,
        size=p.size_band,
        within_cadence=pct(p.coverage),
        within_cadence_then=pct(p.coverage_then),
        touches_per_week=f.touches_per_week,
        active_weeks=pct(p.active_weeks),
        gives=pct(p.gives),
        started_by_them=pct(p.started_by_them),
        on_time=pct(p.on_time),
        reconnect_weeks=pct(f.reconnect_weeks),
    )


def to_json(s: Shared) -> str:
    """The document, keys in the documented order, ending in a newline."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "as_of": s.as_of.isoformat(),
        "size": list(s.size),
        "within_cadence": s.within_cadence,
        "within_cadence_then": s.within_cadence_then,
        "touches_per_week": s.touches_per_week,
        "active_weeks": s.active_weeks,
        "gives": s.gives,
        "started_by_them": s.started_by_them,
        "on_time": s.on_time,
        "reconnect_weeks": s.reconnect_weeks,
    }
    return json.dumps(doc, indent=2) + "\n"


class SharedError(ValueError):
    """What is wrong with a stats.json, in one line."""


def _percent(doc: dict[str, Any], key: str) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 100:
        raise SharedError(f"{key} is {json.dumps(value)}, not a percentage (0 to 100) or null")
    return value


def _size(doc: dict[str, Any]) -> tuple[int, int | None]:
    value = doc.get("size")
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and type(value[0]) is int
        and (value[1] is None or type(value[1]) is int)
    )
    if not ok:
        raise SharedError(f"size is {json.dumps(value)}, not [low, high]")
    assert isinstance(value, list)
    return value[0], value[1]


def _rate(doc: dict[str, Any]) -> float | None:
    value = doc.get("touches_per_week")
    if value is None:
        return None
    if type(value) not in (int, float) or value < 0:
        raise SharedError(f"touches_per_week is {json.dumps(value)}, not a number or null")
    return float(value)


def from_json(data: bytes) -> Shared:
    """The figures in a stats.json's bytes; a :class:`SharedError` says what is wrong."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        raise SharedError(f"not JSON ({e})") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise SharedError(f'not an abc stats.json (no "schema": "{SCHEMA}")')
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise SharedError(f"version is {json.dumps(version)}, not a whole number from 1")
    if version > VERSION:
        raise SharedError(
            f"written by a newer abc (version {version}); this abc reads version {VERSION}: "
            "update abc"
        )
    try:
        as_of = date.fromisoformat(str(doc.get("as_of")))
    except ValueError:
        raise SharedError(f"as_of is {json.dumps(doc.get('as_of'))}, not YYYY-MM-DD") from None
    return Shared(
        as_of=as_of,
        size=_size(doc),
        within_cadence=_percent(doc, "within_cadence"),
        within_cadence_then=_percent(doc, "within_cadence_then"),
        touches_per_week=_rate(doc),
        active_weeks=_percent(doc, "active_weeks"),
        gives=_percent(doc, "gives"),
        started_by_them=_percent(doc, "started_by_them"),
        on_time=_percent(doc, "on_time"),
        reconnect_weeks=_percent(doc, "reconnect_weeks"),
    )
