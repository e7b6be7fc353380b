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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from abcnet.sync import mailheaders
from abcnet.sync.event import Event, ExportError, ExportSource, Unreadable
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

    def __init__(self, unreadable: Unreadable) -> None:
        super().__init__(unreadable.what)
        self.unreadable = unreadable


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
        self.separator = b"\r\n\r\nFrom " if self.crlf else b"\n\nFrom "
        start: int | None = 0
        number = 0
        while start is not None:
            number += 1
            try:
                block, body = self.header_block(start, number)
            except _Bad as bad:
                yield bad.unreadable
                if bad.unreadable.reason == "truncated":
                    return
                start = self.next_message(start + 1)
                continue
            cut = _FROM_IN_HEADERS.search(block)
            if cut is not None:
                yield Unreadable(self.name, "truncated", f"message {number}", _CUT_IN_HEADERS,
                                 self.line_at(start))  # fmt: skip
                start = body - len(block) + cut.start()
                continue
            yield mailheaders.event(block, KIND)
            start = self.next_message(body)

    def header_block(self, start: int, number: int) -> tuple[bytes, int]:
        """The header lines of the message whose From_ line is at ``start``, and where its body starts."""
        while True:
            eol = self.buf.find(b"\n", start)
            end, odd = _blank_line(self.buf, eol, self.crlf) if eol != -1 else (-1, False)
            if odd:
                self.separator = (
                    _SEPARATOR  # line ends are mixed: look for either kind from here on
                )
            if end != -1:
                return bytes(self.buf[eol + 1 : end]), end
            if len(self.buf) - start > MAX_HEADERS:
                what = f"it has more than {MAX_HEADERS // 1024} KB of header lines"
                if number == 1:
                    raise ExportError(
                        self.name,
                        f"message 1 has more than {MAX_HEADERS // 1024} KB of header lines",
                        line=self.line_at(start),
                        hint="the file is not an mbox, or is damaged",
                    )
                raise _Bad(Unreadable(self.name, "bad field", f"message {number}", what,
                                      self.line_at(start)))  # fmt: skip
            if self.eof:
                what = "the file ends inside its headers: it is cut short; the messages before it are read"
                raise _Bad(Unreadable(self.name, "truncated", f"message {number}", what,
                                      self.line_at(start)))  # fmt: skip
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
