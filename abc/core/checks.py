"""Turn loaded YAML data into model values, collecting every problem on the way.

Pure: takes the data a loader produced (plain dicts and lists, dates still as
text), a function that knows the line of each value, and today's date.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .fields import (
    CONTACT_FIELDS,
    SETTINGS_FIELDS,
    TOUCH_FIELDS,
    Field,
    FieldKind,
)
from .model import (
    FLOOR_DAYS,
    Birthday,
    Contact,
    Settings,
    Source,
    Touch,
    Touches,
    check_days,
    check_year,
    parse_cadence,
)
from .problems import Problem

#: A path into the loaded document: keys and list indexes.
KeyPath = tuple[str | int, ...]
#: Returns the 1-based line of the value at a path (the line of its key), or 0.
Locator = Callable[[KeyPath], int]

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BIRTHDAY_RE = re.compile(r"^(?:(\d{4})-|--)?(\d{2})-?(\d{2})$")
_EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_URL_RE = re.compile(r"^(https?://\S+|mailto:\S+)$", re.IGNORECASE)
#: What no file can hold: a lone surrogate, as Python makes of bytes that are not UTF-8.
_NOT_TEXT_RE = re.compile("[\ud800-\udfff]")

#: How many days after today a touch or a met date may be: a touch logged in the
#: evening east of UTC is dated tomorrow where the check runs (such as CI, in UTC).
FUTURE_SLACK_DAYS = 1


def no_lines(path: KeyPath) -> int:
    """The locator for data loaded without positions."""
    return 0


def _field(path: KeyPath) -> str:
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


class _Checker:
    def __init__(self, path: str, locate: Locator) -> None:
        self.path = path
        self.locate = locate
        self.problems: list[Problem] = []

    def add(self, where: KeyPath, message: str, *, warning: bool = False) -> None:
        self.problems.append(
            Problem(
                self.path,
                self.locate(where),
                _field(where),
                message,
                "warning" if warning else "error",
            )
        )

    def unknown_keys(self, data: dict[Any, Any], allowed: Iterable[str], where: KeyPath) -> None:
        allowed = tuple(allowed)
        for k in data:
            if k in allowed:
                continue
            hint = difflib.get_close_matches(str(k), allowed, n=1, cutoff=0.6)
            advice = f"did you mean '{hint[0]}'?" if hint else "allowed: " + ", ".join(allowed)
            self.add((*where, str(k)), f"unknown key; {advice}")

    def text(self, data: dict[Any, Any], key: str, where: KeyPath) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.add((*where, key), f"expected text, found {_type_name(value)}")
        return None

    def one_or_list(
        self, data: dict[Any, Any], key: str, where: KeyPath
    ) -> list[tuple[KeyPath, str]]:
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

    def date(self, value: Any, where: KeyPath, *, today: date | None = None) -> date | None:
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
        out_of_range = check_year(result)
        if out_of_range is not None:
            self.add(where, out_of_range)
            return None
        if today is not None and result.toordinal() - today.toordinal() > FUTURE_SLACK_DAYS:
            self.add(
                where,
                f"{result} is after today ({today}); log touches once they have happened",
            )
            return None
        return result

    def boolean(self, data: dict[Any, Any], key: str, where: KeyPath) -> bool | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        self.add((*where, key), f"{_show(value)} is not true or false")
        return None

    def choice(
        self, data: dict[Any, Any], key: str, options: tuple[str, ...], where: KeyPath
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

    def cadence(self, value: Any, where: KeyPath, *, floor: bool = True) -> int | None:
        days = parse_cadence(value) if isinstance(value, str | int) else None
        if days is None:
            self.add(
                where,
                f"cannot read cadence {_show(value)!r}; write e.g. 45d, 6w, 3m, quarterly or "
                "twice-a-year",
            )
            return None
        too_long = check_days(days)
        if too_long is not None:
            self.add(where, f"{_show(value)} {too_long}; write a shorter one")
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


def is_web_address(text: str) -> bool:
    """Whether ``text`` is a link `abc check` accepts: ``https://``, ``http://`` or ``mailto:``."""
    return bool(_URL_RE.match(text.strip()))


