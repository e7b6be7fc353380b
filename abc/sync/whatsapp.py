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

A chat is read twice, in memory that does not grow with it: first for who is in
it and what its dates say about day and month (a day over 12, or the only order in
which the lines run forwards; then ``--date-order``, then ``me.region``, else abc
asks), then for its events. In a group, every member the export shows counts,
those its notices name (``Ada added Ben, Cara and you``) as well as those who wrote;
the user, who is always a member, is counted by ``propose``. A line whose date
cannot be is reported as :class:`Unreadable`, and the rest read.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from sys import intern
from typing import NamedTuple

from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable
from abcnet.sync.readers import read_files

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
CREATED_GROUP = re.compile(
    r"\bcreated group\b|hat die Gruppe .* erstellt|\bcreó el grupo\b|\ba créé le groupe\b"
    r"|\bcriou o grupo\b|\bha creato il gruppo\b|\bheeft groep .* aangemaakt",
    re.I,
)
#: The app's notices that name members (added, joined, left, removed), in the languages
#: people export in: group ``who`` names one member, ``names`` one or more.
MEMBER_NOTICES = tuple(
    re.compile(p, re.I)
    for p in (
        r"^(?P<who>.+?) (?:added|removed) (?P<names>.+)$",
        r"^(?P<who>.+?) (?:joined using this group's invite link|joined|left|was added|was removed)$",
        r"^(?P<who>.+?) created group\b",
        r"^(?P<who>.+?) hat (?P<names>.+?) (?:hinzugefügt|entfernt)$",
        r"^(?P<who>.+?) (?:hat die Gruppe verlassen|ist über den Einladungslink dieser Gruppe beigetreten)$",
        r"^(?P<who>.+?) (?:añadió|eliminó) a (?P<names>.+)$",
        r"^(?P<who>.+?) (?:salió del grupo|se unió usando el enlace de invitación de este grupo)$",
        r"^(?P<who>.+?) a (?:ajouté|retiré) (?P<names>.+)$",
        r"^(?P<who>.+?) (?:est parti|est partie|a rejoint .*)$",
        r"^(?P<who>.+?) (?:adicionou|removeu) (?P<names>.+)$",
        r"^(?P<who>.+?) (?:saiu|entrou usando o link de convite deste grupo)$",
        r"^(?P<who>.+?) ha (?:aggiunto|rimosso) (?P<names>.+)$",
        r"^(?P<who>.+?) (?:è uscito|è uscita|si è unito .*)$",
        r"^(?P<who>.+?) heeft (?P<names>.+?) (?:toegevoegd|verwijderd)$",
        r"^(?P<who>.+?) heeft de groep verlaten$",
    )
)
#: How a notice names the user, who is always a member and is counted as such anyway.
YOU = frozenset(
    {"you", "du", "dich", "dir", "tú", "te", "ti", "vous", "você", "voce", "jij", "je", "u",
     "jou", "tu"}
)  # fmt: skip
_AND = re.compile(r",\s*|\s+(?:and|und|y|e|et|en)\s+", re.I)
#: Regions whose phones write dates month first (6/13/26); the rest write the day first.
MONTH_FIRST_REGIONS = frozenset({"US", "PR", "GU", "AS", "VI", "MP", "UM", "PH", "FM", "MH", "PW"})
_MARKS = "\u200e\u200f\u202a\u202c"
#: The app's opening notice in English, known by its words when a copy lost its U+200E mark.
E2E_NOTICE = "Messages and calls are end-to-end encrypted."


class _Line(NamedTuple):
    """One header: what is needed to date and attribute it, never the text."""

    number: int
    date: str
    time: str
    ampm: str
    author: str | None  # None: a system line without an author
    created: bool = False  # a system line saying that someone created the group
    members: tuple[str, ...] = ()  # the members a system line names (added, joined, left)


def sniff(src: ExportSource, head: bytes) -> bool:
    """A file whose first line is a WhatsApp header; a folder or zip holding a chat."""
    if src.is_dir:
        return any(_is_chat_file(f.name) for f in src.files())
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return HEADER.match(first) is not None


def read(
    src: ExportSource, order: str | None = None, region: str = ""
) -> Iterator[Event | Unreadable]:
    """Every message header of every chat in ``src``, in file order.

    ``order`` (``dmy`` or ``mdy``) and then ``region`` (the user's ``me.region``)
    settle the day/month order of a chat whose own dates do not.
    """
    missing = ExportError(
        src.name, "no WhatsApp chat found", hint="expected _chat.txt or WhatsApp Chat with …"
    )
    yield from read_files(src, lambda chat: _read_chat(chat, order, region), _a_chat, missing)


