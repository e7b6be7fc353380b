"""Every sync reader, named once: its kind, its module, what it reads, and how a message
names it.

This module imports nothing, so that ``abc --help`` and ``abc sync --from``'s choices
cost nothing; :func:`abcnet.sync.readers.module` imports a reader when it is used. The
order is the order detection tries them: folders first, then the formats that are
easiest to tell apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reader:
    """One export format abc sync reads."""

    kind: str
    """What ``--from`` calls it, and the ``kind`` of the events it yields (its ``KIND``)."""
    module: str
    """Its module in ``abcnet.sync``."""
    reads: str
    """What it reads, as ``abc sync`` lists it when it cannot tell an export."""
    named: str
    """The export as an error message names it (``cannot be read as an mbox file``)."""


READERS = (
    Reader(
        "maildir",
        "maildir",
        "Maildir folders (mutt, neomutt, notmuch, mu, offlineimap, mbsync): cur/ and new/",
        "a Maildir folder",
    ),
    Reader(
        "linkedin",
        "linkedin",
        "LinkedIn data export (the zip or its folder: messages.csv, Invitations.csv)",
        "a LinkedIn export",
    ),
    Reader(
        "mbox",
        "mbox",
        "mbox files (Gmail Takeout, Thunderbird, Apple Mail's Export Mailbox, mutt)",
        "an mbox file",
    ),
    Reader(
        "ics",
        "calendar_ics",
        "iCalendar files (.ics): Google Calendar (Takeout), Apple Calendar, Outlook",
        "a calendar",
    ),
    Reader(
        "sms",
        "sms_backup",
        "Android SMS Backup & Restore XML (sms-*.xml with SMS and MMS, calls-*.xml)",
        "an SMS Backup & Restore file",
    ),
    Reader(
        "telegram",
        "telegram",
        "Telegram Desktop JSON export (result.json: all chats, or one chat)",
        "a Telegram export",
    ),
    Reader(
        "imessage",
        "imessage",
        "macOS Messages chat.db (iMessage, SMS) and CallHistory.storedata (calls, FaceTime)",
        "an iMessage or call history database",
    ),
    Reader(
        "whatsapp",
        "whatsapp",
        'WhatsApp "Export chat" text files (Android .txt, iOS zip with _chat.txt)',
        "a WhatsApp chat export",
    ),
)

#: The kinds, in the order detection tries them (``abc sync --from``'s choices).
EXPORT_KINDS = tuple(r.kind for r in READERS)

BY_KIND = {r.kind: r for r in READERS}