def not_text(label: str, text: str) -> str | None:
    """Why ``text``, typed for ``label`` (such as ``--note``), cannot be stored, or None.

    Bytes that are not UTF-8 on a command line reach Python as lone surrogates
    (U+DC80 to U+DCFF stand for the bytes 0x80 to 0xFF), which no file can hold.

    >>> not_text("--note", "caf\\udcc3\\udca9")
    '--note holds a byte that is not text (\\\\xc3); type it again or remove it'
    """
    m = _NOT_TEXT_RE.search(text)
    if m is None:
        return None
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:
        what = f"a byte that is not text (\\x{code - 0xDC00:02x})"
    else:
        what = f"a character that is not text (\\u{code:04x})"
    return f"{label} holds {what}; type it again or remove it"


# --- reading each kind of field -----------------------------------------------------------
#
# A reader takes the collector, the mapping that holds the field, the field, where that
# mapping is in the document, and today; it returns the value in the model's terms, or
# None (or an empty tuple) when there is none, and adds a problem for anything wrong.

Reader = Callable[[_Checker, dict[Any, Any], Field, KeyPath, date], Any]


def _read_name(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    name = c.text(data, f.key, where)
    if name is not None and not name.strip():
        name = None
    value = data.get(f.key)
    if name is None and not (value is not None and not isinstance(value, str)):
        c.add((*where, f.key), f"a name is required; add `{f.key}: Full Name`")
    return None if name is None else name.strip()


def _read_text(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    return c.text(data, f.key, where)


def _read_emails(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    emails = []
    for at, value in c.one_or_list(data, f.key, where):
        if is_email(value):
            emails.append(value.strip())
        else:
            c.add(at, f"{_show(value)} is not an email address (like name@example.org)")
    return tuple(emails)


def _read_texts(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    return tuple(value.strip() for _, value in c.one_or_list(data, f.key, where))


def _read_links(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    raw = data.get(f.key)
    links: list[tuple[str, str]] = []
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        c.add(
            (*where, f.key),
            f"expected a mapping like `linkedin: https://...`, found {_type_name(raw)}",
        )
        return ()
    for label, url in raw.items():
        if not isinstance(url, str) or not is_web_address(url):
            at = (*where, f.key, str(label))
            c.add(at, f"{_show(url)} is not a web address (start it with https://)")
        else:
            links.append((str(label), url.strip()))
    return tuple(links)


def _read_choice(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    return c.choice(data, f.key, f.choices, where)


def _read_cadence(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    if data.get(f.key) is None:
        return None
    return c.cadence(data[f.key], (*where, f.key))


def _read_duration(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    if data.get(f.key) is None:
        return None
    return c.cadence(data[f.key], (*where, f.key), floor=False)


def _read_words(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    raw = data.get(f.key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.add((*where, f.key), f"expected a list like [python, mentor], found {_type_name(raw)}")
        return ()
    words = []
    for i, word in enumerate(raw):
        if isinstance(word, str | int) and not isinstance(word, bool):
            words.append(str(word))
        else:
            c.add((*where, f.key, i), f"expected a word, found {_type_name(word)}")
    return tuple(words)


def _read_mapping(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    """A mapping of the field's own fields, such as ``met``: a dict of their values."""
    raw = data.get(f.key)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        wanted = " and ".join(f"`{sub.key}:`" for sub in f.fields)
        c.add((*where, f.key), f"expected {wanted} under {f.key}, found {_type_name(raw)}")
        return {}
    return _read_fields(c, raw, f.fields, (*where, f.key), today)


def _read_date(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    if data.get(f.key) is None:
        return None
    return c.date(data[f.key], (*where, f.key))


def _read_past_date(
    c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date
) -> Any:
    if data.get(f.key) is None and not f.required:
        return None
    return c.date(data.get(f.key), (*where, f.key), today=today)


def _read_birthday(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    raw = data.get(f.key)
    if raw is None:
        return None
    birthday = parse_birthday(raw)
    if birthday is None:
        c.add(
            (*where, f.key),
            f'{_show(raw)} is not a birthday (use YYYY-MM-DD, or "MM-DD" in quotes without a year)',
        )
    return birthday


def _read_flag(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    return c.boolean(data, f.key, where)


def _read_list(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    """A list of mappings of the field's own fields, such as ``touches``: their values."""
    raw = data.get(f.key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.add(
            (*where, f.key),
            f"expected a list of {f.key} (- {f.fields[0].key}: ...), found {_type_name(raw)}",
        )
        return []
    items = []
    for i, item in enumerate(raw):
        at = (*where, f.key, i)
        if not isinstance(item, dict):
            shape = ", ".join(f"{sub.key}: ..." for sub in f.fields[:2])
            c.add(at, f"expected a touch ({shape}), found {_type_name(item)}")
            continue
        items.append((at, _read_fields(c, item, f.fields, at, today)))
    return items


def _read_count(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    value = data.get(f.key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    c.add((*where, f.key), f"{_show(value)} is not a whole number above 0")
    return None


def _read_cadences(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    """Each circle's cadence: the defaults, with the circles the file sets."""
    raw = data.get(f.key)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        c.add((*where, f.key), "expected a mapping like `inner: 30d`")
        return None
    cadences = dict(Settings().cadences)
    for circle, days in _read_fields(c, raw, f.fields, (*where, f.key), today).items():
        if days is not None:
            cadences[circle] = days
    return tuple(cadences.items())


def _read_time(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    time = c.text(data, f.key, where)
    if time is None:
        return None
    if _TIME_RE.match(time.strip()):
        return time.strip()
    c.add((*where, f.key), f'{_show(time)} is not a time; write it as "HH:MM" in quotes')
    return None


def _read_timezone(c: _Checker, data: dict[Any, Any], f: Field, where: KeyPath, today: date) -> Any:
    zone = c.text(data, f.key, where)
    if zone is None:
        return None
    try:
        ZoneInfo(zone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        c.add((*where, f.key), f"unknown time zone {_show(zone)}; use a name like Europe/London")
        return None
    return zone.strip()


READERS: dict[FieldKind, Reader] = {
    "name": _read_name,
    "text": _read_text,
    "emails": _read_emails,
    "texts": _read_texts,
    "links": _read_links,
    "choice": _read_choice,
    "cadence": _read_cadence,
    "duration": _read_duration,
    "words": _read_words,
    "mapping": _read_mapping,
    "date": _read_date,
    "past-date": _read_past_date,
    "birthday": _read_birthday,
    "flag": _read_flag,
    "list": _read_list,
    "count": _read_count,
    "cadences": _read_cadences,
    "time": _read_time,
    "timezone": _read_timezone,
}


def _read_fields(
    c: _Checker, data: dict[Any, Any], fields: tuple[Field, ...], where: KeyPath, today: date
) -> dict[str, Any]:
    """Every field of a mapping, each read by its kind; unknown keys are problems too."""
    c.unknown_keys(data, (f.key for f in fields), where)
    return {f.key: READERS[f.kind](c, data, f, where, today) for f in fields}


# --- contacts and settings -------------------------------------------------------------------


def _not_a_mapping(c: _Checker, data: Any, what: str) -> bool:
    """Whether a document is unusable as a mapping of fields (and why, as a problem)."""
    if data is None:
        c.add((), "the file is empty; write at least `name: Full Name`")
        return True
    if not isinstance(data, dict):
        c.add((), f"expected a mapping of {what}, found {_type_name(data)}")
        return True
    return False


def _attributes(
    fields: tuple[Field, ...], read: dict[str, Any], model: type, *, blank_is_unset: bool = False
) -> dict[str, Any]:
    """The values ``read`` of ``fields`` by the model's attribute that holds each
    (:meth:`Field.held_by`), leaving out those that are not set (None, and with
    ``blank_is_unset`` blank text), so that the model's default stands for them.

    A mapping spreads its fields over its ``attrs`` (``met``), or without them fills
    the frozen dataclass its attribute holds (``me``).
    """
    out: dict[str, Any] = {}
    for f in fields:
        value: Any = read.get(f.key)
        if value is None or (blank_is_unset and isinstance(value, str) and not value.strip()):
            continue
        if f.kind != "mapping":
            out[f.attrs[0] if f.attrs else f.key] = value
        elif f.attrs:
            spread = _attributes(f.fields, value, model, blank_is_unset=blank_is_unset)
            out.update(
                (a, spread[sub.key])
                for sub, a in zip(f.fields, f.attrs, strict=True)
                if sub.key in spread
            )
        else:
            nested = next(a.default for a in dataclasses.fields(model) if a.name == f.key)
            values = _attributes(f.fields, value, type(nested), blank_is_unset=blank_is_unset)
            out[f.key] = dataclasses.replace(nested, **values)  # type: ignore[type-var]
    return out


def _touch(c: _Checker, at: KeyPath, values: dict[str, Any]) -> Touch | None:
    if values["date"] is None:
        return None
    return Touch(line=c.locate(at), **_attributes(TOUCH_FIELDS, values, Touch))


def parse_contact(
    data: Any, path: str, slug: str, today: date, locate: Locator = no_lines
) -> tuple[Contact | None, list[Problem]]:
    """Check one contact file's data; return the contact (None if unusable) and its problems."""
    c = _Checker(path, locate)
    if _not_a_mapping(c, data, "fields (name: ..., email: ...)"):
        return None, c.problems
    v = _read_fields(c, data, CONTACT_FIELDS, (), today)
    touches = [t for at, values in v["touches"] if (t := _touch(c, at, values)) is not None]
    touches.sort(key=lambda t: t.date)
    if v["name"] is None:
        return None, c.problems
    values = _attributes(CONTACT_FIELDS, v, Contact)
    values["touches"] = Touches(touches)
    return Contact(slug=slug, source=Source(path, 1), **values), c.problems


def parse_settings(
    data: Any, path: str, locate: Locator = no_lines
) -> tuple[Settings, list[Problem]]:
    """Check the settings file's data; every key is optional and wrong values fall back."""
    c = _Checker(path, locate)
    defaults = Settings(source=Source(path))
    if data is None:
        return defaults, []
    if not isinstance(data, dict):
        c.add((), f"expected a mapping of settings, found {_type_name(data)}")
        return defaults, c.problems
    read = _read_fields(c, data, SETTINGS_FIELDS, (), date.min)
    values = _attributes(SETTINGS_FIELDS, read, Settings, blank_is_unset=True)
    if "calendar_name" in values:
        values["calendar_name"] = values["calendar_name"].strip()
    return Settings(source=Source(path), **values), c.problems


def read_mapping(
    data: Any, fields: tuple[Field, ...], path: str, today: date, locate: Locator = no_lines
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check one document that is a mapping of ``fields`` (an inbox entry): each value
    read by its kind, unknown keys and missing required ones as problems. None when
    the document is not a mapping at all."""
    c = _Checker(path, locate)
    shape = ", ".join(f"{f.key}: ..." for f in fields if f.required)
    if data is None:
        c.add((), f"the file is empty; write {shape}")
        return None, c.problems
    if _not_a_mapping(c, data, shape):
        return None, c.problems
    values = _read_fields(c, data, fields, (), today)
    for f in fields:  # a required date or name says so itself
        if f.required and data.get(f.key) is None and f.kind not in ("past-date", "name"):
            choices = f"; write one of {', '.join(f.choices)}" if f.choices else ""
            c.add((f.key,), f"missing{choices}")
    return values, c.problems
