"""Sample SQLite exports for the chat readers, built in a test's tmp_path (never committed).

The tables are a subset of the real DDL (richinfante/iphonebackuptools,
``schemas/messages/iOS11.2.sql``, ``iOS6.1.6.sql`` and ``schemas/calls/calls_11.2.sql``):
the columns the readers select, plus ``text`` and ``attributedBody`` filled in, so a
test can prove the reader never reads them. The people are the demo network's
(Pieter de Vries, Jonas Lindqvist, Rahul Mehta) and one unknown number; the user is
Sam Rivera. Times are London wall-clock, stored as Apple's seconds since 2001.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
#: 2001-01-01T00:00:00Z in Unix seconds.
APPLE_EPOCH = 978307200

MESSAGES_DDL = """
CREATE TABLE handle (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE,
    id TEXT NOT NULL,
    country TEXT,
    service TEXT NOT NULL,
    uncanonicalized_id TEXT,
    UNIQUE (id, service)
);
CREATE TABLE chat (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT UNIQUE NOT NULL,
    style INTEGER,
    state INTEGER,
    chat_identifier TEXT,
    service_name TEXT,
    display_name TEXT
);
CREATE TABLE chat_handle_join (
    chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE,
    UNIQUE(chat_id, handle_id)
);
CREATE TABLE chat_message_join (
    chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
    message_date INTEGER DEFAULT 0,
    PRIMARY KEY (chat_id, message_id)
);
CREATE TABLE message (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT UNIQUE NOT NULL,
    text TEXT,
    handle_id INTEGER DEFAULT 0,
    attributedBody BLOB,
    service TEXT,
    date INTEGER,
    is_from_me INTEGER DEFAULT 0,
    is_system_message INTEGER DEFAULT 0,
    item_type INTEGER DEFAULT 0,
    associated_message_guid TEXT,
    associated_message_type INTEGER DEFAULT 0
);
"""

#: iOS 6: no ``item_type``, no ``associated_message_type``; dates in seconds.
OLD_MESSAGES_DDL = """
CREATE TABLE handle (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE,
    id TEXT NOT NULL,
    country TEXT,
    service TEXT NOT NULL,
    uncanonicalized_id TEXT,
    UNIQUE (id, service)
);
CREATE TABLE chat (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT UNIQUE NOT NULL,
    style INTEGER,
    chat_identifier TEXT,
    service_name TEXT
);
CREATE TABLE chat_handle_join (
    chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE,
    UNIQUE(chat_id, handle_id)
);
CREATE TABLE chat_message_join (
    chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id)
);
CREATE TABLE message (
    ROWID INTEGER PRIMARY KEY AUTOINCREMENT,
    guid TEXT UNIQUE NOT NULL,
    text TEXT,
    handle_id INTEGER DEFAULT 0,
    attributedBody BLOB,
    service TEXT,
    date INTEGER,
    is_from_me INTEGER DEFAULT 0,
    is_system_message INTEGER DEFAULT 0
);
"""

CALLS_DDL = """
CREATE TABLE ZCALLRECORD (
    Z_PK INTEGER PRIMARY KEY,
    Z_ENT INTEGER,
    Z_OPT INTEGER,
    ZANSWERED INTEGER,
    ZCALLTYPE INTEGER,
    ZORIGINATED INTEGER,
    ZDATE TIMESTAMP,
    ZDURATION FLOAT,
    ZNAME VARCHAR,
    ZSERVICE_PROVIDER VARCHAR,
    ZUNIQUE_ID VARCHAR UNIQUE,
    ZADDRESS BLOB
);
CREATE INDEX Z_CallRecord_date ON ZCALLRECORD (ZDATE COLLATE BINARY ASC);
"""

HANDLES = [
    (1, "+442079460488", "gb", "iMessage"),  # Pieter de Vries
    (2, "jonas@lindqvist.example.net", None, "iMessage"),  # Jonas Lindqvist
    (3, "+442079460455", "gb", "SMS"),  # Rahul Mehta
    (4, "+447700900789", "gb", "iMessage"),  # not a contact
    (5, "+442079460455", "gb", "iMessage"),  # Rahul again, on iMessage
]
CHATS = [
    (1, "iMessage;-;+442079460488", 45, "+442079460488", "iMessage", [1]),
    (
        2,
        "iMessage;-;jonas@lindqvist.example.net",
        45,
        "jonas@lindqvist.example.net",
        "iMessage",
        [2],
    ),
    (3, "iMessage;+;chat681023947512", 43, "chat681023947512", "iMessage", [1, 4, 5]),
    (4, "SMS;-;+442079460455", 45, "+442079460455", "SMS", [3]),
]
#: (rowid, guid, chat, handle, from me, London time, text, item_type, tapback)
MESSAGES = [
    (
        1,
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E01",
        1,
        1,
        0,
        "2026-06-09 12:30:00",
        "Lunch Tuesday?",
        0,
        0,
    ),
    (
        2,
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E02",
        1,
        1,
        1,
        "2026-06-09 12:34:10",
        "Yes, Canalside?",
        0,
        0,
    ),
    (
        3,
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E03",
        1,
        1,
        0,
        "2026-06-09 12:35:00",
        "Loved “Yes”",
        0,
        2000,
    ),
    (4, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E04", 2, 2, 0, "2026-07-22 22:15:00", "Slides?", 0, 0),
    (5, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E05", 2, 2, 1, "2026-07-23 00:05:00", "Sent!", 0, 0),
    (6, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E06", 3, 0, 1, "2026-08-01 18:58:00", None, 1, 0),
    (7, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E07", 3, 5, 0, "2026-08-01 19:00:00", "Pub?", 0, 0),
    (8, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E08", 3, 0, 1, "2026-08-01 19:05:00", "On my way", 0, 0),
    (
        9,
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E09",
        3,
        4,
        0,
        "2026-08-01 19:06:00",
        "Removed a like",
        0,
        3001,
    ),
    (
        10,
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E10",
        4,
        3,
        0,
        "2026-11-16 08:10:00",
        "Train late",
        0,
        0,
    ),
    (11, "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E11", 4, 3, 1, "2026-11-16 08:12:30", "No rush", 0, 0),
]
#: The iOS 6 database: (rowid, guid, handle, from me, London time, text).
OLD_MESSAGES = [
    (1, "0A3E5C7B-2F41-4E8D-B6A9-7C5D3E1F0A01", 1, 0, "2026-06-20 09:00:00", "Morning!"),
    (2, "0A3E5C7B-2F41-4E8D-B6A9-7C5D3E1F0A02", 1, 1, "2026-06-20 09:01:30", "Morning Pieter"),
]
#: (pk, unique id, address, London time, seconds, originated, answered, call type, name)
CALLS: list[tuple[int, str, str | bytes, str, float, int, int, int, str | None]] = [
    (
        1,
        "5D0B7E1A-0001-4C3E-8F2A-9B6D4E1C7A01",
        "+442079460488",
        "2026-06-11 18:20:00",
        312.4,
        1,
        0,
        1,
        "Pieter de Vries",
    ),
    (
        2,
        "5D0B7E1A-0002-4C3E-8F2A-9B6D4E1C7A02",
        b"jonas@lindqvist.example.net",
        "2026-07-30 20:00:00",
        1805.0,
        0,
        1,
        8,
        None,
    ),
    (
        3,
        "5D0B7E1A-0003-4C3E-8F2A-9B6D4E1C7A03",
        "+442079460455",
        "2026-09-15 23:58:00",
        0.0,
        0,
        0,
        1,
        "Rahul Mehta",
    ),
    (
        4,
        "5D0B7E1A-0004-4C3E-8F2A-9B6D4E1C7A04",
        "+447700900789",
        "2026-10-25 01:30:00",
        64.0,
        0,
        1,
        16,
        None,
    ),
    (
        5,
        "5D0B7E1A-0005-4C3E-8F2A-9B6D4E1C7A05",
        "+442079460488",
        "2026-11-03 09:00:00",
        0.0,
        1,
        0,
        1,
        "Pieter de Vries",
    ),
]


def apple_seconds(local: str) -> int:
    """A London wall-clock time as seconds since 2001-01-01 UTC."""
    moment = datetime.fromisoformat(local).replace(tzinfo=LONDON)
    return int(moment.timestamp()) - APPLE_EPOCH


def chat_db(path: Path) -> Path:
    """A current macOS ``chat.db``: dates in nanoseconds, 1:1 chats, a group, tapbacks."""
    db = sqlite3.connect(path)
    db.executescript(MESSAGES_DDL)
    db.executemany("insert into handle values (?, ?, ?, ?, ?)", [(*h, h[1]) for h in HANDLES])
    for rowid, guid, style, ident, service, members in CHATS:
        db.execute(
            "insert into chat values (?, ?, ?, 3, ?, ?, ?)",
            (rowid, guid, style, ident, service, "Pub crew" if style == 43 else None),
        )
        db.executemany("insert into chat_handle_join values (?, ?)", [(rowid, m) for m in members])
    for rowid, guid, chat, handle, me, local, text, item, tapback in MESSAGES:
        date = apple_seconds(local) * 10**9
        service = "SMS" if chat == 4 else "iMessage"
        db.execute(
            "insert into message values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (
                rowid,
                guid,
                text,
                handle,
                b"streamtyped\x81\xe8\x03",
                service,
                date,
                me,
                item,
                "p:0/8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E02" if tapback else None,
                tapback,
            ),
        )
        db.execute("insert into chat_message_join values (?, ?, ?)", (chat, rowid, date))
    db.commit()
    db.close()
    return path


def old_chat_db(path: Path) -> Path:
    """An iOS 6 ``sms.db``: dates in seconds, and none of the newer columns."""
    db = sqlite3.connect(path)
    db.executescript(OLD_MESSAGES_DDL)
    db.execute("insert into handle values (1, '+442079460488', 'gb', 'iMessage', '+442079460488')")
    db.execute(
        "insert into chat values (1, 'iMessage;-;+442079460488', 45, '+442079460488', 'iMessage')"
    )
    db.execute("insert into chat_handle_join values (1, 1)")
    for rowid, guid, handle, me, local, text in OLD_MESSAGES:
        db.execute(
            "insert into message values (?, ?, ?, ?, NULL, 'iMessage', ?, ?, 0)",
            (rowid, guid, text, handle, apple_seconds(local), me),
        )
        db.execute("insert into chat_message_join values (1, ?)", (rowid,))
    db.commit()
    db.close()
    return path


def call_history(path: Path) -> Path:
    """A ``CallHistory.storedata``: phone and FaceTime calls, answered, missed, unanswered."""
    db = sqlite3.connect(path)
    db.executescript(CALLS_DDL)
    for pk, uid, address, local, seconds, out, answered, kind, name in CALLS:
        provider = "com.apple.FaceTime" if kind in (8, 16) else "com.apple.Telephony"
        db.execute(
            "insert into ZCALLRECORD values (?, 2, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                answered,
                kind,
                out,
                apple_seconds(local) + 0.25,
                seconds,
                name,
                provider,
                uid,
                address,
            ),
        )
    db.commit()
    db.close()
    return path


def not_messages_db(path: Path) -> Path:
    """A SQLite file that is neither: a browser history, say."""
    db = sqlite3.connect(path)
    db.execute("create table urls (id integer primary key, url text, title text)")
    db.commit()
    db.close()
    return path
