"""LinkedIn's data export ("Get a copy of your data") to message and invitation events.

The export is a zip (or the folder it unzips to) of CSV files whose names drift
between exports (``messages.csv``, ``Messages.csv``, ``Email Addresses.csv``,
``Email_Addresses.csv``), so files are found by a folded name, and columns by their
header, never by position. Two files hold touches:

- ``messages.csv``: one row per message. The 2019 layout (``FROM,TO,DATE,SUBJECT,
  CONTENT,DIRECTION,FOLDER``) names people only, and says the direction; the
  current one adds conversation ids and profile URLs (and later draft flags).
- ``Invitations.csv``: a connection request counts (channel ``social``) only
  when it carries a personal note; one without is yielded with skip
  ``invitation``.

``Connections.csv`` holds no touch, but it is the one place that ties a profile
URL to an email address (:func:`bridges`); ``Email Addresses.csv`` lists the
user's own addresses (:func:`own_addresses`).

Message text (``CONTENT``) and invitation notes are parsed by the CSV reader
and dropped on the spot: they never reach an event.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from abcnet.core.handle_keys import linkedin_key, name_key
from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable
from abcnet.sync.readers import each_file

if TYPE_CHECKING:
    from _csv import Reader

KIND = "linkedin"

#: Senders that are LinkedIn itself or an advertiser, not a person.
PSEUDO_SENDERS = frozenset(
    {"linkedin member", "linkedin talent solutions", "sponsored conversation"}
)

#: Columns each layout must have (upper case), and the name of the layout.
MESSAGES_CURRENT = ("FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE", "FOLDER")
MESSAGES_2019 = ("FROM", "TO", "DATE", "DIRECTION")
INVITATIONS = (
    "FROM",
    "TO",
    "SENT AT",
    "MESSAGE",
    "DIRECTION",
    "INVITERPROFILEURL",
    "INVITEEPROFILEURL",
)
#: Connections.csv's columns abc needs; ``URL`` and ``EMAIL ADDRESS`` are read when there
#: (the 2018 export has no ``URL``).
CONNECTIONS = ("FIRST NAME", "LAST NAME")
EMAILS = ("EMAIL ADDRESS",)

#: Date formats of ``Sent At`` in Invitations.csv, as exports have written it.
_SENT_AT_FORMATS = (
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y, %H:%M",
    "%m/%d/%Y, %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
)
_MESSAGE_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\s*UTC|Z)?")
#: What ``surrogateescape`` makes of bytes that are not UTF-8.
_NOT_UTF8_RE = re.compile("[\udc80-\udcff]")
_MOJIBAKE_RE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u2010-\u203a\u0152-\u0178\u02c6\u02dc]")


def sniff(src: ExportSource, head: bytes) -> bool:
    """A folder or zip holding messages.csv or Connections.csv, or a messages.csv itself."""
    if src.is_dir:
        return any(_fold(f.name) in ("messages.csv", "connections.csv") for f in src.files())
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        columns = {c.strip().upper() for c in next(csv.reader([first]), [])}
    except csv.Error:  # a stray carriage return: not a CSV line, not this format
        return False
    return set(MESSAGES_CURRENT) <= columns or set(MESSAGES_2019) <= columns


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every message and invitation in the export (or in the one CSV file given)."""
    missing = ExportError(
        src.name, "no messages.csv or Invitations.csv in it", hint="is this LinkedIn's data export?"
    )
    for f in each_file(
        src, lambda f: _fold(f.name) in ("messages.csv", "invitations.csv"), missing
    ):
        yield from _read_csv(f)


def bridges(src: ExportSource) -> dict[str, str]:
    """Connections.csv as normalised profile URL (:func:`abcnet.core.handle_keys.linkedin_key`) → email address.

    Only connections who let their connections see their address have one, so
    most rows give nothing; those that do let a LinkedIn message match a contact
    known by email alone.
    """
    out: dict[str, str] = {}
    for _name, url, email in _connections(src):
        if url and email:
            out.setdefault(url, email)
    return out


