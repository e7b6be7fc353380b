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

The file is streamed with ijson (its C parser): an export of gigabytes is read in
bounded memory, one message at a time, and only the fields abc uses are kept
(never ``text``). ijson builds each message in C and hands it over whole, so that
the Python work is a few steps per message rather than per JSON token (text and
its entities are most of the tokens); :class:`_Router` tells ijson which paths to
build and follows the chats around them. A file shaped otherwise than Telegram
writes it, or damaged, is read again token by token. Messages of a personal chat
become events as they are read; a group's are held in a compact form (a few
numbers and names, never text) until the group ends, because its size is known
only then.

One bad message costs only itself: an entry Telegram could not export
(``{"id": 87, "type": "unsupported"}``) or one with a date abc cannot read is
reported as :class:`Unreadable`, and a file cut short is read up to the cut.
Telegram writes a control character in a text as ``\\x0C``, which JSON does not
allow; such a file is read again with those written as JSON's ``\\u000C``, which is
what they mean. Other damage ends the reading there, reported with its line: the
messages after it are not read, because a message does not say which chat it is in,
and damage that swallowed the end of a chat would give the next chat's messages to it.
Messages without an ``id`` (some exporters leave it out) are told apart by time,
author and order, so that none hides another.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter, deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any, BinaryIO

import ijson  # type: ignore[import-untyped, unused-ignore]

from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable

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


#: The fields of a message abc reads; everything else (text above all) is passed over.
FIELDS = (
    "id", "type", "date", "date_unixtime", "from", "from_id", "actor", "actor_id", "action",
    "duration_seconds", "discard_reason",
)  # fmt: skip
#: Where chats and their messages are, in a full export ("chats.list.item") and in a
#: single-chat one (the top level).
_CHAT_PREFIXES = ("chats.list.item", "")
_MESSAGE_PREFIXES = frozenset(
    f"{p}.messages.item" if p else "messages.item" for p in _CHAT_PREFIXES
)
_SCALARS = frozenset({"string", "number", "boolean", "null"})
#: A file up to this size is parsed again with :mod:`json` to say on which line it is broken.
LOCATE_UP_TO = 64 << 20


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every message and call of every chat in the export.

    The fast reading (:meth:`_Reader.fast`) comes first; a file it does not take as it
    is (damaged, or shaped otherwise than Telegram writes it) is read again token by
    token from the start, and the records the fast one already gave are passed over:
    both give the same records in the same order, up to where the fast one stopped.
    A file that stops at one of Telegram's ``\\x`` escapes is read again the same way
    with them written as JSON's (:class:`_Unescaped`).
    """
    if src.is_dir:
        found = src.child("result.json")
        if found is None:
            raise ExportError(src.name, "no result.json in this folder (not a Telegram export)")
        src = found
    given = 0
    for repair in (False, True):
        with src.open() as raw:
            try:
                for item in islice(_Reader(src, repair).fast(_stream(raw, repair)), given, None):
                    given += 1
                    yield item
                return
            except (_Reread, UnicodeDecodeError):
                break
            except ijson.JSONError as err:
                if repair or not _telegram_escape(err):
                    break
    with src.open() as raw:
        yield from islice(_Reader(src, repair).read(_stream(raw, repair)), given, None)


#: Telegram Desktop writes a control character in a string as ``\x01`` (its
#: ``SerializeString``; tdesktop issue 27571), which JSON does not allow: it means
#: ``\u0001``. Only where the backslash is not itself escaped.
_X_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\x([01][0-9A-F])")


def _unescape(data: bytes) -> bytes:
    """``data`` with Telegram's ``\\x`` escapes written as JSON's ``\\u00``."""
    return _X_ESCAPE.sub(rb"\1\\u00\2", data) if b"\\x" in data else data


def _telegram_escape(err: Exception) -> bool:
    """Whether ijson stopped at what looks like one of Telegram's ``\\x`` escapes: then the
    file is read again with them written as JSON's (:class:`_Unescaped`)."""
    why = str(err)
    return "occurs before a character which it may not" in why and "\\x" in why


def _stream(raw: BinaryIO, repair: bool) -> BinaryIO:
    return _Unescaped(raw) if repair else raw  # type: ignore[return-value]


