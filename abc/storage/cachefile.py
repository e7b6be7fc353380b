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
their exact lines) and what tells whether it still holds: the file's
:class:`FileStamp` (size, mtime, ctime and inode, a digest of its bytes, whether it
was racy), which the settings' record has too, the day it was checked and the
latest date written in it (checks compare dates with today).

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
load hands each contact a :class:`LazyTouches` over its own, so
touches are made only when a command looks at them.
"""

from __future__ import annotations

import marshal
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from itertools import accumulate
from operator import itemgetter
from types import NoneType, UnionType
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    NamedTuple,
    TypeVar,
    cast,
    get_args,
    get_origin,
    get_type_hints,
    overload,
)

from abcnet.core.cadence import Standings
from abcnet.core.model import (
    CHANNELS,
    DIRECTIONS,
    NO_TOUCHES,
    TOUCH_KINDS,
    Brief,
    Contact,
    Settings,
    Source,
    Touch,
    TouchDates,
    Touches,
)
from abcnet.core.problems import Problem

if TYPE_CHECKING:
    import os

    from .layout import Swept

#: Bump when the rules below change (the record's shape, what :func:`_plain` makes of
#: a value). A new attribute of the model changes the layout by itself, and changes
#: core/model.py, which the stamp names: a cache from before is foreign, never misread.
SCHEMA = 7
SEVERITIES = ("error", "warning")

# Each touch's channel, direction and kind as one character each (a record adds a
# fourth: whether the touch has a note).
_CHANNEL = {value: chr(48 + i) for i, value in enumerate((None, *CHANNELS))}
_DIRECTION = {value: chr(48 + i) for i, value in enumerate(DIRECTIONS)}
_KIND = {value: chr(48 + i) for i, value in enumerate(TOUCH_KINDS)}
_CHANNEL_OF = {code: value for value, code in _CHANNEL.items()}
_DIRECTION_OF = {code: value for value, code in _DIRECTION.items()}
_KIND_OF = {code: value for value, code in _KIND.items()}

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_BYTES_RE = re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}")

NOTE_SEP = "\x1f"
_INT32 = "i"
#: What the integers' bytes depend on; part of what must match for a cache to be used.
NATIVE = [sys.byteorder, array(_INT32).itemsize]
_PROBLEM_TYPES = (str, int, str, str, str)


T = TypeVar("T")


class Damaged(ValueError):
    """The cache is not in the shape this version writes."""


class FileStamp(NamedTuple):
    """What the cache saw of a file (a contact file or the settings), to tell it unchanged."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: str
    """The digest of the bytes read."""
    racy: bool
    """Changed so shortly before it was read that the same stat could hide a later change."""

    @property
    def key(self) -> tuple[int, int, int, int]:
        """size, mtime_ns, ctime_ns and inode, from one stat taken before the file was read."""
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


_STAMP_TYPES = tuple(get_type_hints(FileStamp).values())


def _stamp_row(seen: FileStamp) -> tuple[Any, ...]:
    """A stamp as marshal writes it (a plain tuple: marshal refuses a NamedTuple)."""
    return tuple(seen)


class Record(NamedTuple):
    """One checked file, in plain values (marshal writes it as a plain list, its
    stamp as a plain tuple)."""

    rel: str
    seen: FileStamp
    today: int
    latest: int | None
    problems: list[list[Any]]
    """Each problem as [path, line, field, message, severity]."""
    person: tuple[Any, ...] | None
    """None (the file gave no contact) or the contact's attributes in the order of
    :data:`PERSON` (the model's), as :func:`_plain` makes them: its source as its
    line, dates as ordinals, a dataclass (the birthday) as a dict."""
    touch_dates: bytes
    """The touches, as four values however many there are (few objects load faster):
    dates (ordinals) as native 4-byte integers;"""
    touch_codes: str
    """four characters a touch: channel, direction, kind, and whether it has a note;"""
    touch_notes: str | list[str]
    """the notes there are, each ended by NOTE_SEP (a list when a note holds NOTE_SEP);"""
    touch_lines: bytes
    """and their lines, as native 4-byte integers."""
    keys: tuple[Any, ...] | None = None
    """What the duplicate check compares of the file: the region its phones were read
    in, then the :class:`~abcnet.core.identity.DuplicateKeys` as a plain tuple (None
    until a load works them out, and for a file that gave no contact)."""


class SettingsRecord(NamedTuple):
    seen: FileStamp
    values: dict[str, Any]
    problems: list[list[Any]]


R = TypeVar("R", Record, SettingsRecord)


