"""Which reader reads which export: detected from the content, or named with ``--from``.

The readers are named once, in :mod:`abcnet.sync.registry`. Each reader module has
``KIND``, ``sniff(src, head)`` and ``read(src)`` (:class:`ReaderModule`); it is imported
only when used, so that ``abc --help`` stays fast.
A folder that no reader claims as a whole (a Maildir, a LinkedIn export) is read
file by file: a Google Takeout folder holds mbox files and calendars side by side.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from abcnet.core.problems import AbcError

from .event import UNREADABLE_REASONS, Event, ExportError, ExportSource, Unreadable
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

    read: Callable[..., Iterator[Event | Unreadable]]
    """The events of ``src``, and an :class:`Unreadable` for each record it cannot read; some
    readers take options (a calendar ``until``, WhatsApp the day/month order)."""


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
    src: ExportSource, match: Callable[[ExportSource], bool], missing: ExportError | None = None
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
    if not found and missing is not None:
        raise missing


def read_files(
    src: ExportSource,
    read: Callable[[ExportSource], Iterable[Event | Unreadable]],
    match: Callable[[ExportSource], bool],
    missing: ExportError | None = None,
) -> Iterator[Event | Unreadable]:
    """``src`` read with ``read``: a file as it is (what it cannot read at all is raised, and
    the export refused), or each file of the folder that ``match`` accepts, in order, with
    ``missing`` raised when there is none. A file of a folder that cannot be read at all is
    reported as :class:`Unreadable` and the next one read, so that it costs only itself.
    """
    if not src.is_dir:
        yield from read(src)
        return
    for f in each_file(src, match, missing):
        try:
            yield from read(f)
        except ExportError as err:
            what = f"{err.what} ({err.hint})" if err.hint else err.what
            yield Unreadable(err.source, "unreadable file", "", what, err.line)


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


@dataclass
class Damage:
    """The records the readers could not read: counted by reason, the first few kept."""

    KEEP = 10
    """How many are kept with their place (the rest are only counted)."""

    counts: Counter[str] = field(default_factory=Counter)
    first: list[Unreadable] = field(default_factory=list)
    costs: Counter[str] = field(default_factory=Counter)
    """What each cost: ``records`` skipped, ``parts`` of records left out (the record read
    without them), ``files`` skipped."""

    def add(self, u: Unreadable) -> None:
        self.counts[u.reason] += 1
        cost = "parts" if u.part else "files" if u.reason == "unreadable file" else "records"
        self.costs[cost] += 1
        if len(self.first) < self.KEEP:
            self.first.append(u)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_reason(self) -> dict[str, int]:
        """The counts in the order of :data:`UNREADABLE_REASONS` (any other reason last)."""
        order = [*UNREADABLE_REASONS, *sorted(set(self.counts) - set(UNREADABLE_REASONS))]
        return {r: self.counts[r] for r in order if self.counts[r]}


def _read(kind: str, src: ExportSource, options: dict[str, Any]) -> Iterator[Event | Unreadable]:
    reader: Any = module(kind)
    if kind == "ics":
        return iter(reader.read(src, until=options.get("until")))
    if kind == "whatsapp":
        return iter(
            reader.read(src, order=options.get("date_order"), region=options.get("region", ""))
        )
    return iter(reader.read(src))


def events(
    kind: str,
    src: ExportSource,
    *,
    until: datetime | None = None,
    damage: Damage | None = None,
    date_order: str | None = None,
    region: str = "",
) -> Iterator[Event]:
    """The events of one export; calendars are expanded up to ``until``.

    A record a reader cannot read comes as an :class:`Unreadable`: it goes to
    ``damage`` and the reading goes on. An export that gives no event but only
    such records is refused, naming the first (it is not this format, or it is
    too damaged to use). ``date_order`` (``dmy`` or ``mdy``) and ``region`` decide
    a WhatsApp chat's day/month order when the file itself does not.

    A reader reports what it knows to be wrong as an :class:`ExportError` with the
    line. Anything else it trips over (a damaged file in a way no reader foresaw) is
    turned into one too, naming the file and the reader, so that the user gets a
    message and an exit code, never a traceback.
    """
    options = {"until": until, "date_order": date_order, "region": region}
    got = 0
    bad: list[Unreadable] = []
    try:
        for item in _read(kind, src, options):
            if isinstance(item, Unreadable):
                if not bad:
                    bad.append(item)
                if damage is not None:
                    damage.add(item)
                continue
            got += 1
            yield item
    except AbcError:
        raise
    except Exception as err:  # see the docstring
        what = f"cannot be read as {DESCRIBE_KIND.get(kind, kind)} ({type(err).__name__}: {err})"
        raise ExportError(src.name, what, hint="is it damaged? export it again") from err
    if not got and bad:
        first = bad[0]
        raise ExportError(
            src.name,
            f"no record abc can read as {DESCRIBE_KIND.get(kind, kind)}; the first: "
            f"{first.message()}",
            hint="is it the right file? export it again",
        )


def read_all(
    parts: list[tuple[str, ExportSource]],
    damage: Damage,
    refused: list[ExportError],
    **options: Any,
) -> Iterator[Event]:
    """The events of every export in ``parts``, one after another.

    One export refused whole (not the format at all, nothing in it readable) is
    put in ``refused`` and the others are read: one bad file in a Takeout folder
    does not cost the rest. Only when every export is refused is the first
    refusal raised.
    """
    for kind, src in parts:
        try:
            yield from events(kind, src, damage=damage, **options)
        except ExportError as err:
            refused.append(err)
    if refused and len(refused) == len(parts):
        raise refused[0]


def linkedin_people(
    parts: list[tuple[str, ExportSource]], damage: Damage | None = None
) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """What the LinkedIn exports among ``parts`` say of the user's connections: profile URL →
    email, and each name's connections (``linkedin.bridges``, ``linkedin.connections``).
    A connection abc cannot read (or a Connections.csv) goes to ``damage``."""
    urls: dict[str, str] = {}
    names: dict[str, list[tuple[str, str]]] = {}
    for kind, src in parts:
        if kind != "linkedin":
            continue
        reader: Any = module(kind)
        found = reader.people(src)
        urls.update(found.bridges)
        for name, people in found.names.items():
            if names.get(name) != people:  # the same export given twice is read once
                names.setdefault(name, []).extend(people)
        for u in found.unreadable:
            if damage is not None:
                damage.add(u)
    return urls, names
