"""A mail message's header block to an :class:`~abcnet.sync.event.Event`, for the mbox and Maildir readers.

Only the header block is ever given here, never a body. It is decoded line by
line (UTF-8, and cp1252 for a line that is not UTF-8), because raw 8-bit names
are common and decoding the whole block as one legacy charset would mangle every
other line. The block is split into fields by one regular expression, with
compat32's reading of them (raw values, folding kept until a value is used):
``email.parser.HeaderParser`` gives the same fields but costs more than
everything else a message needs, and ``policy.default``'s header objects are
slower again, for nothing a touch needs. Addresses are split with
:func:`email.utils.getaddresses` (a plain list of ``Name <addr>`` takes a fast
path) before their display names are decoded (RFC 2047), so that an encoded
comma cannot split a name.

The reasons a message does not count are the ones the mail itself gives: a
Gmail label or a Thunderbird or Maildir flag (draft, spam, trash, chat), a
calendar invitation (the calendar has the meeting), and automated mail (RFC 3834
``Auto-Submitted``, ``Precedence``, mailing-list fields, bounces, no-reply and
role senders). Whether the user sent it is not decided here.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from abcnet.core.words import MONTH_NUMBERS
from abcnet.sync.event import Event, Handle

CHANNEL = "email"

#: The instant given to a message without a usable ``Date``: it is yielded with
#: ``skip="undated"`` so that the summary can count it, and never becomes a touch.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)

#: Gmail's system labels that mean "does not count", in the languages a Takeout
#: is known to use (labels follow the account's language): English, Spanish,
#: French, Catalan, German, Portuguese, Italian. Compared case-insensitively.
GMAIL_LABELS = {
    "draft": (
        "drafts",
        "draft",
        "borradores",
        "brouillons",
        "esborranys",
        "entwürfe",
        "rascunhos",
        "bozze",
    ),
    "spam": ("spam", "correo no deseado", "correu brossa", "pourriel", "lixo eletrônico"),
    "trash": (
        "trash",
        "bin",
        "papelera",
        "corbeille",
        "paperera",
        "papierkorb",
        "lixeira",
        "cestino",
    ),
    "chat": ("chat", "chats", "xat", "xats"),
}
_LABEL_REASON = {label: reason for reason, labels in GMAIL_LABELS.items() for label in labels}
_LABEL_ORDER = tuple(GMAIL_LABELS)

#: Thunderbird's ``X-Mozilla-Status`` "expunged" flag and ``X-Mozilla-Status2``
#: "IMAP deleted" flag (nsMsgMessageFlags.idl): deleted, the folder not yet compacted.
MOZILLA_EXPUNGED = 0x0008
MOZILLA_IMAP_DELETED = 0x00200000

_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk", "auto_reply"})
_LIST_FIELDS = frozenset({"list-id", "list-unsubscribe", "list-post"})

#: Local parts that are a machine or a role, not a person (after any ``+tag``).
_ROLE = re.compile(
    r"""(?x)
    (?: no[-_.]?reply | do[-_.]?not[-_.]?reply | mailer[-_.]?daemon | postmaster
      | bounces? | notifications? | notify | newsletters? | news | info | support
      | hello | team | alerts? | contact | feedback | service | help | invites?
      | welcome | marketing | digest | updates? )
    (?: [-_.].* )? $
    """
)
_ROLE_PREFIX = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|bounce")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SPACE = re.compile(r"\s+")
_HAS_SPACE = re.compile(r"\s")
_USUAL_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? ([+-])(\d\d)(\d\d)(?:\s*\([^()]*\))?\s*"
)
_MONTHS = MONTH_NUMBERS
#: Zone objects by offset in minutes, made once: ``-0000`` (no zone known) is read as UTC.
_ZONES = {m: timezone(timedelta(minutes=m)) if m else UTC for m in range(-12 * 60, 14 * 60 + 1, 15)}

#: One header field: its name, and its value with any folded lines after it.
_FIELD = re.compile(r"^([!-9;-~]+)[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.MULTILINE)
#: ``Name <addr>`` or ``addr``, without quotes, comments or groups: no need for getaddresses.
_SIMPLE_ADDRESS = re.compile(r"\s*([^<>]*?)\s*<([^<>\s]+)>\s*|\s*([^<>\s]+)\s*")
_NOT_SIMPLE = re.compile(r'["()\\:;]')


#: The fields an event is made of; the others in a header block are passed over unread.
_USED = frozenset(
    {
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "content-type",
        "x-gmail-labels", "x-mozilla-status", "x-mozilla-status2", "auto-submitted",
        "precedence", *_LIST_FIELDS,
    }
)  # fmt: skip

#: One of those fields, as :data:`_FIELD` finds it: the others (``Received``, ``DKIM-Signature``...)
#: are never made into strings. The longer names first, so that one is never taken for a prefix.
_USED_FIELD = re.compile(
    "^((?i:"
    + "|".join(re.escape(n) for n in sorted(_USED, key=lambda n: (-len(n), n)))
    + "))"
    + _FIELD.pattern.partition(")")[2],
    re.MULTILINE | re.ASCII,
)


class Fields:
    """A message's header fields by lower-case name, each with its values in order (raw, folded)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, list[str]]) -> None:
        self._values = values

    def get_all(self, name: str) -> list[str]:
        """Every value of the field ``name`` (lower-case)."""
        return self._values.get(name, [])

    def get(self, name: str) -> str | None:
        """The first value of the field ``name`` (lower-case), or None."""
        found = self._values.get(name)
        return found[0] if found else None

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def has_any(self, names: frozenset[str]) -> bool:
        """Whether any of the fields ``names`` (lower-case) is there."""
        return not names.isdisjoint(self._values)

    def content_type(self) -> str:
        """The ``Content-Type`` without its parameters, lower-case; ``text/plain`` when missing or odd."""
        return _media_type(self.get("content-type") or "")


