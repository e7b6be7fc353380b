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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from abcnet.core.handle_keys import linkedin_key, name_key
from abcnet.core.problems import AbcError
from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable
from abcnet.sync.readers import read_files

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
    """Every message and invitation in the export (or in the one CSV file given).

    In a folder or zip, a CSV that cannot be read at all (a header LinkedIn renamed, a
    file that is not CSV, bytes a zip cannot give back) is reported with its file and
    line, and the other files are read; the one file given alone is refused.
    """
    missing = ExportError(
        src.name, "no messages.csv or Invitations.csv in it", hint="is this LinkedIn's data export?"
    )
    yield from read_files(
        src, _read_file, lambda f: _fold(f.name) in ("messages.csv", "invitations.csv"), missing
    )


def _read_file(src: ExportSource) -> Iterator[Event | Unreadable]:
    """:func:`_read_csv`, with a file whose bytes cannot be had (a zip member whose data is
    damaged, a file that may not be read) an :class:`ExportError` naming it, so that in a
    folder it costs only itself; the rows before the damage are read."""
    try:
        yield from _read_csv(src)
    except ExportError:
        raise
    except AbcError as err:
        raise ExportError(src.name, str(err)) from err
    except Exception as err:  # zipfile's BadZipFile, zlib.error, EOFError: the data is damaged
        what = f"cannot be read ({type(err).__name__}: {err})"
        raise ExportError(src.name, what, hint="is it damaged? export it again") from err


def bridges(src: ExportSource) -> dict[str, str]:
    """Connections.csv as normalised profile URL (:func:`abcnet.core.handle_keys.linkedin_key`) → email address.

    Only connections who let their connections see their address have one, so
    most rows give nothing; those that do let a LinkedIn message match a contact
    known by email alone.
    """
    return people(src).bridges


def connections(src: ExportSource) -> dict[str, list[tuple[str, str]]]:
    """Connections.csv by name (:func:`abcnet.core.handle_keys.name_key`): each connection with
    that name as (normalised profile URL or "", email or ""), in file order.

    A message that names its people only (the 2019 layout, an export without URLs)
    may match a contact by name when exactly one connection has it: two are
    namesakes, and then a name says nothing.
    """
    return people(src).names


@dataclass(frozen=True)
class People:
    """What Connections.csv says of the user's connections, read once."""

    bridges: dict[str, str]
    """Normalised profile URL → email address (:func:`bridges`)."""
    names: dict[str, list[tuple[str, str]]]
    """Name key → (URL, email) of each connection with that name (:func:`connections`)."""
    unreadable: tuple[Unreadable, ...]
    """The rows that could not be read, or the file, when it cannot be read at all: the
    connections read still bridge, and the messages are read all the same."""


def people(src: ExportSource) -> People:
    """Connections.csv of the export (or the one file given) as :class:`People`; an export
    without one has none."""
    urls: dict[str, str] = {}
    names: dict[str, list[tuple[str, str]]] = {}
    bad: list[Unreadable] = []
    found = _find(src, "connections.csv")
    rows = _rows(found, CONNECTIONS, "Connections.csv", preamble=True) if found else iter(())
    try:
        for item in rows:
            if isinstance(item, Unreadable):
                bad.append(item)
                continue
            name, url, email = _connection(item[1])
            if url and email:
                urls.setdefault(url, email)
            if name:
                names.setdefault(name, []).append((url, email))
    except ExportError as err:  # the file as a whole: no header abc knows
        what = f"{err.what} ({err.hint})" if err.hint else err.what
        bad.append(Unreadable(err.source, "unreadable file", "", what, err.line))
    except AbcError as err:  # a file that may not be read
        bad.append(Unreadable(src.name, "unreadable file", "", str(err)))
    return People(urls, names, tuple(bad))


