"""mbox files to events, reading only each message's header block.

An mbox is messages one after another, each starting with a "From_" line. A
Gmail Takeout is one such file of many gigabytes (CRLF line ends); Thunderbird
keeps one per folder (no extension, mboxrd escapes); Apple Mail's "Export
Mailbox" writes a folder ``Name.mbox`` holding a file ``mbox``; mutt writes mboxo.

``mailbox.mbox`` is not used: it opens the file read-write, can create one at a
mistyped path, parses every body, and starts a message at *any* line beginning
``From ``, so an unescaped "From here on..." in a body splits a message in two.
Here a message starts only at the beginning of the file or at a ``From `` line
that follows an empty line and looks like a From_ line (``From <who> <weekday>
...``). The file is read in large chunks and the boundaries found with
``bytes.find``, so bodies and attachments are skipped at memory speed without a
Python step per line, and only header blocks are ever decoded.

A file of :data:`PARALLEL_FROM` bytes or more is read by two processes where the
source can start one (:meth:`ExportSource.in_background`: Linux, two CPUs): the
other process reads the last :data:`WORKER_SHARE` of the file from the first
separator there, as if the separators look as they do at the file's start, and
sends its messages back in batches while this one reads up to that separator and
the caller proposes. Every message start the one process would find after that
point it finds too (a header block never holds an empty line, so none spans a
separator), so the messages are the same, in the same order; this process checks
that it came to the same separator and that the separators still look the same
there, and else reads on by itself.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import fields, replace
from functools import partial
from operator import attrgetter
from typing import Any, BinaryIO, cast

from abcnet.sync import mailheaders
from abcnet.sync.event import Event, ExportError, ExportSource, Pending, Unreadable
from abcnet.sync.readers import read_files

KIND = "mbox"

#: A From_ line: ``From``, the envelope sender (``-`` for Thunderbird, ``123@xxx``
#: for Gmail), then an asctime-style date starting with the weekday.
FROM_LINE = re.compile(rb"From \S+ +(?i:mon|tue|wed|thu|fri|sat|sun)\b")
#: A From_ line among header lines: the message before it was cut short in its headers.
_FROM_IN_HEADERS = re.compile(rb"(?m)^" + FROM_LINE.pattern)

#: Bytes read at a time: large enough that finding boundaries costs nothing per line.
CHUNK = 1 << 22
#: A header block longer than this is not a header block: the file is not an mbox.
MAX_HEADERS = 1 << 20
#: A file this big is read by two processes where there are two CPUs: this one reads the
#: first part (and the caller proposes as it goes), another the rest, meanwhile.
PARALLEL_FROM = 1 << 27
#: The share of the file the other process reads: this one also proposes every message.
WORKER_SHARE = 0.64
#: Messages the other process sends at a time, to be proposed while it reads on.
BATCH = 1000
#: An event's fields in order: the other process sends them as a tuple, which pickles in
#: a third of the time the frozen dataclass takes.
_fields = attrgetter(*(f.name for f in fields(Event)))

_SEPARATOR = b"\nFrom "
_CUT_IN_HEADERS = (
    "the next message's From_ line comes before the end of its headers: it is cut short; "
    "the messages after it are read"
)


def looks_like_mbox(head: bytes) -> bool:
    """Whether bytes start with a From_ line."""
    return FROM_LINE.match(head) is not None


def sniff(src: ExportSource, head: bytes) -> bool:
    """An mbox file starts with a From_ line; an Apple Mail export is a folder holding one named ``mbox``."""
    if not src.is_dir:
        return looks_like_mbox(head)
    inner = src.child("mbox")
    if inner is None or inner.is_dir:
        return False
    with inner.open() as f:
        return looks_like_mbox(f.read(4096))


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every message in the file, or in each mbox file of a folder (other files are passed over)."""
    missing = ExportError(
        src.name,
        "holds no mbox file",
        hint="an mbox file starts with a line 'From <sender> <date>'",
    )
    yield from read_files(src, read_file, _an_mbox, missing)


