"""Android "SMS Backup & Restore" (SyncTech): ``sms-*.xml`` and ``calls-*.xml``.

The vendor documents the format (synctech.com.au, "Fields in XML backup files"):
one ``<sms>`` element per text, ``<mms>`` with ``<addrs>`` for picture and group
messages, ``<call>`` per call; dates are Java epoch milliseconds, so events are
aware (UTC). The ``type`` and ``msg_box`` fields say who sent what, so this reader,
unlike most, can set ``from_me`` itself.

Two things shape the parsing:

- Backups can be gigabytes (MMS parts carry base64 ``data``). The file is parsed
  with expat as a stream of start tags: no tree is built, no text is kept (bodies
  and parts are never looked at), and every element's line is known for messages.
- With the "emoji" option the app writes each half of a UTF-16 surrogate pair as
  its own character reference (``&#55357;&#56846;``), which is not XML. A streaming
  filter (:class:`_Surrogates`) rewrites a high+low pair into the one real
  character's reference and drops a lone half, before expat sees the bytes;
  references outside U+D800-U+DFFF (Hangul ``&#55000;`` included) stay untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import BinaryIO
from xml.parsers import expat

from abcnet.sync.event import Event, ExportError, ExportSource, Handle, Unreadable
from abcnet.sync.readers import read_files

KIND = "sms"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CHUNK = 1 << 16

#: A character reference that may be half of a surrogate pair (decimal or hex).
_REF = re.compile(rb"&#(?:(5[5-7]\d{3})|[xX]([dD][89a-fA-F][0-9a-fA-F]{2}));")
#: An SMS ``type``: 1 received, 2 sent; 3 draft, 4 outbox, 5 failed, 6 queued never
#: reached anyone, so they are reported as drafts.
_SMS_FROM_ME = {1: False, 2: True, 3: True, 4: True, 5: True, 6: True}
#: A call's ``type``: 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 refused.
_CALL_TYPES = {1: False, 2: True, 3: False, 4: False, 5: False, 6: False}
#: MMS address types: From, To, Cc, Bcc.
_FROM, _TO, _CC, _BCC = "137", "151", "130", "129"


def sniff(src: ExportSource, head: bytes) -> bool:
    """An XML file whose root is ``<smses>`` or ``<calls>``."""
    if src.is_dir:
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (text.startswith(b"<?xml") or text.startswith(b"<smses") or text.startswith(b"<calls")):
        return False
    return b"<smses" in text or b"<calls" in text


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every text, MMS and call in the backup (or in every backup in a folder), in file order."""
    missing = ExportError(src.name, "no SMS Backup & Restore file (sms-*.xml, calls-*.xml) found")
    yield from read_files(src, _read_file, _is_backup, missing)


def _is_backup(src: ExportSource) -> bool:
    if not src.name.lower().endswith(".xml"):
        return False
    with src.open() as f:
        return sniff(src, f.read(4096))