def _a_chat(src: ExportSource) -> bool:
    return src.name.lower().endswith(".txt") and _looks_like_chat(src)


def _is_chat_file(name: str) -> bool:
    base = re.split(r"[/\\:]", name)[-1]
    return base.lower() == "_chat.txt" or CHAT_NAME.search(base) is not None


def _looks_like_chat(src: ExportSource) -> bool:
    with src.open() as f:
        return sniff(src, f.read(4096))


@dataclass
class _Survey:
    """What a first pass over a chat's headers learns, in memory that does not grow with
    the chat: who is in it, and what its dates say about day and month."""

    chat: str
    lines: int = 0
    sample: _Line | None = None
    """The first line whose date is day or month first (not year first)."""
    first_over_12: bool = False
    second_over_12: bool = False
    forwards: dict[bool, bool] = field(default_factory=lambda: {True: True, False: True})
    last: dict[bool, tuple[int, int, int]] = field(default_factory=dict)
    everyone: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    created: bool = False
    date: str = ""
    """The date of the line before (interned), whose evidence is already counted."""

    def add(self, ln: _Line) -> None:
        self.lines += 1
        if ln.author is not None:
            self.everyone.add(ln.author)
        if ln.author in (None, self.chat):
            self.named.update(ln.members)
        self.created = self.created or ln.created
        if ln.date is self.date:
            return  # the same day as the line before: nothing new about the order
        self.date = ln.date
        fields = _fields(ln.date)
        if len(fields[0]) > 2:
            return  # year-first dates (2026/06/13) say nothing about the order
        self.sample = self.sample or ln
        a, b, year = (int(p) for p in fields)
        self.first_over_12 = self.first_over_12 or a > 12
        self.second_over_12 = self.second_over_12 or b > 12
        for days_first in (True, False):
            day, month = (a, b) if days_first else (b, a)
            now = (year, month, day)
            if now < self.last.get(days_first, now):
                self.forwards[days_first] = False
            self.last[days_first] = now

    def days_first(self) -> bool | None:
        """Day before month, month before day, or None when the file does not say."""
        if self.sample is None or self.first_over_12:
            return True  # every date year first (the order does not matter), or a day over 12
        if self.second_over_12:
            return False
        ahead = self.forwards
        return ahead[True] if ahead[True] != ahead[False] else None


def _read_chat(src: ExportSource, order: str | None, region: str) -> Iterator[Event | Unreadable]:
    """One chat file, read twice: once for its members and its day/month order, then for
    its events. Neither pass keeps more than a line, so a chat of any length fits."""
    found = CHAT_NAME.findall(src.name)
    chat = found[-1].strip() if found else ""
    survey = _Survey(chat)
    for ln in _headers(src):
        survey.add(ln)
    if not survey.lines:
        raise ExportError(
            src.name, "not a WhatsApp chat: no line starts with a date and time", line=1
        )
    # Keys name the chat, not the path, so that moving the export keeps them.
    label = chat or re.split(r"[/\\:]", src.name)[-1]
    days_first = _order(src.name, survey, order, region)
    everyone = survey.everyone
    group = survey.created or len(everyone - {chat}) > 2
    # In a group, lines "written" by the chat's own name are the app's notices; in a
    # one-to-one chat that name is the peer, who is a member even without writing.
    if group:
        members = sorted((everyone | survey.named) - {chat, ""})
    else:
        members = sorted(everyone | ({chat} - {""}))
    handles = {a: _handle(a) for a in members}
    others: dict[str, tuple[Handle, ...]] = {}  # each author's counterparts, made once
    seen: dict[tuple[str, str], int] = {}  # (time, author): how many so far this day
    day = ""
    for ln in _headers(src):
        when = _when(src.name, ln, days_first)
        if isinstance(when, Unreadable):
            yield when
            continue
        who = ln.author or ""
        if ln.date != day:
            seen.clear()  # a new day: the count of like headers restarts (memory stays small)
            day = ln.date
        count = seen[(ln.time, who)] = seen.get((ln.time, who), 0) + 1
        key = _key(label, ln, count)
        if ln.author is None or (group and ln.author == chat):
            yield Event(KIND, key, when, "message", None, skip="system")
            continue
        if ln.author not in others:
            others[ln.author] = tuple(handles[a] for a in members if a != ln.author)
        yield Event(KIND, key, when, "message", handles[ln.author], others[ln.author])


#: How much decoded text :func:`_headers` takes at a time.
CHUNK = 1 << 20


def _lines(src: ExportSource) -> Iterator[str]:
    """The lines of a chat without their ends, decoded a megabyte at a time (``\\r\\n`` and
    ``\\r`` read as ``\\n``, as line by line)."""
    with src.open() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None)
        tail = ""
        while chunk := text.read(CHUNK):
            lines = (tail + chunk).split("\n")
            tail = lines.pop()
            yield from lines
        if tail:
            yield tail


