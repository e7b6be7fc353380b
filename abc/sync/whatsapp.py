"""WhatsApp's "Export chat": one ``.txt`` per chat, a header per message, no ids.

Android writes ``WhatsApp Chat with <Name>.txt``; iOS writes a zip holding
``_chat.txt``. The header's shape depends on the phone's platform, locale and app
version (brackets or `` - ``, ``13.06.26`` or ``6/13/26``, ``9:05 PM`` with a narrow
no-break space, ``klo``), so one tolerant pattern reads them all and the day/month
order is inferred per file. Times are the phone's wall clock with no zone, so
events are naive. Authors are the phone's contact names (or a number for people
not in the phone book): the reader reports them as written and leaves matching,
and deciding which author is the user, to ``propose``.

Only headers are looked at: the message text after ``Author: `` is never kept (only
the app's own notices are read, for the members they name), and continuation lines
(a message's second and later lines) are passed over.

A chat is read twice, a megabyte of whole lines at a time, in memory that does not
grow with it: first for who is in it and what its dates say about day and month (a
day over 12, or the only order in which the lines run forwards; then
``--date-order``, then ``me.region``, else abc asks), then for its events. Each pass
finds all the headers of a block with one regular expression (:data:`HEADER`, kept
within a line) instead of looking at each line in Python, so a chat of a million
lines reads in a few seconds.

In a group, every member the export shows counts,
those its notices name (``Ada added Ben, Cara and you``) as well as those who wrote;
the user, who is always a member, is counted by ``propose``. A line whose date
cannot be is reported as :class:`Unreadable`, and the rest read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache, partial
from itertools import chain, groupby
from operator import add, itemgetter
from typing import NamedTuple

from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable
from abcnet.sync.readers import read_files

KIND = "whatsapp"

#: The am/pm markers that Korean, Chinese and Japanese phones write before the time
#: (``2026. 6. 15. 오후 9:05``), as :func:`_ampm` reads them. Chinese phones may name
#: the part of the day instead (Unicode CLDR's day periods): 凌晨 small hours, 早上
#: morning, 上午 forenoon, 中午 noon (12:xx and 1:xx), 下午 afternoon, 晚上 evening.
_BEFORE_TIME = {
    "오전": "am",
    "오후": "pm",
    "凌晨": "am",
    "早上": "am",
    "上午": "am",
    "中午": "pm",
    "下午": "pm",
    "晚上": "pm",
    "午前": "am",
    "午後": "pm",
}
_BAMPM = "(?P<bampm>" + "|".join(_BEFORE_TIME) + ")"

#: A message header, from the field notes (§5.1): it rejects a continuation line that
#: merely starts with a date by requiring ``] ``, `` - `` or ``: `` after the time.
HEADER = re.compile(
    r"^[\u200e\u200f]*\[?(?P<date>\d{1,4}[-/.]\s?\d{1,2}[-/.]\s?\d{1,4})\.?,?\s+"
    r"(?:" + _BAMPM + r"\s*|\D{0,4}?)"
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
    """A chat's first header, as the first pass needs it: never the text."""

    date: str
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
    return read_files(src, lambda chat: _read_chat(chat, order, region), _a_chat, missing)


def _a_chat(src: ExportSource) -> bool:
    return src.name.lower().endswith(".txt") and _looks_like_chat(src)


def _is_chat_file(name: str) -> bool:
    base = re.split(r"[/\\:]", name)[-1]
    return base.lower() == "_chat.txt" or CHAT_NAME.search(base) is not None


def _looks_like_chat(src: ExportSource) -> bool:
    with src.open() as f:
        return sniff(src, f.read(4096))