def _an_mbox(src: ExportSource) -> bool:
    with src.open() as stream:
        return looks_like_mbox(stream.read(4096))


def read_file(src: ExportSource) -> Iterator[Event | Unreadable]:
    """The messages of one mbox file, in file order."""
    with src.open() as stream:
        yield from _Scanner(src, stream).events()


class _Bad(Exception):
    """A message whose headers cannot be read: reported, and the file read on (or up to its end)."""

    def __init__(self, unreadable: Unreadable, start: int) -> None:
        super().__init__(unreadable.what)
        self.unreadable = unreadable
        self.start = start
        """Where the message starts in the buffer (it moves when a chunk is read)."""


class _Scanner:
    """Walks an mbox in chunks: finds each message's header block, skips its body unread.

    ``buf`` holds the unread part of the file from ``offset`` on; positions are
    indexes into it. Line numbers are needed only for an error, so they are
    counted then, by reading the file again up to the place.
    """

    def __init__(self, src: ExportSource, stream: BinaryIO) -> None:
        self.src = src
        self.name = src.name
        self.stream = stream
        self.buf = bytearray()
        self.offset = 0
        self.eof = False
        self.crlf = False  # the file's line end, from its first line
        self.separator = _SEPARATOR  # what the empty line and From_ line look like in this file
        self.first_separator = _SEPARATOR  # and how they look at its start
        self.number = 0  # the message being read, counted from where this scanner began

    def fill(self, keep: int) -> int:
        """Drop ``buf[:keep]``, append the next chunk; returns the shift to subtract from positions.

        The one buffer is reused, the chunk read into it in place: a new 4 MB
        object per chunk would cost a copy and fresh pages each time.
        """
        buf = self.buf
        tail = len(buf) - keep
        if keep:
            buf[:tail] = buf[keep:]
        want = tail + CHUNK
        if len(buf) < want:
            buf.extend(bytes(want - len(buf)))
        with memoryview(buf)[tail:want] as view:
            got = _read_into(self.stream, view)
        del buf[tail + got :]
        if not got:
            self.eof = True
        self.offset += keep
        return keep

    def line_at(self, pos: int) -> int:
        """The 1-based line number of ``buf[pos]``, counted from the start of the file."""
        left = self.offset + pos
        lines = 1
        with self.src.open() as again:
            while left > 0:
                chunk = again.read(min(CHUNK, left))
                if not chunk:
                    break
                lines += chunk.count(b"\n")
                left -= len(chunk)
        return lines

    def events(self) -> Iterator[Event | Unreadable]:
        """Every message, in file order. A big file's second part is read by another process
        meanwhile (:data:`PARALLEL_FROM`), and its messages given after this one's when both
        agree on where it starts and how separators look there; else read on here."""
        self.begin()
        helper = self.helper()
        if helper is None:
            yield from self.messages(0, 0)
            return
        stop, pending = helper
        try:
            start, number = yield from self.messages(0, 0, stop=stop)
            if start is None:
                return
            parts = pending.results()
            if self.separator == self.first_separator and _first(parts) == self.offset + start:
                for batch in parts:
                    yield from _renumbered(cast(list[tuple[Any, ...]], batch), number)
                return
            pending.cancel()
            yield from self.messages(start, number)
        finally:
            pending.cancel()

    def begin(self) -> None:
        """The first chunk read, the file checked to be an mbox, its line end taken."""
        self.fill(0)
        while not self.eof and len(self.buf) < 5:
            self.fill(0)
        if not self.buf.startswith(b"From "):
            raise ExportError(
                self.name,
                "does not start with a 'From ' line, so it is not an mbox file",
                line=1,
                hint="choose the right --from, or export the mailbox again",
            )
        first = self.buf.find(b"\n")
        self.crlf = first > 0 and self.buf[first - 1] == 0x0D
        self.separator = self.first_separator = b"\r\n\r\nFrom " if self.crlf else b"\n\nFrom "

    def helper(self) -> tuple[int, Pending] | None:
        """Where this process stops (the first message at or after that byte is the other
        process's), and that process; None for a small file, or where none can be had."""
        size = self.src.size
        if size < PARALLEL_FROM:
            return None
        mid = size - int(size * WORKER_SHARE)
        at = max(0, mid - 16)  # a separator's empty line before the From_ line is seen there
        work = partial(_second_part, self.src, at, mid - at, self.crlf, self.first_separator)
        pending = self.src.in_background(work, at)
        return None if pending is None else (mid + 1, pending)

    def messages(
        self, start: int | None, number: int, stop: int | None = None
    ) -> Generator[Event | Unreadable, None, tuple[int | None, int]]:
        """The messages from the From_ line at ``start`` on, numbered after ``number``; with
        ``stop``, up to the first one at or after that byte of the file, returning where it
        starts (None at the end of the file) and the number of the last message before it."""
        while start is not None:
            if stop is not None and self.offset + start >= stop:
                return start, number
            number += 1
            self.number = number
            try:
                start, block, body = self.header_block(start, number)
            except _Bad as bad:
                yield bad.unreadable
                if bad.unreadable.reason == "truncated":
                    return None, number
                start = self.next_message(bad.start + 1)
                continue
            cut = _cut_at(block)
            if cut is not None:
                yield Unreadable(self.name, "truncated", f"message {number}", _CUT_IN_HEADERS,
                                 self.line_at(start))  # fmt: skip
                start = body - len(block) + cut
                continue
            yield mailheaders.event(block, KIND)
            start = self.next_message(body)
        return None, number

    def header_block(self, start: int, number: int) -> tuple[int, bytes, int]:
        """Where the message whose From_ line is at ``start`` starts now (reading a chunk
        moves it), its header lines, and where its body starts.

        Headers are too long when their empty line is more than :data:`MAX_HEADERS`
        bytes on, wherever the chunks happen to end (so that two processes reading
        parts of a file judge a message alike).
        """
        while True:
            eol = self.buf.find(b"\n", start)
            end, odd = _blank_line(self.buf, eol, self.crlf) if eol != -1 else (-1, False)
            if odd:
                self.separator = (
                    _SEPARATOR  # line ends are mixed: look for either kind from here on
                )
            if end != -1 and end - start <= MAX_HEADERS:
                return start, bytes(self.buf[eol + 1 : end]), end
            if end != -1 or len(self.buf) - start > MAX_HEADERS:
                what = f"it has more than {MAX_HEADERS // 1024} KB of header lines"
                if self.offset + start == 0:
                    raise ExportError(
                        self.name,
                        f"message 1 has more than {MAX_HEADERS // 1024} KB of header lines",
                        line=self.line_at(start),
                        hint="the file is not an mbox, or is damaged",
                    )
                raise _Bad(Unreadable(self.name, "bad field", f"message {number}", what,
                                      self.line_at(start)), start)  # fmt: skip
            if self.eof:
                what = "the file ends inside its headers: it is cut short; the messages before it are read"
                raise _Bad(Unreadable(self.name, "truncated", f"message {number}", what,
                                      self.line_at(start)), start)  # fmt: skip
            start -= self.fill(start)

    def next_message(self, pos: int) -> int | None:
        """Where the next From_ line starts, at or after ``pos`` (an empty line), or None at the end.

        The separator looked for includes the empty line in the file's own line
        end (``\\r\\n\\r\\nFrom `` in a Takeout): a longer pattern is found faster.
        """
        sep = self.separator
        lead = len(sep) - len(_SEPARATOR)  # bytes of the separator before its last newline
        pos = max(0, pos - lead)
        while True:
            k = self.buf.find(sep, pos)
            if k == -1:
                if self.eof:
                    return None
                # keep two bytes before any partial separator at the end, to see the line before it
                keep = max(0, min(pos, len(self.buf) - len(sep)) - 2)
                pos -= self.fill(keep)
                continue
            newline = k + lead
            if self.buf.find(b"\n", newline + 1) == -1 and not self.eof:
                pos = k - self.fill(max(0, k - 2))
                continue
            if _follows_empty_line(self.buf, newline) and FROM_LINE.match(self.buf, newline + 1):
                return newline + 1
            pos = k + 1


