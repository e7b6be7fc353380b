"""Turn loaded YAML data into model values, collecting every problem on the way.

Pure: takes the data a loader produced (plain dicts and lists, dates still as
text), a function that knows the line of each value, and today's date.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import (
    CHANNELS,
    CIRCLES,
    DIRECTIONS,
    FLOOR_DAYS,
    KINDS,
    Birthday,
    Contact,
    Settings,
    Source,
    Touch,
    parse_cadence,
)
from .problems import Problem

#: A path into the loaded document: keys and list indexes.
Path = tuple[str | int, ...]
#: Returns the 1-based line of the value at a path (the line of its key), or 0.
Locator = Callable[[Path], int]

CONTACT_KEYS = (
    "name",
    "email",
    "phone",
    "links",
    "org",
    "role",
    "circle",
    "cadence",
    "tags",
    "met",
    "birthday",
    "snooze_until",
    "archived",
    "notes",
    "touches",
)
TOUCH_KEYS = ("date", "channel", "direction", "kind", "note")
MET_KEYS = ("date", "how")
SETTINGS_KEYS = (
    "daily_quota",
    "minutes",
    "cadences",
    "reminder_time",
    "timezone",
    "horizon",
    "birthdays",
    "private",
    "calendar_name",
    "commit",
)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BIRTHDAY_RE = re.compile(r"^(?:(\d{4})-|--)?(\d{2})-?(\d{2})$")
_EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_URL_RE = re.compile(r"^(https?://\S+|mailto:\S+)$", re.IGNORECASE)


def no_lines(path: Path) -> int:
    """The locator for data loaded without positions."""
    return 0


def _field(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a " + type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return _type_name(value)  # never str() a container: it may be an alias bomb
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Collector:
    def __init__(self, path: str, locate: Locator) -> None:
        self.path = path
        self.locate = locate
        self.problems: list[Problem] = []

    def add(self, where: Path, message: str, *, warning: bool = False) -> None:
        self.problems.append(
            Problem(
                self.path,
                self.locate(where),
                _field(where),
                message,
                "warning" if warning else "error",
            )
        )

    def unknown_keys(self, data: dict[Any, Any], allowed: Iterable[str], where: Path) -> None:
        allowed = tuple(allowed)
        for k in data:
            if k in allowed:
                continue
            hint = difflib.get_close_matches(str(k), allowed, n=1, cutoff=0.6)
            advice = f"did you mean '{hint[0]}'?" if hint else "allowed: " + ", ".join(allowed)
            self.add((*where, str(k)), f"unknown key; {advice}")

    def text(self, data: dict[Any, Any], key: str, where: Path) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.add((*where, key), f"expected text, found {_type_name(value)}")
        return None

    def one_or_list(self, data: dict[Any, Any], key: str, where: Path) -> list[tuple[Path, str]]:
        """Values that may be written as one string or as a list of strings."""
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [((*where, key), value)]
        if isinstance(value, list):
            out = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append(((*where, key, i), item))
                else:
                    self.add(
                        (*where, key, i),
                        f"expected text, found {_type_name(item)}; put it in quotes",
                    )
            return out
        self.add(
            (*where, key),
            f"expected text or a list of text, found {_type_name(value)}; put it in quotes",
        )
        return []

    def date(self, value: Any, where: Path, *, today: date | None = None) -> date | None:
        if value is None:
            self.add(where, "a date is required (use YYYY-MM-DD)")
            return None
        if isinstance(value, date):
            result = value
        else:
            text = str(value).strip()
            if not isinstance(value, str) or not _DATE_RE.match(text):
                self.add(where, f"{_show(value)} is not a date (use YYYY-MM-DD)")
                return None
            try:
                result = date.fromisoformat(text)
            except ValueError:
                self.add(where, f"{text} is not a date on the calendar (use YYYY-MM-DD)")
                return None
        if today is not None and result > today:
            self.add(
                where,
                f"{result} is after today ({today}); log touches once they have happened",
            )
            return None
        return result

    def boolean(self, data: dict[Any, Any], key: str, where: Path) -> bool | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        self.add((*where, key), f"{_show(value)} is not true or false")
        return None

    def choice(
        self, data: dict[Any, Any], key: str, options: tuple[str, ...], where: Path
    ) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower()
        hint = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.5)
        advice = f"did you mean '{hint[0]}'?" if hint else "use one of " + ", ".join(options)
        self.add((*where, key), f"{_show(value)} is not allowed; {advice}")
        return None

    def cadence(self, value: Any, where: Path, *, floor: bool = True) -> int | None:
        days = parse_cadence(value) if isinstance(value, str | int) else None
        if days is None:
            self.add(
                where,
                f"cannot read cadence {_show(value)!r}; write e.g. 45d, 6w, 3m, quarterly or "
                "twice-a-year",
            )
            return None
        if floor and days > FLOOR_DAYS:
            self.add(
                where,
                f"{days} days is longer than twice a year ({FLOOR_DAYS} days); "
                "good connections hear from you at least every six months",
                warning=True,
            )
        return days


def parse_birthday(value: Any) -> Birthday | None:
    """``YYYY-MM-DD``, ``MM-DD`` or the vCard ``--MMDD``; None when it is not one."""
    if not isinstance(value, str):
        return None
    m = _BIRTHDAY_RE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1)) if m.group(1) else None
    month, day = int(m.group(2)), int(m.group(3))
    try:
        date(year or 2000, month, day)  # 2000 is a leap year, so 02-29 is fine
    except ValueError:
        return None
    return Birthday(month, day, year)


def is_email(text: str) -> bool:
    return bool(_EMAIL_RE.match(text.strip()))


def parse_contact(
    data: Any, path: str, slug: str, today: date, locate: Locator = no_lines
) -> tuple[Contact | None, list[Problem]]:
    """Check one contact file's data; return the contact (None if unusable) and its problems."""
    c = _Collector(path, locate)
    if data is None:
        c.add((), "the file is empty; write at least `name: Full Name`")
        return None, c.problems
    if not isinstance(data, dict):
        c.add((), f"expected a mapping of fields (name: ..., email: ...), found {_type_name(data)}")
        return None, c.problems
    c.unknown_keys(data, CONTACT_KEYS, ())

    name = c.text(data, "name", ())
    if name is not None and not name.strip():
        name = None
    if name is None and not (
        "name" in data and data["name"] is not None and not isinstance(data["name"], str)
    ):
        c.add(("name",), "a name is required; add `name: Full Name`")

    emails = []
    for where, value in c.one_or_list(data, "email", ()):
        if is_email(value):
            emails.append(value.strip())
        else:
            c.add(where, f"{_show(value)} is not an email address (like name@example.org)")
    phones = [value.strip() for _, value in c.one_or_list(data, "phone", ())]

    links: list[tuple[str, str]] = []
    raw_links = data.get("links")
    if raw_links is not None:
        if isinstance(raw_links, dict):
            for label, url in raw_links.items():
                where = ("links", str(label))
                if not isinstance(url, str) or not _URL_RE.match(url.strip()):
                    c.add(where, f"{_show(url)} is not a web address (start it with https://)")
                else:
                    links.append((str(label), url.strip()))
        else:
            c.add(
                ("links",),
                f"expected a mapping like `linkedin: https://...`, found {_type_name(raw_links)}",
            )

    org = c.text(data, "org", ())
    role = c.text(data, "role", ())
    notes = c.text(data, "notes", ())
    circle = c.choice(data, "circle", CIRCLES, ()) or "wide"

    cadence = None
    if data.get("cadence") is not None:
        cadence = c.cadence(data["cadence"], ("cadence",))

    tags: list[str] = []
    raw_tags = data.get("tags")
    if raw_tags is not None:
        if isinstance(raw_tags, list):
            for i, tag in enumerate(raw_tags):
                if isinstance(tag, str | int) and not isinstance(tag, bool):
                    tags.append(str(tag))
                else:
                    c.add(("tags", i), f"expected a word, found {_type_name(tag)}")
        else:
            c.add(("tags",), f"expected a list like [python, mentor], found {_type_name(raw_tags)}")

    met_date = met_how = None
    raw_met = data.get("met")
    if raw_met is not None:
        if isinstance(raw_met, dict):
            c.unknown_keys(raw_met, MET_KEYS, ("met",))
            if raw_met.get("date") is not None:
                met_date = c.date(raw_met["date"], ("met", "date"), today=today)
            met_how = c.text(raw_met, "how", ("met",))
        else:
            c.add(("met",), f"expected `date:` and `how:` under met, found {_type_name(raw_met)}")

    birthday = None
    if data.get("birthday") is not None:
        birthday = parse_birthday(data["birthday"])
        if birthday is None:
            c.add(
                ("birthday",),
                f'{_show(data["birthday"])} is not a birthday (use YYYY-MM-DD, or "MM-DD" '
                "in quotes without a year)",
            )

    snooze = None
    if data.get("snooze_until") is not None:
        snooze = c.date(data["snooze_until"], ("snooze_until",))
    archived = bool(c.boolean(data, "archived", ()))

    touches: list[Touch] = []
    raw_touches = data.get("touches")
    if raw_touches is not None:
        if not isinstance(raw_touches, list):
            c.add(
                ("touches",),
                f"expected a list of touches (- date: ...), found {_type_name(raw_touches)}",
            )
        else:
            for i, raw in enumerate(raw_touches):
                touch = _parse_touch(c, raw, ("touches", i), today)
                if touch is not None:
                    touches.append(touch)
    touches.sort(key=lambda t: t.date)

    if name is None:
        return None, c.problems
    contact = Contact(
        slug=slug,
        name=name.strip(),
        source=Source(path, 1),
        emails=tuple(emails),
        phones=tuple(phones),
        links=tuple(links),
        org=org,
        role=role,
        circle=circle,
        cadence=cadence,
        tags=tuple(tags),
        met_date=met_date,
        met_how=met_how,
        birthday=birthday,
        snooze_until=snooze,
        archived=archived,
        notes=notes,
        touches=tuple(touches),
    )
    return contact, c.problems


