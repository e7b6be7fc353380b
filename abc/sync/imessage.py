"""macOS Messages' ``chat.db`` (iMessage and SMS), and the call history beside it.

Both are SQLite databases, read through ``ExportSource.sqlite()`` (read-only); which one
a file is follows from its tables: ``message`` and ``handle`` in ``chat.db`` (also
``sms.db`` from an iOS backup), ``ZCALLRECORD`` in ``CallHistory.storedata``
(macOS ``~/Library/Application Support/CallHistoryDB/``, or iOS). One kind covers
both, because a sniffer sees only "a SQLite file" and the tables decide.

Privacy: the query names its columns, and never ``text`` or ``attributedBody``:
a message's content is not read at all. ``is_from_me`` and ``ZORIGINATED`` are the
source's own word on direction.

Time: ``message.date`` counts from 2001-01-01 UTC, in nanoseconds on current
macOS and in seconds on old databases (told apart by size); ``ZDATE`` is seconds.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable

KIND = "imessage"

_APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
#: Above this a ``date`` is in nanoseconds (2001 + 10**11 s would be the year 5170).
_NANOSECONDS = 10**11
#: ``ZCALLTYPE``: 1 phone, 8 FaceTime video, 16 FaceTime audio.
_FACETIME_VIDEO = 8


def sniff(src: ExportSource, head: bytes) -> bool:
    """Any SQLite file: ``read`` decides by its tables (and says so if they are not ours)."""
    return not src.is_dir and head.startswith(b"SQLite format 3\x00")


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every message in ``chat.db``, or every call in ``CallHistory.storedata``, oldest first."""
    db = src.sqlite()
    try:
        tables = {str(r[0]).lower() for r in db.execute("select name from sqlite_master")}
        if {"message", "handle"} <= tables:
            yield from _messages(src.name, db, tables)
        elif "zcallrecord" in tables:
            yield from _calls(src.name, db)
        else:
            raise ExportError(
                src.name,
                "not an iMessage chat.db (no message table)",
                hint="nor a CallHistory.storedata: no ZCALLRECORD table",
            )
    except sqlite3.Error as err:
        raise ExportError(src.name, f"cannot read this database: {err}") from err
    finally:
        db.close()


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]).lower() for r in db.execute(f"pragma table_info({table})")}


def _or_zero(have: set[str], column: str) -> str:
    """The column, or 0 on an older schema that lacks it."""
    return f"m.{column}" if column in have else "0"


def _messages(name: str, db: sqlite3.Connection, tables: set[str]) -> Iterator[Event | Unreadable]:
    have = _columns(db, "message")
    members = _members(db, tables)
    joined = "chat_message_join" in tables
    query = f"""
        select m.ROWID, m.guid, m.date, m.is_from_me, m.handle_id, m.service,
               {_or_zero(have, "associated_message_type")}, {_or_zero(have, "item_type")},
               {_or_zero(have, "is_system_message")}, h.id,
               {"(select min(j.chat_id) from chat_message_join j where j.message_id = m.ROWID)" if joined else "null"}
        from message m left join handle h on h.ROWID = m.handle_id
        order by m.date, m.ROWID
    """
    for row in db.execute(query):
        rowid, guid, date, from_me, _hid, _service, tapback, item, system, who, chat = row
        when = _when(date)
        if when is None:
            what = f"date {date!r} is not a number"
            yield Unreadable(name, "bad date", f"message {rowid}", what)
            continue
        people = members.get(chat, ()) if chat is not None else ()
        if not people and who:
            people = (str(who),)
        skip = "system" if 2000 <= (tapback or 0) <= 3007 or (item or 0) != 0 or system else None
        group = len(people) > 1
        if from_me:
            sender, to = None, tuple(_handle(p) for p in people)
        else:
            sender = _handle(str(who)) if who else None
            to = tuple(_handle(p) for p in people if p != who)
        yield Event(
            KIND,
            str(guid),
            when,
            "message",
            sender,
            to,
            from_me=bool(from_me),
            people=len(people) + 1 if group else 0,
            skip=skip,
        )


def _members(db: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, ...]]:
    """Each chat's other members (``chat_handle_join``): more than one makes it a group."""
    if "chat_handle_join" not in tables:
        return {}
    found: defaultdict[int, list[str]] = defaultdict(list)
    rows = db.execute(
        "select j.chat_id, h.id from chat_handle_join j join handle h on h.ROWID = j.handle_id"
        " order by j.chat_id, h.id"
    )
    for chat, who in rows:
        if who and str(who) not in found[chat]:
            found[chat].append(str(who))
    return {chat: tuple(ids) for chat, ids in found.items()}


def _handle(value: str) -> Handle:
    return Handle("email" if "@" in value else "phone", value)


def _when(value: object) -> datetime | None:
    """A ``message.date`` as an instant, or None when it is not one."""
    if not isinstance(value, int | float):
        return None
    try:
        if abs(value) > _NANOSECONDS:
            whole = int(value)
            return _APPLE_EPOCH + timedelta(
                seconds=whole // 10**9, microseconds=whole % 10**9 // 1000
            )
        return _APPLE_EPOCH + timedelta(seconds=value)
    except OverflowError:
        return None


def _calls(name: str, db: sqlite3.Connection) -> Iterator[Event | Unreadable]:
    """Every call: answered with a duration, ``call`` (FaceTime video: ``video``), else ``missed``."""
    have = _columns(db, "zcallrecord")
    key = "ZUNIQUE_ID" if "zunique_id" in have else "Z_PK"
    label = "ZNAME" if "zname" in have else "''"
    query = f"""
        select Z_PK, {key}, ZADDRESS, ZDATE, ZDURATION, ZORIGINATED, ZANSWERED, ZCALLTYPE, {label}
        from ZCALLRECORD order by ZDATE, Z_PK
    """
    for pk, uid, address, date, duration, originated, answered, kind, called in db.execute(query):
        if isinstance(address, bytes):
            address = address.decode("utf-8", "replace")
        peer = Handle("email" if "@" in str(address) else "phone", str(address or ""), called or "")
        try:
            when = _APPLE_EPOCH + timedelta(seconds=date)
        except (TypeError, OverflowError):
            yield Unreadable(name, "bad date", f"call {pk}", f"ZDATE {date!r} is not a number")
            continue
        connected = (duration or 0) > 0 and bool(originated or answered)
        channel = "video" if kind == _FACETIME_VIDEO else "call"
        skip = None if connected else "missed"
        if originated:
            yield Event(KIND, str(uid), when, channel, None, (peer,), True, skip=skip)
        else:
            yield Event(KIND, str(uid), when, channel, peer, (), False, skip=skip)