#: White space within a line: what ``\s`` is in :data:`HEADER` when a block of many lines
#: is searched at once (``\s`` alone would run on into the next line).
_SP = r"[^\S\n]"
#: :data:`HEADER`'s start of a line, kept within its line, after the line end before it
#: (only am/pm has letters, so only it ignores case).
_ANY = (
    r"[\u200e\u200f]*\[?(?P<date>\d{1,4}[-/.]" + _SP + r"?\d{1,2}[-/.]" + _SP + r"?\d{1,4})"
    r"\.?,?"
    + _SP
    + r"+(?:"
    + _BAMPM
    + _SP
    + r"*|[^\d\n]{0,4}?)(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)"
    r"(?:" + _SP + r"*(?P<ampm>(?i:[ap]\.?" + _SP + r"?m\.?)))?\]?"
    r"(?:(?<=\])" + _SP + r"|" + _SP + r"[-\u2013]" + _SP + r"|:" + _SP + r")"
)
#: The shapes most phones write (``13/06/2026, 21:05 - ``, ``[6/13/26, 9:25:03 PM] ``),
#: tried first because they are quicker to match. Where this matches, :data:`_ANY`
#: matches the same text with the same date, time and am/pm (its first way through
#: is this one), so the groups are :data:`HEADER`'s either way;
#: ``tests/test_sync_whatsapp_chunks.py`` checks it against a line-by-line reading.
_COMMON = (
    r"\[?(?P<cdate>[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}),? "
    r"(?P<ctime>[0-9]{1,2}[.:][0-9][0-9](?:[.:][0-9][0-9])?)"
    r"(?:[ \u202f\u00a0](?P<campm>[apAP][mM]))?(?:\] | - )"
)
#: The author with the first ``: `` after it (``[^\n]*?: ``, written so that it never goes
#: back); one group fewer than author and colon apart, which findall pays for on each line.
_AUTHOR = r"(?P<author>[^:\n]*+(?::(?! )[^:\n]*+)*+: )"
#: A header in a block of lines, for the events: its date, time and am/pm (in the
#: ``c`` groups when :data:`_COMMON` matched) and its author followed by ``: `` (empty: a
#: system line, whose text is not captured).
EVENTS = re.compile(r"\n(?:" + _COMMON + "|" + _ANY + ")(?:" + _AUTHOR + ")?")
#: A header for the first pass: its date, its author, and the text of only the lines
#: that may name members (the app's notices: a system line, or text marked with U+200E).
SURVEY = re.compile(
    r"\n(?:"
    + _COMMON.replace("(?P<ctime>", "(?:").replace("(?P<campm>", "(?:")
    + "|"
    + _ANY.replace("(?P<bampm>", "(?:").replace("(?P<time>", "(?:").replace("(?P<ampm>", "(?:")
    + ")(?:"
    + _AUTHOR
    + r"(?P<marked>\u200e[^\n]*)?|(?P<system>[^\n]*))"
)
#: The fields of a row of :data:`SURVEY`.
_S_COMMON_DATE, _S_DATE, _S_AUTHOR, _S_MARKED = (itemgetter(i) for i in range(4))
_S_WHO = itemgetter(2, 3, 4)


