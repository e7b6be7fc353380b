"""``abc sync``: exports read, touches proposed, and with ``--apply`` written through ``abc
log``'s edit path, then the ledger, all under one lock.

:func:`sync_exports` is the whole command: each path's exports detected, LinkedIn's
profile-to-email bridges gathered, every event proposed against the network, ``me:``
checked against what the exports say, the touches applied, the unknown
correspondents ranked. It returns one :class:`Synced` that ``formats.sync`` puts
in words.

Each contact file gets its new touches in one verified, atomic write that keeps its
comments, order and quoting (the same ``add_touch`` ``abc log`` uses). The ledger is
written last: a run killed before it leaves touches that the next run sees as
``already logged``, so nothing is added twice either way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import groupby
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from abcnet.core.handle_keys import valid_region
from abcnet.core.model import Network
from abcnet.core.problems import ReadError, UsageError
from abcnet.formats.edits import add_touch
from abcnet.formats.sync import cannot_tell, left_out_line, me_hint, not_me_line
from abcnet.formats.yamltext import load_text
from abcnet.sync import ledger as ledgers
from abcnet.sync import readers
from abcnet.sync.event import Event, ExportError, ExportSource, Handle
from abcnet.sync.handles import me_of
from abcnet.sync.ledger import LEDGER_FILE, Ledger
from abcnet.sync.propose import Proposal, Proposed, Suggestion, guess_me, propose, suggestions

from .atomic import atomic_write
from .contact_files import Change, edit_contact
from .exports import source
from .layout import reason
from .lock import network_lock

#: How many events are kept to guess who ``me:`` is.
GUESS_FROM = 5000


def _ignore(text: str) -> None:
    """No one to tell (the default ``notice``)."""


class Meter(Protocol):
    """Shows how the reading goes: called with the bytes read as they are read."""

    def __call__(self, n: int) -> None: ...

    def start(self, total: int) -> None:
        """The bytes there are to read (0: not known, as for a folder)."""

    def finish(self) -> None:
        """The reading is over: clear what was shown."""


class _Quiet:
    def __call__(self, n: int) -> None:
        pass

    def start(self, total: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True)
class Synced:
    """What ``abc sync`` found, and did."""

    proposal: Proposal
    applied: bool
    """Whether ``--apply`` was given (the touches, if any, are written)."""
    suggestions: list[Suggestion] | None
    """With ``--suggest``, the people written with both ways who are not contacts."""
    damage: readers.Damage = field(default_factory=readers.Damage)
    """The records the readers could not read: skipped, counted, the first few kept."""
    refused: tuple[str, ...] = ()
    """The exports left out whole (not the format, nothing readable), by their message."""


def read_ledger(root: Path) -> Ledger:
    """The network's ledger (empty when there is none yet); a damaged line is an error."""
    path = root / LEDGER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Ledger()
    except (OSError, UnicodeDecodeError) as e:
        why = reason(e) if isinstance(e, OSError) else "it is not UTF-8 text"
        raise ReadError(f"cannot read {LEDGER_FILE}: {why} (delete it to start afresh)") from None
    ledger, problems = ledgers.parse(text)
    if problems:
        first = problems[0]
        raise ReadError(
            f"{LEDGER_FILE}:{first.line}: {first.message}; fix the line or delete the file "
            "(abc sync then proposes again what you deleted during review)"
        )
    return ledger


def _add_all(touches: list[dict[str, Any]]) -> Change:
    def change(text: str, data: Any) -> str:
        for t in touches:
            text = add_touch(text, data, t)
            data, _ = load_text(text, "sync", "rt")
        return text

    return change


def apply(root: Path, proposed: Iterable[Proposed], ledger: Ledger, today: date) -> list[Path]:
    """Write every proposed touch and the ledger; returns the contact files written."""
    items = sorted(proposed, key=lambda p: (p.slug, p.date, p.channel))
    written = []
    with network_lock(root):
        for slug, group in groupby(items, key=lambda p: p.slug):
            touches = [p.touch() for p in group]
            written.append(edit_contact(root, slug, today, _add_all(touches)))
        if items:
            new = ledger.with_touches((p.slug, p.date, p.channel) for p in items)
            path = root / LEDGER_FILE
            path.parent.mkdir(exist_ok=True)
            atomic_write(path, new.text().encode("utf-8"))
    return written