class _Unescaped:
    """A file read with :func:`_unescape`: a chunk never ends inside a run of
    backslashes or an escape, which the next chunk would complete."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.carry = b""

    def read(self, n: int = -1) -> bytes:
        if n == 0:
            return b""
        data = self.carry
        while True:
            more = self.raw.read(n)
            data += more
            if not more:  # the end of the file: all of it
                self.carry = b""
                return _unescape(data)
            cut = data.rfind(b"\\", max(0, len(data) - 3))
            if cut < 0:
                cut = len(data)
            while cut and data[cut - 1] == 0x5C:  # back to the start of a run of backslashes
                cut -= 1
            if cut:
                self.carry = data[cut:]
                return _unescape(data[:cut])


#: How much ijson reads at a time (its own default).
_CHUNK = 64 * 1024
_CHAT = "chats.list.item"
_IN_CHAT = _CHAT + "."
_INFO = ("user_id", "first_name", "last_name")
#: What the fast reading asks ijson to build or hand over, by path (see :class:`_Router`).
_TAKE = frozenset(
    {*_MESSAGE_PREFIXES, "personal_information", "contacts.list.item"}
    | {f"{p}.{k}" if p else k for p in _CHAT_PREFIXES for k in ("name", "type", "id")}
)
_TAKE_IN_CHAT = frozenset(p for p in _TAKE if p.startswith(_IN_CHAT))
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_NESTED = frozenset({dict, list})
#: Marks in :attr:`_Router.out`: a chat of ``chats.list`` starts, or ends.
_START, _END = object(), object()
# The states of _Router in chats.list: between two chats (or before the first), at a
# chat's "{" (not yet known to be one), inside a chat, and at a "," key or the "}" of
# a chat (told apart by what comes next); the last also right after the "{".
_BETWEEN, _OPENED, _INSIDE, _KEY_OR_END, _FIRST_KEY_OR_END, _STOPPED = range(6)
#: The state after an event at ``chats.list.item``, by the state before it.
_AT_CHAT = {
    _BETWEEN: _OPENED,
    _OPENED: _FIRST_KEY_OR_END,
    _INSIDE: _KEY_OR_END,
}


class _Reread(Exception):
    """The fast reading stops: the file is read token by token instead."""


def _scalar(item: dict[str, Any], key: str) -> bool:
    return key in item and item[key].__class__ in _SCALAR_TYPES


def _scalar_value(value: Any) -> bool:
    return value.__class__ in _SCALAR_TYPES  # what the token reading stores: not a list or object


class _Router:
    """The "prefix" the fast reading gives ``ijson.items``, which compares it with the path
    of every JSON event while it is not building an item (``path == prefix``, in its C
    parser as in its Python one): it says yes to the paths abc reads (so that ijson builds
    each message, the user and each contact, and hands over chat names, types and ids)
    and writes each yes into :attr:`out`, in the file's order, so that each item ijson
    yields can be told where it was.

    ijson tells only paths, not what the event at a path is, so the chats of
    ``chats.list`` are followed from the paths alone: an event at ``chats.list.item`` is
    a chat's ``{`` when between chats, and a key when the next event is deeper (its
    value), else the chat's ``}``. This holds when every item of the list is an object
    with keys, as Telegram writes it; an empty object, an item that is not an object
    (which ijson would show by the same paths) or a key named ``item`` (whose path is
    an array item's) stops the fast reading (:attr:`broken`), and the file is read
    token by token instead. Saying no at ``chats.list.item`` always means ijson never
    builds a whole chat, so memory stays bounded.
    """

    __slots__ = ("broken", "out", "state", "top")

    def __init__(self) -> None:
        self.out: deque[object] = deque()
        self.state = _BETWEEN
        self.top: set[str] = set()
        """Of the top-level keys, whether "messages" is one (a single-chat export)."""
        self.broken = False

    def __eq__(self, path: object) -> bool:
        if self.state == _INSIDE and path in _TAKE_IN_CHAT:  # a message, most often
            self.out.append(path)
            return True
        return self._step(str(path))

    __hash__ = None  # type: ignore[assignment]

    def _step(self, path: str) -> bool:
        if self.state in (_KEY_OR_END, _FIRST_KEY_OR_END):
            self._resolve(path)
        state = self.state
        if state == _STOPPED:
            return False
        if path == _CHAT:
            self.state = _AT_CHAT[state]
            if state == _BETWEEN:
                self.out.append(_START)
            return False
        if path.startswith(_IN_CHAT):
            if state != _INSIDE or path.startswith(_CHAT + ".item"):
                return self._stop()
        elif state == _OPENED:
            return self._stop()
        elif path == "messages":
            self.top.add(path)
        if path in _TAKE:
            self.out.append(path)
            return True
        return False

    def _resolve(self, path: str) -> None:
        """What the event before this one at ``chats.list.item`` was: a key if this one is
        deeper (its value), else the chat's end."""
        if path.startswith(_IN_CHAT):
            self.state = _INSIDE
        elif self.state == _KEY_OR_END:
            self.out.append(_END)
            self.state = _BETWEEN
        else:
            self._stop()  # "{}", or two items that are not objects

    def _stop(self) -> bool:
        self.broken = True
        self.state = _STOPPED
        return False


class _Joined:
    """The head of the file, read for its first event, then the rest; empty (so that
    ijson stops at once) when :class:`_Router` has stopped the fast reading."""

    def __init__(self, head: bytes, raw: BinaryIO, router: _Router) -> None:
        self.head: bytes | None = head
        self.raw = raw
        self.router = router

    def read(self, n: int = -1) -> bytes:
        if n == 0 or self.router.broken:
            return b""
        if self.head is not None:
            head, self.head = self.head, None
            return head
        return self.raw.read(n)


@dataclass
class _Chat:
    """The chat being read: what it is, and (for a group) its messages until it ends."""

    meta: dict[str, Any] = field(default_factory=dict)
    held: list[tuple[Any, ...]] = field(default_factory=list)
    """Messages kept until the chat's kind or size is known, as tuples of :data:`FIELDS`."""
    streaming: bool = False
    seen: Counter[tuple[str, str]] = field(default_factory=Counter)
    last: tuple[Any, Mapping[str, Any]] | None = None
    """The last message read and its chat's id then, for saying where a file cut short
    stops (named only then, see :func:`_name_message`)."""
    peer: tuple[str | None, str, Handle, tuple[Handle, ...]] | None = None
    """What :func:`_peer` says of this chat, until its name, type or id or the contact
    list changes."""
    names: dict[str, Handle] = field(default_factory=dict)

    def named(self, who: str) -> Handle:
        """The handle of an author by display name, made once per chat."""
        found = self.names.get(who)
        if found is None:
            found = self.names[who] = Handle("name", who)
        return found


class _Reader:
    """The stream of ijson events to chats and messages, in one pass: token by token
    (:meth:`read`), or message by message (:meth:`fast`)."""

    def __init__(self, src: ExportSource, repair: bool = False) -> None:
        self.src = src
        self.repair = repair
        """Whether the file is read with Telegram's ``\\x`` escapes as JSON's."""
        self.name = src.name
        self.me = _Me()
        self.phones: dict[str, str] = {}
        self.top: set[str] = set()
        self.chat: _Chat | None = None
        self.message: dict[str, Any] | None = None
        self.contact: dict[str, Any] | None = None
        self.info: dict[str, Any] = {}
        self.chats_seen = False
        self.messages = 0
        self.wanted: dict[str, tuple[str, str]] = {}
        for prefix in _CHAT_PREFIXES:
            dot = f"{prefix}." if prefix else ""
            for key in FIELDS:
                self.wanted[f"{dot}messages.item.{key}"] = ("message", key)
            for key in ("name", "type", "id"):
                self.wanted[f"{dot}{key}"] = ("chat", key)
        for key in ("user_id", "first_name", "last_name"):
            self.wanted[f"personal_information.{key}"] = ("me", key)
        for key in ("user_id", "phone_number"):
            self.wanted[f"contacts.list.item.{key}"] = ("contact", key)

    def read(self, raw: BinaryIO) -> Iterator[Event | Unreadable]:
        """The token reading: any JSON, damaged or not."""
        parsed = ijson.parse(raw, use_float=True)
        try:
            first = next(parsed, None)
            if first is None or first[1] != "start_map":
                raise ExportError(self.name, "not a Telegram export: the JSON is not an object")
            yield from self._walk(parsed)
        except ijson.JSONError as err:
            line, why = self._locate(err)
            if not self.messages:  # nothing read yet: not an export abc can use
                raise ExportError(self.name, f"not valid JSON: {why}", line=line) from err
            yield self._break(err, line, why)
            return
        except UnicodeDecodeError as err:
            raise ExportError(self.name, "not valid JSON: the file is not UTF-8 text") from err
        if not self.chats_seen:
            raise self._not_an_export()

    def _not_an_export(self) -> ExportError:
        return ExportError(
            self.name,
            "not a Telegram export: no personal_information, chats or messages",
            hint="export from Telegram Desktop, Settings > Advanced > Export, as JSON",
        )

    def fast(self, raw: BinaryIO) -> Iterator[Event | Unreadable]:
        """The same records as :meth:`read`, with ijson building each message in C and
        handing over whole messages (text and all, which is passed over here): a few steps
        per message instead of per token. Raises :class:`_Reread`, or lets ijson's error
        through, where :meth:`read` must take over (see :class:`_Router`)."""
        head = raw.read(_CHUNK)
        first = next(ijson.parse(io.BytesIO(head)), None)
        if first is None or first[1] != "start_map":
            raise _Reread  # not an object: read() says so
        router = _Router()
        queue = router.out
        for item in ijson.items(_Joined(head, raw, router), router, use_float=True):
            where = queue.popleft()
            while where.__class__ is not str:  # chat boundaries before the item
                yield from self._mark(where)
                where = queue.popleft()
            if where in _MESSAGE_PREFIXES:
                if item.__class__ is dict:
                    if self.chat is None:
                        self.chat = _Chat()
                    self.messages += 1
                    if not _NESTED.isdisjoint(map(type, map(item.get, FIELDS))):
                        # the token reading keeps only the scalars of these fields
                        item = {k: v for k, v in item.items() if _scalar_value(v)}
                    yield from self._message(item)
            else:
                self._take(where, item)
        while queue:
            yield from self._mark(queue.popleft())
        if router.broken:
            raise _Reread
        if "messages" in router.top:
            self.top.add("messages")
        yield from self._close("")
        if not self.chats_seen:
            raise self._not_an_export()

    def _mark(self, mark: object) -> Iterator[Event | Unreadable]:
        if mark is _START:
            self._open("chats.list.item")
        else:
            yield from self._close("chats.list.item")

    def _take(self, where: str, item: Any) -> None:
        """A chat's name, type or id; the user; a contact (the whole object, built by ijson)."""
        if where == "personal_information":
            if item.__class__ is dict:
                self.info.update((k, item[k]) for k in _INFO if _scalar(item, k))
                self.me = _me(self.info)
        elif where == "contacts.list.item":
            if item.__class__ is dict:
                c = {k: item[k] for k in ("user_id", "phone_number") if _scalar(item, k)}
                if c.get("user_id") and c.get("phone_number"):
                    self._phone(c["user_id"], c["phone_number"])
        elif _scalar_value(item):
            self._store(("chat", where.rpartition(".")[2]), item)

    def _walk(self, parsed: Iterator[tuple[str, str, Any]]) -> Iterator[Event | Unreadable]:
        """The hot loop: a few steps per JSON token, most of them passed over."""
        wanted, top = self.wanted, self.top
        for prefix, event, value in parsed:
            if event == "map_key":
                if not prefix:
                    top.add(value)
                continue
            where = wanted.get(prefix)
            if where is not None:
                if event in _SCALARS:
                    message = self.message
                    if message is not None and where[0] == "message":
                        message[where[1]] = value  # most stores: inline
                    else:
                        self._store(where, value)
            elif event == "start_map":
                self._open(prefix)
            elif event == "end_map":
                yield from self._close(prefix)

    def _store(self, where: tuple[str, str], value: Any) -> None:
        what, key = where
        if what == "message" and self.message is not None:
            self.message[key] = value
        elif what == "chat" and self.chat is not None:
            self.chat.meta[key] = value
            self.chat.peer = None
        elif what == "chat" and key in ("name", "type", "id"):  # a single-chat export's top
            self.chat = _Chat()
            self.chat.meta[key] = value
        elif what == "me":
            self.info[key] = value
        elif what == "contact" and self.contact is not None:
            self.contact[key] = value

    def _open(self, prefix: str) -> None:
        if prefix in _MESSAGE_PREFIXES:
            if self.chat is None:
                self.chat = _Chat()
            self.message = {}
        elif prefix == "chats.list.item":
            self.chat = _Chat()
            self.chats_seen = True
        elif prefix == "contacts.list.item":
            self.contact = {}

    def _close(self, prefix: str) -> Iterator[Event | Unreadable]:
        if self.message is not None and prefix in _MESSAGE_PREFIXES:
            m, self.message = self.message, None
            self.messages += 1
            yield from self._message(m)
        elif prefix == "chats.list.item" or (not prefix and self.chat is not None):
            if not prefix:
                self.chats_seen = "messages" in self.top
            chat, self.chat = self.chat, None
            if chat is not None:
                yield from self._end_chat(chat)
        elif prefix == "contacts.list.item" and self.contact is not None:
            c, self.contact = self.contact, None
            if c.get("user_id") and c.get("phone_number"):
                self._phone(c["user_id"], c["phone_number"])
        elif prefix == "personal_information":
            self.me = _me(self.info)

    def _phone(self, user_id: Any, phone: Any) -> None:
        self.phones[f"user{user_id}"] = str(phone)
        if self.chat is not None:
            self.chat.peer = None

    def _message(self, m: dict[str, Any]) -> list[Event | Unreadable]:
        """What one message gives now: its record, or nothing while its chat holds it
        (with those it held before, once the chat turns out not to be a group)."""
        chat = self.chat
        if chat is None:
            return []
        chat.last = (chat.meta.get("id"), m)
        kind = str(chat.meta.get("type", ""))
        if kind in _GROUPS or not kind:
            # a group's size is known at its end; an unknown chat's kind, at its "type"
            chat.held.append(tuple(m.get(k) for k in FIELDS))
            return []
        out = []
        if chat.held:
            held, chat.held = chat.held, []
            out = [_personal(self.name, chat, e, self.me, self.phones) for e in map(_unpack, held)]
        out.append(_personal(self.name, chat, m, self.me, self.phones))
        return out

    def _end_chat(self, chat: _Chat) -> Iterator[Event | Unreadable]:
        kind = str(chat.meta.get("type", ""))
        if kind in _GROUPS:
            yield from _group(self.name, chat, self.me)
            return
        for m in map(_unpack, chat.held):
            yield _personal(self.name, chat, m, self.me, self.phones)

    def _locate(self, err: Exception) -> tuple[int | None, str]:
        """The line and the reason of a JSON error, from :mod:`json` when the file is small
        enough to parse again (ijson says what but not where)."""
        if self.src.size > LOCATE_UP_TO:
            return None, _why(err)
        try:
            with self.src.open() as again:
                data = again.read()
            json.loads((_unescape(data) if self.repair else data).decode("utf-8-sig"))
        except json.JSONDecodeError as found:
            return found.lineno, found.msg
        except (UnicodeDecodeError, RecursionError):
            pass
        return None, _why(err)

    def _break(self, err: Exception, line: int | None, why: str) -> Unreadable:
        """Where the JSON stops being JSON: the end of a file cut short, or damage."""
        chat = self.chat
        last = chat.last if chat is not None else None
        after = f" after {_name_message(*last)}" if last is not None else ""
        if "premature" in str(err).lower() or "incomplete" in str(err).lower():
            what = f"the file ends{after}: it is cut short; the messages before it are read"
            return Unreadable(self.name, "truncated", "", what, line)
        what = f"not valid JSON{after} ({why}); the messages before it are read"
        return Unreadable(self.name, "damaged", "", what, line)


def _unpack(held: tuple[Any, ...]) -> dict[str, Any]:
    """A held message as the fields it had (a field it lacked is left out, not None)."""
    return {k: v for k, v in zip(FIELDS, held, strict=True) if v is not None}


def _why(err: Exception) -> str:
    return " ".join(str(err).split())[:120]


def _name_message(chat_id: Any, m: Mapping[str, Any]) -> str:
    return f"message {chat_id}/{m.get('id')}" if "id" in m else "a message without an id"


def _me(info: Mapping[str, Any]) -> _Me:
    if "user_id" not in info:
        return _Me()
    name = " ".join(str(info.get(k) or "") for k in ("first_name", "last_name")).strip()
    return _Me(f"user{info['user_id']}", name)


def _key(chat: _Chat, m: Mapping[str, Any]) -> str:
    """``chat/id``; without an id, the time, the author and how many such came before."""
    if m.get("id") is not None:
        return f"{chat.meta.get('id')}/{m.get('id')}"
    stamp = str(m.get("date_unixtime") or m.get("date") or "")
    author = str(m.get("from_id") or m.get("actor_id") or "")
    chat.seen[(stamp, author)] += 1
    return f"{chat.meta.get('id')}/t{stamp}/{author}/{chat.seen[(stamp, author)]}"


def _moment(name: str, m: Mapping[str, Any], key: str) -> datetime | Unreadable:
    """When a message was sent, or why abc cannot read it: Telegram itself could not export
    it, or it has no date."""
    kind = m.get("type")
    if kind == "message" or kind == "service":
        when = _when(m)
        if isinstance(when, datetime):
            return when
        return Unreadable(name, "bad date", f"message {key}", when)
    if kind == "unsupported":
        what = "Telegram could not export this message (type unsupported)"
        return Unreadable(name, "unsupported", f"message {key}", what)
    return Unreadable(name, "bad field", f"message {key}", f"type {kind!r} is not one abc knows")


def _personal(
    name: str, chat: _Chat, m: Mapping[str, Any], me: _Me, phones: Mapping[str, str]
) -> Event | Unreadable:
    """A message of a chat that is not a group: with the peer, or a bot, a channel, yourself."""
    key = _key(chat, m)
    when = _moment(name, m, key)
    if isinstance(when, Unreadable):
        return when
    skip, peer_id, peer, peers = chat.peer or _peer(chat, phones)
    channel, why = _what(m)
    author = str(m.get("from_id") or m.get("actor_id") or "")
    who = str(m.get("from") or m.get("actor") or "")
    from_me = (author == me.from_id) if me.from_id else None
    to: tuple[Handle, ...]
    if from_me or (from_me is None and author != peer_id):
        sender, to = (chat.named(who) if who else None), peers
    else:
        sender, to = (peer if me.from_id and peers else chat.named(who)), ()
    # meeting=False, people=0, skip: positional, as a keyword costs a tenth of the call
    return Event(KIND, key, when, channel, sender, to, from_me, False, 0, skip or why)


def _peer(
    chat: _Chat, phones: Mapping[str, str]
) -> tuple[str | None, str, Handle, tuple[Handle, ...]]:
    """What a chat that is not a group says of every message in it: the reason to skip them
    (a bot, a channel, yourself), the peer's ``from_id``, the peer, and whom to name.
    Kept on the chat until its name, type or id or the contact list changes."""
    kind = str(chat.meta.get("type", ""))
    skip = _NOT_PEOPLE.get(kind, None if kind == "personal_chat" else "system")
    title = str(chat.meta.get("name") or "")
    peer_id = f"user{chat.meta.get('id')}"
    peer = Handle("phone", phones[peer_id], title) if peer_id in phones else Handle("name", title)
    peers = (peer,) if peer.value else ()  # Saved Messages and deleted accounts have no name
    chat.peer = (skip, peer_id, peer, peers)
    return chat.peer


def _group(name: str, chat: _Chat, me: _Me) -> Iterator[Event | Unreadable]:
    """A group's messages, each naming every other author; ``people`` counts the authors."""
    authors: dict[str, str] = {}
    for m in map(_unpack, chat.held):
        if m.get("type") == "message" and m.get("from_id"):
            authors.setdefault(str(m["from_id"]), str(m.get("from") or ""))
    named = sorted((n, a) for a, n in authors.items())
    for m in map(_unpack, chat.held):
        key = _key(chat, m)
        when = _moment(name, m, key)
        if isinstance(when, Unreadable):
            yield when
            continue
        channel, why = _what(m)
        author = str(m.get("from_id") or m.get("actor_id") or "")
        others = tuple(Handle("name", n) for n, a in named if a != author and n)
        who = str(m.get("from") or m.get("actor") or "")
        yield Event(
            KIND,
            key,
            when,
            channel,
            Handle("name", who) if who else None,
            others,
            (author == me.from_id) if me.from_id else None,
            people=len(authors),
            skip=why,
        )
    chat.held = []


def _what(m: Mapping[str, Any]) -> tuple[str, str | None]:
    """The channel of a message, and a skip reason for calls that did not connect and notices."""
    if m.get("type") == "message":
        return "message", None
    if m.get("action") == "phone_call":
        connected = int(m.get("duration_seconds") or 0) > 0
        dropped = m.get("discard_reason") in ("missed", "busy")
        return "call", None if connected and not dropped else "missed"
    return "message", "system"


def _when(m: Mapping[str, Any]) -> datetime | str:
    """``date_unixtime`` (UTC); exports before 2021 have only ``date``, local wall-clock.
    A string says what is wrong."""
    stamp, date = m.get("date_unixtime"), m.get("date")
    try:
        if stamp is not None:
            return datetime.fromtimestamp(int(stamp), UTC)
        return datetime.fromisoformat(str(date))
    except (TypeError, ValueError, OverflowError, OSError):
        shown = f"date_unixtime {stamp!r}" if stamp is not None else f"date {date!r}"
        return f"{shown} is not a date"
