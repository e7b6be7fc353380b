"""Telegram Desktop's "Export chat history" as JSON: ``result.json``.

Two shapes: a full export (``personal_information``, ``contacts``, ``chats.list``)
or a single chat (the chat object itself). The writer is public
(``export_output_json.cpp`` in tdesktop), and stable. ``date`` is local wall-clock
time without an offset, so ``date_unixtime`` is used whenever it is there.

What counts: one-to-one chats (``personal_chat``) give messages and calls (a
``phone_call`` service message; no duration, or a missed or busy call, is
``missed``). Groups give their messages with ``people`` set to the number of
distinct authors, so that ``propose`` applies its group-size rule. Bots and
channels are broadcasts (``automated``); Saved Messages is the user alone
(``solo``); other service lines are the app's own (``system``).

Direction: a full export names the user (``personal_information.user_id``), so
``from_me`` comes from ``from_id``; a single-chat export does not, and leaves it to
``propose``. A peer is named by phone when the export's contact list has one.

The file is loaded with :mod:`json`: fine for the tens of megabytes a text-only
export takes; a streaming parser (ijson) would be needed for multi-gigabyte ones.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from abcnet.sync.event import Event, ExportError, ExportSource, Handle

KIND = "telegram"

_GROUPS = ("private_group", "private_supergroup", "public_supergroup")
#: Chats that are not a conversation with people, and why.
_NOT_PEOPLE = {
    "bot_chat": "automated",
    "private_channel": "automated",
    "public_channel": "automated",
    "saved_messages": "solo",
    "replies": "system",
}


@dataclass(frozen=True, slots=True)
class _Me:
    """What a full export says about the user: ``from_id`` and name (both empty if unknown)."""

    from_id: str = ""
    name: str = ""


def sniff(src: ExportSource, head: bytes) -> bool:
    """A JSON object that looks like a full export or a chat; a folder with ``result.json``."""
    if src.is_dir:
        return src.child("result.json") is not None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return False
    return b'"personal_information"' in text or (b'"messages"' in text and b'"type"' in text)


def read(src: ExportSource) -> Iterator[Event]:
    """Every message and call of every chat in the export."""
    if src.is_dir:
        found = src.child("result.json")
        if found is None:
            raise ExportError(src.name, "no result.json in this folder (not a Telegram export)")
        src = found
    data = _load(src)
    if "personal_information" in data or "chats" in data:
        me = _me(data.get("personal_information"))
        phones = _phones(data.get("contacts"))
        chats = data.get("chats")
        listed = chats.get("list") if isinstance(chats, dict) else None
        if not isinstance(listed, list):
            raise ExportError(src.name, "not a Telegram export: chats.list is missing")
        for chat in listed:
            if isinstance(chat, dict):
                yield from _chat(src.name, chat, me, phones)
    elif isinstance(data.get("messages"), list):
        yield from _chat(src.name, data, _Me(), {})
    else:
        raise ExportError(
            src.name,
            "not a Telegram export: no personal_information, chats or messages",
            hint="export from Telegram Desktop, Settings > Advanced > Export, as JSON",
        )


def _load(src: ExportSource) -> dict[str, Any]:
    with src.open() as raw:
        try:
            data = json.load(io.TextIOWrapper(raw, encoding="utf-8-sig"))
        except json.JSONDecodeError as err:
            raise ExportError(src.name, f"not valid JSON: {err.msg}", line=err.lineno) from err
        except UnicodeDecodeError as err:
            raise ExportError(src.name, "not valid JSON: the file is not UTF-8 text") from err
    if not isinstance(data, dict):
        raise ExportError(src.name, "not a Telegram export: the JSON is not an object")
    return data


def _me(info: object) -> _Me:
    if not isinstance(info, dict) or "user_id" not in info:
        return _Me()
    name = " ".join(str(info.get(k) or "") for k in ("first_name", "last_name")).strip()
    return _Me(f"user{info['user_id']}", name)


def _phones(contacts: object) -> dict[str, str]:
    """The contact list's phone numbers by ``from_id`` (``user123``)."""
    listed = contacts.get("list") if isinstance(contacts, dict) else None
    phones: dict[str, str] = {}
    for c in listed if isinstance(listed, list) else []:
        if isinstance(c, dict) and c.get("user_id") and c.get("phone_number"):
            phones[f"user{c['user_id']}"] = str(c["phone_number"])
    return phones