def _parts(
    paths: Iterable[Path], forced: str | None, meter: Meter, notice: Callable[[str], object]
) -> list[tuple[str, ExportSource]]:
    """Each path's exports, as (kind, source); UsageError for a path no reader reads."""
    parts: list[tuple[str, ExportSource]] = []
    for path in paths:
        found = readers.detect(source(path, meter), forced)
        if not found.parts:
            raise UsageError(cannot_tell(str(path)))
        if found.unknown:
            notice(left_out_line(found.unknown))
        parts += found.parts
    return parts


def _events(
    parts: list[tuple[str, ExportSource]],
    seen: list[Event],
    damage: readers.Damage,
    refused: list[ExportError],
    **options: Any,
) -> Iterator[Event]:
    """Every event of every part; the first :data:`GUESS_FROM` also go to ``seen``. A record
    a reader cannot read goes to ``damage``, an export refused whole to ``refused``."""
    for e in readers.read_all(parts, damage, refused, **options):
        if len(seen) < GUESS_FROM:
            seen.append(e)
        yield e


@contextlib.contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """The cycle collector off while the exports are read and proposed: their events and the
    tallies form no cycle (each object is freed when the last reference goes), and it
    would walk the growing pile again and again (about 8 % of the first process's CPU on
    a 1 GB mbox).
    A process that reads part of a file for the reader (:mod:`abcnet.sync.mbox`) starts
    with it off too."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check_me(network: Network, seen: list[Event], notice: Callable[[str], object]) -> None:
    """Stop without ``me:``; say so when the handle in most messages is not in it."""
    me = me_of(network.settings)
    guesses: list[Handle] = guess_me(seen)
    if me.empty:
        raise UsageError(me_hint(guesses))
    # Not when one of you is as common: in a folder of one person's mail, they are in
    # every message, and so are you.
    if guesses and not any(g in me for g in guesses):
        notice(not_me_line(guesses[0]))


def sync_exports(
    root: Path,
    network: Network,
    paths: Iterable[Path],
    today: date,
    *,
    forced: str | None = None,
    do_apply: bool = False,
    suggest: bool = False,
    forget: bool = False,
    date_order: str | None = None,
    meter: Meter | None = None,
    notice: Callable[[str], object] = _ignore,
) -> Synced:
    """``abc sync``: read ``paths``, propose touches, and with ``do_apply`` write them.

    ``forced`` names the export's kind (``--from``); with ``forget``, touches applied
    before and deleted since are proposed again; ``date_order`` (``dmy``, ``mdy``)
    settles WhatsApp dates the chat itself does not (``--date-order``). Events after ``today`` in the
    network's zone are left out. ``meter`` is shown the bytes read; ``notice`` gets
    each warning as it arises (files no reader reads, an export left out whole, a
    ``me:`` that misses the handle in most messages). A record that cannot be read is
    counted in :attr:`Synced.damage` and the rest read. UsageError for a ``me.region`` phonenumbers does not
    know, an export abc cannot tell, or no ``me:`` (with the block the exports
    suggest); ExportError for an export that cannot be read.
    """
    settings = network.settings
    if settings.me.region and not valid_region(settings.me.region):
        raise UsageError(
            f"abc.yaml: me.region {settings.me.region!r} is not a country code phone numbers "
            "use (GB, US, DE...)"
        )
    meter = meter if meter is not None else _Quiet()
    ledger = read_ledger(root)
    parts = _parts(paths, forced, meter, notice)
    meter.start(0 if any(src.is_dir for _, src in parts) else sum(src.size for _, src in parts))
    until = datetime.combine(today + timedelta(days=1), time(), ZoneInfo(settings.timezone))
    damage = readers.Damage()
    bridges, connections = readers.linkedin_people(parts, damage)
    seen: list[Event] = []
    refused: list[ExportError] = []
    options = {"until": until, "date_order": date_order, "region": settings.me.region}
    try:
        with _no_cycle_collector():
            proposal = propose(
                _events(parts, seen, damage, refused, **options),
                network.contacts,
                settings,
                today,
                Ledger() if forget else ledger,
                bridges=bridges,
                connections=connections,
            )
    finally:
        meter.finish()
    for err in refused:
        notice(f"abc: left out {err.message}")
    _check_me(network, seen, notice)
    if do_apply and proposal.touches:
        apply(root, proposal.touches, ledger, today)
    found = suggestions(proposal, today) if suggest else None
    return Synced(proposal, do_apply, found, damage, tuple(err.message for err in refused))