class _Surrogates:
    """A read-only byte stream that repairs surrogate-pair character references.

    A reference can be cut by a chunk boundary, and a high half's partner can sit in
    the next chunk; so the tail from the last ``&`` (and a high half just before it)
    is held back until more bytes arrive. Newlines are never touched, so expat's line
    numbers stay those of the file.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._held = b""

    def read(self, size: int = _CHUNK) -> bytes:
        while True:
            chunk = self._raw.read(size)
            data = self._held + chunk
            if not chunk:
                self._held = b""
                return _repair(data)
            cut = _safe_cut(data)
            self._held = data[cut:]
            out = _repair(data[:cut])
            if out:  # b"" would read as the end of the file
                return out


def _safe_cut(data: bytes) -> int:
    """Where ``data`` can be split without cutting a reference or separating a pair."""
    cut = len(data)
    amp = data.rfind(b"&", max(0, len(data) - 12))
    if amp >= 0 and b";" not in data[amp:]:
        cut = amp
    # A high half just before the cut may pair with a low half after it.
    last = data.rfind(b"&#", max(0, cut - 9), cut)
    if last >= 0:
        m = _REF.fullmatch(data, last, cut)
        if m is not None and _is_high(_value(m)):
            cut = last
    return cut


def _value(m: re.Match[bytes]) -> int:
    return int(m[1]) if m[1] is not None else int(m[2], 16)


def _is_high(n: int) -> bool:
    return 0xD800 <= n <= 0xDBFF


def _is_low(n: int) -> bool:
    return 0xDC00 <= n <= 0xDFFF


def _repair(data: bytes) -> bytes:
    """``data`` with each surrogate pair joined into one reference and lone halves dropped."""
    out: list[bytes] = []
    pos = 0
    pending: re.Match[bytes] | None = None  # a high half waiting for its low half
    for m in _REF.finditer(data):
        n = _value(m)
        if not (_is_high(n) or _is_low(n)):
            continue  # not a surrogate (such as Hangul 55000-55203): keep as written
        out.append(data[pos : m.start()])
        pos = m.end()
        if pending is not None and _is_low(n) and pending.end() == m.start():
            high = _value(pending)
            code = 0x10000 + ((high - 0xD800) << 10) + (n - 0xDC00)
            out.append(b"&#%d;" % code)
            pending = None
        else:
            pending = m if _is_high(n) else None
    out.append(data[pos:])
    return b"".join(out)


class _BadRecord(Exception):
    """A record with a value abc cannot read: reported, the rest of the file read on."""

    def __init__(self, reason: str, what: str) -> None:
        super().__init__(what)
        self.reason = reason
        self.what = what


@dataclass
class _XmlHandler:
    """Expat's callbacks: the attributes of the elements that matter, with their lines."""

    name: str
    parser: expat.XMLParserType
    events: list[Event | Unreadable] = field(default_factory=list)
    root: str = ""
    mms: tuple[int, dict[str, str]] | None = None
    addrs: list[tuple[str, str]] = field(default_factory=list)
    offset: int = 0  # the lines before the one parsing started at (reading on after damage)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber + self.offset
        if not self.root:
            if tag not in ("smses", "calls"):
                raise ExportError(
                    self.name, f"not an SMS Backup & Restore file (root is <{tag}>)", line=line
                )
            self.root = tag
        elif tag == "sms":
            self._add(tag, line, _sms, attrs)
        elif tag == "call":
            self._add(tag, line, _call, attrs)
        elif tag == "mms":
            self.mms, self.addrs = (line, attrs), []
        elif tag == "addr" and self.mms is not None:
            self.addrs.append((attrs.get("address", ""), attrs.get("type", "")))

    def end(self, tag: str) -> None:
        if tag == "mms" and self.mms is not None:
            line, attrs = self.mms
            addrs = self.addrs
            self._add(tag, line, lambda n, ln, a: _mms(n, ln, a, addrs), attrs)
            self.mms, self.addrs = None, []

    def _add(
        self,
        tag: str,
        line: int,
        make: Callable[[str, int, dict[str, str]], Event],
        attrs: dict[str, str],
    ) -> None:
        try:
            self.events.append(make(self.name, line, attrs))
        except _BadRecord as bad:
            self.events.append(Unreadable(self.name, bad.reason, f"<{tag}>", bad.what, line))


def _read_file(src: ExportSource) -> Iterator[Event | Unreadable]:
    """The records of one backup, streamed; damage within it costs the record it is in: the
    reading starts again at the next line that begins a record, and a file cut short is read
    up to the cut."""
    resume = 0  # the line the last reading started at (0: the start of the file)
    root = ""
    while True:
        got, err, final = yield from _parse(src, resume, root)
        if err is None:
            break
        if not got.root:
            what = expat.ErrorString(err.code)
            raise ExportError(src.name, f"not well-formed XML: {what}", line=err.lineno) from err
        root = got.root
        after = _next_record(src, err, resume) if not final else None
        yield _break(src.name, err, final=final, after=after)
        if after is None:
            return
        resume = after
    if not got.root:
        raise ExportError(src.name, "empty file: no <smses> or <calls>")


#: How a line that starts a record begins (after its indentation).
_RECORDS = (b"<sms ", b"<mms ", b"<call ")


def _parse(
    src: ExportSource, resume: int, root: str
) -> Generator[Event | Unreadable, None, tuple[_XmlHandler, expat.ExpatError | None, bool]]:
    """The records from line ``resume`` on (the whole file when 0); its value: the handler,
    the error that stopped it, if any, and whether it stopped at the end of the file."""
    parser = expat.ParserCreate()
    got = _XmlHandler(src.name, parser, root=root, offset=max(resume - 1, 0))
    parser.StartElementHandler = got.start
    parser.EndElementHandler = got.end
    with src.open() as raw:
        for _ in range(resume - 1):
            raw.readline()
        # Reading on: the root again, then the line that begins the next record.
        first = b"<" + root.encode() + b">" + _repair(raw.readline()) if resume else b""
        stream = _Surrogates(raw)
        while True:
            chunk, first = first or stream.read(), b""
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as err:
                yield from got.events
                err.lineno += got.offset
                return got, err, not chunk
            yield from got.events
            got.events.clear()
            if not chunk:
                return got, None, True