def _second_part(
    src: ExportSource, at: int, pos: int, crlf: bool, separator: bytes, stream: BinaryIO
) -> Iterator[object]:
    """In the other process: where the first From_ line after ``at + pos`` starts (the stream
    starts at byte ``at``; None if there is none), then the messages from there to the end
    in batches, read as if the separators look as they do at the start of the file, each
    Unreadable with the number of its message counted from there."""
    scanner = _Scanner(src, stream)
    scanner.offset = at
    scanner.crlf = crlf
    scanner.separator = scanner.first_separator = separator
    scanner.fill(0)
    start = scanner.next_message(pos)
    yield None if start is None else scanner.offset + start
    batch: list[tuple[object, ...]] = []
    for item in scanner.messages(start, 0):
        batch.append(_fields(item) if isinstance(item, Event) else (scanner.number, item))
        if len(batch) == BATCH:
            yield batch
            batch = []
    yield batch


def _first(parts: Iterator[object]) -> object:
    """Where the other process's part starts, or None if it could not tell (it failed before
    it read a message: nothing of it is used, this process reads on)."""
    try:
        return next(parts, None)
    except Exception:  # what it raised, or a ReadError for a process that died
        return None


def _renumbered(items: list[tuple[Any, ...]], before: int) -> Iterator[Event | Unreadable]:
    """The other process's messages: each event from its fields, each Unreadable's message
    numbered in the whole file."""
    for item in items:
        if len(item) == 2:
            number, unreadable = item
            yield replace(unreadable, place=f"message {before + number}")
        else:
            yield Event(*item)