@dataclass
class _Survey:
    """What a first pass over a chat's headers learns, in memory that does not grow with
    the chat: who is in it, and what its dates say about day and month."""

    chat: str
    lines: int = 0
    sample: str = ""
    """The first date that is day or month first (not year first)."""
    first_over_12: bool = False
    second_over_12: bool = False
    forwards: dict[bool, bool] = field(default_factory=lambda: {True: True, False: True})
    last: dict[bool, tuple[int, int, int]] = field(default_factory=dict)
    everyone: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    created: bool = False
    opening: bool = False
    """Whether the chat's first header is a system line (iOS's opening notice, say)."""
    date: str = ""
    """The date of the header before, whose evidence is already counted."""

    def read(self, block: str) -> None:
        """Count the headers of a block of lines (see :func:`_blocks`)."""
        found = SURVEY.findall(block)
        if found and not self.lines:
            first = SURVEY.search(block)
            assert first is not None
            end = block.find("\n", first.start() + 1)
            ln = _opening(block[first.start() + 1 : end if end >= 0 else len(block)])
            assert ln is not None  # the line that SURVEY found is a header
            self.opening = ln.author is None
            self.add(ln)
            found = found[1:]
        self.lines += len(found)
        for date, _ in groupby(map(add, map(_S_COMMON_DATE, found), map(_S_DATE, found))):
            self.saw(date)  # once a day (one of the two dates is empty)
        authors = set(map(_S_AUTHOR, found))  # each with its ": ", or empty: a system line
        if "" not in authors and not any(map(_S_MARKED, found)):
            self.everyone.update(_author(a[:-2]) for a in authors)
            return  # no notice in the block: only authors
        for author, marked, system in set(map(_S_WHO, found)):
            if not author:  # a system line ("X added Y")
                self.created = self.created or CREATED_GROUP.search(system) is not None
                self.named.update(_members(system))
                continue
            name = _author(author[:-2])
            self.everyone.add(name)
            if marked and name == self.chat:
                self.named.update(_members(marked))

    def add(self, ln: _Line) -> None:
        self.lines += 1
        if ln.author is not None:
            self.everyone.add(ln.author)
        if ln.author in (None, self.chat):
            self.named.update(ln.members)
        self.created = self.created or ln.created
        self.saw(ln.date)

    def saw(self, date: str) -> None:
        """The evidence of a header's date about the day/month order."""
        if date == self.date:
            return  # the same day as the header before: nothing new about the order
        self.date = date
        fields = _fields(date)
        if len(fields[0]) > 2:
            return  # year-first dates (2026/06/13) say nothing about the order
        self.sample = self.sample or date
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
        if not self.sample or self.first_over_12:
            return True  # every date year first (the order does not matter), or a day over 12
        if self.second_over_12:
            return False
        ahead = self.forwards
        return ahead[True] if ahead[True] != ahead[False] else None


def _read_chat(src: ExportSource, order: str | None, region: str) -> Iterator[Event | Unreadable]:
    """One chat file, read twice: once for its members and its day/month order (now), then
    for its events (as they are asked for). Neither pass keeps more than a block of lines,
    so a chat of any length fits."""
    found = CHAT_NAME.findall(src.name)
    chat = found[-1].strip() if found else ""
    survey = _Survey(chat)
    for block in _blocks(src):
        survey.read(block)
    if not survey.lines:
        raise ExportError(
            src.name, "not a WhatsApp chat: no line starts with a date and time", line=1
        )
    # Keys name the chat, not the path, so that moving the export keeps them.
    label = chat or re.split(r"[/\\:]", src.name)[-1]
    days_first = _order(src, survey, order, region)
    everyone = survey.everyone - {""}  # an empty author (unreadable) is nobody
    group = survey.created or len(everyone - {chat}) > 2
    # In a group, lines "written" by the chat's own name are the app's notices; in a
    # one-to-one chat that name is the peer, who is a member even without writing.
    if group:
        members = sorted((everyone | survey.named) - {chat, ""})
    else:
        members = sorted(everyone | ({chat} - {""}))
    chat_notices = chat if group else None
    return _messages(src, label, chat_notices, members, days_first, survey.opening)


