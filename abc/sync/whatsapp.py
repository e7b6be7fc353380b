"""WhatsApp's "Export chat": one ``.txt`` per chat, a header per message, no ids.

Android writes ``WhatsApp Chat with <Name>.txt``; iOS writes a zip holding
``_chat.txt``. The header's shape depends on the phone's platform, locale and app
version (brackets or `` - ``, ``13.06.26`` or ``6/13/26``, ``9:05 PM`` with a narrow
no-break space, ``klo``), so one tolerant pattern reads them all and the day/month
order is inferred per file. Times are the phone's wall clock with no zone, so
events are naive. Authors are the phone's contact names (or a number for people
not in the phone book): the reader reports them as written and leaves matching,
and deciding which author is the user, to ``propose``.

Only headers are looked at: the message text after ``Author: `` is never kept, and
continuation lines (a message's second and later lines) are skipped unread.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from abcnet.sync.event import Event, ExportError, ExportSource, Handle
from abcnet.sync.readers import each_file

KIND = "whatsapp"

#: A message header, from the field notes (§5.1): it rejects a continuation line that
#: merely starts with a date by requiring ``] ``, `` - `` or ``: `` after the time.
HEADER = re.compile(
    r"^[\u200e\u200f]*\[?(?P<date>\d{1,4}[-/.]\s?\d{1,2}[-/.]\s?\d{1,4})\.?,?\s+\D{0,4}?"
    r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)(?:[\s\u202f\u00a0]*(?P<ampm>[ap]\.?\s?m\.?))?\]?"
    r"(?:(?<=\])\s|\s[-\u2013]\s|:\s)(?P<rest>.*)$",
    re.I,
)
#: The peer (or group) an Android file or an iOS zip is named after.
CHAT_NAME = re.compile(r"WhatsApp[ -]Chat (?:with|mit|-) ([^/\\:]+?)\.(?:txt|zip)\b", re.I)
#: An author that is a phone number: a non-contact, shown as ``+44 7123 456789``.
PHONE = re.compile(r"^\+?[\d\s\u00a0\u202f().-]{7,}$")
#: A "created group" line marks a group even when few of its members wrote.
CREATED_GROUP = re.compile(r"\bcreated group\b", re.I)
_MARKS = "\u200e\u200f\u202a\u202c"


@dataclass(frozen=True, slots=True)
class _Line:
    """One header: what is needed to date and attribute it, never the text."""

    number: int
    date: str
    time: str
    ampm: str
    author: str | None  # None: a system line without an author
    created: bool = False  # a system line saying that someone created the group


def sniff(src: ExportSource, head: bytes) -> bool:
    """A file whose first line is a WhatsApp header; a folder or zip holding a chat."""
    if src.is_dir:
        return any(_is_chat_file(f.name) for f in src.files())
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return HEADER.match(first) is not None


def read(src: ExportSource) -> Iterator[Event]:
    """Every message header of every chat in ``src``, in file order."""
    missing = ExportError(
        src.name, "no WhatsApp chat found", hint="expected _chat.txt or WhatsApp Chat with …"
    )
    for chat in each_file(src, _a_chat, missing):
        yield from _read_chat(chat)


def _a_chat(src: ExportSource) -> bool:
    return src.name.lower().endswith(".txt") and _looks_like_chat(src)


def _is_chat_file(name: str) -> bool:
    base = re.split(r"[/\\:]", name)[-1]
    return base.lower() == "_chat.txt" or CHAT_NAME.search(base) is not None


def _looks_like_chat(src: ExportSource) -> bool:
    with src.open() as f:
        return sniff(src, f.read(4096))


def _read_chat(src: ExportSource) -> Iterator[Event]:
    """One chat file: headers first (the day/month order needs them all), then events."""
    lines = _headers(src)
    if not lines:
        raise ExportError(
            src.name, "not a WhatsApp chat: no line starts with a date and time", line=1
        )
    found = CHAT_NAME.findall(src.name)
    chat = found[-1].strip() if found else ""
    # Keys name the chat, not the path, so that moving the export keeps them.
    label = chat or re.split(r"[/\\:]", src.name)[-1]
    days_first = _days_first(lines)
    everyone = {ln.author for ln in lines if ln.author is not None}
    group = any(ln.created for ln in lines) or len(everyone - {chat}) > 2
    # In a group, lines "written" by the chat's own name are the app's notices; in a
    # one-to-one chat that name is the peer, who is a member even without writing.
    authors = sorted(everyone - {chat}) if group else sorted(everyone | ({chat} - {""}))
    seen: Counter[tuple[str, str, str]] = Counter()
    for ln in lines:
        when = _when(src.name, ln, days_first)
        who = ln.author or ""
        seen[(ln.date, ln.time, who)] += 1
        key = _key(label, ln, seen[(ln.date, ln.time, who)])
        if ln.author is None or (group and ln.author == chat):
            yield Event(KIND, key, when, "message", None, skip="system")
            continue
        others = tuple(_handle(a) for a in authors if a != ln.author)
        yield Event(
            KIND,
            key,
            when,
            "message",
            _handle(ln.author),
            others,
            people=len(authors) if group else 0,
        )


def _headers(src: ExportSource) -> list[_Line]:
    """The header lines of a chat, read line by line; message text is dropped at once."""
    lines: list[_Line] = []
    with src.open() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None)
        for number, line in enumerate(text, start=1):
            m = HEADER.match(line.rstrip("\n"))
            if m is None:
                continue  # a continuation line: the rest of the previous message
            author, sep, body = m["rest"].partition(": ")
            ampm = re.sub(r"[.\s]", "", m["ampm"] or "").lower()
            if not sep or (not lines and body.startswith("\u200e")):
                # A system line ("X added Y"), or iOS's opening notice, marked with U+200E
                # and attributed to the chat; remember only whether it made a group.
                created = CREATED_GROUP.search(m["rest"]) is not None
                lines.append(_Line(number, m["date"], m["time"], ampm, None, created))
                continue
            lines.append(_Line(number, m["date"], m["time"], ampm, _author(author)))
    return lines


def _author(raw: str) -> str:
    """The author as the phone shows it, without direction marks or the ``~`` of a push name."""
    name = raw.strip(_MARKS + " \u00a0\u202f")
    if name.startswith("~"):
        name = name[1:].strip(_MARKS + " \u00a0\u202f")
    return name


def _handle(author: str) -> Handle:
    if PHONE.match(author) and sum(c.isdigit() for c in author) >= 7:
        return Handle("phone", author)
    return Handle("name", author)


def _fields(date: str) -> list[str]:
    return [p.strip() for p in re.split(r"[-/.]", date)]


def _days_first(lines: list[_Line]) -> bool:
    """Day before month unless the file proves otherwise (Pustur's ``daysBeforeMonths``)."""
    firsts, seconds = [], []
    for ln in lines:
        a, b, _c = _fields(ln.date)
        if len(a) <= 2:  # year-first dates (2026/06/13) say nothing about the order
            firsts.append(int(a))
            seconds.append(int(b))
    if any(n > 12 for n in firsts):
        return True
    return not any(n > 12 for n in seconds)


def _when(name: str, ln: _Line, days_first: bool) -> datetime:
    a, b, c = (int(p) for p in _fields(ln.date))
    if len(_fields(ln.date)[0]) == 4:
        year, month, day = a, b, c
    else:
        day, month = (a, b) if days_first else (b, a)
        year = c + 2000 if c < 100 else c
    parts = [int(p) for p in re.split(r"[.:]", ln.time)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
    if ln.ampm.startswith("p") and hour < 12:
        hour += 12
    elif ln.ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as err:
        raise ExportError(
            name,
            f"{ln.date} {ln.time} is not a date and time WhatsApp writes ({err})",
            line=ln.number,
        ) from err


def _key(chat: str, ln: _Line, occurrence: int) -> str:
    """A stable id: a re-export has new line numbers but the same dates, times and authors."""
    text = f"{chat}\x1f{ln.date}\x1f{ln.time}\x1f{ln.author or ''}\x1f{occurrence}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