@lru_cache(maxsize=1024)
def _media_type(value: str) -> str:
    """A ``Content-Type`` value's type, as :meth:`Fields.content_type` gives it. Cached: a
    mailbox has few distinct values."""
    raw = value.split(";", 1)[0].strip().lower()
    return raw if raw.count("/") == 1 else "text/plain"


def decode_block(block: bytes) -> str:
    """The header block as text: UTF-8, falling back to cp1252 for each line that is not.

    The whole block is tried first (the common case costs one call); only a block
    with a bad byte is decoded line by line, so one Latin-1 name does not turn
    another header's UTF-8 into mojibake.
    """
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = []
    for line in block.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", "replace"))
    return "\n".join(lines)


def parse(block: bytes) -> Fields:
    """The header fields of a block of header lines (no body), CRLF or LF; lines that are no field are passed over."""
    fields = _USED_FIELD.findall(decode_block(block.replace(b"\r\n", b"\n")))
    values = {name.lower(): [value.rstrip()] for name, value in fields}
    if len(values) < len(fields):  # a field given more than once: every value, in order
        values = {}
        for name, value in fields:
            values.setdefault(name.lower(), []).append(value.rstrip())
    return Fields(values)


def text(value: str) -> str:
    """A header value unfolded and RFC 2047-decoded, spaces collapsed; the raw value if undecodable."""
    if "=?" not in value:
        return " ".join(value.split())  # unfolds and collapses in one step
    unfolded = _FOLD.sub("", value)
    try:
        decoded = str(make_header(decode_header(unfolded)))
    except (LookupError, ValueError, UnicodeError, MessageError):  # a charset named in 8-bit
        decoded = unfolded
    return _SPACE.sub(" ", decoded).strip()


