"""Which reader reads which export: detected from the content, or named with ``--from``.

The readers are named once, in :mod:`abcnet.sync.registry`. Each reader module has
``KIND``, ``sniff(src, head)`` and ``read(src)`` (:class:`ReaderModule`); it is imported
only when used, so that ``abc --help`` stays fast.
A folder that no reader claims as a whole (a Maildir, a LinkedIn export) is read
file by file: a Google Takeout folder holds mbox files and calendars side by side.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from abcnet.core.problems import AbcError

from .event import Event, ExportError, ExportSource
from .registry import BY_KIND, EXPORT_KINDS, READERS

#: How an error message names each kind.
DESCRIBE_KIND = {r.kind: r.named for r in READERS}


class ReaderModule(Protocol):
    """What a reader module offers (mypy checks each one against it, below)."""

    KIND: str
    """The registry's kind, and the ``kind`` of every event it yields."""

    def sniff(self, src: ExportSource, head: bytes) -> bool:
        """Whether ``src`` is this reader's export (``head``: its first bytes)."""
        ...

    read: Callable[..., Iterator[Event]]
    """The events of ``src``; some readers take options (a calendar, ``until``)."""


if TYPE_CHECKING:  # each module is a ReaderModule: mypy fails here when one is not
    from . import calendar_ics, imessage, linkedin, maildir, mbox, sms_backup, telegram, whatsapp

    _ALL: tuple[ReaderModule, ...] = (
        calendar_ics,
        imessage,
        linkedin,
        maildir,
        mbox,
        sms_backup,
        telegram,
        whatsapp,
    )

#: Bytes of a file a sniffer sees.
HEAD = 4096


def module(kind: str) -> ReaderModule:
    """The reader of ``kind``, imported now."""
    found: ReaderModule = importlib.import_module(f"abcnet.sync.{BY_KIND[kind].module}")
    return found


def each_file(
    src: ExportSource, match: Callable[[ExportSource], bool], missing: ExportError
) -> Iterator[ExportSource]:
    """What a reader reads of ``src``: the file itself, or each file of the folder that
    ``match`` accepts, in order; ``missing`` is raised when the folder has none."""
    if not src.is_dir:
        yield src
        return
    found = False
    for f in src.files():
        if match(f):
            found = True
            yield f
    if not found:
        raise missing


def _head(src: ExportSource) -> bytes:
    if src.is_dir:
        return b""
    with src.open() as f:
        return f.read(HEAD)


def _claims(src: ExportSource, head: bytes) -> str | None:
    for kind in EXPORT_KINDS:
        try:
            if module(kind).sniff(src, head):
                return kind
        except AbcError:
            continue
        except Exception:  # a sniffer that cannot read a file does not claim it
            continue
    return None


@dataclass
class Found:
    """What a path turned out to hold: (kind, source) pairs, and files nobody reads."""

    parts: list[tuple[str, ExportSource]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


#: A folder is read as a whole when it holds one of these directly.
_WHOLE = (({"cur", "new"}, "maildir"), ({"messages.csv", "connections.csv"}, "linkedin"))


def _folder_kind(src: ExportSource) -> str | None:
    names = {e.name.replace(":", "/").rsplit("/", 1)[-1].casefold() for e in src.entries()}
    for marks, kind in _WHOLE:
        if names & marks:
            return kind
    if "mbox" in names and src.name.casefold().rstrip("/").endswith(".mbox"):
        return "mbox"  # Apple Mail's Export Mailbox: Name.mbox/mbox (and an Info.plist)
    return None


def _walk(src: ExportSource, found: Found) -> None:
    if not src.is_dir:
        kind = _claims(src, _head(src))
        if kind is None:
            found.unknown.append(src.name)
        else:
            found.parts.append((kind, src))
        return
    kind = _folder_kind(src)
    if kind is None and src.name.casefold().endswith(".zip"):
        kind = _claims(src, b"")  # a zip export (LinkedIn's, an iPhone's WhatsApp chat)
    if kind is not None:
        found.parts.append((kind, src))
        return
    for entry in src.entries():
        _walk(entry, found)


def detect(src: ExportSource, forced: str | None = None) -> Found:
    """The exports in ``src``: itself, or, for a folder that is not one export, each file
    and folder in it (a Google Takeout folder holds mbox files and calendars side by
    side; a Thunderbird profile, a folder of mbox files and their indexes)."""
    found = Found()
    if forced is not None:
        found.parts.append((forced, src))
    else:
        _walk(src, found)
    return found


def events(kind: str, src: ExportSource, *, until: datetime | None = None) -> Iterator[Event]:
    """The events of one export; calendars are expanded up to ``until``.

    A reader reports what it knows to be wrong as an :class:`ExportError` with the
    line. Anything else it trips over (a damaged file in a way no reader foresaw) is
    turned into one too, naming the file and the reader, so that the user gets a
    message and an exit code, never a traceback.
    """
    reader: Any = module(kind)
    try:
        if kind == "ics":
            yield from reader.read(src, until=until)
        else:
            yield from reader.read(src)
    except AbcError:
        raise
    except Exception as err:  # see the docstring
        what = f"cannot be read as {DESCRIBE_KIND.get(kind, kind)} ({type(err).__name__}: {err})"
        raise ExportError(src.name, what, hint="is it damaged? export it again") from err


def bridges(kind: str, src: ExportSource) -> dict[str, str]:
    """LinkedIn profile URL → email, where a LinkedIn export's connections give one."""
    if kind != "linkedin":
        return {}
    reader: Any = module(kind)
    return dict(reader.bridges(src))
