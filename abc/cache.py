"""The parse cache's format: checked contact files as bytes, and back again.

Pure: :func:`record` turns the outcome of checking one file into a list of plain
values, :func:`encode` and :func:`decode` turn a whole cache into bytes and back.
The store (the only user of this module) stats, reads and writes the files and
decides what is still fresh.

The bytes are one line of JSON (the schema, what wrote the cache, and the size and
CRC-32 of the rest), then the records in :mod:`marshal`'s format, which Python reads
twice as fast as JSON and which keeps tuples as tuples. Marshal builds plain values
and never runs code.

A record holds what checking a file produced (the contact and its problems, with
their exact lines) and what tells whether it still holds: the file's size, mtime,
ctime and inode, a digest of its bytes, the day it was checked and the latest date
written in it (checks compare dates with today).

The cache is never the source of truth, and trusted only as far as two checks go.
The header must name this very abc code, Python, YAML library and network (the
stamp): anything else is foreign. The body must have the size and CRC-32 the header
gives: anything else is damaged (a cut or partly written file, a changed byte). Both
decode to None, and the store then reads every file again. A body that passes both
was written by this code, so its values are not checked one by one again: that
would cost a warm load of ten thousand contacts more than the checksum and
marshal together (the tests check the writer instead). What decoding trips over
still decodes to None.

Touches, most of a network's bulk, are stored as four values per file; a warm
load hands each contact a :class:`~abcnet.model.TouchLog` over its own, so
touches are made only when a command looks at them.
"""

from __future__ import annotations

import json
import marshal
import re
import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .model import (
    CHANNELS,
    DIRECTIONS,
    KINDS,
    Birthday,
    Contact,
    Settings,
    Source,
    Touch,
    TouchLog,
)
from .problems import Problem

#: Bump when the layout below changes.
SCHEMA = 2
SEVERITIES = ("error", "warning")

# Each touch's channel, direction and kind as one character each (a record adds a
# fourth: whether the touch has a note).
_CHANNEL = {value: chr(48 + i) for i, value in enumerate((None, *CHANNELS))}
_DIRECTION = {value: chr(48 + i) for i, value in enumerate(DIRECTIONS)}
_KIND = {value: chr(48 + i) for i, value in enumerate(KINDS)}
_CHANNEL_OF = {code: value for value, code in _CHANNEL.items()}
_DIRECTION_OF = {code: value for value, code in _DIRECTION.items()}
_KIND_OF = {code: value for value, code in _KIND.items()}

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_BYTES_RE = re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Record layout: one list per file.
# [rel, size, mtime_ns, ctime_ns, inode, digest, racy, today, latest, problems, contact,
#  touch dates, touch codes, touch notes, touch lines]
# where contact is None (the file gave none) or a tuple:
# (slug, name, line, emails, phones, links, org, role, circle, cadence, tags, met_date,
#  met_how, birthday, snooze_until, archived, notes)
# with dates as ordinals and the contact's own tuples as tuples. The touches are four
# values however many there are (few objects load faster): dates (ordinals) and lines
# as native 4-byte integers; four characters each for channel, direction, kind and
# whether there is a note; the notes there are, each ended by NOTE_SEP (or, when a
# note holds NOTE_SEP, a list of them).
_RECORD_LEN = 15
NOTE_SEP = "\x1f"
_INT32 = "i"
#: What the integers' bytes depend on; part of what must match for a cache to be used.
NATIVE = [sys.byteorder, array(_INT32).itemsize]
_PROBLEM_TYPES = (str, int, str, str, str)


class Damaged(ValueError):
    """The cache is not in the shape this version writes."""


@dataclass
class Entry:
    """One file as the cache remembers it."""

    rel: str
    key: tuple[int, int, int, int]
    """size, mtime_ns, ctime_ns and inode, from one stat taken before the file was read."""
    digest: str
    racy: bool
    """Changed so shortly before it was read that the same stat could hide a later change."""
    today: int
    """The day it was checked (an ordinal)."""
    latest: int | None
    """The latest date written anywhere in the file (an ordinal), or None."""
    contact: Contact | None
    problems: tuple[Problem, ...]
    record: list[Any]
    """The plain form, written back as is when the cache is saved again."""

    def holds_on(self, today: int) -> bool:
        """Whether checking the file on ``today`` gives what checking it on ``self.today`` gave.

        Checks compare dates with today (a touch cannot be in the future), and a
        problem's message may name today; with every date in the file before both
        days, neither can differ.
        """
        return today == self.today or self.latest is None or self.latest < min(today, self.today)

    def settle(self) -> None:
        """No longer racy: the file was found unchanged long enough after its mtime."""
        self.racy = self.record[6] = False