def connections(src: ExportSource) -> dict[str, list[tuple[str, str]]]:
    """Connections.csv by name (:func:`abcnet.core.handle_keys.name_key`): each connection with
    that name as (normalised profile URL or "", email or ""), in file order.

    A message that names its people only (the 2019 layout, an export without URLs)
    may match a contact by name when exactly one connection has it: two are
    namesakes, and then a name says nothing.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for name, url, email in _connections(src):
        if name:
            out.setdefault(name, []).append((url, email))
    return out


def _connections(src: ExportSource) -> Iterator[tuple[str, str, str]]:
    """(name key, normalised URL or "", email or "") for each row of Connections.csv."""
    found = _find(src, "connections.csv")
    if found is None:
        return
    for item in _rows(found, CONNECTIONS, "Connections.csv", preamble=True):
        if isinstance(item, Unreadable):
            continue  # the connections before the damage still bridge
        _line, row = item
        first, last = (
            repair(row.get("FIRST NAME", "").strip()),
            repair(row.get("LAST NAME", "").strip()),
        )
        url = linkedin_key(row.get("URL", "").strip()) or ""
        yield name_key(f"{first} {last}"), url, row.get("EMAIL ADDRESS", "").strip()


def own_addresses(src: ExportSource) -> tuple[str, ...]:
    """The user's own addresses from ``Email Addresses.csv``, in its order (none without it)."""
    found = _find(src, "emailaddresses.csv")
    if found is None:
        return ()
    seen: dict[str, str] = {}
    for item in _rows(found, EMAILS, "Email Addresses.csv"):
        if isinstance(item, Unreadable):
            continue
        _line, row = item
        email = row.get("EMAIL ADDRESS", "").strip()
        if email:
            seen.setdefault(email.lower(), email)
    return tuple(seen.values())


def repair(text: str) -> str:
    """A name whose UTF-8 bytes were read as Latin-1 or cp1252 (``CiarÃ¡n``), put right.

    Only text that looks like that mistake and decodes cleanly is changed, so a real
    ``Ã`` in a name stays.
    """
    if not _MOJIBAKE_RE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _fold(name: str) -> str:
    """A file's base name in comparable form: lower case, no spaces, underscores or dashes."""
    base = re.split(r"[/:\\]", name)[-1]
    return re.sub(r"[\s_-]+", "", base).casefold()


def _find(src: ExportSource, folded: str) -> ExportSource | None:
    if not src.is_dir:
        return src if _fold(src.name) == folded else None
    return next((f for f in src.files() if _fold(f.name) == folded), None)


def _read_csv(src: ExportSource) -> Iterator[Event | Unreadable]:
    """One CSV file, told apart by its header: messages (either layout) or invitations.

    A row abc cannot read (a date in no form LinkedIn writes) costs only that row.
    """
    header = _header(src)
    needed: tuple[str, ...]
    make: Callable[[str, int, dict[str, str]], Event]
    if set(INVITATIONS) <= header:
        needed, what, make = INVITATIONS, "Invitations.csv", _invitation
    elif set(MESSAGES_CURRENT) <= header:
        needed, what, make = MESSAGES_CURRENT, "messages.csv", _message
    elif set(MESSAGES_2019) <= header:
        needed, what, make = MESSAGES_2019, "messages.csv", _message_2019
    else:
        raise _no_header(src.name, MESSAGES_CURRENT, "messages.csv")
    for item in _rows(src, needed, what):
        if isinstance(item, Unreadable):
            yield item
            continue
        line, row = item
        try:
            yield make(src.name, line, row)
        except ExportError as err:
            yield Unreadable(src.name, "bad date", "", err.what, line)


def _header(src: ExportSource) -> set[str]:
    with src.open() as stream:
        first = stream.readline(1 << 16).removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    try:
        return {c.strip().upper() for c in next(csv.reader([first]), [])}
    except csv.Error:
        return set()  # no header abc knows: the caller says which one it wanted


