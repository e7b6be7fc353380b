"""The clock: the one place abc reads the time, and what "today" is for a network.

Today is the network's today: its ``shown_as_of`` setting when it has one (a
demo or an example network, which so tells the same story on any date), else the
date in the ``timezone`` of its settings (UTC when abc.yaml has none, or cannot
be read), not the machine's. ``ABC_NOW`` (an ISO 8601 instant such as
``2026-11-25T23:30:00Z``; UTC when it has no offset) stands in for the clock, so
tests and reruns do not depend on the real one.
``--today`` and ``ABC_TODAY`` are handled by the callers and win over all of these.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from abcnet.core.model import MAX_YEAR, MIN_YEAR, Settings
from abcnet.core.problems import UsageError

#: The environment variable that stands in for the clock.
NOW_VAR = "ABC_NOW"


def now() -> datetime:
    """The current instant, aware, in UTC: ``ABC_NOW`` when it is set, else the clock."""
    text = os.environ.get(NOW_VAR, "").strip()
    if not text:
        return datetime.now(UTC)
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        instant = None
    if instant is None or not MIN_YEAR <= instant.year <= MAX_YEAR:
        raise UsageError(
            f"{NOW_VAR}={text!r} is not an instant from {MIN_YEAR} to {MAX_YEAR}; "
            "use e.g. 2026-11-25T23:30:00Z"
        )
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)


def today_in(zone: str) -> date:
    """Today's date in the time zone ``zone`` (an IANA name; UTC if it is unknown)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when the clock is read

    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return now().astimezone(tz).date()


def local_today() -> date:
    """Today's date in this machine's time zone: for ``abc init``, before any network."""
    return now().astimezone().date()


def network_zone(root: Path) -> str:
    """The network's time zone: its ``timezone`` setting, UTC when there is none."""
    from .contacts import load_settings

    return load_settings(root)[0].timezone


def network_today(root: Path) -> date:
    """Today in the network at ``root``: its ``shown_as_of``, else the date in its time zone."""
    from .contacts import load_settings

    return settings_today(load_settings(root)[0])


def settings_today(settings: Settings) -> date:
    """Today in a network of these settings: its ``shown_as_of``, else the date in its
    time zone."""
    if settings.shown_as_of is not None:
        return settings.shown_as_of
    return today_in(settings.timezone)