def _parse_touch(c: _Collector, raw: Any, where: Path, today: date) -> Touch | None:
    if not isinstance(raw, dict):
        c.add(where, f"expected a touch (date: ..., channel: ...), found {_type_name(raw)}")
        return None
    c.unknown_keys(raw, TOUCH_KEYS, where)
    when = c.date(raw.get("date"), (*where, "date"), today=today)
    channel = c.choice(raw, "channel", CHANNELS, where)
    direction = c.choice(raw, "direction", DIRECTIONS, where) or "out"
    kind = c.choice(raw, "kind", KINDS, where) or "catch-up"
    note = c.text(raw, "note", where)
    if when is None:
        return None
    return Touch(when, channel, direction, kind, note, c.locate(where))


def parse_settings(
    data: Any, path: str, locate: Locator = no_lines
) -> tuple[Settings, list[Problem]]:
    """Check the settings file's data; every key is optional and wrong values fall back."""
    c = _Collector(path, locate)
    defaults = Settings(source=Source(path))
    if data is None:
        return defaults, []
    if not isinstance(data, dict):
        c.add((), f"expected a mapping of settings, found {_type_name(data)}")
        return defaults, c.problems
    c.unknown_keys(data, SETTINGS_KEYS, ())
    values: dict[str, Any] = {}

    for key in ("daily_quota", "minutes"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            values[key] = value
        else:
            c.add((key,), f"{_show(value)} is not a whole number above 0")

    raw = data.get("cadences")
    if raw is not None:
        if isinstance(raw, dict):
            c.unknown_keys(raw, CIRCLES, ("cadences",))
            cadences = dict(defaults.cadences)
            for circle in CIRCLES:
                if raw.get(circle) is not None:
                    days = c.cadence(raw[circle], ("cadences", circle))
                    if days is not None:
                        cadences[circle] = days
            values["cadences"] = tuple(cadences.items())
        else:
            c.add(("cadences",), "expected a mapping like `inner: 30d`")

    time = c.text(data, "reminder_time", ())
    if time is not None:
        if _TIME_RE.match(time.strip()):
            values["reminder_time"] = time.strip()
        else:
            c.add(("reminder_time",), f'{_show(time)} is not a time; write it as "HH:MM" in quotes')

    zone = c.text(data, "timezone", ())
    if zone is not None:
        try:
            ZoneInfo(zone.strip())
            values["timezone"] = zone.strip()
        except (ZoneInfoNotFoundError, ValueError):
            c.add(("timezone",), f"unknown time zone {_show(zone)}; use a name like Europe/London")

    if data.get("horizon") is not None:
        days = c.cadence(data["horizon"], ("horizon",), floor=False)
        if days is not None:
            values["horizon_days"] = days

    for key in ("birthdays", "private", "commit"):
        flag = c.boolean(data, key, ())
        if flag is not None:
            values[key] = flag
    name = c.text(data, "calendar_name", ())
    if name is not None and name.strip():
        values["calendar_name"] = name.strip()

    return Settings(source=Source(path), **values), c.problems
