"""Maildir folders to events (mutt, neomutt, notmuch, mu, offlineimap, mbsync): one file per message.

A Maildir is a folder with ``cur/`` and ``new/`` (and ``tmp/``, where messages
being delivered sit half-written: ignored). Maildir++ nests folders as
``.Sent/cur/``, ``.Archive.2026/new/``... Each file is read only up to the end
of its header block. Its state is in its name, after ``:2,`` (``;2,`` or ``!2,``
where a colon is not allowed in file names): ``T`` trashed, ``D`` draft.
"""

from __future__ import annotations

from collections.abc import Iterator

from abcnet.sync import mailheaders
from abcnet.sync.event import Event, ExportError, ExportSource, Unreadable

KIND = "maildir"

#: The folders that hold delivered messages.
MESSAGE_FOLDERS = ("cur", "new")
#: Where a file name's flags start, by the delimiter the writer used.
INFO_MARKS = (":2,", ";2,", "!2,")
#: Header lines longer than this in total mean the file is not a message.
MAX_HEADERS = 1 << 20
#: The flags that mean a message does not count, by reason.
FLAG_REASONS = (("T", "trash"), ("D", "draft"))


def relative(parent: ExportSource, child: ExportSource) -> str:
    """The path of ``child`` below ``parent`` (a folder's ``a/b`` or a zip's ``x.zip:a/b``)."""
    base = parent.name.rstrip("/")
    name = child.name
    if name.startswith(base) and name[len(base) : len(base) + 1] in ("/", ":"):
        return name[len(base) + 1 :]
    return name


def messages(src: ExportSource) -> Iterator[tuple[ExportSource, str]]:
    """Every message file in ``cur/`` or ``new/`` at any depth, with its file name."""
    for f in src.files():
        parts = relative(src, f).split("/")
        if len(parts) >= 2 and parts[-2] in MESSAGE_FOLDERS and not parts[-1].startswith("."):
            yield f, parts[-1]


def sniff(src: ExportSource, head: bytes) -> bool:
    """A folder with a message in ``cur/`` or ``new/``, at the top or in a nested Maildir++ folder."""
    if not src.is_dir:
        return False
    return next(messages(src), None) is not None


def flag_skip(filename: str) -> str | None:
    """The reason a message's flags give (``T`` trash, ``D`` draft), from its file name."""
    for mark in INFO_MARKS:
        _, found, flags = filename.partition(mark)
        if found:
            return next((reason for flag, reason in FLAG_REASONS if flag in flags), None)
    return None


def read(src: ExportSource) -> Iterator[Event | Unreadable]:
    """Every message of the Maildir and the Maildir++ folders inside it, in path order."""
    if not src.is_dir:
        raise ExportError(
            src.name,
            "is a file, not a Maildir folder",
            hint="give the folder that holds cur/ and new/",
        )
    found = False
    for f, filename in messages(src):
        found = True
        try:
            block = header_block(f)
        except ExportError as err:  # one file that is not a message costs only itself
            yield Unreadable(
                f.name, "not a message", "", err.what.replace("is ", "it is ", 1), err.line
            )
            continue
        yield mailheaders.event(block, KIND, flag_skip(filename))
    if not found:
        raise ExportError(
            src.name, "holds no Maildir messages", hint="a Maildir has messages in cur/ or new/"
        )


def header_block(f: ExportSource) -> bytes:
    """A message file's header lines, read line by line up to the first empty line; the body is left unread."""
    lines: list[bytes] = []
    total = 0
    with f.open() as stream:
        for number, line in enumerate(stream, 1):
            if line in (b"\n", b"\r\n"):
                break
            if number == 1 and line.startswith(b"From "):
                continue  # an mbox From_ line some tools keep
            if number == 1 and b":" not in line:
                raise ExportError(
                    f.name, "is not a mail message (it does not start with a header line)", line=1
                )
            total += len(line)
            if total > MAX_HEADERS:
                raise ExportError(
                    f.name, "is not a mail message (no end to its header lines)", line=number
                )
            lines.append(line)
    if not lines:
        raise ExportError(f.name, "is not a mail message (it has no header lines)", line=1)
    return b"".join(lines)
