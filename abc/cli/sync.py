"""abc sync: your own exports → proposed touches, a dry run until --apply."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from abcnet.core.model import Contact
from abcnet.core.problems import UsageError
from abcnet.core.words import plural
from abcnet.sync.ledger import Ledger

from .base import (
    NetworkRef,
    echo,
    json_option,
    load,
    pass_ref,
    print_json,
    resolve_today,
    today_option,
    warn,
)

if TYPE_CHECKING:
    from abcnet.sync.event import Event
    from abcnet.sync.propose import Proposal

KIND_NAMES = (
    "maildir",
    "linkedin",
    "mbox",
    "ics",
    "sms",
    "telegram",
    "imessage",
    "whatsapp",
)  # abcnet.sync.readers.EXPORT_KINDS, without importing the readers for --help


class Progress:
    """A progress line on standard error, once a read has taken more than a second and a
    half, and only on a terminal."""

    AFTER = 1.5

    def __init__(self, total: int) -> None:
        self.total = total
        """Bytes to read; 0 when unknown (a folder)."""
        self.done = 0
        self.start = time.monotonic()
        self.shown = False
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.tty:
            return
        now = time.monotonic()
        if now - self.start < self.AFTER or now - self.last < 0.2:
            return
        self.last = now
        mb = self.done / 1e6
        if not self.total:  # a folder: its size is not known without walking it twice
            sys.stderr.write(f"\rreading... {mb:,.0f} MB")
        else:
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\rreading [{bar:<30}] {share:4.0%}  {mb:,.0f} MB")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _sources(paths: tuple[Path, ...], forced: str | None, progress: Progress) -> list[Any]:
    from abcnet.storage.exports import source
    from abcnet.sync import readers

    parts = []
    for path in paths:
        found = readers.detect(source(path, progress), forced)
        if not found.parts:
            kinds = "\n".join(
                f"  {k:<9} {readers.module(k).DESCRIBE}" for k in readers.EXPORT_KINDS
            )
            raise UsageError(
                f"{path}: abc cannot tell what export this is; name it with --from KIND:\n{kinds}"
            )
        if found.unknown:
            some = ", ".join(found.unknown[:3]) + (", ..." if len(found.unknown) > 3 else "")
            n = len(found.unknown)
            warn(f"abc: left out {plural(n, 'file')} that abc does not read as an export: {some}")
        parts += found.parts
    return parts


def _events(parts: list[Any], until: datetime, tally: list[Event]) -> Iterator[Event]:
    from abcnet.sync import readers

    for kind, src in parts:
        for e in readers.events(kind, src, until=until):
            if len(tally) < 5000:
                tally.append(e)
            yield e


@click.command("sync")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="PATH...",
)
@click.option(
    "--from",
    "forced",
    type=click.Choice(KIND_NAMES),
    help="The export's kind, when abc cannot tell it from the content.",
)
@click.option("--apply", "do_apply", is_flag=True, help="Write the touches (default: a dry run).")
@click.option(
    "--suggest", is_flag=True, help="Also list people you write with both ways but haven't added."
)
@click.option(
    "--forget",
    is_flag=True,
    help="Propose again touches applied before and deleted since (say, undone with git "
    "checkout); the ledger otherwise leaves them out for good.",
)
@json_option
@today_option
@pass_ref
def sync_cmd(
    ref: NetworkRef,
    paths: tuple[Path, ...],
    forced: str | None,
    do_apply: bool,
    suggest: bool,
    forget: bool,
    as_json: bool,
    today: date | None,
) -> None:
    """Propose touches from your own mail, calendar and message exports.

    Reads exports already on your disk, offline and read-only: mbox files (Gmail
    Takeout, Thunderbird, Apple Mail, mutt), Maildir folders, calendar .ics files,
    LinkedIn's data export, WhatsApp chat exports, Android SMS Backup & Restore
    files, Telegram Desktop's result.json and macOS's iMessage chat.db. It matches
    people by email, phone, LinkedIn profile or chat alias, one touch per person,
    day and channel, and prints what it would add. --apply adds it the way abc log
    does; review it with git diff, then commit. Nothing is added twice, and a touch
    you delete during review is not proposed again (.abc/sync-ledger), unless
    you ask with --forget.

    \b
    Examples:
      abc sync ~/Downloads/Takeout/Mail/All\\ mail\\ Including\\ Spam\\ and\\ Trash.mbox
      abc sync Takeout/ linkedin-export.zip --suggest
      abc sync chat.txt --from whatsapp --apply
    """
    from abcnet.core.handle_keys import valid_region
    from abcnet.storage.syncing import apply, read_ledger
    from abcnet.sync.propose import propose

    day = resolve_today(today, ref)
    network = load(ref, day)
    settings = network.settings
    if settings.me.region and not valid_region(settings.me.region):
        raise UsageError(
            f"abc.yaml: me.region {settings.me.region!r} is not a country code phone numbers "
            "use (GB, US, DE...)"
        )
    ledger = read_ledger(ref.root)
    progress = Progress(0)
    parts = _sources(paths, forced, progress)
    if not any(src.is_dir for _kind, src in parts):
        progress.total = sum(src.size for _kind, src in parts)
    zone = ZoneInfo(settings.timezone)
    until = datetime.combine(day + timedelta(days=1), dtime(), zone)
    from abcnet.sync import readers

    bridges: dict[str, str] = {}
    for kind, src in parts:
        bridges.update(readers.bridges(kind, src))
    seen: list[Event] = []
    try:
        proposal = propose(
            _events(parts, until, seen),
            network.contacts,
            settings,
            day,
            Ledger() if forget else ledger,
            bridges=bridges,
        )
    finally:
        progress.finish()
    _check_me(settings, seen)
    if do_apply and proposal.touches:
        apply(ref.root, proposal.touches, ledger, day)
    _report(proposal, network.contacts, day, applied=do_apply, suggest=suggest, as_json=as_json)


def _check_me(settings: Any, seen: list[Event]) -> None:
    """Stop without ``me:``; warn when the handle in most messages is not in it."""
    from abcnet.formats.sync import me_hint
    from abcnet.sync.handles import me_of
    from abcnet.sync.propose import guess_me

    me = me_of(settings)
    guesses = guess_me(seen)
    if me.empty:
        raise UsageError(me_hint(guesses))
    # Not when one of you is as common: in a folder of one person's mail, they are in
    # every message, and so are you.
    if guesses and not any(g in me for g in guesses):
        warn(
            f"abc: {guesses[0].value} is in more of these messages than anyone else but is not "
            "in me: in abc.yaml; if it is you, add it there, or what you sent counts as received"
        )


def _report(
    proposal: Proposal,
    contacts: tuple[Contact, ...],
    day: date,
    *,
    applied: bool,
    suggest: bool,
    as_json: bool,
) -> None:
    from abcnet.formats.sync import proposal_json, suggestion_lines, summary_lines
    from abcnet.sync.propose import suggestions

    found = suggestions(proposal, day) if suggest else []
    if as_json:
        print_json(proposal_json(proposal, applied, found if suggest else None))
        return
    for line in summary_lines(proposal, applied):
        echo(line)
    if suggest:
        for line in suggestion_lines(found, contacts):
            echo(line)
    if proposal.touches and not applied:
        echo("Nothing was written. Run again with --apply, then review with git diff and commit.")
    elif proposal.touches:
        echo(
            "Review them with git diff, then commit (or git checkout -- contacts/ to undo; "
            "abc sync --forget proposes them again)."
        )
