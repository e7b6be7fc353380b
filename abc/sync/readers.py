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

from .event import Event, ExportError, Source

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
KINDS = tuple(MODULES)

#: Bytes of a file a sniffer sees.
HEAD = 4096


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"abcnet.sync.{MODULES[kind]}")


def _head(src: Source) -> bytes:
    if src.is_dir:
        return b""
    with src.open() as f:
        return f.read(HEAD)


def _claims(src: Source, head: bytes) -> str | None:
    for kind in KINDS:
        try:
            if module(kind).sniff(src, head):
                return kind
        except ExportError:
            continue
    return None


@dataclass
class Found:
    """What a path turned out to hold: (kind, source) pairs, and files nobody reads."""

    parts: list[tuple[str, Source]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


#: A folder is read as a whole when it holds one of these directly.
_WHOLE = (({"cur", "new"}, "maildir"), ({"messages.csv", "connections.csv"}, "linkedin"))


def _folder_kind(src: Source) -> str | None:
    names = {e.name.replace(":", "/").rsplit("/", 1)[-1].casefold() for e in src.entries()}
    for marks, kind in _WHOLE:
        if names & marks:
            return kind
    if "mbox" in names and src.name.casefold().rstrip("/").endswith(".mbox"):
        return "mbox"  # Apple Mail's Export Mailbox: Name.mbox/mbox (and an Info.plist)
    return None


def _walk(src: Source, found: Found) -> None:
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


def detect(src: Source, forced: str | None = None) -> Found:
    """The exports in ``src``: itself, or, for a folder that is not one export, each file
    and folder in it (a Google Takeout folder holds mbox files and calendars side by
    side; a Thunderbird profile, a folder of mbox files and their indexes)."""
    found = Found()
    if forced is not None:
        found.parts.append((forced, src))
    else:
        _walk(src, found)
    return found


def events(kind: str, src: Source, *, until: datetime | None = None) -> Iterator[Event]:
    """The events of one export; calendars are expanded up to ``until``."""
    reader: Any = module(kind)
    if kind == "ics":
        return iter(reader.read(src, until=until))
    return iter(reader.read(src))


def bridges(kind: str, src: Source) -> dict[str, str]:
    """LinkedIn profile URL → email, where a LinkedIn export's connections give one."""
    if kind != "linkedin":
        return {}
    reader: Any = module(kind)
    return dict(reader.bridges(src))
