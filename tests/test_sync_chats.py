"""The chat and phone readers: WhatsApp, SMS Backup & Restore, Telegram, iMessage and calls.

Each committed sample under ``tests/data/sync/chats/`` (and each SQLite database
that ``tests/sync_chat_samples.py`` builds in tmp_path) is read in full and
compared with the exact events it must give, in a compact form: key, time,
channel, sender, recipients, ``from_me``, skip reason, people. Bad input must
raise an :class:`ExportError` that names the file and the line.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped, unused-ignore]
import pytest
import sync_chat_samples as samples
from conftest import event_row
from hypothesis import given
from hypothesis import strategies as st

from abcnet.storage.exports import source
from abcnet.sync import imessage, sms_backup, telegram, whatsapp
from abcnet.sync.event import Event, ExportError, Unreadable

DATA = Path(__file__).resolve().parent / "data" / "sync" / "chats"
ANDROID = DATA / "whatsapp" / "android"
IOS_CHAT = DATA / "whatsapp" / "ios" / "_chat.txt"
SMS_DIR = DATA / "sms"
TELEGRAM_FULL = DATA / "telegram" / "full" / "result.json"
TELEGRAM_SINGLE = DATA / "telegram" / "single" / "result.json"

Row = tuple[str, str, str, str | None, tuple[str, ...], bool | None, str | None, int]


def rows(events: Iterator[Event]) -> list[Row]:
    """Events in the compact form the expectations below are written in."""
    out: list[Row] = []
    for e in events:
        assert e.subject is None  # chats have no subject
        out.append(event_row(e, e.people, brackets="()"))
    return out


def read(module: Any, path: Path, **options: Any) -> list[Row]:
    return rows(module.read(source(path), **options))


def head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4096)


def error(module: Any, path: Path) -> str:
    with pytest.raises(ExportError) as caught:
        list(module.read(source(path)))
    return str(caught.value)


# ---------------------------------------------------------------- expectations

ADA = [
    (
        "Ada Okafor\x1f03/06/2026\x1f09:00\x1f\x1f1",
        "2026-06-03T09:00:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Ada Okafor\x1f03/06/2026\x1f09:02\x1fSam Rivera\x1f1",
        "2026-06-03T09:02:00",
        "message",
        "name:Sam Rivera",
        ("name:Ada Okafor",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f03/06/2026\x1f09:15\x1fAda Okafor\x1f1",
        "2026-06-03T09:15:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f03/06/2026\x1f09:16\x1fAda Okafor\x1f1",
        "2026-06-03T09:16:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f14/07/2026\x1f12:40\x1fAda Okafor\x1f1",
        "2026-07-14T12:40:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f14/07/2026\x1f12:58\x1fSam Rivera\x1f1",
        "2026-07-14T12:58:00",
        "message",
        "name:Sam Rivera",
        ("name:Ada Okafor",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f31/10/2026\x1f23:58\x1fSam Rivera\x1f1",
        "2026-10-31T23:58:00",
        "message",
        "name:Sam Rivera",
        ("name:Ada Okafor",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f01/11/2026\x1f00:03\x1fAda Okafor\x1f1",
        "2026-11-01T00:03:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f03/11/2026\x1f21:14\x1fAda Okafor\x1f1",
        "2026-11-03T21:14:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Ada Okafor\x1f03/11/2026\x1f21:14\x1fAda Okafor\x1f2",
        "2026-11-03T21:14:00",
        "message",
        "name:Ada Okafor",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
]

FELIX = [
    (
        "Felix Wagner\x1f13.06.26\x1f21:25\x1f\x1f1",
        "2026-06-13T21:25:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Felix Wagner\x1f13.06.26\x1f21:25\x1fFelix Wagner\x1f1",
        "2026-06-13T21:25:00",
        "message",
        "name:Felix Wagner",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Felix Wagner\x1f13.06.26\x1f21:40\x1fSam Rivera\x1f1",
        "2026-06-13T21:40:00",
        "message",
        "name:Sam Rivera",
        ("name:Felix Wagner",),
        None,
        None,
        0,
    ),
    (
        "Felix Wagner\x1f02.09.26\x1f08:05\x1fFelix Wagner\x1f1",
        "2026-09-02T08:05:00",
        "message",
        "name:Felix Wagner",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Felix Wagner\x1f02.09.26\x1f08:07\x1fSam Rivera\x1f1",
        "2026-09-02T08:07:00",
        "message",
        "name:Sam Rivera",
        ("name:Felix Wagner",),
        None,
        None,
        0,
    ),
]

GROUP = [
    (
        "Data Folks London\x1f05/07/2026\x1f18:02\x1f\x1f1",
        "2026-07-05T18:02:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:02\x1f\x1f2",
        "2026-07-05T18:02:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:02\x1f\x1f3",
        "2026-07-05T18:02:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:03\x1fData Folks London\x1f1",
        "2026-07-05T18:03:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:05\x1fAda Okafor\x1f1",
        "2026-07-05T18:05:00",
        "message",
        "name:Ada Okafor",
        (
            "phone:+44 7700 900456",
            "name:Pieter de Vries",
            "name:Priya",
            "name:Rahul Mehta",
            "name:Sam Rivera",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:09\x1fRahul Mehta\x1f1",
        "2026-07-05T18:09:00",
        "message",
        "name:Rahul Mehta",
        (
            "phone:+44 7700 900456",
            "name:Ada Okafor",
            "name:Pieter de Vries",
            "name:Priya",
            "name:Sam Rivera",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:11\x1f+44 7700 900456\x1f1",
        "2026-07-05T18:11:00",
        "message",
        "phone:+44 7700 900456",
        (
            "name:Ada Okafor",
            "name:Pieter de Vries",
            "name:Priya",
            "name:Rahul Mehta",
            "name:Sam Rivera",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f05/07/2026\x1f18:30\x1fSam Rivera\x1f1",
        "2026-07-05T18:30:00",
        "message",
        "name:Sam Rivera",
        (
            "phone:+44 7700 900456",
            "name:Ada Okafor",
            "name:Pieter de Vries",
            "name:Priya",
            "name:Rahul Mehta",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f06/08/2026\x1f19:45\x1fPieter de Vries\x1f1",
        "2026-08-06T19:45:00",
        "message",
        "name:Pieter de Vries",
        (
            "phone:+44 7700 900456",
            "name:Ada Okafor",
            "name:Priya",
            "name:Rahul Mehta",
            "name:Sam Rivera",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f06/08/2026\x1f19:46\x1fPriya\x1f1",
        "2026-08-06T19:46:00",
        "message",
        "name:Priya",
        (
            "phone:+44 7700 900456",
            "name:Ada Okafor",
            "name:Pieter de Vries",
            "name:Rahul Mehta",
            "name:Sam Rivera",
        ),
        None,
        None,
        0,
    ),
    (
        "Data Folks London\x1f06/08/2026\x1f19:52\x1f\x1f1",
        "2026-08-06T19:52:00",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
]

MARCUS = [
    (
        "Marcus Oyelaran\x1f09/10/2026\x1f11:11\x1fMarcus Oyelaran\x1f1",
        "2026-10-09T11:11:00",
        "message",
        "name:Marcus Oyelaran",
        ("name:Sam",),
        None,
        None,
        0,
    ),
    (
        "Marcus Oyelaran\x1f09/10/2026\x1f11:20\x1fSam\x1f1",
        "2026-10-09T11:20:00",
        "message",
        "name:Sam",
        ("name:Marcus Oyelaran",),
        None,
        None,
        0,
    ),
    (
        "Marcus Oyelaran\x1f09/10/2026\x1f12:02\x1fMarcus Oyelaran\x1f1",
        "2026-10-09T12:02:00",
        "message",
        "name:Marcus Oyelaran",
        ("name:Sam",),
        None,
        None,
        0,
    ),
    (
        "Marcus Oyelaran\x1f31/10/2026\x1f11:58\x1fSam\x1f1",
        "2026-10-31T23:58:00",
        "message",
        "name:Sam",
        ("name:Marcus Oyelaran",),
        None,
        None,
        0,
    ),
    (
        "Marcus Oyelaran\x1f01/11/2026\x1f12:04\x1fMarcus Oyelaran\x1f1",
        "2026-11-01T00:04:00",
        "message",
        "name:Marcus Oyelaran",
        ("name:Sam",),
        None,
        None,
        0,
    ),
]

JONAS = [
    (
        "_chat.txt\x1f6/2/26\x1f8:01:12\x1f\x1f1",
        "2026-06-02T08:01:12",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "_chat.txt\x1f6/2/26\x1f8:01:12\x1fSam Rivera\x1f1",
        "2026-06-02T08:01:12",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f6/13/26\x1f9:25:03\x1fJonas Lindqvist\x1f1",
        "2026-06-13T21:25:03",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f6/14/26\x1f10:02:45\x1fSam Rivera\x1f1",
        "2026-06-14T10:02:45",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f6/14/26\x1f10:05:10\x1fJonas Lindqvist\x1f1",
        "2026-06-14T10:05:10",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f10/25/26\x1f1:30:00\x1fSam Rivera\x1f1",
        "2026-10-25T01:30:00",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f10/25/26\x1f1:45:00\x1fJonas Lindqvist\x1f1",
        "2026-10-25T01:45:00",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "_chat.txt\x1f11/19/26\x1f11:59:59\x1fJonas Lindqvist\x1f1",
        "2026-11-19T23:59:59",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
]

JONAS_ZIP = [
    (
        "Jonas Lindqvist\x1f6/2/26\x1f8:01:12\x1f\x1f1",
        "2026-06-02T08:01:12",
        "message",
        None,
        (),
        None,
        "system",
        0,
    ),
    (
        "Jonas Lindqvist\x1f6/2/26\x1f8:01:12\x1fSam Rivera\x1f1",
        "2026-06-02T08:01:12",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f6/13/26\x1f9:25:03\x1fJonas Lindqvist\x1f1",
        "2026-06-13T21:25:03",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f6/14/26\x1f10:02:45\x1fSam Rivera\x1f1",
        "2026-06-14T10:02:45",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f6/14/26\x1f10:05:10\x1fJonas Lindqvist\x1f1",
        "2026-06-14T10:05:10",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f10/25/26\x1f1:30:00\x1fSam Rivera\x1f1",
        "2026-10-25T01:30:00",
        "message",
        "name:Sam Rivera",
        ("name:Jonas Lindqvist",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f10/25/26\x1f1:45:00\x1fJonas Lindqvist\x1f1",
        "2026-10-25T01:45:00",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
    (
        "Jonas Lindqvist\x1f11/19/26\x1f11:59:59\x1fJonas Lindqvist\x1f1",
        "2026-11-19T23:59:59",
        "message",
        "name:Jonas Lindqvist",
        ("name:Sam Rivera",),
        None,
        None,
        0,
    ),
]

SMS = [
    (
        "1781287451000|+442079460864|1",
        "2026-06-12T18:04:11+00:00",
        "message",
        "phone:+442079460864 (Kwame Asante)",
        (),
        False,
        None,
        0,
    ),
    (
        "1781287840000|+442079460864|2",
        "2026-06-12T18:10:40+00:00",
        "message",
        None,
        ("phone:+442079460864 (Kwame Asante)",),
        True,
        None,
        0,
    ),
    (
        "1782976500000|02079460906|1",
        "2026-07-02T07:15:00+00:00",
        "message",
        "phone:02079460906 (Samuel Adeyemi)",
        (),
        False,
        None,
        0,
    ),
    (
        "1782977487000|02079460906|3",
        "2026-07-02T07:31:27+00:00",
        "message",
        None,
        ("phone:02079460906 (Samuel Adeyemi)",),
        True,
        "draft",
        0,
    ),
    (
        "1787227509000|Vodafone|1",
        "2026-08-20T12:05:09+00:00",
        "message",
        "phone:Vodafone",
        (),
        False,
        None,
        0,
    ),
    (
        "1787299200000|61234|1",
        "2026-08-21T08:00:00+00:00",
        "message",
        "phone:61234",
        (),
        False,
        None,
        0,
    ),
    (
        "1788453930000|+447700900456|1",
        "2026-09-03T16:45:30+00:00",
        "message",
        "phone:+447700900456",
        (),
        False,
        None,
        0,
    ),
    (
        "1788454932000|+447700900456|2",
        "2026-09-03T17:02:12+00:00",
        "message",
        None,
        ("phone:+447700900456",),
        True,
        None,
        0,
    ),
    (
        "1792882760000|+442079460864~02079460906|m2",
        "2026-10-24T22:59:20+00:00",
        "message",
        None,
        ("phone:+442079460864", "phone:02079460906"),
        True,
        None,
        3,
    ),
    (
        "1792883405000|+442079460864~02079460906|m1",
        "2026-10-24T23:10:05+00:00",
        "message",
        "phone:+442079460864",
        ("phone:+447700900123", "phone:02079460906"),
        False,
        None,
        3,
    ),
    (
        "1793880000000|+44 20 7946 0233|5",
        "2026-11-05T12:00:00+00:00",
        "message",
        None,
        ("phone:+44 20 7946 0233 (Hiroshi Tanaka)",),
        True,
        "draft",
        0,
    ),
    (
        "1794082440000|+44 20 7946 0233|2",
        "2026-11-07T20:14:00+00:00",
        "message",
        None,
        ("phone:+44 20 7946 0233 (Hiroshi Tanaka)",),
        True,
        None,
        0,
    ),
    (
        "1795116600000|+44 20 7946 0233|1",
        "2026-11-19T19:30:00+00:00",
        "message",
        "phone:+44 20 7946 0233 (Hiroshi Tanaka)",
        (),
        False,
        None,
        0,
    ),
]

SMS_OLD = [
    (
        "1781287451000|+442079460864|1",
        "2026-06-12T18:04:11+00:00",
        "message",
        "phone:+442079460864 (Kwame Asante)",
        (),
        False,
        None,
        0,
    ),
    (
        "1781287840000|+442079460864|2",
        "2026-06-12T18:10:40+00:00",
        "message",
        None,
        ("phone:+442079460864 (Kwame Asante)",),
        True,
        None,
        0,
    ),
    (
        "1782838800000|+442079460864|1",
        "2026-06-30T17:00:00+00:00",
        "message",
        "phone:+442079460864 (Kwame Asante)",
        (),
        False,
        None,
        0,
    ),
    (
        "1788453930000|+447700900456|1",
        "2026-09-03T16:45:30+00:00",
        "message",
        "phone:+447700900456",
        (),
        False,
        None,
        0,
    ),
    (
        "1788454932000|+447700900456|2",
        "2026-09-03T17:02:12+00:00",
        "message",
        None,
        ("phone:+447700900456",),
        True,
        None,
        0,
    ),
]

CALLS = [
    (
        "1790681590000|+442079460864|1",
        "2026-09-29T11:33:10+00:00",
        "call",
        "phone:+442079460864 (Kwame Asante)",
        (),
        False,
        None,
        0,
    ),
    (
        "1793491020000|+44 20 7946 0233|2",
        "2026-10-31T23:57:00+00:00",
        "call",
        None,
        ("phone:+44 20 7946 0233 (Hiroshi Tanaka)",),
        True,
        None,
        0,
    ),
    (
        "1793492444000|02079460906|3",
        "2026-11-01T00:20:44+00:00",
        "call",
        "phone:02079460906 (Samuel Adeyemi)",
        (),
        False,
        "missed",
        0,
    ),
    (
        "1793880000000|+447700900456|4",
        "2026-11-05T12:00:00+00:00",
        "call",
        "phone:+447700900456",
        (),
        False,
        "missed",
        0,
    ),
    (
        "1794082440000|+443069990188|5",
        "2026-11-07T20:14:00+00:00",
        "call",
        "phone:+443069990188",
        (),
        False,
        "missed",
        0,
    ),
    (
        "1794991200000|02079460906|2",
        "2026-11-18T08:40:00+00:00",
        "call",
        None,
        ("phone:02079460906 (Samuel Adeyemi)",),
        True,
        "missed",
        0,
    ),
    (
        "1795116600000|02079460906|1",
        "2026-11-19T19:30:00+00:00",
        "call",
        "phone:02079460906 (Samuel Adeyemi)",
        (),
        False,
        None,
        0,
    ),
]

TELEGRAM = [
    (
        "6102384751/601",
        "2026-07-20T07:00:00+00:00",
        "message",
        "name:Sam Rivera",
        (),
        True,
        "solo",
        0,
    ),
    (
        "5193847261/101",
        "2026-06-18T19:14:05+00:00",
        "message",
        "phone:+44 20 7946 0612 (Emeka Obi)",
        (),
        False,
        None,
        0,
    ),
    (
        "5193847261/102",
        "2026-06-18T19:20:41+00:00",
        "message",
        "name:Sam Rivera",
        ("phone:+44 20 7946 0612 (Emeka Obi)",),
        True,
        None,
        0,
    ),
    (
        "5193847261/103",
        "2026-08-14T22:59:30+00:00",
        "call",
        "name:Sam Rivera",
        ("phone:+44 20 7946 0612 (Emeka Obi)",),
        True,
        None,
        0,
    ),
    (
        "5193847261/104",
        "2026-10-26T09:12:00+00:00",
        "call",
        "phone:+44 20 7946 0612 (Emeka Obi)",
        (),
        False,
        "missed",
        0,
    ),
    (
        "5193847261/105",
        "2026-10-26T09:15:00+00:00",
        "message",
        "phone:+44 20 7946 0612 (Emeka Obi)",
        (),
        False,
        None,
        0,
    ),
    (
        "5193847261/106",
        "2026-10-26T09:15:30+00:00",
        "message",
        "phone:+44 20 7946 0612 (Emeka Obi)",
        (),
        False,
        "system",
        0,
    ),
    (
        "5193847261/107",
        "2026-10-26T12:40:00+00:00",
        "call",
        "name:Sam Rivera",
        ("phone:+44 20 7946 0612 (Emeka Obi)",),
        True,
        "missed",
        0,
    ),
    (
        "7028461935/201",
        "2026-09-12T09:03:00+00:00",
        "message",
        "name:Amara Nwosu",
        (),
        False,
        None,
        0,
    ),
    (
        "7028461935/202",
        "2026-09-12T09:30:12+00:00",
        "message",
        "name:Sam Rivera",
        ("name:Amara Nwosu",),
        True,
        None,
        0,
    ),
    (
        "6630291847/301",
        "2026-11-02T18:45:00+00:00",
        "message",
        "name:Nell Okoro",
        (),
        False,
        None,
        0,
    ),
    (
        "6630291847/302",
        "2026-11-02T19:01:10+00:00",
        "message",
        "name:Sam Rivera",
        ("name:Nell Okoro",),
        True,
        None,
        0,
    ),
    (
        "429000/401",
        "2026-07-01T11:00:00+00:00",
        "message",
        "name:Sam Rivera",
        ("name:Stickers",),
        True,
        "automated",
        0,
    ),
    (
        "429000/402",
        "2026-07-01T11:00:01+00:00",
        "message",
        "name:Stickers",
        (),
        False,
        "automated",
        0,
    ),
    (
        "1786543210/501",
        "2026-06-05T18:00:00+00:00",
        "message",
        "name:Ada Okafor",
        ("name:Rahul Mehta", "name:Sam Rivera"),
        False,
        "system",
        3,
    ),
    (
        "1786543210/502",
        "2026-06-05T18:02:00+00:00",
        "message",
        "name:Ada Okafor",
        ("name:Rahul Mehta", "name:Sam Rivera"),
        False,
        None,
        3,
    ),
    (
        "1786543210/503",
        "2026-06-05T18:10:00+00:00",
        "message",
        "name:Rahul Mehta",
        ("name:Ada Okafor", "name:Sam Rivera"),
        False,
        None,
        3,
    ),
    (
        "1786543210/504",
        "2026-06-05T18:12:30+00:00",
        "message",
        "name:Sam Rivera",
        ("name:Ada Okafor", "name:Rahul Mehta"),
        True,
        None,
        3,
    ),
]

TELEGRAM_SINGLE_ROWS = [
    (
        "7028461935/201",
        "2026-09-12T09:03:00+00:00",
        "message",
        "name:Amara Nwosu",
        (),
        None,
        None,
        0,
    ),
    (
        "7028461935/202",
        "2026-09-12T09:30:12+00:00",
        "message",
        "name:Sam Rivera",
        ("name:Amara Nwosu",),
        None,
        None,
        0,
    ),
    ("7028461935/203", "2026-11-20T00:15:00+00:00", "call", "name:Amara Nwosu", (), None, None, 0),
]

CHAT_DB = [
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E01",
        "2026-06-09T11:30:00+00:00",
        "message",
        "phone:+442079460488",
        (),
        False,
        None,
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E02",
        "2026-06-09T11:34:10+00:00",
        "message",
        None,
        ("phone:+442079460488",),
        True,
        None,
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E03",
        "2026-06-09T11:35:00+00:00",
        "message",
        "phone:+442079460488",
        (),
        False,
        "system",
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E04",
        "2026-07-22T21:15:00+00:00",
        "message",
        "email:jonas@lindqvist.example.net",
        (),
        False,
        None,
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E05",
        "2026-07-22T23:05:00+00:00",
        "message",
        None,
        ("email:jonas@lindqvist.example.net",),
        True,
        None,
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E06",
        "2026-08-01T17:58:00+00:00",
        "message",
        None,
        ("phone:+442079460455", "phone:+442079460488", "phone:+447700900789"),
        True,
        "system",
        4,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E07",
        "2026-08-01T18:00:00+00:00",
        "message",
        "phone:+442079460455",
        ("phone:+442079460488", "phone:+447700900789"),
        False,
        None,
        4,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E08",
        "2026-08-01T18:05:00+00:00",
        "message",
        None,
        ("phone:+442079460455", "phone:+442079460488", "phone:+447700900789"),
        True,
        None,
        4,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E09",
        "2026-08-01T18:06:00+00:00",
        "message",
        "phone:+447700900789",
        ("phone:+442079460455", "phone:+442079460488"),
        False,
        "system",
        4,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E10",
        "2026-11-16T08:10:00+00:00",
        "message",
        "phone:+442079460455",
        (),
        False,
        None,
        0,
    ),
    (
        "8C1F0E52-6B7A-4D0E-9C3B-1A2B3C4D5E11",
        "2026-11-16T08:12:30+00:00",
        "message",
        None,
        ("phone:+442079460455",),
        True,
        None,
        0,
    ),
]

OLD_CHAT_DB = [
    (
        "0A3E5C7B-2F41-4E8D-B6A9-7C5D3E1F0A01",
        "2026-06-20T08:00:00+00:00",
        "message",
        "phone:+442079460488",
        (),
        False,
        None,
        0,
    ),
    (
        "0A3E5C7B-2F41-4E8D-B6A9-7C5D3E1F0A02",
        "2026-06-20T08:01:30+00:00",
        "message",
        None,
        ("phone:+442079460488",),
        True,
        None,
        0,
    ),
]

CALL_HISTORY = [
    (
        "5D0B7E1A-0001-4C3E-8F2A-9B6D4E1C7A01",
        "2026-06-11T17:20:00.250000+00:00",
        "call",
        None,
        ("phone:+442079460488 (Pieter de Vries)",),
        True,
        None,
        0,
    ),
    (
        "5D0B7E1A-0002-4C3E-8F2A-9B6D4E1C7A02",
        "2026-07-30T19:00:00.250000+00:00",
        "video",
        "email:jonas@lindqvist.example.net",
        (),
        False,
        None,
        0,
    ),
    (
        "5D0B7E1A-0003-4C3E-8F2A-9B6D4E1C7A03",
        "2026-09-15T22:58:00.250000+00:00",
        "call",
        "phone:+442079460455 (Rahul Mehta)",
        (),
        False,
        "missed",
        0,
    ),
    (
        "5D0B7E1A-0004-4C3E-8F2A-9B6D4E1C7A04",
        "2026-10-25T00:30:00.250000+00:00",
        "call",
        "phone:+447700900789",
        (),
        False,
        None,
        0,
    ),
    (
        "5D0B7E1A-0005-4C3E-8F2A-9B6D4E1C7A05",
        "2026-11-03T09:00:00.250000+00:00",
        "call",
        None,
        ("phone:+442079460488 (Pieter de Vries)",),
        True,
        "missed",
        0,
    ),
]


# -------------------------------------------------------------------- WhatsApp


def test_whatsapp_android_one_to_one_in_24_hour_en_gb():
    # Lines 6 and 7 continue the message of line 5, one of them starting with a date.
    assert read(whatsapp, ANDROID / "WhatsApp Chat with Ada Okafor.txt", region="GB") == ADA


def test_whatsapp_german_dates_with_dots_and_a_german_file_name():
    assert read(whatsapp, ANDROID / "WhatsApp Chat mit Felix Wagner.txt", region="GB") == FELIX


def test_whatsapp_group_of_six_counts_its_authors_and_skips_its_notices():
    assert (
        read(whatsapp, ANDROID / "WhatsApp Chat with Data Folks London.txt", region="GB") == GROUP
    )


def test_whatsapp_user_named_sam_with_twelve_hour_times_and_narrow_spaces():
    assert read(whatsapp, ANDROID / "WhatsApp Chat with Marcus Oyelaran.txt", region="GB") == MARCUS


def test_whatsapp_ios_chat_is_month_first_with_brackets_and_marks():
    assert read(whatsapp, IOS_CHAT, region="GB") == JONAS


def test_whatsapp_ios_zip_is_read_as_its_chat_named_after_the_zip(tmp_path):
    archive = tmp_path / "WhatsApp Chat - Jonas Lindqvist.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(IOS_CHAT, "_chat.txt")
    assert read(whatsapp, archive, region="GB") == JONAS_ZIP
    assert [r[1:] for r in JONAS_ZIP] == [r[1:] for r in JONAS]


def test_whatsapp_folder_reads_every_chat_in_name_order():
    each = [read(whatsapp, f, region="GB") for f in sorted(ANDROID.iterdir())]
    assert read(whatsapp, ANDROID, region="GB") == [r for chat in each for r in chat]
    assert len(read(whatsapp, ANDROID, region="GB")) == len(ADA + FELIX + GROUP + MARCUS)


def test_whatsapp_keys_survive_moving_the_export(tmp_path):
    moved = tmp_path / "elsewhere" / "_chat.txt"
    moved.parent.mkdir()
    moved.write_bytes(IOS_CHAT.read_bytes())
    assert read(whatsapp, moved, region="GB") == JONAS


def test_whatsapp_events_hold_no_message_text():
    for path in [*sorted(ANDROID.iterdir()), IOS_CHAT]:
        events = list(whatsapp.read(source(path), region="GB"))
        assert events, path  # an empty reading would hold no text either
        text = repr(events)
        for word in ("Halloween", "Barbican", "lunch", "Landed", "Bergwerk", "window"):
            assert word not in text


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("23/06/2018, 01:55 p.m. - Loris: one", "2018-06-23T13:55:00"),
        ("3/6/18, 1:55 p.m. - a: m", "2018-06-03T13:55:00"),
        ("03-06-2018, 01.55 PM - a: m", "2018-06-03T13:55:00"),
        ("13.06.18 21.25.15: a: m", "2018-06-13T21:25:15"),
        ("[06.13.18 21:25:15] a: m", "2018-06-13T21:25:15"),
        ("13.6.2018 klo 21.25.15 - a: m", "2018-06-13T21:25:15"),
        ("\u200e[3/6/18 1:55:00 p. m.] a: m", "2018-06-03T13:55:00"),
        ("[2018/06/13, 21:25:15] a: m", "2018-06-13T21:25:15"),
        ("2/4/23, 10:35\u202fPM - Person 2: hi", "2023-04-02T22:35:00"),
        ("[14/10/2021, 3:34:09\u202fPM] a: m", "2021-10-14T15:34:09"),
        ("09/10/2023, 12:11 am - +44 7123 456789: <Media omitted>", "2023-10-09T00:11:00"),
        # Korean, Chinese and Japanese phones write am/pm before the time
        ("2026. 6. 15. \uc624\ud6c4 9:05 - \ubbfc\uc9c0: m", "2026-06-15T21:05:00"),
        ("2026. 6. 15. \uc624\uc804 9:05 - \ubbfc\uc9c0: m", "2026-06-15T09:05:00"),
        ("2026. 6. 15. \uc624\ud6c4 12:30 - a: m", "2026-06-15T12:30:00"),
        ("2026. 6. 15. \uc624\uc804 12:10 - a: m", "2026-06-15T00:10:00"),
        ("[2026. 6. 15. \uc624\ud6c4 9:05:07] a: m", "2026-06-15T21:05:07"),
        ("2026/6/15 \u4e0b\u53489:05 - a: m", "2026-06-15T21:05:00"),
        ("[2026/6/15 \u4e0a\u534812:05:09] a: m", "2026-06-15T00:05:09"),
        ("2026/06/15 \u5348\u5f8c 9:05 - a: m", "2026-06-15T21:05:00"),
        ("2026/06/15 \u5348\u524d11:59 - a: m", "2026-06-15T11:59:00"),
        # Chinese day periods: small hours, morning, noon, evening
        ("2026/6/15 \u51cc\u66681:05 - a: m", "2026-06-15T01:05:00"),
        ("2026/6/15 \u51cc\u666812:30 - a: m", "2026-06-15T00:30:00"),
        ("2026/6/15 \u65e9\u4e0a7:15 - a: m", "2026-06-15T07:15:00"),
        ("2026/6/15 \u4e2d\u534812:40 - a: m", "2026-06-15T12:40:00"),
        ("2026/6/15 \u4e2d\u53481:10 - a: m", "2026-06-15T13:10:00"),
        ("[2026/6/15 \u665a\u4e0a9:05:09] a: m", "2026-06-15T21:05:09"),
    ],
)
def test_whatsapp_header_variants(tmp_path, line, when):
    chat = tmp_path / "chat.txt"
    chat.write_text(line + "\n", encoding="utf-8")
    (event,) = whatsapp.read(source(chat), region="GB")
    assert event.when.isoformat() == when
    assert event.skip is None


def test_whatsapp_phone_number_authors_are_phone_handles(tmp_path):
    chat = tmp_path / "WhatsApp Chat with +44 7123 456789.txt"
    chat.write_text("09/10/2023, 11:11 - +44 7123 456789: hello\n", encoding="utf-8")
    assert [r[3:5] for r in read(whatsapp, chat, region="GB")] == [("phone:+44 7123 456789", ())]


@pytest.mark.parametrize(
    ("lines", "first"),
    [
        (["01/02/26, 10:00 - A: x", "03/04/26, 10:00 - B: y"], "2026-02-01T10:00:00"),
        (["01/02/26, 10:00 - A: x", "02/13/26, 10:00 - B: y"], "2026-01-02T10:00:00"),
        (["01/02/26, 10:00 - A: x", "13/02/26, 10:00 - B: y"], "2026-02-01T10:00:00"),
    ],
)
def test_whatsapp_day_month_order_is_inferred_per_file(tmp_path, lines, first):
    chat = tmp_path / "chat.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read(whatsapp, chat, region="GB")[0][1] == first


def test_whatsapp_created_group_line_makes_a_group_of_few_authors(tmp_path):
    chat = tmp_path / "WhatsApp Chat with Book club.txt"
    chat.write_text(
        '01/06/2026, 10:00 - Ada Okafor created group "Book club"\n'
        "01/06/2026, 10:01 - Ada Okafor: First book?\n"
        "01/06/2026, 10:02 - Sam Rivera: Middlemarch\n",
        encoding="utf-8",
    )
    assert [(r[3], r[4], r[6], r[7]) for r in read(whatsapp, chat, region="GB")] == [
        (None, (), "system", 0),
        ("name:Ada Okafor", ("name:Sam Rivera",), None, 0),
        ("name:Sam Rivera", ("name:Ada Okafor",), None, 0),
    ]


def test_whatsapp_text_without_headers_is_not_a_chat(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n2026-06-01 10:00:00 milk\n", encoding="utf-8")
    assert error(whatsapp, notes) == (
        f"{notes}:1: not a WhatsApp chat: no line starts with a date and time"
    )


def test_whatsapp_impossible_date_costs_only_its_line(tmp_path):
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "31/12/2026, 10:00 - A: x\n31/13/2026, 10:00 - A: y\n01/01/2027, 09:00 - B: z\n",
        encoding="utf-8",
    )
    got = list(whatsapp.read(source(chat)))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{chat}:2: 31/13/2026 10:00 is not a date and time WhatsApp writes"
        " (month must be in 1..12)"
    ]
    assert [e.when.isoformat() for e in got if isinstance(e, Event)] == [
        "2026-12-31T10:00:00",
        "2027-01-01T09:00:00",
    ]


@pytest.mark.parametrize("group", [True, False])
def test_whatsapp_a_line_with_an_empty_author_costs_only_its_line(tmp_path, group):
    chat = tmp_path / (
        "WhatsApp Chat with Walkers.txt" if group else "WhatsApp Chat with Ada Okafor.txt"
    )
    made = '12/10/2026, 10:00 - Ada Okafor created group "Walkers"\n' if group else ""
    chat.write_text(
        made + "12/10/2026, 10:01 - Ada Okafor: Saturday?\n"
        "12/10/2026, 10:03 - : text\n"
        "12/10/2026, 10:04 - \u200e~\u202f: more\n"
        "12/10/2026, 10:05 - Sam Rivera: Yes\n",
        encoding="utf-8",
    )
    got = list(whatsapp.read(source(chat), region="GB"))
    first = 3 if group else 2
    assert [(u.reason, u.message()) for u in got if isinstance(u, Unreadable)] == [
        ("bad field", f"{chat}:{first}: a message without its author's name"),
        ("bad field", f"{chat}:{first + 1}: a message without its author's name"),
    ]
    assert [r[3:5] for r in rows(e for e in got if isinstance(e, Event))] == (
        [(None, ())] if group else []
    ) + [
        ("name:Ada Okafor", ("name:Sam Rivera",)),
        ("name:Sam Rivera", ("name:Ada Okafor",)),
    ]


AMBIGUOUS = "01/02/26, 10:00 - A: x\n03/04/26, 10:00 - B: y\n"


@pytest.mark.parametrize(
    ("options", "first"),
    [
        ({"region": "GB"}, "2026-02-01T10:00:00"),
        ({"region": "us"}, "2026-01-02T10:00:00"),
        ({"order": "mdy", "region": "GB"}, "2026-01-02T10:00:00"),
        ({"order": "dmy", "region": "US"}, "2026-02-01T10:00:00"),
    ],
)
def test_whatsapp_dates_the_chat_does_not_settle_follow_the_option_then_the_region(
    tmp_path, options, first
):
    chat = tmp_path / "chat.txt"
    chat.write_text(AMBIGUOUS, encoding="utf-8")
    assert read(whatsapp, chat, **options)[0][1] == first


def test_whatsapp_dates_nothing_settles_ask_for_the_order(tmp_path):
    chat = tmp_path / "chat.txt"
    chat.write_text(AMBIGUOUS, encoding="utf-8")
    assert error(whatsapp, chat) == (
        f"{chat}:1: cannot tell whether 01/02/26 is day/month or month/day: no date in the "
        "chat settles it (run again with --date-order dmy or --date-order mdy, or set "
        "me.region in abc.yaml)"
    )


@pytest.mark.parametrize(
    ("text", "options", "first"),
    [
        # day first, 03/01 would go back from 02/04; month first runs forwards
        ("02/03/26, 10:00 - A: x\n02/04/26, 10:00 - B: y\n03/01/26, 10:00 - A: z\n",
         {"order": "dmy", "region": "GB"}, "2026-02-03"),
        ("03/02/26, 10:00 - A: x\n04/02/26, 10:00 - B: y\n01/03/26, 10:00 - A: z\n",
         {"order": "mdy", "region": "US"}, "2026-02-03"),
        ("01/02/26, 10:00 - A: x\n13/02/26, 10:00 - B: y\n", {"order": "mdy"}, "2026-02-01"),
        ("01.02.26, 10:00 - A: x\n", {"region": "US"}, "2026-02-01"),
        ("01.02.26, 10:00 - A: x\n", {"order": "mdy"}, "2026-01-02"),
    ],
)  # fmt: skip
def test_whatsapp_the_files_own_evidence_comes_first(tmp_path, text, options, first):
    chat = tmp_path / "chat.txt"
    chat.write_text(text, encoding="utf-8")
    assert read(whatsapp, chat, **options)[0][1][:10] == first


# ------------------------------------------------------------------------- SMS


def test_sms_backup_texts_mms_drafts_and_short_codes():
    assert read(sms_backup, SMS_DIR / "sms-20261120.xml") == SMS


def test_sms_backup_calls():
    assert read(sms_backup, SMS_DIR / "calls-20261120.xml") == CALLS


def test_sms_backups_overlap_on_their_keys():
    old = read(sms_backup, SMS_DIR / "sms-20261001.xml")
    assert old == SMS_OLD
    shared = {r[0] for r in old} & {r[0] for r in SMS}
    assert sorted(shared) == [
        "1781287451000|+442079460864|1",
        "1781287840000|+442079460864|2",
        "1788453930000|+447700900456|1",
        "1788454932000|+447700900456|2",
    ]
    assert read(sms_backup, SMS_DIR) == CALLS + SMS_OLD + SMS


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        (b"run? &#55357;&#56846;", b"run? &#128526;"),
        (b"&#xD83D;&#xDE0E;!", b"&#128526;!"),
        (b"&#55000;&#54616;", b"&#55000;&#54616;"),  # Hangul, not surrogates
        (b"a&#55357;b", b"ab"),  # a lone high half
        (b"a&#56846;b", b"ab"),  # a lone low half
        (b"&#55357;&#55357;&#56846;", b"&#128526;"),  # the first high half has no partner
        (b"&#55357; &#56846;", b" "),  # not adjacent: no pair
        (b"&amp;&#38;&#1234;", b"&amp;&#38;&#1234;"),
    ],
)
def test_surrogate_references_are_joined_or_dropped(raw, repaired):
    assert sms_backup._repair(raw) == repaired
    assert sms_backup._Surrogates(io.BytesIO(raw)).read(-1) == repaired


@given(
    st.lists(
        st.sampled_from(
            [b"&#55357;", b"&#56846;", b"&#55000;", b"&amp;", b"x", b"\n", b"&#xD83C;"]
        ),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=20),
)
def test_surrogate_repair_does_not_depend_on_chunk_boundaries(parts, size):
    data = b"".join(parts)
    stream = sms_backup._Surrogates(io.BytesIO(data))
    chunks = iter(lambda: stream.read(size), b"")
    assert b"".join(chunks) == sms_backup._repair(data)


def _backup(tmp_path: Path, body: str, name: str = "sms-20261120.xml") -> Path:
    path = tmp_path / name
    path.write_text("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n" + body, "utf-8")
    return path


def _damage(module: Any, path: Path) -> tuple[list[str], list[str]]:
    """(the messages of the records that could not be read, the keys of the events read)."""
    got = list(module.read(source(path)))
    return (
        [u.message() for u in got if isinstance(u, Unreadable)],
        [e.key for e in got if isinstance(e, Event)],
    )


def test_sms_malformed_xml_is_read_up_to_the_damage(tmp_path):
    path = _backup(
        tmp_path,
        '<smses count="2">\n'
        '  <sms address="+442079460864" date="1781287451000" type="1" />\n'
        '  <sms address="+442079460864" date=1781287840000 type="2" />\n'
        "</smses>\n",
    )
    assert _damage(sms_backup, path) == (
        [
            f"{path}:4: not well-formed XML (not well-formed (invalid token)) from here on, "
            "with no whole record after it; the records before it are read"
        ],
        ["1781287451000|+442079460864|1"],
    )


def test_sms_a_record_cut_in_the_middle_costs_only_itself(tmp_path):
    """A record cut short inside the file (a damaged disk, two backups spliced): the records
    after it are read, from the next line that begins one, with their own lines."""
    path = _backup(
        tmp_path,
        '<smses count="4">\n  <sms address="1" date="1" type="1" />\n'
        '  <sms address="2" date="2" ty\n'
        '  <mms date="3" msg_box="2" address="3">\n    <addrs>\n'
        '      <addr address="3" type="151" />\n    </addrs>\n  </mms>\n'
        '  <sms address="4" date="x" type="1" />\n'
        '  <sms address="5" date="5" type="2" />\n</smses>\n',
    )
    assert _damage(sms_backup, path) == (
        [
            f"{path}:5: not well-formed XML (not well-formed (invalid token)): the record "
            "before it is skipped, and abc reads on from line 5",
            f"{path}:10: <sms>: date='x' is not a number",
        ],
        ["1|1|1", "3|3|m2", "5|5|2"],
    )


def test_sms_truncated_backup_is_read_up_to_the_cut(tmp_path):
    path = _backup(
        tmp_path,
        '<smses count="3">\n  <sms address="1" date="1" type="1" />\n'
        '  <sms address="2" date="2" type="2" />\n  <mms date="3" msg_box="1" address="3">\n'
        '    <parts>\n      <part seq="0" ct="text/plain" text="half a mes',
    )
    assert _damage(sms_backup, path) == (
        [
            f"{path}:7: the file ends at line 7 inside a record: it is cut short; "
            "the records before it are read"
        ],
        ["1|1|1", "2|2|2"],
    )


def test_sms_truncated_backup_with_no_whole_record_is_refused(tmp_path):
    from abcnet.sync import readers

    path = _backup(tmp_path, '<smses count="2">\n  <sms address="1" date="1" typ')
    with pytest.raises(ExportError) as caught:
        list(readers.events("sms", source(path)))
    assert str(caught.value) == (
        f"{path}: no record abc can read as an SMS Backup & Restore file; the first: "
        f"{path}:3: the file ends at line 3 inside a record: it is cut short; the records "
        "before it are read (is it the right file? export it again)"
    )


def test_sms_a_date_that_is_not_a_number_costs_only_its_record(tmp_path):
    path = _backup(
        tmp_path,
        '<smses count="2">\n  <sms address="+442079460864" date="yesterday" type="1" />\n'
        '  <sms address="+442079460864" date="5" type="1" />\n</smses>\n',
    )
    assert _damage(sms_backup, path) == (
        [f"{path}:3: <sms>: date='yesterday' is not a number"],
        ["5|+442079460864|1"],
    )


def test_sms_unknown_type_costs_only_its_record(tmp_path):
    path = _backup(
        tmp_path,
        '<smses>\n<sms address="1" date="1" type="9" />\n<call number="2" date="2" type="1" '
        'duration="0" />\n</smses>\n',
    )
    assert _damage(sms_backup, path) == ([f"{path}:3: <sms>: type=9 is not 1-6"], ["2|2|1"])


def test_sms_other_xml_is_not_a_backup(tmp_path):
    path = _backup(tmp_path, "<html>\n</html>\n", "page.xml")
    assert error(sms_backup, path) == f"{path}:2: not an SMS Backup & Restore file (root is <html>)"


def test_sms_folder_without_backups(tmp_path):
    (tmp_path / "notes.xml").write_text("<notes/>\n", encoding="utf-8")
    assert error(sms_backup, tmp_path) == (
        f"{tmp_path}: no SMS Backup & Restore file (sms-*.xml, calls-*.xml) found"
    )


def test_sms_events_hold_no_message_text():
    events = list(sms_backup.read(source(SMS_DIR)))
    assert len(events) > 10  # an empty reading would hold no text either
    text = repr(events)
    for word in ("lido", "Seoul", "quiz", "verification", "482913", "cousin"):
        assert word not in text


# -------------------------------------------------------------------- Telegram


def test_telegram_full_export():
    assert read(telegram, TELEGRAM_FULL) == TELEGRAM


def test_telegram_single_chat_export_leaves_direction_open():
    assert read(telegram, TELEGRAM_SINGLE) == TELEGRAM_SINGLE_ROWS


def test_telegram_export_folder_reads_its_result_json():
    assert read(telegram, TELEGRAM_FULL.parent) == TELEGRAM


def test_telegram_invalid_json_names_its_line(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(
        '{\n "personal_information": {\n  "user_id": 1\n  "first_name": "Sam"\n', "utf-8"
    )
    assert error(telegram, path) == f"{path}:4: not valid JSON: Expecting ',' delimiter"


def test_telegram_json_that_is_not_an_export(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "package", "version": "1.0"}), "utf-8")
    assert error(telegram, path) == (
        f"{path}: not a Telegram export: no personal_information, chats or messages"
        " (export from Telegram Desktop, Settings > Advanced > Export, as JSON)"
    )
    path.write_text("[1, 2]", "utf-8")
    assert error(telegram, path) == f"{path}: not a Telegram export: the JSON is not an object"


def test_telegram_message_without_a_date(tmp_path):
    path = tmp_path / "result.json"
    chat = {
        "name": "Emeka Obi",
        "type": "personal_chat",
        "id": 7,
        "messages": [{"id": 3, "type": "message"}],
    }
    path.write_text(json.dumps(chat), "utf-8")
    assert _damage(telegram, path) == ([f"{path}: message 7/3: date None is not a date"], [])


def _tg_message(n: int | None, stamp: int, who: str = "Emeka Obi", **extra: Any) -> dict[str, Any]:
    m: dict[str, Any] = {"type": "message", "date_unixtime": str(stamp), "from": who,
                         "from_id": "user7" if who == "Emeka Obi" else "user1", "text": "hi"}  # fmt: skip
    if n is not None:
        m["id"] = n
    return {**m, **extra}


def _tg_chat(messages: list[dict[str, Any]]) -> str:
    return json.dumps({"name": "Emeka Obi", "type": "personal_chat", "id": 7, "messages": messages})


def test_telegram_an_unsupported_entry_costs_only_itself(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(
        _tg_chat([_tg_message(86, 1784530800), {"id": 87, "type": "unsupported"}]), "utf-8"
    )
    assert _damage(telegram, path) == (
        [f"{path}: message 7/87: Telegram could not export this message (type unsupported)"],
        ["7/86"],
    )


def test_telegram_messages_without_an_id_are_all_kept(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(
        _tg_chat(
            [
                _tg_message(None, 1784530800),
                _tg_message(None, 1784530800),
                _tg_message(None, 1784530860, "Sam Rivera"),
            ]
        ),
        "utf-8",
    )
    keys = [r[0] for r in read(telegram, path)]
    assert keys == ["7/t1784530800/user7/1", "7/t1784530800/user7/2", "7/t1784530860/user1/1"]


def test_telegram_a_file_cut_short_is_read_up_to_the_cut(tmp_path):
    path = tmp_path / "result.json"
    whole = _tg_chat([_tg_message(1, 1784530800), _tg_message(2, 1784530900)])
    path.write_text(whole[: whole.index('"id": 2') + 3], "utf-8")
    assert _damage(telegram, path) == (
        [
            f"{path}:1: the file ends after message 7/1: it is cut short; "
            "the messages before it are read"
        ],
        ["7/1"],
    )


def test_telegram_damage_within_the_file_is_named_by_line(tmp_path):
    path = tmp_path / "result.json"
    text = _tg_chat([_tg_message(1, 1784530800), _tg_message(2, 1784530900)])
    text = text.replace(', {"type"', ',\n{"type"').replace('"id": 2', '"id": 2 2')
    path.write_text(text, "utf-8")
    assert _damage(telegram, path) == (
        [
            f"{path}:2: not valid JSON after message 7/1 (Expecting ',' delimiter); "
            "the messages before it are read"
        ],
        ["7/1"],
    )


def test_telegram_old_export_without_unix_times_is_wall_clock(tmp_path):
    path = tmp_path / "result.json"
    message = {
        "id": 3,
        "type": "message",
        "date": "2020-05-01T21:30:00",
        "from": "Emeka Obi",
        "from_id": "user7",
    }
    path.write_text(
        json.dumps({"name": "Emeka Obi", "type": "personal_chat", "id": 7, "messages": [message]}),
        "utf-8",
    )
    assert read(telegram, path) == [
        ("7/3", "2020-05-01T21:30:00", "message", "name:Emeka Obi", (), None, None, 0)
    ]


def test_telegram_events_hold_no_message_text():
    events = list(telegram.read(source(TELEGRAM_FULL)))
    assert len(events) > 5  # an empty reading would hold no text either
    text = repr(events)
    for word in ("meetup", "slides", "mentoring", "registration", "newpack"):
        assert word not in text


def _both_readings(path: Path) -> tuple[list[Any] | str, list[Any] | str]:
    """(what ``read`` gives, what the token reading alone gives), or the error each raises."""

    def tokens() -> list[Any]:
        src = source(path)
        with src.open() as raw:
            return list(telegram._Reader(src).read(raw))

    out: list[list[Any] | str] = []
    for reading in (lambda: list(telegram.read(source(path))), tokens):
        try:
            out.append(reading())
        except ExportError as err:
            out.append(str(err))
    return out[0], out[1]


def _fast_reading(path: Path) -> list[Any]:
    src = source(path)
    with src.open() as raw:
        return list(telegram._Reader(src).fast(raw))


def _tg_full(chats: list[Any], **top: Any) -> str:
    info = {"user_id": 1, "first_name": "Sam", "last_name": "Rivera"}
    contacts = {"list": [{"user_id": 7, "phone_number": "+44 7700 900777"}]}
    doc = {"personal_information": info, "contacts": contacts, **top, "chats": {"list": chats}}
    return json.dumps(doc, indent=1)


_EMEKA = {"name": "Emeka Obi", "type": "personal_chat", "id": 7}
_GROUP = {"name": "Book club", "type": "private_group", "id": 8}
_TG_MESSAGES = [
    _tg_message(1, 1784530800),
    _tg_message(2, 1784530860, "Sam Rivera", text=[{"type": "bold", "text": "hi"}, "!"]),
    _tg_message(3, 1784530900, "Ann Lee", from_id="user9"),
    {"id": 4, "type": "service", "date_unixtime": "1784531000", "actor": "Sam Rivera",
     "actor_id": "user1", "action": "phone_call", "duration_seconds": 60},
]  # fmt: skip

#: Shapes the fast reading takes as they are: it must give exactly the token reading.
TG_FAST_SHAPES = {
    "the full sample": TELEGRAM_FULL.read_text("utf-8"),
    "the single-chat sample": TELEGRAM_SINGLE.read_text("utf-8"),
    "chats of each kind": _tg_full(
        [{**_EMEKA, "messages": _TG_MESSAGES}, {**_GROUP, "messages": _TG_MESSAGES}]
    ),
    "a chat's type after its messages": _tg_full(
        [{"messages": _TG_MESSAGES, **_EMEKA}, {"messages": _TG_MESSAGES, **_GROUP}]
    ),
    "the user and contacts after the chats": json.dumps(
        {
            "chats": {"list": [{**_EMEKA, "messages": _TG_MESSAGES}]},
            "contacts": {"list": [{"user_id": 7, "phone_number": "+44 7700 900777"}]},
            "personal_information": {"user_id": 1},
        }
    ),
    "lists and objects where fields are": _tg_full(
        [
            {
                **_EMEKA,
                "photo": {"file": "x"},
                "messages": [
                    _tg_message(1, 1784530800, **{"from": ["Emeka"]}),
                    _tg_message(2, 1784530800, id={"n": 2}),
                    _tg_message(3, 1784530800, date_unixtime=[1]),
                    5,
                    [_tg_message(6, 1784530800)],
                    {},
                ],
            }
        ]
    ),
    "a single chat with its name last": json.dumps({"messages": _TG_MESSAGES, **_EMEKA}),
}

#: Shapes Telegram never writes, which the fast reading hands over to the token reading.
TG_HANDED_OVER = {
    "an empty chat": _tg_full([{}, {**_EMEKA, "messages": _TG_MESSAGES}]),
    "a number among the chats": _tg_full([1, {**_EMEKA, "messages": _TG_MESSAGES}]),
    "a list among the chats": _tg_full([[], {**_EMEKA, "messages": _TG_MESSAGES}]),
    "two numbers as the chats": _tg_full([1, 2]),
    "a chat with a key named item": _tg_full([{**_EMEKA, "item": 1, "messages": _TG_MESSAGES}]),
    "damage after a message": _tg_full([{**_EMEKA, "messages": _TG_MESSAGES}]).replace(
        '"id": 3', '"id": 3 3'
    ),
    "not an object": "[1, 2]",
}


@pytest.mark.parametrize("shape", sorted(TG_FAST_SHAPES))
def test_telegram_fast_reading_gives_exactly_the_token_reading(tmp_path, shape):
    path = tmp_path / "result.json"
    path.write_text(TG_FAST_SHAPES[shape], "utf-8")
    fast, tokens = _both_readings(path)
    assert fast == tokens
    assert _fast_reading(path) == tokens  # read by the fast reading, not handed over
    assert len(tokens) >= 3


@pytest.mark.parametrize("shape", sorted(TG_HANDED_OVER))
def test_telegram_shapes_telegram_never_writes_are_read_token_by_token(tmp_path, shape):
    path = tmp_path / "result.json"
    path.write_text(TG_HANDED_OVER[shape], "utf-8")
    with pytest.raises((telegram._Reread, ExportError, ijson.JSONError)):
        _fast_reading(path)
    fast, tokens = _both_readings(path)
    assert fast == tokens


def test_telegram_control_characters_written_as_x_escapes_are_read(tmp_path):
    # Telegram Desktop writes a control character in a string as \x01, which is not
    # JSON (tdesktop issue 27571): it means \u0001, and the rest of the file is read
    path = tmp_path / "result.json"
    data = (
        _tg_chat(
            [
                _tg_message(1, 1784530800, text="line\u0001tab\u001f"),
                _tg_message(2, 1784530900, "Sam Rivera", text="a \\x01 b"),
                _tg_message(3, 1784531000, inline_bot_buttons=[{"data": "1=412\u00012=97180"}]),
            ]
        )
        .replace("\\u0001", "\\x01")
        .replace("\\u001f", "\\x1F")
    )
    assert data.count("\\x01") == 3 and "\\\\x01" in data  # and one escaped backslash
    path.write_text(data, "utf-8")
    assert _damage(telegram, path) == ([], ["7/1", "7/2", "7/3"])
    # damage after them is still named by its line
    path.write_text(data.replace('"id": 3', '"id": 3 3'), "utf-8")
    assert _damage(telegram, path) == (
        [f"{path}:1: not valid JSON after message 7/2 (Expecting ',' delimiter); "
         "the messages before it are read"],
        ["7/1", "7/2"],
    )  # fmt: skip


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
def test_telegram_x_escapes_are_rewritten_across_any_chunk_boundary(size):
    data = rb'"\x01", "\\x01", "\\\x1F", "\x0c", "\x20", "\\\\", "\\", "\x1'
    stream = telegram._Unescaped(io.BytesIO(data))
    out = b"".join(iter(lambda: stream.read(size), b""))
    assert out == rb'"\u0001", "\\x01", "\\\u001F", "\x0c", "\x20", "\\\\", "\\", "\x1'


def test_a_telegram_export_read_again_moves_the_progress_to_its_size_and_no_further(tmp_path):
    # The \x escapes make the reading start again from the top (twice: the fast reading
    # with them repaired, then token by token after a damage): the bytes read again are
    # not counted again
    path = tmp_path / "result.json"
    data = _tg_chat(
        [_tg_message(i, 1784530800 + i, text=f"line {i} \u0001") for i in range(1, 200)]
    ).replace("\\u0001", "\\x01")
    path.write_text(data.replace('"id": 150', '"id": 150 150'), "utf-8")
    moved: list[int] = []
    assert len(list(telegram.read(source(path, moved.append)))) > 100
    assert sum(moved) == path.stat().st_size
    assert all(n > 0 for n in moved)


def test_telegram_reads_with_ijsons_c_parser():
    # the C parser is what makes a gigabyte export quick (benchmarks/sync_chats.py);
    # ijson's wheels carry it, and without it ijson falls back to pure Python
    assert ijson.backend == "yajl2_c"


# -------------------------------------------------------------------- iMessage


def test_imessage_chat_db(tmp_path):
    assert read(imessage, samples.chat_db(tmp_path / "chat.db")) == CHAT_DB


def test_imessage_old_database_with_dates_in_seconds(tmp_path):
    assert read(imessage, samples.old_chat_db(tmp_path / "sms.db")) == OLD_CHAT_DB


def test_call_history(tmp_path):
    assert read(imessage, samples.call_history(tmp_path / "CallHistory.storedata")) == CALL_HISTORY


class _NoBodies:
    """An ExportSource whose database refuses to give out ``text`` or ``attributedBody``."""

    def __init__(self, path: Path) -> None:
        self._src = source(path)
        self.name = self._src.name
        self.is_dir = False

    def sqlite(self) -> sqlite3.Connection:
        db = self._src.sqlite()

        def guard(action: int, table: str | None, column: str | None, *_: object) -> int:
            if action == sqlite3.SQLITE_READ and column in ("text", "attributedBody"):
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK

        db.set_authorizer(guard)
        return db


def test_imessage_never_reads_message_text(tmp_path):
    guarded = _NoBodies(samples.chat_db(tmp_path / "chat.db"))
    with pytest.raises(sqlite3.DatabaseError):  # the guard works...
        guarded.sqlite().execute("select text from message").fetchall()
    assert rows(imessage.read(guarded)) == CHAT_DB  # ...and the reader never trips it


def test_imessage_other_sqlite_file(tmp_path):
    path = samples.not_messages_db(tmp_path / "History.db")
    assert error(imessage, path) == (
        f"{path}: not an iMessage chat.db (no message table)"
        " (nor a CallHistory.storedata: no ZCALLRECORD table)"
    )


def test_imessage_date_that_is_not_a_number(tmp_path):
    path = samples.old_chat_db(tmp_path / "sms.db")
    db = sqlite3.connect(path)
    db.execute("update message set date = 'soon' where ROWID = 2")
    db.commit()
    db.close()
    messages, keys = _damage(imessage, path)
    assert messages == [f"{path}: message 2: date 'soon' is not a number"]
    assert len(keys) == len(read(imessage, samples.old_chat_db(tmp_path / "again.db"))) - 1


# ----------------------------------------------------------------------- sniff


def _samples(tmp_path: Path) -> dict[str, Path]:
    archive = tmp_path / "WhatsApp Chat - Jonas Lindqvist.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(IOS_CHAT, "_chat.txt")
    return {
        "whatsapp android": ANDROID / "WhatsApp Chat with Ada Okafor.txt",
        "whatsapp german": ANDROID / "WhatsApp Chat mit Felix Wagner.txt",
        "whatsapp ios": IOS_CHAT,
        "whatsapp zip": archive,
        "whatsapp folder": ANDROID,
        "sms": SMS_DIR / "sms-20261120.xml",
        "calls": SMS_DIR / "calls-20261120.xml",
        "telegram": TELEGRAM_FULL,
        "telegram single": TELEGRAM_SINGLE,
        "telegram folder": TELEGRAM_FULL.parent,
        "chat.db": samples.chat_db(tmp_path / "chat.db"),
        "call history": samples.call_history(tmp_path / "CallHistory.storedata"),
    }


def test_each_reader_sniffs_its_own_samples_only(tmp_path):
    found = {}
    for label, path in _samples(tmp_path).items():
        src = source(path)
        data = b"" if src.is_dir else head(path)
        found[label] = [
            m.KIND for m in (whatsapp, sms_backup, telegram, imessage) if m.sniff(src, data)
        ]
    assert found == {
        "whatsapp android": ["whatsapp"],
        "whatsapp german": ["whatsapp"],
        "whatsapp ios": ["whatsapp"],
        "whatsapp zip": ["whatsapp"],
        "whatsapp folder": ["whatsapp"],
        "sms": ["sms"],
        "calls": ["sms"],
        "telegram": ["telegram"],
        "telegram single": ["telegram"],
        "telegram folder": ["telegram"],
        "chat.db": ["imessage"],
        "call history": ["imessage"],
    }


@pytest.mark.parametrize(
    "text",
    [
        b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@example.org\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        b"FROM,TO,DATE,SUBJECT\n",
        b'{"name": "abc", "version": "1.0"}',
        b"<?xml version='1.0'?>\n<rss version='2.0'>",
        b"",
    ],
)
def test_other_formats_are_not_sniffed(tmp_path, text):
    path = tmp_path / "export"
    path.write_bytes(text)
    src = source(path)
    assert [m.KIND for m in (whatsapp, sms_backup, telegram, imessage) if m.sniff(src, text)] == []


@pytest.mark.parametrize(
    ("notice", "members"),
    [
        ("Ada Okafor added Ben Ito, Cara Díaz and you", ("Ada Okafor", "Ben Ito", "Cara Díaz")),
        ("Ada Okafor added you", ("Ada Okafor",)),
        ("Ben Ito joined using this group's invite link", ("Ben Ito",)),
        ("Ada Okafor hat Ben Ito und dich hinzugefügt", ("Ada Okafor", "Ben Ito")),
        ("Ada Okafor añadió a Ben Ito y Cara Díaz", ("Ada Okafor", "Ben Ito", "Cara Díaz")),
        ("Ada Okafor a ajouté Ben Ito", ("Ada Okafor", "Ben Ito")),
        ("\u200eAda Okafor added ~\u202fBen", ("Ada Okafor", "Ben")),
        ("Messages and calls are end-to-end encrypted.", ()),
    ],
)
def test_whatsapp_notices_name_the_members_the_user_aside(notice, members):
    assert whatsapp._members(notice) == members


def test_whatsapp_a_chat_in_a_folder_that_cannot_be_read_costs_only_itself(tmp_path):
    (tmp_path / "WhatsApp Chat with Ben Ito.txt").write_text(AMBIGUOUS, encoding="utf-8")
    (tmp_path / "WhatsApp Chat with Cara Díaz.txt").write_text(
        "13/04/26, 09:00 - Cara Díaz: hi\n", encoding="utf-8"
    )
    messages, keys = _damage(whatsapp, tmp_path)
    assert messages == [
        f"{tmp_path / 'WhatsApp Chat with Ben Ito.txt'}:1: cannot tell whether 01/02/26 is "
        "day/month or month/day: no date in the chat settles it (run again with --date-order "
        "dmy or --date-order mdy, or set me.region in abc.yaml)"
    ]
    assert len(keys) == 1


def test_whatsapp_ios_opening_notice_without_its_mark_is_the_apps_not_the_peers(tmp_path):
    """LangChain's sample iOS chat lost the U+200E before the opening notice: it is still the
    app's notice, not a message the peer wrote (a chat with no other line that day is no touch)."""
    chat = tmp_path / "_chat.txt"
    chat.write_text(
        "[8/15/23, 9:12:33 AM] Dr. Feather: Messages and calls are end-to-end encrypted. No one"
        " outside of this chat, not even WhatsApp, can read or listen to them.\n"
        "[8/16/23, 9:13:15 AM] Jungle Jane: x\n",
        encoding="utf-8",
    )
    got = [
        (e.when.isoformat(), e.skip) for e in whatsapp.read(source(chat)) if isinstance(e, Event)
    ]
    assert got == [("2023-08-15T09:12:33", "system"), ("2023-08-16T09:13:15", None)]