def _cut_at(block: bytes) -> int | None:
    """Where a From_ line starts among header lines (the message was cut short), or None.
    Most blocks have no line starting ``From ``: that is found without the expression."""
    if b"\nFrom " not in block and not block.startswith(b"From "):
        return None
    cut = _FROM_IN_HEADERS.search(block)
    return None if cut is None else cut.start()


def _read_into(stream: BinaryIO, view: memoryview) -> int:
    """Read into ``view`` what the stream gives in one read; 0 at its end."""
    readinto = getattr(
        stream, "readinto", None
    )  # every file object has it; BinaryIO does not say so
    if readinto is not None:
        return int(readinto(view) or 0)
    chunk = stream.read(len(view))
    view[: len(chunk)] = chunk
    return len(chunk)


def _blank_line(buf: bytes | bytearray, eol: int, crlf: bool) -> tuple[int, bool]:
    """The position of the first empty line after the newline at ``eol`` (-1 if not in ``buf``),
    and whether it ends in the other kind of line end than the file's.

    An empty line is ``\\n`` or ``\\r\\n``, so it is found as the newline that ends
    the line before it followed by one of those. The file's own line end is looked
    for first, and the other only before it, so that neither search runs on
    through the rest of the buffer (a CRLF file has no ``\\n\\n`` at all).
    """
    usual, other = (b"\n\r\n", b"\n\n") if crlf else (b"\n\n", b"\n\r\n")
    found = buf.find(usual, eol)
    bound = found + len(usual) if found != -1 else len(buf)
    odd = buf.find(other, eol, bound)
    if odd != -1 and (found == -1 or odd < found):
        return odd + 1, True
    return (found + 1 if found != -1 else -1), False


def _follows_empty_line(buf: bytes | bytearray, newline: int) -> bool:
    """Whether the line ending at ``newline`` is empty (``\\n`` or ``\\r\\n`` alone)."""
    if newline == 0:
        return False
    if buf[newline - 1] == 0x0A:
        return True
    return newline >= 2 and buf[newline - 2 : newline] == b"\n\r"