@dataclass
class SettingsEntry:
    key: tuple[int, int, int, int]
    digest: str
    racy: bool
    settings: Settings
    problems: tuple[Problem, ...]
    record: list[Any]

    def settle(self) -> None:
        self.racy = self.record[5] = False


@dataclass
class Cached:
    settings: SettingsEntry | None
    files: dict[str, Entry]
    duplicates: tuple[Problem, ...]
    """Emails and LinkedIn URLs found in more than one file."""


# --- building records ------------------------------------------------------------------


def latest_date(raw: bytes, data: Any) -> int | None:
    """The latest calendar date in a file, as an ordinal: an upper bound on every date
    value in ``data`` (the file's ``raw`` bytes, loaded).

    Without a backslash in the file, every scalar's text stands in the file as it
    is, so a scan of the bytes finds every date (and maybe more, in comments or
    notes, which only makes the bound higher). With one, an escape could spell a
    date, so the loaded data is walked instead.
    """
    if b"\\" not in raw:
        found = set(_DATE_BYTES_RE.findall(raw))
    else:
        found = set()
        seen: set[int] = set()
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict | list):
                if id(item) not in seen:
                    seen.add(id(item))
                    stack.extend(item.values() if isinstance(item, dict) else item)
                    if isinstance(item, dict):
                        stack.extend(item)
            elif isinstance(item, str) and _DATE_RE.search(item):
                found.update(m.encode() for m in _DATE_RE.findall(item))
    for text in sorted(found, reverse=True):  # YYYY-MM-DD sorts as the dates do
        try:
            return date.fromisoformat(text.decode()).toordinal()
        except ValueError:
            continue  # such as 2026-02-30
    return None


def _problem_row(p: Problem) -> list[Any]:
    return [p.path, p.line, p.field, p.message, p.severity]


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def record(
    rel: str,
    key: tuple[int, int, int, int],
    digest: str,
    racy: bool,
    today: date,
    latest: int | None,
    contact: Contact | None,
    problems: tuple[Problem, ...] | list[Problem],
) -> list[Any]:
    """The record of one checked file, in plain values."""
    rows = [_problem_row(p) for p in problems]
    if contact is None:
        return [rel, *key, digest, racy, today.toordinal(), latest, rows, None, b"", "", "", b""]
    c = contact
    bday = None if c.birthday is None else (c.birthday.month, c.birthday.day, c.birthday.year)
    person = (
        c.slug,
        c.name,
        c.source.line,
        tuple(c.emails),
        tuple(c.phones),
        tuple(map(tuple, c.links)),
        c.org,
        c.role,
        c.circle,
        c.cadence,
        tuple(c.tags),
        _ordinal(c.met_date),
        c.met_how,
        bday,
        _ordinal(c.snooze_until),
        c.archived,
        c.notes,
    )
    ts = c.touches
    codes = "".join(
        _CHANNEL[t.channel]
        + _DIRECTION[t.direction]
        + _KIND[t.kind]
        + ("0" if t.note is None else "1")
        for t in ts
    )
    present = [t.note for t in ts if t.note is not None]
    notes = (
        present if any(NOTE_SEP in n for n in present) else "".join(n + NOTE_SEP for n in present)
    )
    return [
        rel,
        *key,
        digest,
        racy,
        today.toordinal(),
        latest,
        rows,
        person,
        array(_INT32, [t.date.toordinal() for t in ts]).tobytes(),
        codes,
        notes,
        array(_INT32, [t.line for t in ts]).tobytes(),
    ]


def settings_record(
    key: tuple[int, int, int, int],
    digest: str,
    racy: bool,
    settings: Settings,
    problems: list[Problem] | tuple[Problem, ...],
) -> list[Any]:
    values = {f.name: _plain(getattr(settings, f.name)) for f in fields(Settings)}
    return [*key, digest, racy, values, [_problem_row(p) for p in problems]]