def _chat(
    name: str, chat: Mapping[str, Any], me: _Me, phones: Mapping[str, str]
) -> Iterator[Event]:
    kind = str(chat.get("type", ""))
    messages = [m for m in chat.get("messages") or [] if isinstance(m, dict)]
    if kind in _GROUPS:
        yield from _group(name, chat, messages, me)
        return
    skip = _NOT_PEOPLE.get(kind, None if kind == "personal_chat" else "system")
    title = str(chat.get("name") or "")
    peer_id = f"user{chat.get('id')}"
    peer = Handle("phone", phones[peer_id], title) if peer_id in phones else Handle("name", title)
    peers = (peer,) if peer.value else ()  # Saved Messages and deleted accounts have no name
    for m in messages:
        key = f"{chat.get('id')}/{m.get('id')}"
        channel, why = _what(m)
        author = str(m.get("from_id") or m.get("actor_id") or "")
        who = str(m.get("from") or m.get("actor") or "")
        from_me = (author == me.from_id) if me.from_id else None
        to: tuple[Handle, ...]
        if from_me or (from_me is None and author != peer_id):
            sender, to = (Handle("name", who) if who else None), peers
        else:
            sender, to = (peer if me.from_id and peers else Handle("name", who)), ()
        yield Event(KIND, key, _when(name, key, m), channel, sender, to, from_me, skip=skip or why)


def _group(
    name: str, chat: Mapping[str, Any], messages: list[dict[str, Any]], me: _Me
) -> Iterator[Event]:
    """A group's messages, each naming every other author; ``people`` counts the authors."""
    authors: dict[str, str] = {}
    for m in messages:
        if m.get("type") == "message" and m.get("from_id"):
            authors.setdefault(str(m["from_id"]), str(m.get("from") or ""))
    for m in messages:
        channel, why = _what(m)
        author = str(m.get("from_id") or m.get("actor_id") or "")
        others = tuple(
            Handle("name", n)
            for n, a in sorted((n, a) for a, n in authors.items())
            if a != author and n
        )
        who = str(m.get("from") or m.get("actor") or "")
        key = f"{chat.get('id')}/{m.get('id')}"
        yield Event(
            KIND,
            key,
            _when(name, key, m),
            channel,
            Handle("name", who) if who else None,
            others,
            (author == me.from_id) if me.from_id else None,
            people=len(authors),
            skip=why,
        )


def _what(m: Mapping[str, Any]) -> tuple[str, str | None]:
    """The channel of a message, and a skip reason for calls that did not connect and notices."""
    if m.get("type") == "message":
        return "message", None
    if m.get("action") == "phone_call":
        connected = int(m.get("duration_seconds") or 0) > 0
        dropped = m.get("discard_reason") in ("missed", "busy")
        return "call", None if connected and not dropped else "missed"
    return "message", "system"


def _when(name: str, key: str, m: Mapping[str, Any]) -> datetime:
    """``date_unixtime`` (UTC); exports before 2021 have only ``date``, local wall-clock."""
    stamp, date = m.get("date_unixtime"), m.get("date")
    try:
        if stamp is not None:
            return datetime.fromtimestamp(int(stamp), UTC)
        return datetime.fromisoformat(str(date))
    except (TypeError, ValueError, OverflowError):
        shown = f"date_unixtime {stamp!r}" if stamp is not None else f"date {date!r}"
        raise ExportError(name, f"message {key}: {shown} is not a date") from None