def _messages(
    src: ExportSource,
    label: str,
    notices: str | None,
    members: list[str],
    days_first: bool,
    opening: bool,
) -> Iterator[Event | Unreadable]:
    """The second pass: an event per header, in file order, or why its date is unreadable.

    ``notices`` is the author whose lines are the app's own (a group's name), ``opening``
    whether the first header is a system line whatever its shape.
    """
    handles = {a: _handle(a) for a in members}
    senders: dict[str, tuple[Handle, tuple[Handle, ...]]] = {}  # each author's handles, made once
    names: dict[str, str] = {}  # an author as written: as shown
    moments: dict[str, datetime | str] = {}  # time and am/pm: the moment, this day
    seen: dict[str, int] = {}  # a key's text: how many like headers so far this day
    clocks: dict[str, timedelta | str] = {}  # time and am/pm: the time of day
    day = moments_day = ""
    midnight: datetime | str = ""  # the start of moments_day
    lines = 0  # the lines before the block
    for block in _blocks(src):
        rows = EVENTS.findall(block)
        if opening and rows:
            rows[0], opening = (*rows[0][:-1], ""), False  # read as a system line
        for row in rows:
            common, common_time, common_ampm, date, before, time, ampm, author = row
            if common:
                date, time, ampm = common, common_time, common_ampm
            ampm = ampm or before  # one of the two is empty
            if date != moments_day:
                moments.clear()
                moments_day, midnight = date, _midnight(date, days_first)
            when = moments.get(clock := time + ampm)  # a time ends in a digit, am/pm has none
            if when is None:
                after = clocks.get(clock) or clocks.setdefault(clock, _clock(time, ampm))
                when = moments[clock] = _moment(midnight, after)
            if isinstance(when, str):
                yield _bad_date(src.name, block, rows, row, lines, when)
                continue
            # "Ada Okafor: " as shown, or "" for a system line (no author)
            who = names.get(author) or names.setdefault(author, _author(author[:-2]))
            if author and not who:  # " : ": a message, but from nobody it names
                number = _line(block, rows, row, lines)
                yield Unreadable(src.name, "bad field", "", NO_AUTHOR, number)
                continue
            if date != day:
                seen.clear()  # a new day: the count of like headers restarts (memory stays small)
                day = date
            text = f"{label}\x1f{date}\x1f{time}\x1f{who}\x1f"
            count = seen[text] = seen.get(text, 0) + 1
            # The key is the text itself: it lives only in this run's memory (to count a
            # message in two exports of one chat once), so no hash is worth its cost.
            key = text + "1" if count == 1 else f"{text}{count}"
            if not author or who == notices:
                yield Event(KIND, key, when, "message", None, skip="system")
                continue
            sender = senders.get(who)
            if sender is None:
                others = tuple(handles[a] for a in members if a != who)
                sender = senders[who] = (handles[who], others)
            yield Event(KIND, key, when, "message", *sender)
        lines += block.count("\n")


#: What an unreadable record says of a message whose author is empty (``- : text``).
NO_AUTHOR = "a message without its author's name"


def _header(block: str, rows: list[tuple[str, ...]], row: tuple[str, ...]) -> re.Match[str]:
    """The match of ``row``, one of the block's ``rows``, found again (this is rare)."""
    index = next(i for i, r in enumerate(rows) if r is row)
    return next(m for i, m in enumerate(EVENTS.finditer(block)) if i == index)


def _line(block: str, rows: list[tuple[str, ...]], row: tuple[str, ...], lines: int) -> int:
    """The line ``row`` starts on, ``lines`` being the lines before the block."""
    return lines + block.count("\n", 0, _header(block, rows, row).start() + 1)


def _bad_date(
    name: str, block: str, rows: list[tuple[str, ...]], row: tuple[str, ...], lines: int, why: str
) -> Unreadable:
    """A header whose date cannot be, with its line."""
    match = _header(block, rows, row)
    date, time = (
        (match["cdate"], match["ctime"]) if match["cdate"] else (match["date"], match["time"])
    )
    what = f"{date} {time} is not a date and time WhatsApp writes ({why})"
    return Unreadable(name, "bad date", "", what, _line(block, rows, row, lines))


#: Bytes :func:`_blocks` reads at a time.
CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