@dataclass
class _Remembered(Generic[R]):
    """What the cache remembers of a file: its stamp and its record."""

    seen: FileStamp
    record: R
    """The plain form, written back as is when the cache is saved again."""

    @property
    def key(self) -> tuple[int, int, int, int]:
        return self.seen.key

    @property
    def digest(self) -> str:
        return self.seen.digest

    @property
    def racy(self) -> bool:
        return self.seen.racy

    def settle(self) -> None:
        """No longer racy: the file was found unchanged long enough after its mtime."""
        self.seen = self.seen._replace(racy=False)
        self.record = self.record._replace(seen=self.seen)


@dataclass
class CachedFile(_Remembered[Record]):
    """One contact file as the cache remembers it."""

    rel: str
    today: int
    """The day it was checked (an ordinal)."""
    latest: int | None
    """The latest date written anywhere in the file (an ordinal), or None."""
    contact: Contact | None
    problems: tuple[Problem, ...]

    def holds_on(self, today: int) -> bool:
        """Whether checking the file on ``today`` gives what checking it on ``self.today`` gave.

        Checks compare dates with today (a touch cannot be in the future), and a
        problem's message may name today; with every date in the file before both
        days, neither can differ.
        """
        return holds_on(today, self.today, self.latest)


def holds_on(today: int, checked: int, latest: int | None) -> bool:
    """Whether checking a file on ``today`` gives what checking it on the day ``checked``
    gave, the latest date in it being ``latest`` (all ordinals; see :meth:`CachedFile.holds_on`)."""
    return today == checked or latest is None or latest < min(today, checked)


@dataclass
class CachedSettings(_Remembered[SettingsRecord]):
    """The settings file as the cache remembers it."""

    settings: Settings
    problems: tuple[Problem, ...]


@dataclass
class Cached:
    settings: CachedSettings | None
    files: dict[str, CachedFile]
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


def record(
    rel: str,
    key: tuple[int, int, int, int],
    digest: str,
    racy: bool,
    today: date,
    latest: int | None,
    contact: Contact | None,
    problems: tuple[Problem, ...] | list[Problem],
) -> Record:
    """The record of one checked file, in plain values."""
    rows = [_problem_row(p) for p in problems]
    if contact is None:
        return Record(
            rel,
            FileStamp(*key, digest, racy),
            today.toordinal(),
            latest,
            rows,
            None,
            b"",
            "",
            "",
            b"",
        )
    c = contact
    person = PERSON.row(c)
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
    return Record(
        rel,
        FileStamp(*key, digest, racy),
        today.toordinal(),
        latest,
        rows,
        person,
        array(_INT32, [t.date.toordinal() for t in ts]).tobytes(),
        codes,
        notes,
        array(_INT32, [t.line for t in ts]).tobytes(),
    )


def settings_record(
    key: tuple[int, int, int, int],
    digest: str,
    racy: bool,
    settings: Settings,
    problems: list[Problem] | tuple[Problem, ...],
) -> SettingsRecord:
    values = _plain(settings)
    problem_rows = [_problem_row(p) for p in problems]
    return SettingsRecord(FileStamp(*key, digest, racy), values, problem_rows)


def _plain(value: Any) -> Any:
    """A value of the model as the cache stores it, in plain values marshal writes: a
    date as its ordinal, a tuple as a tuple of plain values, a dataclass as a dict of
    its attributes."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, date):
        return value.toordinal()
    if isinstance(value, tuple):
        return tuple(map(_plain, value))
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"the parse cache cannot store {type(value).__name__}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The type of each attribute of the dataclass ``cls``, in its order."""
    if cls not in _HINTS:
        hints = get_type_hints(cls)
        _HINTS[cls] = {f.name: hints[f.name] for f in fields(cast(Any, cls))}
    return _HINTS[cls]


def _optional(hint: Any) -> Any:
    """``X`` of a hint ``X | None`` (and the hint itself when it is no union)."""
    if not isinstance(hint, UnionType):
        return hint
    inner = [a for a in get_args(hint) if a is not NoneType]
    if len(inner) != 1:
        raise TypeError(f"the parse cache cannot store a value of type {hint}")
    return inner[0]