def _rows(
    src: ExportSource, needed: tuple[str, ...], what: str, *, preamble: bool = False
) -> Iterator[tuple[int, dict[str, str]] | Unreadable]:
    """(line where the row starts, cells by upper-case column name), streaming.

    With ``preamble``, lines before the header (Connections.csv's ``Notes:``) are
    passed over; a file without the header is an error on line 1. A cell that is
    not UTF-8 is read as cp1252 (it is a name at worst); a file that stops being
    CSV is read up to there, and that place is reported.
    """
    with io.TextIOWrapper(
        src.open(), encoding="utf-8-sig", errors="surrogateescape", newline=""
    ) as text:
        reader = csv.reader(text)
        columns: list[str] | None = None
        start = 1
        try:
            for row in reader:
                line, start = start, reader.line_num + 1
                names = [_not_utf8(c).strip().upper() for c in row]
                if set(needed) <= set(names):
                    columns = names
                    break
                if not preamble or line > 10:
                    raise _no_header(src.name, needed, what)
            if columns is not None:
                yield from _data_rows(src.name, reader, columns, 0)
        except csv.Error as err:
            if columns is None:
                raise ExportError(src.name, f"not CSV abc can read: {err}", line=start) from err
            why = f"not CSV abc can read from here on ({err}); the rows before it are read"
            yield Unreadable(src.name, "damaged", "", why, start)
            return
        if columns is None:
            raise _no_header(src.name, needed, what)


def _data_rows(
    name: str, reader: Reader, columns: list[str], before: int
) -> Iterator[tuple[int, dict[str, str]] | Unreadable]:
    """The rows after the header, ``before`` lines into the file. A quote that never closes
    takes the lines after it into one cell, and leaves its row short of cells: that row is
    reported, and the lines it took are read as rows again, so that they are not lost."""
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start + before, reader.line_num + 1
            cells = [_not_utf8(cell) for cell in row]
            took = next((c for c in reversed(cells) if "\n" in c), None)
            if took is not None and len(cells) < len(columns):
                why = "a quote opens here and never closes; the lines after it are read as rows"
                yield Unreadable(name, "damaged", "", why, line)
                rest = csv.reader(io.StringIO(took.split("\n", 1)[1], newline=""))
                yield from _data_rows(name, rest, columns, line)
                return
            if any(cell.strip() for cell in cells):
                yield line, dict(zip(columns, cells, strict=False))
    except csv.Error as err:
        why = f"not CSV abc can read from here on ({err}); the rows before it are read"
        yield Unreadable(name, "damaged", "", why, start + before)


def _not_utf8(cell: str) -> str:
    """A cell with bytes that are not UTF-8 (``surrogateescape``), read as cp1252 instead."""
    if not _NOT_UTF8_RE.search(cell):
        return cell
    return cell.encode("utf-8", "surrogateescape").decode("cp1252", "replace")


def _no_header(name: str, needed: tuple[str, ...], what: str) -> ExportError:
    return ExportError(
        name,
        f"not LinkedIn's {what}: expected a header with {', '.join(needed)}",
        line=1,
        hint="columns are matched by name, in any order",
    )


def _message(name: str, line: int, row: dict[str, str]) -> Event:
    """A row of the current messages.csv: people by profile URL, with their names."""
    sender_name = repair(row.get("FROM", "").strip())
    sender_url = row.get("SENDER PROFILE URL", "").strip()
    when = _message_date(name, line, row.get("DATE", ""))
    sender = _handle(sender_url, sender_name)
    return Event(
        source=KIND,
        key=f"{row.get('CONVERSATION ID', '').strip()}/{when.isoformat()}/{sender_url or sender_name}",
        when=when,
        channel="message",
        sender=sender,
        to=_recipients(row.get("RECIPIENT PROFILE URLS", ""), row.get("TO", "")),
        skip=_message_skip(row, sender_name),
        subject=row.get("SUBJECT", "").strip() or None,
    )