def split_addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, address) pairs, as :func:`email.utils.getaddresses` gives them.

    A plain comma-separated list of ``Name <addr>`` and bare addresses (no
    quotes, comments or groups) is split directly; anything else goes to
    ``getaddresses``, which knows RFC 5322's corners.
    """
    pairs: list[tuple[str, str]] = []
    for value in values:
        if _NOT_SIMPLE.search(value):
            pairs.extend(getaddresses([value]))
            continue
        for part in value.split(","):
            m = _SIMPLE_ADDRESS.fullmatch(part)
            if m is None:
                pairs.extend(getaddresses([part]))
            elif m.group(3) is not None:
                pairs.append(("", m.group(3)))
            else:
                pairs.append((m.group(1), m.group(2)))
    return pairs


@lru_cache(maxsize=16384)
def _handles(value: str) -> tuple[tuple[str, Handle], ...]:
    """The (folded address, handle) pairs of one raw field value. Cached: in a mailbox
    the same From and To values come back thousands of times."""
    out = []
    for name, addr in split_addresses([value]):
        addr = addr.strip()
        if addr.count("@") != 1 or addr.startswith("@") or addr.endswith("@"):
            continue
        out.append((addr.casefold(), Handle("email", addr, text(name) if name else "")))
    return tuple(out)


def addresses(msg: Fields, *fields: str) -> tuple[Handle, ...]:
    """The mail addresses in ``fields``, in order, each once; groups' empty entries and non-addresses dropped."""
    values: list[str] = []
    for field in fields:
        values += msg.get_all(field)
    return _unique_handles(tuple(values)) if values else ()


@lru_cache(maxsize=16384)
def _unique_handles(values: tuple[str, ...]) -> tuple[Handle, ...]:
    """The handles of raw field values, each address once. Cached like :func:`_handles`."""
    seen: set[str] = set()
    handles: list[Handle] = []
    for value in values:
        for folded, handle in _handles(value):
            if folded not in seen:
                seen.add(folded)
                handles.append(handle)
    return tuple(handles)


def _usual_date(raw: str) -> datetime | None:
    """``[Tue, ]2 Jun 2026 09:14:05 +0100``, the form nearly every mailer writes, without the general parser."""
    m = _USUAL_DATE.fullmatch(raw)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    day, _, year, hour, minute, second, sign, zh, zm = m.groups()
    offset = int(zh) * 60 + int(zm)
    zone = _ZONES.get(offset if sign == "+" else -offset)
    if zone is None:
        zone = timezone(timedelta(minutes=offset if sign == "+" else -offset))
    try:
        return datetime(
            int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=zone
        )
    except ValueError:
        return None


