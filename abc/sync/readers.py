"""Which reader reads which export: detected from the content, or named with ``--from``.

Each reader module has ``KIND``, ``DESCRIBE``, ``sniff(src, head)`` and
``read(src)``; they are imported only when used, so that ``abc --help`` stays fast.
A folder that no reader claims as a whole (a Maildir, a LinkedIn export) is read
file by file: a Google Takeout folder holds mbox files and calendars side by side.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any

from abcnet.core.problems import AbcError

from .event import Event, ExportError, ExportSource

#: Each kind and its module, in the order detection tries them: folders first, then
#: the formats that are easiest to tell apart.
MODULES = {
    "maildir": "maildir",
    "linkedin": "linkedin",
    "mbox": "mbox",
    "ics": "calendar_ics",
    "sms": "sms_backup",
    "telegram": "telegram",
    "imessage": "imessage",
    "whatsapp": "whatsapp",
}
EXPORT_KINDS = tuple(MODULES)

#: How an error message names each kind.
DESCRIBE_KIND = {
    "maildir": "a Maildir folder",
    "linkedin": "a LinkedIn export",
    "mbox": "an mbox file",
    "ics": "a calendar",
    "sms": "an SMS Backup & Restore file",
    "telegram": "a Telegram export",
    "imessage": "an iMessage or call history database",
    "whatsapp": "a WhatsApp chat export",
}

#: Bytes of a file a sniffer sees.
HEAD = 4096


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"abcnet.sync.{MODULES[kind]}")


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
