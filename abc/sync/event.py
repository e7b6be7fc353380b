"""The neutral event every sync reader yields, and what a reader is given to read.

A reader knows its format and nothing about the network: it reports who sent what
to whom, when, on which channel, and any reason the source itself gives for not
counting it (a draft, spam, a declined meeting). Deciding what is a touch, with
whom and in which direction, is :mod:`abcnet.sync.propose`'s job.

Privacy: an event holds handles (addresses, numbers, profile URLs, display names)
only in memory; it never carries a message body, and a subject only so that the
user can turn subjects on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol

from abcnet.core.problems import AbcError

#: The kinds of handle a reader can report. ``name`` is a display name as a chat
#: app shows it (WhatsApp, Telegram without a phone): it matches only a contact's
#: ``aliases`` or the user's ``me.names``, never a contact's name.
HANDLE_KINDS = ("email", "phone", "linkedin", "name")


@dataclass(frozen=True, slots=True)
class Handle:
    """One way a person is named in an export, as the export wrote it (not normalised)."""

    kind: str
    value: str
    label: str = ""
    """A display name beside the handle, if the export has one (``Ana Lima`` for an address)."""


@dataclass(frozen=True, slots=True)
class Event:
    """One message, call or meeting, as a reader saw it.

    Who counts as the counterpart follows from ``meeting``:

    - ``meeting=False`` (mail, chats, calls): when the user sent it, the
      counterparts are ``to``; otherwise only ``sender`` (someone cc'd on mail the
      user received did not talk with the user).
    - ``meeting=True`` (calendar events): everyone in ``sender`` and ``to`` but the
      user met, whoever organised it; direction ``out`` when the user organised it.
    """

    source: str
    """The reader's kind, as ``--from`` names it: ``mbox``, ``maildir``, ``ics``..."""
    key: str
    """The event's id within its kind (Message-ID, UID plus RECURRENCE-ID, a row id), so
    that one message seen twice (Gmail's labels, two folders, two backups) counts once.
    Empty when the source has none."""
    when: datetime
    """When it happened. Aware when the source says the zone (mail, calendars, epoch
    times); naive when the export has local wall-clock time only (WhatsApp), which is
    then read in the network's time zone."""
    channel: str
    """One of :data:`abcnet.core.model.CHANNELS`: email, call, video, meeting, message, social."""
    sender: Handle | None
    """Who sent the message, placed the call or organised the meeting (None: unknown)."""
    to: tuple[Handle, ...] = ()
    """Everyone else in it: To, Cc and Bcc; the other side of a chat or call; attendees."""
    from_me: bool | None = None
    """The source's own word on direction (``is_from_me``, an SMS type, Telegram's
    ``from_id``). None: decided by matching ``sender`` against the user's ``me:``."""
    meeting: bool = False
    """A calendar event: everybody in it met (see the class docstring)."""
    people: int = 0
    """How many people took part, the user included, when the reader knows more than
    its handles say (a group chat whose members it cannot list); 0: count the handles.
    The group rule takes the larger of this and the handles plus the user, so that a
    member who never wrote (the user, added to a group) is counted too."""
    skip: str | None = None
    """A reason the source gives for not counting it, one of :data:`SKIP_REASONS`."""
    subject: str | None = None
    """The subject or title; shown only when the settings turn subjects on."""
    declined: tuple[Handle, ...] = ()
    """Meeting attendees who declined (and are not in ``to``); when the user is one of
    them, the user did not go, and the occurrence is a touch with nobody."""