def when(msg: Fields) -> datetime | None:
    """The ``Date`` as an aware instant (a ``-0000`` zone is read as UTC), or None if missing or garbled."""
    raw = msg.get("date")
    if raw is None:
        return None
    usual = _usual_date(raw)
    if usual is not None:
        return usual
    try:
        parsed = parsedate_to_datetime(_SPACE.sub(" ", raw).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def key(msg: Fields) -> str:
    """The Message-ID without its angle brackets; a hash of Date, From and Subject when there is none."""
    mid = msg.get("message-id") or ""
    mid = (_SPACE.sub("", mid) if _HAS_SPACE.search(mid) else mid).strip("<>")
    if mid:
        return mid
    basis = "\n".join(msg.get(f) or "" for f in ("date", "from", "subject"))
    return "sha1:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def gmail_labels(msg: Fields) -> list[str]:
    """The labels in ``X-Gmail-Labels`` (comma-separated, a label with a comma in quotes)."""
    labels: list[str] = []
    for value in msg.get_all("x-gmail-labels"):
        value = _FOLD.sub("", value)
        if '"' in value:
            for row in csv.reader([value], skipinitialspace=True):
                labels.extend(row)
        else:
            labels.extend(value.split(","))
    return [text(label) for label in labels]


def label_skip(msg: Fields) -> str | None:
    """The reason a Gmail label gives (draft, spam, trash, chat), the first in that order."""
    values = msg.get_all("x-gmail-labels")
    return _labels_reason(tuple(values)) if values else None


@lru_cache(maxsize=4096)
def _labels_reason(values: tuple[str, ...]) -> str | None:
    """:func:`label_skip` of the raw ``X-Gmail-Labels`` values. Cached: a Takeout has few
    distinct sets of labels."""
    found = {
        _LABEL_REASON.get(label.casefold())
        for label in gmail_labels(Fields({"x-gmail-labels": list(values)}))
    }
    return next((r for r in _LABEL_ORDER if r in found), None)


def _hex_flag(msg: Fields, field: str, mask: int) -> bool:
    raw = msg.get(field)
    if not raw:
        return False
    try:
        return bool(int(raw, 16) & mask)
    except ValueError:
        return False


def mozilla_skip(msg: Fields) -> str | None:
    """``trash`` for a message Thunderbird deleted but has not compacted away yet."""
    if _hex_flag(msg, "x-mozilla-status", MOZILLA_EXPUNGED) or _hex_flag(
        msg, "x-mozilla-status2", MOZILLA_IMAP_DELETED
    ):
        return "trash"
    return None


@lru_cache(maxsize=16384)
def is_role_address(addr: str) -> bool:
    """A no-reply, bounce or role address (``info@``, ``newsletter@``...), not a person's."""
    local = addr.rpartition("@")[0].casefold().split("+", 1)[0]
    return bool(_ROLE.match(local) or _ROLE_PREFIX.match(local))


def is_automated(msg: Fields, sender: Handle | None) -> bool:
    """Mail a machine sent: RFC 3834, ``Precedence``, mailing-list fields, bounces, role senders.

    ``X-Auto-Response-Suppress`` is deliberately not a sign: Outlook puts it on
    ordinary mail to ask others *not* to auto-reply.
    """
    auto = (msg.get("auto-submitted") or "").strip().casefold()
    if auto and not auto.startswith("no"):
        return True
    if (msg.get("precedence") or "").strip().casefold() in _BULK_PRECEDENCE:
        return True
    if msg.has_any(_LIST_FIELDS):
        return True
    ctype = msg.content_type()
    if ctype in ("multipart/report", "message/delivery-status"):
        return True
    return sender is not None and is_role_address(sender.value)


def is_invitation(msg: Fields) -> bool:
    """A calendar invitation or reply sent as mail: the calendar export has the meeting itself."""
    return msg.content_type() == "text/calendar"


def skip_reason(msg: Fields, sender: Handle | None, flagged: str | None = None) -> str | None:
    """Why the message does not count: a folder's flag first, then labels, invitation, automated.

    Remembered by what the reasons look at (the labels, flags, type, automation
    fields and the sender): a mailbox has few such combinations among its messages.
    """
    if flagged:
        return flagged
    v = msg._values
    ctype, auto, precedence = v.get("content-type"), v.get("auto-submitted"), v.get("precedence")
    facts = (
        tuple(v.get("x-gmail-labels", ())),
        msg.get("x-mozilla-status"),
        msg.get("x-mozilla-status2"),
        _media_type(ctype[0]) if ctype else "",
        auto[0] if auto else None,
        precedence[0] if precedence else None,
        msg.has_any(_LIST_FIELDS),
        sender.value if sender is not None else None,
    )
    found = _SKIPS.get(facts, _MISSING)
    if found is _MISSING:
        found = _skip_reason(msg, sender)
        if len(_SKIPS) >= _SKIPS_KEPT:
            _SKIPS.clear()
        _SKIPS[facts] = found
    return found if isinstance(found, str) else None


_MISSING = object()
_SKIPS: dict[tuple[object, ...], object] = {}
_SKIPS_KEPT = 16384


def _skip_reason(msg: Fields, sender: Handle | None) -> str | None:
    """:func:`skip_reason` worked out (every field it reads is in its memo's key)."""
    return (
        label_skip(msg)
        or mozilla_skip(msg)
        or ("invitation" if is_invitation(msg) else None)
        or ("automated" if is_automated(msg, sender) else None)
    )


def event(block: bytes, source: str, flagged: str | None = None) -> Event:
    """The event for one message's header block; ``flagged`` is a reason the folder gives (Maildir flags).

    A message without a usable ``Date`` is still yielded, at :data:`UNDATED` with
    ``skip="undated"``, so that it is counted rather than lost without a word.
    """
    msg = parse(block)
    senders = addresses(msg, "from")
    sender = senders[0] if senders else None
    subject = msg.get("subject")
    instant = when(msg)
    reason = skip_reason(msg, sender, flagged)
    if instant is None:
        reason = reason or "undated"
    return Event(
        source=source,
        key=key(msg),
        when=instant or UNDATED,
        channel=CHANNEL,
        sender=sender,
        to=addresses(msg, "to", "cc", "bcc"),
        skip=reason,
        subject=text(subject) if subject is not None else None,
    )