def _connection(row: dict[str, str]) -> tuple[str, str, str]:
    """(name key, normalised URL or "", email or "") of a row of Connections.csv."""
    first, last = (
        repair(row.get("FIRST NAME", "").strip()),
        repair(row.get("LAST NAME", "").strip()),
    )
    url = linkedin_key(row.get("URL", "").strip()) or ""
    return name_key(f"{first} {last}"), url, row.get("EMAIL ADDRESS", "").strip()


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
    free = "CONTENT"
    if set(INVITATIONS) <= header:
        needed, what, make, free = INVITATIONS, "Invitations.csv", _invitation, "MESSAGE"
    elif set(MESSAGES_CURRENT) <= header:
        needed, what, make = MESSAGES_CURRENT, "messages.csv", _message
    elif set(MESSAGES_2019) <= header:
        needed, what, make = MESSAGES_2019, "messages.csv", _message_2019
    elif _fold(src.name) == "invitations.csv":
        raise _no_header(src.name, INVITATIONS, "Invitations.csv")
    else:
        raise _no_header(src.name, MESSAGES_CURRENT, "messages.csv")
    for item in _rows(src, needed, what, free=free):
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
    src: ExportSource,
    needed: tuple[str, ...],
    what: str,
    *,
    preamble: bool = False,
    free: str = "",
) -> Iterator[tuple[int, dict[str, str]] | Unreadable]:
    """(line where the row starts, cells by upper-case column name), streaming.

    With ``preamble``, lines before the header (Connections.csv's ``Notes:``) are
    passed over; a file without the header is an error on line 1. A cell that is
    not UTF-8 is read as cp1252 (it is a name at worst). A row that cannot be read
    costs only itself (see :class:`_Lines`). ``free`` names the column of free text
    (a message, a note): a row with cells to spare has them there (see :func:`_cells`).
    """
    with io.TextIOWrapper(
        src.open(), encoding="utf-8-sig", errors="surrogateescape", newline=""
    ) as text:
        lines = _Lines(text)
        records = _records(lines)
        columns: list[str] | None = None
        for line, row in records:
            names = [c.strip().upper() for c in row] if isinstance(row, list) else []
            if set(needed) <= set(names):
                columns = names
                break
            if not preamble or line > 10:
                break
        if columns is None:
            raise _no_header(src.name, needed, what)
        lines.width = len(columns)
        for line, row in records:
            if isinstance(row, str):
                yield Unreadable(src.name, "damaged", "", row, line)
            elif any(cell.strip() for cell in row):
                yield line, _cells(columns, row, free)


def _cells(columns: list[str], row: list[str], free: str) -> dict[str, str]:
    """A row's cells by column. A quote inside a quoted text that is not doubled (``"She said
    "yes, sure""``) splits that text at its next comma, and the row has cells to spare: they
    all belong to the text (``free``), so the columns after it are read from the right, and
    those before it from the left, and a draft or a folder stays what the file says."""
    extra = len(row) - len(columns)
    if extra <= 0 or free not in columns or not any('"' in cell for cell in row):
        return dict(zip(columns, row, strict=False))  # cells to spare, but no stray quote
    at = columns.index(free)
    cells = [*row[:at], ",".join(row[at : at + extra + 1]), *row[at + extra + 1 :]]
    return dict(zip(columns, cells, strict=True))


#: The most lines, and characters, one row may take (a message's text runs over lines):
#: a row that would take more is a quote that never closes.
ROW_LINES = 1000
ROW_CHARS = 100_000


class _TooLong(Exception):
    """A row has taken :data:`ROW_LINES` lines or :data:`ROW_CHARS` characters."""


class _Lines:
    """A file's lines as the CSV reader takes them, those of the row being read kept.

    A quote that opens a cell and never closes (or closes only in a later row) takes
    the lines after it into that cell. Such a row is told by taking more than one
    line and then not having a cell for each column (or too many lines): it is
    reported, and the lines it took after its first are read as rows again, so that
    it costs only itself.
    """

    def __init__(self, text: Iterable[str]) -> None:
        self._text = iter(text)
        self._number = 0
        self._again: list[tuple[int, str]] = []  # lines to give again, the next one last
        self.taken: list[tuple[int, str]] = []
        self._chars = 0
        self.width: int | None = None
        """How many cells a row has (None until the header is read)."""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= ROW_LINES or self._chars > ROW_CHARS:
            raise _TooLong
        if self._again:
            number, line = self._again.pop()
        else:
            line = next(self._text)
            self._number += 1
            number = self._number
        self.taken.append((number, line))
        self._chars += len(line)
        return line

    def start(self) -> None:
        """A new row begins."""
        self.taken, self._chars = [], 0

    def again(self) -> None:
        """The row just read is damaged: the lines it took after its first are given again."""
        self._again.extend(reversed(self.taken[1:]))


#: What is said of a row whose quote never closes.
_UNCLOSED = "a quote opens here and never closes; the lines after it are read as rows"


def _records(lines: _Lines) -> Iterator[tuple[int, list[str] | str]]:
    """(the line each row starts on, its cells, or why it cannot be read)."""
    while True:
        lines.start()
        try:
            row = next(csv.reader(lines))
        except StopIteration:
            return
        except _TooLong:
            yield lines.taken[0][0], _UNCLOSED
            lines.again()
            continue
        except csv.Error as err:
            yield lines.taken[0][0], f"not CSV abc can read ({err}); the lines after it are read"
            lines.again()
            continue
        if len(lines.taken) > 1 and lines.width is not None and len(row) != lines.width:
            yield lines.taken[0][0], _UNCLOSED
            lines.again()
            continue
        yield lines.taken[0][0], [_not_utf8(cell) for cell in row]


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