def _message_2019(name: str, line: int, row: dict[str, str]) -> Event:
    """A row of the 2019 messages.csv: names only, and the export's own direction."""
    sender_name = repair(row.get("FROM", "").strip())
    to_name = repair(row.get("TO", "").strip())
    when = _message_date(name, line, row.get("DATE", ""))
    direction = row.get("DIRECTION", "").strip().upper()
    return Event(
        source=KIND,
        key=f"{when.isoformat()}/{sender_name}/{to_name}",
        when=when,
        channel="message",
        sender=Handle("name", sender_name) if sender_name else None,
        to=(Handle("name", to_name),) if to_name else (),
        from_me={"OUTGOING": True, "INCOMING": False}.get(direction),
        skip=_message_skip(row, sender_name),
        subject=row.get("SUBJECT", "").strip() or None,
    )


def _message_skip(row: dict[str, str], sender_name: str) -> str | None:
    folder = row.get("FOLDER", "").strip().upper()
    if folder in ("DRAFT", "DRAFTS") or _yes(row.get("IS MESSAGE DRAFT", "")):
        return "draft"
    if folder == "SPAM":
        return "spam"
    title = row.get("CONVERSATION TITLE", "").strip()
    if sender_name.casefold() in PSEUDO_SENDERS or title.casefold() in PSEUDO_SENDERS:
        return "automated"
    return None


def _yes(text: str) -> bool:
    return text.strip().lower() in ("yes", "true", "1")


def _handle(url: str, name: str) -> Handle | None:
    if url:
        return Handle("linkedin", url, name)
    return Handle("name", name) if name else None


def _recipients(urls: str, names: str) -> tuple[Handle, ...]:
    """Recipient URLs (``;`` or ``,`` between them), labelled with the names in ``TO``
    when there are as many names as URLs (names may hold commas, so only then)."""
    found = [u.strip() for u in re.split(r"[;,]", urls) if u.strip()]
    names = repair(names.strip())
    if not found:
        return (Handle("name", names),) if names else ()
    labels = [n.strip() for n in names.split(",")] if names else []
    if len(found) == 1:
        labels = [names]
    elif len(labels) != len(found):
        labels = [""] * len(found)
    return tuple(Handle("linkedin", u, n) for u, n in zip(found, labels, strict=True))


def _message_date(name: str, line: int, text: str) -> datetime:
    """``2026-06-11 15:33:58 UTC`` or ``2019-11-06T02:08:20``: both UTC."""
    m = _MESSAGE_DATE_RE.fullmatch(text.strip())
    if m:
        try:
            return datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}").replace(tzinfo=UTC)
        except ValueError:
            pass
    raise ExportError(
        name, f"DATE {text.strip()!r} is not a date like 2026-06-11 15:33:58 UTC", line=line
    )


def _invitation(name: str, line: int, row: dict[str, str]) -> Event:
    """A connection request: counts only with a personal note (the note itself is dropped)."""
    direction = row.get("DIRECTION", "").strip().upper()
    inviter = _handle(row.get("INVITERPROFILEURL", "").strip(), repair(row.get("FROM", "").strip()))
    invitee = _handle(row.get("INVITEEPROFILEURL", "").strip(), repair(row.get("TO", "").strip()))
    when = _sent_at(name, line, row.get("SENT AT", ""))
    return Event(
        source=KIND,
        key=f"invitation/{when.isoformat()}/{_value(inviter)}/{_value(invitee)}",
        when=when,
        channel="social",
        sender=inviter,
        to=(invitee,) if invitee else (),
        from_me={"OUTGOING": True, "INCOMING": False}.get(direction),
        skip=None if row.get("MESSAGE", "").strip() else "invitation",
    )


def _value(handle: Handle | None) -> str:
    return handle.value if handle else ""


def _sent_at(name: str, line: int, text: str) -> datetime:
    """``Sent At`` in any of the forms exports have used (US month first), read as UTC."""
    cleaned = " ".join(text.replace("\u202f", " ").replace("UTC", "").split())
    for form in _SENT_AT_FORMATS:
        try:
            return datetime.strptime(cleaned, form).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ExportError(
        name, f"Sent At {text.strip()!r} is not a date like 11/4/2026, 10:12 AM", line=line
    )