def _blocks(src: ExportSource) -> Iterator[str]:
    """The chat's text in blocks of whole lines, each starting with the line end before
    its first line (a ``\\n`` of its own for the file's first), ready for :data:`EVENTS`.

    The text is what a text file opened with ``utf-8-sig``, ``errors="replace"`` and
    universal newlines reads: a leading BOM dropped, ``\\r\\n`` and ``\\r`` read as ``\\n``,
    bytes that are not UTF-8 read as U+FFFD. Blocks are cut at a line end, where no
    character can be cut, so each decodes on its own as the whole file would.
    """
    with src.open() as raw:
        start = raw.read(3)
        reads = chain((start[3:] if start == _BOM else start,), iter(partial(raw.read, CHUNK), b""))
        pending, held = b"\n", b""
        for data in reads:
            data, held = held + data, b""
            if data.endswith(b"\r"):  # its \n, if any, comes with the next read
                data, held = data[:-1], b"\r"
            if b"\r" in data:
                data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            pending += data
            cut = pending.rfind(b"\n")
            if cut > 0:
                yield pending[:cut].decode("utf-8", "replace")
                pending = pending[cut:]
        pending += b"\n" if held else b""
        if pending != b"\n":
            yield pending.decode("utf-8", "replace")


def _opening(line: str) -> _Line | None:
    """A chat's first header, read on its own (None: not a header): a system line, too,
    when it is the app's opening notice, which iOS attributes to the chat."""
    m = HEADER.match(line)
    if m is None:
        return None
    rest = m["rest"]
    author, sep, body = rest.partition(": ")
    notice = body.startswith("\u200e") or body.startswith(E2E_NOTICE)
    if not sep or notice:
        # A system line ("X added Y"), or iOS's opening notice, marked with U+200E
        # and attributed to the chat; remember only whether it made a group.
        created = CREATED_GROUP.search(rest) is not None
        named = _members(rest if not sep else body)
        return _Line(m["date"], None, created, named)
    return _Line(m["date"], _author(author))


def _first_dated(src: ExportSource, date: str) -> int:
    """The line of the chat's first header dated ``date`` (for a message; this is rare)."""
    lines = 0
    for block in _blocks(src):
        for m in EVENTS.finditer(block):
            if (m["cdate"] or m["date"]) == date:
                return lines + block.count("\n", 0, m.start() + 1)
        lines += block.count("\n")
    return 1


@lru_cache(maxsize=64)
def _ampm(raw: str) -> str:
    """``am``, ``pm`` (or empty) for am/pm as written: ``p. m.``, ``PM``, ``오후``."""
    return _BEFORE_TIME.get(raw) or re.sub(r"[.\s]", "", raw).lower()


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


def _order(src: ExportSource, survey: _Survey, order: str | None, region: str) -> bool:
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
    sample = survey.sample  # days_first() settles a chat with no such date
    if any(sep in sample for sep in ".-"):
        return True
    if region.strip():
        return region.strip().upper() not in MONTH_FIRST_REGIONS
    raise ExportError(
        src.name,
        f"cannot tell whether {sample} is day/month or month/day: no date in the chat settles it",
        line=_first_dated(src, sample),
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


def _midnight(date: str, days_first: bool) -> datetime | str:
    """The start of a header's day, or why the date cannot be."""
    try:
        return datetime(*_day(date, days_first))
    except ValueError as err:
        return str(err)


def _clock(time: str, ampm: str) -> timedelta | str:
    """The time of day of ``H:MM``, ``HH.MM`` or ``H:MM:SS`` and its am/pm as written
    (``p. m.``), or why it cannot be (in the words ``datetime`` uses for it)."""
    parts = [int(p) for p in re.split(r"[.:]", time)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
    ampm = _ampm(ampm)
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        datetime(2000, 1, 1, hour, minute, second)
    except ValueError as err:
        return str(err)
    return timedelta(hours=hour, minutes=minute, seconds=second)


def _moment(day: datetime | str, clock: timedelta | str) -> datetime | str:
    """A header's moment, or why it cannot be: the date's fault first, as ``datetime``
    checks it."""
    if isinstance(day, str):
        return day
    if isinstance(clock, str):
        return clock
    return day + clock