def _decoded(hint: Any, value: Any) -> Any:
    """``value``, as :func:`_plain` made it, rebuilt as a ``hint`` (a type of the
    model's); raises Damaged when it is not in that shape."""
    if isinstance(hint, UnionType) and value is None:
        _check(NoneType in get_args(hint))
        return None
    hint = _optional(hint)
    if hint is date:
        _check(type(value) is int and 0 < value <= _MAX_ORDINAL)
        return date.fromordinal(value)
    if get_origin(hint) is tuple:
        _check(type(value) is tuple)
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decoded(args[0], v) for v in value)
        _check(len(value) == len(args))
        return tuple(_decoded(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(hint, type) and is_dataclass(hint):
        hints = _hints(hint)
        _check(type(value) is dict and set(value) == set(hints))
        return hint(**{name: _decoded(h, value[name]) for name, h in hints.items()})
    _check(type(value) is hint)
    return value


_MAX_ORDINAL = date.max.toordinal()


# --- bytes -----------------------------------------------------------------------------


def as_lists(records: Sequence[Record]) -> list[list[Any]]:
    """Records as marshal writes them: lists of plain values."""
    return [[r.rel, _stamp_row(r.seen), *r[2:]] for r in records]


def dump_records(records: Sequence[Record]) -> bytes:
    """Records as bytes, to cross from a worker process (read back by :func:`load_records`)."""
    return marshal.dumps(as_lists(records))


def load_records(data: bytes) -> list[list[Any]]:
    records = marshal.loads(data)
    _check(type(records) is list)
    return records  # type: ignore[no-any-return]


def join(stamp: dict[str, Any], body: dict[str, Any]) -> bytes:
    """A cache file: the header line, then ``body`` (settings, files, duplicates) marshalled."""
    import json  # not for the check summary (:func:`_sectioned`), read by abc check

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
    import json

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
    return cast(dict[str, Any], body)


def encode(
    stamp: dict[str, Any],
    settings: SettingsRecord | None,
    records: Sequence[Record],
    duplicates: list[Problem],
) -> bytes:
    """The whole cache: what wrote it, the settings, each file, and the problems across files."""
    body = {
        "settings": None if settings is None else [_stamp_row(settings.seen), *settings[1:]],
        "files": as_lists(records),
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


def _maker(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    """``cls`` itself when its fields are ``names`` in this order; otherwise a function
    that passes them by name. Positional arguments through ``map`` are the fast way."""
    if tuple(f.name for f in fields(cast(Any, cls))) == names:
        return cls
    return lambda *values: cls(**dict(zip(names, values, strict=True)))


_new_touch = _maker(Touch, ("date", "channel", "direction", "kind", "note", "line"))


def _filler(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    """Makes a ``cls`` from its field values in the order of ``names``, without calling
    its ``__init__``: a frozen dataclass's sets each field one call at a time, twice as
    slow for a contact. Only for values that are already what ``__init__`` would make
    of them (here: the cache's, written from such objects)."""
    if set(names) != {f.name for f in fields(cast(Any, cls))}:
        raise TypeError(f"{cls.__name__} has other fields than {names}")
    new = cls.__new__

    def make(*values: Any) -> T:
        obj = new(cls)
        obj.__dict__.update(zip(names, values, strict=True))
        return obj

    return make


def _trusted(hint: Any) -> Callable[[Any], Any] | None:
    """What rebuilds a value the cache wrote (:func:`_plain`) as a ``hint``, without
    checking it; None when the stored value is the value. A None stands for itself.
    A type the cache cannot store is a TypeError, raised when this module is imported."""
    hint = _optional(hint)
    if hint is date:
        return date.fromordinal
    if hint in (str, int, bool, float):
        return None
    if get_origin(hint) is tuple and all(
        a is Ellipsis or _trusted(a) is None for a in get_args(hint)
    ):
        return None  # marshal keeps tuples as tuples
    if (
        isinstance(hint, type)
        and is_dataclass(hint)
        and all(_trusted(h) is None for h in _hints(hint).values())
    ):
        return lambda values: hint(**values)
    raise TypeError(f"the parse cache cannot store a value of type {hint}")


class PersonLayout:
    """How a record holds a contact (:attr:`Record.person`): every attribute of the
    model but its touches, in the model's order, as :func:`_plain` makes them, with
    the source as its line alone (the record's path is the rest).

    Derived from the model's attributes and their types, so a new attribute is
    stored and read back with no change here; one of a type the cache cannot store
    is a TypeError when the layout is made.
    """

    def __init__(self, model: type[Contact]) -> None:
        hints = _hints(model)
        if hints.get("source") is not Source or hints.get("touches") is not Touches:
            raise TypeError(f"{model.__name__} must have a Source source and Touches touches")
        self.names = tuple(name for name in hints if name != "touches")
        """The attributes a record holds, in its order."""
        self._source = self.names.index("source")
        self._rebuild = tuple(
            (i, rebuild)
            for i, name in enumerate(self.names)
            if name != "source" and (rebuild := _trusted(hints[name])) is not None
        )
        self._plain = tuple(
            i
            for i, name in enumerate(self.names)
            if name != "source" and _optional(hints[name]) not in (str, int, bool, float)
        )
        self._new = _filler(model, (*self.names, "touches"))

    def row(self, contact: Contact) -> tuple[Any, ...]:
        """The record's person of ``contact``."""
        values = [getattr(contact, name) for name in self.names]
        for i in self._plain:
            values[i] = _plain(values[i])
        values[self._source] = contact.source.line
        return tuple(values)

    def contact(self, rel: str, row: tuple[Any, ...], touches: Touches) -> Contact:
        """The contact of a record's person (a ``row``), read from the file ``rel``."""
        values = list(row)
        for i, rebuild in self._rebuild:
            value = values[i]
            if value is not None:
                values[i] = rebuild(value)
        values[self._source] = _new_source(rel, values[self._source])
        values.append(touches)
        return self._new(*values)


#: The layout of :attr:`Record.person`, from the model's attributes.
PERSON = PersonLayout(Contact)


def decode_records(rows: Any) -> list[CachedFile]:
    """Entries from records (as :func:`record` makes them); raises Damaged or another error."""
    _check(type(rows) is list and set(map(type, rows)) <= _LIST)
    _check(set(map(len, rows)) <= _RECORD_LENS)
    _check(
        {type(row[1]) for row in rows} <= _TUPLE and {len(row[1]) for row in rows} <= _STAMP_LENS
    )
    entries = []
    for row in rows:  # lengths checked above; each row is a fresh list marshal made
        row[1] = tuple.__new__(FileStamp, row[1])
        r = tuple.__new__(Record, row)
        contact = None
        if r.person is not None:
            touches = LazyTouches(r) if r.touch_dates else NO_TOUCHES
            contact = PERSON.contact(r.rel, r.person, touches)
        problems = _problems(r.problems) if r.problems else ()
        entries.append(CachedFile(r.seen, r, r.rel, r.today, r.latest, contact, problems))
    return entries


_LIST = {list}
_TUPLE = {tuple}
_RECORD_LENS = {len(Record._fields)}
_STAMP_LENS = {len(FileStamp._fields)}


def _ints(data: bytes) -> memoryview[int]:
    return memoryview(data).cast("i")


class LazyTouches(Touches):
    """The touches of one cached record, made from its columns when looked at.

    To the model it is a plain :class:`~abcnet.core.model.Touches`: a sequence that
    knows its dates. A warm ``abc check`` makes no touch at all.
    """

    __slots__ = ("_record",)

    def __init__(self, record: Record) -> None:  # no super().__init__(): nothing is made
        self._made = None
        self._ordinals = _ints(record.touch_dates)
        self._record = record

    def _one(self, index: int) -> Touch:
        return _touch_at(self._record, self.ordinals, index)

    def _every(self) -> tuple[Touch, ...]:
        return _touches_of(self._record, self.ordinals)


def _touch_at(r: Record, days: Sequence[int], i: int) -> Touch:
    """The touch at index ``i`` of a checked record (``days`` are its dates)."""
    codes = r.touch_codes
    code = codes[4 * i : 4 * i + 4]
    note = None
    if code[3] == "1":
        notes, after = r.touch_notes, codes[4 * i + 7 :: 4].count("1")
        if isinstance(notes, list):
            note = notes[-1 - after]
        else:  # split off no more than it takes: most often the last note is wanted
            note = notes[:-1].rsplit(NOTE_SEP, after + 1)[-1 - after]
    return _new_touch(
        date.fromordinal(days[i]),
        _CHANNEL_OF[code[0]],
        _DIRECTION_OF[code[1]],
        _KIND_OF[code[2]],
        note,
        _ints(r.touch_lines)[i],
    )


def _touches_of(r: Record, days: Sequence[int]) -> tuple[Touch, ...]:
    """Every touch of a checked record, column by column."""
    codes, notes = r.touch_codes, r.touch_notes
    present = iter(notes if isinstance(notes, list) else notes.split(NOTE_SEP))
    return tuple(
        map(
            _new_touch,
            map(date.fromordinal, days),
            map(_CHANNEL_OF.__getitem__, codes[0::4]),
            map(_DIRECTION_OF.__getitem__, codes[1::4]),
            map(_KIND_OF.__getitem__, codes[2::4]),
            [next(present) if flag == "1" else None for flag in codes[3::4]],
            _ints(r.touch_lines),
        )
    )


def _decode_settings(row: Any) -> CachedSettings:
    _check(type(row) is list and len(row) == len(SettingsRecord._fields))
    _check(tuple(map(type, row)) == (tuple, dict, list))
    _check(tuple(map(type, row[0])) == _STAMP_TYPES)
    r = SettingsRecord(FileStamp._make(row[0]), *row[1:])
    settings = _decoded(Settings, r.values)
    return CachedSettings(r.seen, r, settings, _problems(r.problems))


# --- the check summary -----------------------------------------------------------------

#: The attributes of a contact a :class:`~abcnet.core.model.Brief` holds (but its source and
#: touches), in the order of a row of the summary.
_BRIEF = ("slug", "name", "circle", "cadence", "snooze_until", "archived")
_BRIEF_AT = tuple(PERSON.names.index(name) for name in _BRIEF)
_LINE = PERSON.names.index("source")
_new_brief = _filler(Brief, ("slug", "name", "source", *_BRIEF[2:], "touches"))
_new_source = _filler(Source, ("path", "line"))


class Summary(NamedTuple):
    """The check summary (``check.cache``): per contact file only what ``abc check``
    needs, which loads in a fraction of the time of the whole cache. Kept by column,
    so that telling every file unchanged takes two comparisons, and a contact's brief
    is read only for the people a report shows. The columns of integers and bytes are
    views into the file's bytes (:func:`_sections`)."""

    settings: CachedSettings | None
    listing: str
    """Each file's name in ``contacts/``, in name order, joined by NUL (which no name
    holds): compared with the folder's listing as one string (:meth:`names` splits it)."""
    stats: Sequence[int]
    """Each file's :attr:`FileStamp.key`, one after the other (empty when one does not
    fit in 64 bits: then no file is taken as unchanged by them)."""
    raw: str
    """Every entry of ``contacts/`` as :func:`~abcnet.storage.layout.sweep` found it, in
    the order the system listed them, joined by NUL."""
    raw_stats: Sequence[int] | None
    """Their stat keys, one after the other; None when the summary holds no sweep (see
    :func:`encode_summary`)."""
    racy: list[int]
    """The files whose stamp was racy."""
    checked: Sequence[int]
    """The day each file was checked."""
    latest: Sequence[int]
    """The latest dates in the files that have one, sorted."""
    latest_of: Sequence[int]
    """Whose each of those dates is."""
    problems: list[tuple[int, list[list[Any]]]]
    """Each file's problems as rows, for the files with any."""
    briefs: memoryview
    """The brief of each file that gave a contact, marshalled one after the other: the
    attributes of :data:`_BRIEF`, its line, its touch dates."""
    who: Sequence[int]
    """Whose file each brief is, in file order."""
    ends: Sequence[int]
    """Where each brief ends in :attr:`briefs`."""
    rest: memoryview
    """Each file's stat key, digest and latest date (:func:`_packed`): only to rebuild its rows."""
    keys: memoryview
    """Each file's :attr:`Record.keys`, in the same order (:func:`_packed`): read only
    when a file changed and the duplicate check runs again."""
    duplicates: tuple[Problem, ...]
    standings: Standings
    """Where the contacts stand, under the settings, on a day after their dates."""

    def names(self) -> list[str]:
        """Each file's name in ``contacts/``, in name order."""
        return self.listing.split("\0") if self.listing else []

    def brief(self, person: int) -> Any:
        """The marshalled values of the ``person``-th brief (see :attr:`briefs`)."""
        return marshal.loads(
            self.briefs[self.ends[person - 1] if person else 0 : self.ends[person]]
        )

    def rows(self) -> list[list[Any]]:
        """Each file, in name order, as :func:`summary_row` makes it."""
        names = self.names()
        rest = marshal.loads(_unpacked(self.rest))
        _check(type(rest) is list and len(rest) == len(names))
        problems = dict(self.problems)
        person = {j: i for i, j in enumerate(self.who)}
        rows = []
        for i, (name, (stat, digest, latest), checked) in enumerate(
            zip(names, rest, self.checked, strict=True)
        ):
            brief = self.brief(person[i]) if i in person else None
            seen = (*stat, digest, i in self.racy)
            rows.append([CONTACTS + name, seen, checked, latest, problems.get(i, []), brief])
        return rows


CONTACTS = "contacts/"
"""Where the contact files are (:data:`abcnet.storage.layout.CONTACTS_DIR`)."""


_brief_of = itemgetter(*_BRIEF_AT, _LINE)


def summary_row(r: Record) -> list[Any]:
    """A file's row of the summary: its path, its :class:`FileStamp` as a tuple, the day
    it was checked, its latest date, its problems as rows, and its brief (None when it
    gave no contact): the attributes of :data:`_BRIEF`, its line, its touch dates."""
    brief = None if r.person is None else (*_brief_of(r.person), r.touch_dates)
    return [r.rel, tuple(r.seen), r.today, r.latest, r.problems, brief]


def encode_summary(
    stamp: dict[str, Any],
    settings: SettingsRecord | None,
    rows: list[list[Any]],
    keys: list[Any],
    duplicates: list[Problem] | tuple[Problem, ...],
    known: Standings,
    swept: Swept | None = None,
) -> bytes:
    """The check summary of every contact file (``rows`` and ``keys``, in name order),
    with where their contacts stand (``known``, of :func:`briefs` of ``rows``), and the
    folder as :func:`~abcnet.storage.layout.sweep` found it when ``rows`` were listed
    from it (None when they were not, or it held a contact file that is not a plain one:
    then a warm check compares the sorted listing alone)."""
    raw_stats = b"" if swept is None else flat_stats([_stat_key(st) for st in swept.stats])
    if swept is not None and swept.names and not raw_stats:
        swept = None  # a stat that does not fit
    dated = sorted((r[3], i) for i, r in enumerate(rows) if r[3] is not None)
    briefs = [(i, marshal.dumps(r[5])) for i, r in enumerate(rows) if r[5] is not None]
    listing = "\0".join(r[0].removeprefix(CONTACTS) for r in rows)
    sections = {
        "listing": _utf8(listing),
        "stats": flat_stats([r[1][:4] for r in rows]),
        "raw": b"" if swept is None else _utf8("\0".join(swept.names)),
        "raw_stats": raw_stats,
        "checked": _int_bytes([r[2] for r in rows]),
        "latest": _int_bytes([d for d, _ in dated]),
        "latest_of": _int_bytes([i for _, i in dated]),
        "briefs": b"".join(b for _, b in briefs),
        "who": _int_bytes([i for i, _ in briefs]),
        "ends": _int_bytes(list(accumulate(len(b) for _, b in briefs))),
        "rest": _packed([(tuple(r[1][:4]), r[1][4], r[3]) for r in rows]),
        "keys": _packed(keys),
        **{f"standings.{name}": _int_bytes(getattr(known, name)) for name in _STANDING_COLUMNS},
    }
    body = {
        "settings": None if settings is None else [_stamp_row(settings.seen), *settings[1:]],
        "racy": [i for i, r in enumerate(rows) if r[1][5]],
        "problems": [(i, r[4]) for i, r in enumerate(rows) if r[4]],
        "duplicates": [_problem_row(p) for p in duplicates],
        "standings": [known.pool, known.width],
        "swept": swept is not None,
    }
    return _sectioned(stamp, body, sections)


def _utf8(names: str) -> bytes:
    return names.encode("utf-8", "surrogatepass")  # names as the system gave them


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    """A stat's :attr:`FileStamp.key` (as :func:`~abcnet.storage.cachestamp._stat_key`)."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


#: The columns of :class:`Standings`, kept as sections of the summary.
_STANDING_COLUMNS = ("cadences", "touched", "due", "never", "latest", "latest_of", "kept")

#: How a check summary starts (see :func:`_sectioned`).
SUMMARY_MAGIC = b"abc-check-summary\n"


def _sectioned(
    stamp: dict[str, Any], body: dict[str, Any], sections: Mapping[str, bytes | memoryview]
) -> bytes:
    """A check summary: :data:`SUMMARY_MAGIC`, the length of its head (8 bytes, little
    end first), the head marshalled (what wrote it, where the body starts in the
    payload, the payload's size and CRC-32), zeros up to a multiple of 8 bytes, then the
    payload: each section followed by zeros up to a multiple of 8 bytes, then ``body``
    marshalled with where each section lies. A section is read in place, an array of
    integers too (:func:`_sections`): no copy of the bulk, and no JSON to import."""
    parts, table, at = [], {}, 0
    for name, blob in sections.items():
        table[name] = (at, at + len(blob))
        parts += [blob, bytes(-len(blob) % 8)]
        at += len(blob) + len(parts[-1])
    payload = b"".join(parts) + marshal.dumps({**body, "sections": table})
    head = marshal.dumps(
        {
            "abc-cache": SCHEMA,
            "stamp": stamp,
            "body": at,
            "bytes": len(payload),
            "crc32": zlib.crc32(payload),
        }
    )
    lead = SUMMARY_MAGIC + len(head).to_bytes(8, "little") + head
    return lead + bytes(-len(lead) % 8) + payload


def _sections(
    data: bytes, stamp: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, memoryview]] | None:
    """The body and the sections of the check summary in ``data`` (:func:`_sectioned`),
    each a view into ``data``; None when it is not one, not whole, or not written by
    ``stamp``. Raises ValueError (or another error) when it is damaged."""
    if not data.startswith(SUMMARY_MAGIC):
        return None
    at = len(SUMMARY_MAGIC) + 8
    size = int.from_bytes(data[at - 8 : at], "little")
    head = marshal.loads(data[at : at + size])
    start = at + size + (-(at + size) % 8)
    if type(head) is not dict or head.get("abc-cache") != SCHEMA or head.get("stamp") != stamp:
        return None
    payload = memoryview(data)[start:]
    if head.get("bytes") != len(payload) or head.get("crc32") != zlib.crc32(payload):
        return None
    end = head["body"]
    _check(type(end) is int and 0 <= end <= len(payload))
    body = marshal.loads(payload[end:])
    _check(type(body) is dict and type(body.get("sections")) is dict)
    found = {}
    for name, where in body.pop("sections").items():
        _check(type(where) is tuple and len(where) == 2 and all(type(x) is int for x in where))
        a, b = where
        _check(0 <= a <= b <= end and a % 8 == 0)
        found[name] = payload[a:b]
    return body, found


def with_sweep(data: bytes, stamp: dict[str, Any], swept: Swept) -> bytes | None:
    """The check summary in ``data`` holding ``swept`` as its sweep, its other columns as
    they are (for a folder whose contact files are as the summary has them, and plain);
    None when ``data`` is not one."""
    found = _sections(data, stamp)
    raw_stats = flat_stats([_stat_key(st) for st in swept.stats])
    if found is None or (swept.names and not raw_stats):
        return None
    body, sections = found
    new: dict[str, bytes | memoryview] = {**sections}
    new.update(raw=_utf8("\0".join(swept.names)), raw_stats=raw_stats)
    return _sectioned(stamp, {**body, "swept": True}, new)


def _int64s(section: memoryview) -> memoryview[int]:
    """A section of integers as a sequence of them, read in place (native order, 8 bytes
    each: the stamp's ``native`` says whose); raises TypeError when it is not one."""
    return section.cast("q")


_SECTIONS = {
    "listing", "stats", "raw", "raw_stats", "checked", "latest", "latest_of", "briefs", "who",
    "ends", "rest", "keys",
    *(f"standings.{name}" for name in _STANDING_COLUMNS),
}  # fmt: skip
_BODY = {"settings", "racy", "problems", "duplicates", "standings", "swept"}


def decode_summary(data: bytes, stamp: dict[str, Any]) -> Summary | None:
    """The check summary in ``data``, or None when it is damaged, foreign or from
    another version. Its columns are checked for shape here, a brief's values when
    :class:`Briefs` makes it."""
    try:
        split_up = _sections(data, stamp)
        if split_up is None:
            return None
        body, sections = split_up
        if set(body) != _BODY or set(sections) != _SECTIONS:
            return None
        raw_settings = body["settings"]
        settings = None if raw_settings is None else _decode_settings(raw_settings)
        listing = str(sections["listing"], "utf-8", "surrogatepass")
        _check(all(type(body[k]) is list for k in ("racy", "problems")))
        n = listing.count("\0") + 1 if listing else 0
        stats = _int64s(sections["stats"])
        _check(len(stats) in (0, 4 * n))
        raw, raw_stats, swept = str(sections["raw"], "utf-8", "surrogatepass"), None, body["swept"]
        _check(type(swept) is bool)
        if swept:
            raw_stats = _int64s(sections["raw_stats"])
            _check(len(raw_stats) == 4 * (raw.count("\0") + 1 if raw else 0))
        columns = {
            k: _int64s(sections[k]) for k in ("checked", "latest", "latest_of", "who", "ends")
        }
        _check(len(columns["checked"]) == n and len(columns["latest"]) == len(columns["latest_of"]))
        who, ends, briefs = columns["who"], columns["ends"], sections["briefs"]
        _check(len(who) == len(ends) <= n)
        _check(not who or (min(who) >= 0 and max(who) < n and ends[-1] == len(briefs)))
        known = _standings(body["standings"], sections, len(who))
        duplicates = _problems(body["duplicates"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, EOFError):
        return None
    except RecursionError:
        return None
    return Summary(
        settings=settings,
        listing=listing,
        stats=stats,
        raw=raw,
        raw_stats=raw_stats,
        racy=body["racy"],
        problems=body["problems"],
        briefs=briefs,
        rest=sections["rest"],
        keys=sections["keys"],
        duplicates=duplicates,
        standings=known,
        **columns,
    )


def flat_stats(keys: Sequence[Sequence[int]]) -> bytes:
    """The stat keys ``keys`` one after the other, as :attr:`Summary.stats` keeps them;
    empty when one does not fit."""
    try:
        return array("q", [v for key in keys for v in key]).tobytes()
    except OverflowError:
        return b""


def _int_bytes(values: Sequence[int]) -> bytes:
    """Integers as one array's bytes (:func:`_int64s` reads them): no object for each."""
    return array("q", values).tobytes()


def _standings(raw: Any, sections: dict[str, memoryview], people: int) -> Standings:
    """The :class:`Standings` of so many ``people`` that ``raw`` (its pool and width) and
    the summary's ``sections`` hold; raises Damaged (or another error) when they are not
    in the shape :func:`encode_summary` writes."""
    _check(type(raw) is list and len(raw) == 2)
    pool, width = raw
    columns = {name: _int64s(sections[f"standings.{name}"]) for name in _STANDING_COLUMNS}
    known = Standings(**columns, pool=pool, width=width)
    _check(len(known.cadences) == people and len(known.touched) == len(known.due))
    _check(len(known.latest) == len(known.latest_of) and len(known.kept) <= people)
    for positions in (known.touched, known.never, known.latest_of):
        _check(not positions or (min(positions) >= 0 and max(positions) < people))
    _check(type(known.pool) is int and (known.width is None or type(known.width) is int))
    return known


def summary_keys(summary: Summary) -> list[Any]:
    """Each file's keys, as :attr:`Summary.keys` holds them; raises Damaged (or another
    error) when they are not one for each file."""
    keys = marshal.loads(_unpacked(summary.keys))
    _check(type(keys) is list and len(keys) == len(summary.names()))
    return keys  # type: ignore[no-any-return]


def _packed(value: Any) -> bytes:
    """``value`` marshalled and compressed: for what the summary seldom needs, which then
    costs little to load, check and copy with the rest."""
    return zlib.compress(marshal.dumps(value), 1)


def _unpacked(data: bytes | memoryview) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        raise Damaged from None


def briefs(rows: list[list[Any]], problems: list[Problem]) -> list[Brief]:
    """The briefs of the summary's rows (files that gave no contact have none); adds
    each file's problems to ``problems``. Raises Damaged (or another error) for a row
    not in the shape :func:`encode_summary` writes."""
    found = []
    for rel, _, _, _, file_problems, values in rows:
        if file_problems:
            problems.extend(_problems(file_problems))
        if values is not None:
            _check(type(values) is tuple and len(values) == len(_BRIEF) + 2)
            found.append(_brief(rel, values))
    return found


class Briefs(Sequence[Brief]):
    """The briefs of a :class:`Summary`'s files (files that gave no contact have none),
    each read when first asked for. Raises Damaged (or another error) when one is not
    in the shape :func:`encode_summary` writes, as it is read."""

    __slots__ = ("_made", "_names", "_summary")

    def __init__(self, summary: Summary) -> None:
        self._summary = summary
        self._names: list[str] | None = None  # split when the first brief is made
        self._made: dict[int, Brief] = {}

    def __len__(self) -> int:
        return len(self._summary.who)

    @overload
    def __getitem__(self, i: int) -> Brief: ...
    @overload
    def __getitem__(self, i: slice) -> list[Brief]: ...
    def __getitem__(self, i: int | slice) -> Brief | list[Brief]:
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        made = self._made.get(i)
        if made is None:
            summary = self._summary
            i = range(len(self))[i]  # an IndexError out of range, as a list's
            if self._names is None:
                self._names = summary.names()
            rel = CONTACTS + self._names[summary.who[i]]
            made = self._made[i] = _brief(rel, summary.brief(i))
        return made


def summary_problems(summary: Summary) -> list[Problem]:
    """The problems of a :class:`Summary`'s files."""
    return [p for _, rows in summary.problems for p in _problems(rows)]


def _brief(rel: str, values: tuple[Any, ...]) -> Brief:
    slug, name, circle, cadence, snooze, archived, line, dates = values
    touches = TouchDates(memoryview(dates).cast("i")) if dates else NO_TOUCHES
    snoozed = None if snooze is None else date.fromordinal(snooze)
    return _new_brief(
        slug, name, _new_source(rel, line), circle, cadence, snoozed, archived, touches
    )