#: Reasons a reader can give (``Event.skip``), in the order the summary lists them.
#: ``propose`` adds its own (``group``, ``unknown``, ``ambiguous``, ``future``...).
SKIP_REASONS = (
    "automated",  # Auto-Submitted, Precedence, List-Id/List-Unsubscribe, bounces, pseudo-senders
    "draft",
    "spam",
    "trash",  # trashed, deleted but not compacted (Thunderbird), Gmail's Trash label
    "chat",  # Gmail chat transcripts disguised as mail
    "cancelled",
    "declined",
    "all-day",
    "solo",  # a meeting with only the user, or only rooms
    "missed",  # a missed, rejected or zero-length call
    "system",  # a chat app's own lines (encryption notices, "X joined")
    "invitation",  # an invitation without a personal message (LinkedIn), or a calendar
    # invitation sent as mail (the calendar export has the meeting itself)
    "undated",  # mail without a Date abc can read
)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record a reader could not read: skipped and reported, the rest of the file read on.

    A reader yields one in place of the event the record would have been (a message
    whose date is garbled, the half record where a file was cut short), or beside the
    events it could read of the record (a calendar series whose RRULE has a typo), so
    that one bad record never costs its neighbours, nor a bad part the rest of its record.
    """

    file: str
    """The file, as the user typed its path (a zip member as ``x.zip:member``)."""
    reason: str
    """What kind of problem, counted in the summary: one of :data:`UNREADABLE_REASONS`."""
    place: str
    """Which record, in the export's own terms: ``message 87``, ``event u2``, ``<sms>``."""
    what: str
    """The problem in words, naming what is wrong in the file (never a message's text)."""
    line: int | None = None
    """The line the record starts on, where the format has lines."""
    part: bool = False
    """Only a part of the record is left out (a series' RRULE, one RDATE value): the record
    itself is read. False: the record is skipped (or, for ``unreadable file``, the file)."""

    def message(self) -> str:
        """``file:line: place: what``, the way every problem in abc is written."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.place}: {self.what}" if self.place else f"{where}: {self.what}"


#: Why a record could not be read, in the order the summary lists them.
UNREADABLE_REASONS = (
    "truncated",  # the file ends inside this record: read up to there
    "damaged",  # not well formed from here on (XML, JSON): read up to there, or on from the next record
    "bad date",  # a date or time the format does not allow
    "bad recurrence",  # an RRULE, RDATE or EXDATE that cannot be read
    "bad field",  # another value abc needs (a type, a number, a content line)
    "unsupported",  # an entry the exporting app itself could not export
    "not a message",  # a file in a mail folder that is not a mail message
    "unreadable file",  # a file in a folder that abc cannot read as the folder's format
)


class Pending(Protocol):
    """Work on part of a file going on in another process (:meth:`ExportSource.in_background`)."""

    def results(self) -> Iterator[object]:
        """What the work gives, as it gives it; raises what the work raised, or ReadError when
        the process ended before the work did."""
        ...

    def cancel(self) -> None:
        """Stop the work if it still runs (harmless once it is done)."""
        ...


class ExportSource(Protocol):
    """A file or folder handed to a reader; ``storage.exports`` provides it, read-only."""

    @property
    def name(self) -> str:
        """The path as the user typed it (for messages)."""
        ...

    @property
    def is_dir(self) -> bool: ...

    @property
    def size(self) -> int:
        """Bytes in the file (0 for a folder)."""
        ...

    def open(self) -> BinaryIO:
        """The file, opened for reading only; reading it moves the progress bar."""
        ...

    def files(self) -> Iterator[ExportSource]:
        """For a folder: every regular file below it, in a stable (sorted) order."""
        ...

    def entries(self) -> Iterator[ExportSource]:
        """For a folder: the files and folders directly in it, sorted (a zip: its files)."""
        ...

    def child(self, relative: str) -> ExportSource | None:
        """For a folder: the file at ``relative`` below it (case-insensitive), or None."""
        ...

    def sqlite(self) -> sqlite3.Connection:
        """The file as a SQLite database, opened read-only (``mode=ro``)."""
        ...

    def in_background(
        self, work: Callable[[BinaryIO], Iterable[object]], offset: int
    ) -> Pending | None:
        """``work`` run in another process on the file opened at byte ``offset``, what it gives
        (picklable) to be had from :meth:`Pending.results` as it comes, the bytes read there
        moving the progress bar as it comes. None where that cannot be done (one CPU, not
        Linux, a zip member): the reader then does the work itself."""
        ...


class ExportError(AbcError):
    """An export abc cannot read: names the file and, where it has one, the line or message."""

    exit_code = 1

    def __init__(self, source: str, what: str, *, line: int | None = None, hint: str = "") -> None:
        where = f"{source}:{line}" if line is not None else source
        text = f"{where}: {what}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)
        self.source = source
        self.line = line
        self.what = what
        self.hint = hint