def _next_record(src: ExportSource, err: expat.ExpatError, resume: int) -> int | None:
    """The first line at or after the damage that begins a record; None when there is none.

    The damaged line itself counts when the damage is the record's own ``<`` (the record
    before it was cut short), so that a whole record is not lost with its neighbour."""
    with src.open() as raw:
        for number, line in enumerate(raw, start=1):
            if number < err.lineno:
                continue
            text = line.lstrip()
            if not text.startswith(_RECORDS):
                continue
            at_tag = number == err.lineno and len(line) - len(text) == err.offset
            if number > max(err.lineno, resume) or (at_tag and number > resume):
                return number
    return None


def _break(name: str, err: expat.ExpatError, *, final: bool, after: int | None) -> Unreadable:
    """Where a backup stops being XML: the end of a file cut short, or damage within it."""
    if final:
        what = (
            f"the file ends at line {err.lineno} inside a record: it is cut short; "
            "the records before it are read"
        )
        return Unreadable(name, "truncated", "", what, err.lineno)
    problem = f"not well-formed XML ({expat.ErrorString(err.code)})"
    if after is None:
        what = (
            f"{problem} from here on, with no whole record after it; the records before it are read"
        )
    else:
        which = "before it" if after == err.lineno else "it is in"
        what = f"{problem}: the record {which} is skipped, and abc reads on from line {after}"
    return Unreadable(name, "damaged", "", what, err.lineno)


def _number(name: str, line: int, attrs: dict[str, str], key: str) -> int:
    value = attrs.get(key, "")
    try:
        return int(value)
    except ValueError:
        reason = "bad date" if key == "date" else "bad field"
        raise _BadRecord(reason, f"{key}={value!r} is not a number") from None


def _when(name: str, line: int, attrs: dict[str, str]) -> datetime:
    ms = _number(name, line, attrs, "date")
    try:
        return _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        raise _BadRecord("bad date", f"date={ms} is not a time (milliseconds since 1970)") from None


def _label(attrs: dict[str, str]) -> str:
    name = attrs.get("contact_name", "")
    return "" if name in ("(Unknown)", "null") else name


def _sms(name: str, line: int, attrs: dict[str, str]) -> Event:
    kind = _number(name, line, attrs, "type")
    if kind not in _SMS_FROM_ME:
        raise _BadRecord("bad field", f"type={kind} is not 1-6")
    address = attrs.get("address", "")
    peer = Handle("phone", address, _label(attrs))
    when = _when(name, line, attrs)
    key = f"{attrs['date']}|{address}|{kind}"
    if kind == 1:
        return Event(KIND, key, when, "message", peer, from_me=False)
    skip = None if kind == 2 else "draft"
    return Event(KIND, key, when, "message", None, (peer,), from_me=True, skip=skip)


def _mms(name: str, line: int, attrs: dict[str, str], addrs: list[tuple[str, str]]) -> Event:
    """An MMS: ``msg_box`` 1 in, 2 out (3 draft, 4 outbox); ``addrs`` say who is on it."""
    box = _number(name, line, attrs, "msg_box")
    when = _when(name, line, attrs)
    address = attrs.get("address", "")
    numbers = sorted({n for n in address.split("~") if n})
    label = _label(attrs) if len(numbers) == 1 else ""
    # A sent MMS names the user's own number as a placeholder, not a number.
    addrs = [(a, t) for a, t in addrs if a and a != "insert-address-token"]
    sender = next((Handle("phone", a, label) for a, t in addrs if t == _FROM), None)
    to = tuple(Handle("phone", a, label) for a, t in addrs if t in (_TO, _CC, _BCC))
    if not addrs:  # an old backup without <addrs>: only the numbers on the thread
        peers = tuple(Handle("phone", n, label) for n in numbers)
        sender, to = (peers[0], ()) if box == 1 and len(peers) == 1 else (None, peers)
    return Event(
        KIND,
        f"{attrs['date']}|{address}|m{box}",
        when,
        "message",
        sender,
        to,
        from_me=box != 1,
        people=len(numbers) + 1 if len(numbers) > 1 else 0,
        skip="draft" if box not in (1, 2) else None,
    )


def _call(name: str, line: int, attrs: dict[str, str]) -> Event:
    """A call; only an answered incoming or outgoing call with a duration counts."""
    kind = _number(name, line, attrs, "type")
    if kind not in _CALL_TYPES:
        raise _BadRecord("bad field", f"type={kind} is not 1-6")
    duration = _number(name, line, attrs, "duration")
    number = attrs.get("number", "")
    peer = Handle("phone", number, _label(attrs))
    skip = "missed" if kind > 2 or duration <= 0 else None
    when = _when(name, line, attrs)
    key = f"{attrs['date']}|{number}|{kind}"
    if _CALL_TYPES[kind]:
        return Event(KIND, key, when, "call", None, (peer,), from_me=True, skip=skip)
    return Event(KIND, key, when, "call", peer, from_me=False, skip=skip)