def _headers(src: ExportSource) -> Iterator[_Line]:
    """The header lines of a chat; message text is dropped at once."""
    first = True
    match = HEADER.match
    for number, line in enumerate(_lines(src), start=1):
        m = match(line)
        if m is None:
            continue  # a continuation line: the rest of the previous message
        rest = m["rest"]
        author, sep, body = rest.partition(": ")
        ampm = _ampm(m["ampm"] or "")
        opening, first = first, False
        notice = body.startswith("\u200e") or body.startswith(E2E_NOTICE)
        if not sep or (opening and notice):
            # A system line ("X added Y"), or iOS's opening notice, marked with U+200E
            # and attributed to the chat; remember only whether it made a group.
            created = CREATED_GROUP.search(rest) is not None
            named = _members(rest if not sep else body)
            date, time = intern(m["date"]), intern(m["time"])
            yield _Line(number, date, time, ampm, None, created, named)
            continue
        named = _members(body) if body.startswith("\u200e") else ()
        yield _Line(
            number, intern(m["date"]), intern(m["time"]), ampm, _author(author), False, named
        )


@lru_cache(maxsize=64)
def _ampm(raw: str) -> str:
    return intern(re.sub(r"[.\s]", "", raw).lower())


def _members(notice: str) -> tuple[str, ...]:
    """The members a notice of the app names (``Ada added Sam, Ben and you``), the user left out."""
    text = notice.strip(_MARKS + " \u00a0\u202f\r\n")
    for pattern in MEMBER_NOTICES:
        m = pattern.match(text)
        if m is None:
            continue
        names = [m["who"]]
        if "names" in pattern.groupindex and m["names"]:
            names += _AND.split(m["names"])
        found = (_author(n) for n in names)
        return tuple(n for n in found if n and n.casefold() not in YOU)
    return ()


@lru_cache(maxsize=4096)
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


def _order(name: str, survey: _Survey, order: str | None, region: str) -> bool:
    """Whether dates are day first: the file's own evidence, then ``order``, then ``region``.

    Evidence is a number over 12 in either place (``13/06/26``), then the order of
    the lines (a chat is written in time order, so only one reading may run
    forwards). Then ``order`` (the user's ``--date-order``), then dots or dashes
    between the parts (``13.06.26``: no locale writes the month first so), then the
    region. When none of them settles it, the user is asked.
    """
    found = survey.days_first()
    if found is not None:
        return found
    if order is not None:
        return order == "dmy"
    sample = survey.sample
    assert sample is not None  # days_first() settles a chat with no such date
    if any(sep in sample.date for sep in ".-"):
        return True
    if region.strip():
        return region.strip().upper() not in MONTH_FIRST_REGIONS
    raise ExportError(
        name,
        f"cannot tell whether {sample.date} is day/month or month/day: no date in the chat "
        "settles it",
        line=sample.number,
        hint="run again with --date-order dmy or --date-order mdy, or set me.region in abc.yaml",
    )


@lru_cache(maxsize=4096)
def _day(date: str, days_first: bool) -> tuple[int, int, int]:
    """(year, month, day) of a header's date; cached, a chat has many lines a day."""
    fields = _fields(date)
    a, b, c = (int(p) for p in fields)
    if len(fields[0]) == 4:
        return a, b, c
    day, month = (a, b) if days_first else (b, a)
    return c + 2000 if c < 100 else c, month, day


@lru_cache(maxsize=4096)
def _clock(time: str) -> tuple[int, int, int]:
    parts = [int(p) for p in re.split(r"[.:]", time)]
    return parts[0], parts[1], parts[2] if len(parts) > 2 else 0


def _when(name: str, ln: _Line, days_first: bool) -> datetime | Unreadable:
    when = _stamp(ln.date, ln.time, ln.ampm, days_first)
    if isinstance(when, str):
        what = f"{ln.date} {ln.time} is not a date and time WhatsApp writes ({when})"
        return Unreadable(name, "bad date", "", what, ln.number)
    return when


@lru_cache(maxsize=4096)
def _stamp(date: str, time: str, ampm: str, days_first: bool) -> datetime | str:
    """The moment of a header, or why it cannot be; cached, like lines share a minute."""
    year, month, day = _day(date, days_first)
    hour, minute, second = _clock(time)
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as err:
        return str(err)


def _key(chat: str, ln: _Line, occurrence: int) -> str:
    """A stable id: a re-export has new line numbers but the same dates, times and authors."""
    text = f"{chat}\x1f{ln.date}\x1f{ln.time}\x1f{ln.author or ''}\x1f{occurrence}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