def _plain(value: Any) -> Any:
    if isinstance(value, Source):
        return [value.path, value.line]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


# --- bytes -----------------------------------------------------------------------------


def dump_records(records: list[list[Any]]) -> bytes:
    """Records as bytes, to cross from a worker process (read back by :func:`load_records`)."""
    return marshal.dumps(records)


def load_records(data: bytes) -> list[list[Any]]:
    records = marshal.loads(data)
    _check(type(records) is list)
    return records


def join(stamp: dict[str, Any], body: dict[str, Any]) -> bytes:
    """A cache file: the header line, then ``body`` (settings, files, duplicates) marshalled."""
    payload = marshal.dumps(body)
    head = {
        "abc-cache": SCHEMA,
        "stamp": stamp,
        "bytes": len(payload),
        "crc32": zlib.crc32(payload),
    }
    return json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + payload


def split(data: bytes, stamp: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The body of a cache file, or None when it is not whole or (given ``stamp``) not
    written by that stamp; raises ValueError (or another error) when it is damaged."""
    end = data.index(b"\n")
    head = json.loads(data[:end])
    payload = memoryview(data)[end + 1 :]  # not a copy of the bulk
    if type(head) is not dict or head.get("abc-cache") != SCHEMA:
        return None
    if stamp is not None and head.get("stamp") != stamp:
        return None
    if head.get("bytes") != len(payload) or head.get("crc32") != zlib.crc32(payload):
        return None
    body = marshal.loads(payload)
    _check(type(body) is dict)
    return body


def encode(
    stamp: dict[str, Any],
    settings: list[Any] | None,
    records: list[list[Any]],
    duplicates: list[Problem],
) -> bytes:
    """The whole cache: what wrote it, the settings, each file, and the problems across files."""
    body = {
        "settings": settings,
        "files": records,
        "duplicates": [_problem_row(p) for p in duplicates],
    }
    return join(stamp, body)


def decode(data: bytes, stamp: dict[str, Any]) -> Cached | None:
    """The cache in ``data``, or None when it is damaged, foreign or from another version."""
    try:
        body = split(data, stamp)
        if body is None:
            return None
        files = decode_records(body["files"])
        raw_settings = body["settings"]
        settings = None if raw_settings is None else _decode_settings(raw_settings)
        duplicates = _problems(body["duplicates"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, EOFError):
        return None  # Damaged is a ValueError; so are JSON, UTF-8 and marshal errors
    except RecursionError:
        return None
    return Cached(settings, {e.rel: e for e in files}, duplicates)


def _check(ok: bool) -> None:
    if not ok:
        raise Damaged


def _problems(rows: Any) -> tuple[Problem, ...]:
    _check(type(rows) is list)
    out = []
    for row in rows:
        _check(type(row) is list and tuple(map(type, row)) == _PROBLEM_TYPES)
        _check(row[4] in SEVERITIES)
        out.append(Problem(*row))
    return tuple(out)


def _maker(cls: type, names: tuple[str, ...]) -> Any:
    """``cls`` itself when its fields are ``names`` in this order; otherwise a function
    that passes them by name. Positional arguments through ``map`` are the fast way."""
    if tuple(f.name for f in fields(cls)) == names:
        return cls
    return lambda *values: cls(**dict(zip(names, values, strict=True)))


_new_touch = _maker(Touch, ("date", "channel", "direction", "kind", "note", "line"))
_new_source = _maker(Source, ("path", "line"))
_new_contact = _maker(
    Contact,
    (
        "slug",
        "name",
        "source",
        "emails",
        "phones",
        "links",
        "org",
        "role",
        "circle",
        "cadence",
        "tags",
        "met_date",
        "met_how",
        "birthday",
        "snooze_until",
        "archived",
        "notes",
        "touches",
    ),
)


def decode_records(records: Any) -> list[Entry]:
    """Entries from records (as :func:`record` makes them); raises Damaged or another error."""
    _check(type(records) is list and set(map(type, records)) <= _LIST)
    _check(set(map(len, records)) <= _RECORD_LENS)
    entries = []
    for r in records:
        contact = None
        if r[10] is not None:
            contact = _contact(r[0], r[10], _Touches(r) if r[11] else ())
        problems = _problems(r[9]) if r[9] else ()
        key = (r[1], r[2], r[3], r[4])
        entries.append(Entry(r[0], key, r[5], r[6], r[7], r[8], contact, problems, r))
    return entries


_LIST = {list}
_RECORD_LENS = {_RECORD_LEN}


def _ints(data: bytes) -> memoryview:
    return memoryview(data).cast(_INT32)


class _Touches(TouchLog):
    """The touches of one cached record, made from its columns when looked at."""

    __slots__ = ("_record",)

    def __init__(self, record: list[Any]) -> None:
        super().__init__(_ints(record[11]))
        self._record = record

    def _one(self, index: int) -> Touch:
        return _touch_at(self._record, self.ordinals, index)

    def _every(self) -> tuple[Touch, ...]:
        return _touches_of(self._record, self.ordinals)


def _touch_at(r: list[Any], days: Sequence[int], i: int) -> Touch:
    """The touch at index ``i`` of a checked record (``days`` are its dates)."""
    codes = r[12]
    code = codes[4 * i : 4 * i + 4]
    note = None
    if code[3] == "1":
        notes, after = r[13], codes[4 * i + 7 :: 4].count("1")
        if type(notes) is list:
            note = notes[-1 - after]
        else:  # split off no more than it takes: most often the last note is wanted
            note = notes[:-1].rsplit(NOTE_SEP, after + 1)[-1 - after]
    return _new_touch(
        date.fromordinal(days[i]),
        _CHANNEL_OF[code[0]],
        _DIRECTION_OF[code[1]],
        _KIND_OF[code[2]],
        note,
        _ints(r[14])[i],
    )


def _touches_of(r: list[Any], days: Sequence[int]) -> tuple[Touch, ...]:
    """Every touch of a checked record, column by column."""
    codes, notes = r[12], r[13]
    present = iter(notes if type(notes) is list else notes.split(NOTE_SEP))
    return tuple(
        map(
            _new_touch,
            map(date.fromordinal, days),
            map(_CHANNEL_OF.__getitem__, codes[0::4]),
            map(_DIRECTION_OF.__getitem__, codes[1::4]),
            map(_KIND_OF.__getitem__, codes[2::4]),
            [next(present) if flag == "1" else None for flag in codes[3::4]],
            _ints(r[14]),
        )
    )


def _contact(rel: str, c: tuple[Any, ...], touches: Sequence[Touch]) -> Contact:
    """A contact from its tuple."""
    met, bday, snooze = c[11], c[13], c[14]
    return _new_contact(
        c[0],
        c[1],
        _new_source(rel, c[2]),
        c[3],
        c[4],
        c[5],
        c[6],
        c[7],
        c[8],
        c[9],
        c[10],
        None if met is None else date.fromordinal(met),
        c[12],
        None if bday is None else Birthday(*bday),
        None if snooze is None else date.fromordinal(snooze),
        c[15],
        c[16],
        touches,
    )


def _decode_settings(r: Any) -> SettingsEntry:
    _check(type(r) is list and len(r) == 8)
    _check(tuple(map(type, r)) == (int, int, int, int, str, bool, dict, list))
    defaults = Settings()
    values = r[6]
    _check(set(values) == {f.name for f in fields(Settings)})
    kwargs = {name: _like(getattr(defaults, name), value) for name, value in values.items()}
    return SettingsEntry(
        (r[0], r[1], r[2], r[3]), r[4], r[5], Settings(**kwargs), _problems(r[7]), r
    )


def _like(default: Any, value: Any) -> Any:
    """``value`` rebuilt in the shape of ``default`` (a settings field), or Damaged."""
    if isinstance(default, Source):
        _check(type(value) is list and len(value) == 2)
        _check(type(value[0]) is str and type(value[1]) is int)
        return Source(value[0], value[1])
    if isinstance(default, tuple):
        _check(type(value) is list)
        if default and isinstance(default[0], tuple):  # a list of pairs, like cadences
            return tuple(_like(default[0], v) for v in value)
        _check(len(value) == len(default))  # one pair
        return tuple(_like(d, v) for d, v in zip(default, value, strict=True))
    _check(type(value) is type(default))
    return value
