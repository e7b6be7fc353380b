"""abc sync: your own exports → proposed touches, a dry run until --apply."""

from __future__ import annotations

import shlex
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
from abcnet.formats.contact_text import scalar

from .base import (
    Env,
    echo,
    json_option,
    load,
    pass_env,
    print_json,
    resolve_today,
    today_option,
    warn,
)

if TYPE_CHECKING:
    from abcnet.sync.event import Event, Handle
    from abcnet.sync.propose import Proposal, Proposed, Suggestion
    from abcnet.sync.readers import Damage

KIND_NAMES = (
    "maildir",
    "linkedin",
    "mbox",
    "ics",
    "sms",
    "telegram",
    "imessage",
    "whatsapp",
)  # abcnet.sync.readers.KINDS, without importing the readers for --help


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
            kinds = "\n".join(f"  {k:<9} {readers.module(k).DESCRIBE}" for k in readers.KINDS)
            raise UsageError(
                f"{path}: abc cannot tell what export this is; name it with --from KIND:\n{kinds}"
            )
        if found.unknown:
            some = ", ".join(found.unknown[:3]) + (", ..." if len(found.unknown) > 3 else "")
            n = len(found.unknown)
            warn(f"abc: left out {plural(n, 'file')} that abc does not read as an export: {some}")
        parts += found.parts
    return parts


def _events(
    parts: list[Any], tally: list[Event], damage: Damage, **options: Any
) -> Iterator[Event]:
    from abcnet.sync import readers

    for kind, src in parts:
        for e in readers.events(kind, src, damage=damage, **options):
            if len(tally) < 5000:
                tally.append(e)
            yield e


def _events_read(n: int) -> str:
    return f"{n:,} event{'' if n == 1 else 's'}"


def _damage_lines(damage: Damage) -> list[str]:
    """One line saying how many records could not be read and why, then the first few places."""
    if not damage.total:
        return []
    reasons = ", ".join(f"{n:,} {r}" for r, n in damage.by_reason().items())
    lines = [
        f"Unreadable: {plural(damage.total, 'record')} skipped ({reasons}); the rest was read:"
    ]
    lines += [f"  {u.message()}" for u in damage.first[:3]]
    if damage.total > 3:
        lines.append(f"  ... and {damage.total - 3:,} more (--json lists the first {damage.KEEP})")
    return lines


def _summary(p: Proposal, applied: bool) -> list[str]:
    lines = []
    people: dict[str, list[Proposed]] = {}
    for t in p.touches:
        people.setdefault(t.slug, []).append(t)
    verb = "Added" if applied else "Would add"
    n = len(p.touches)
    if not n:
        lines.append(f"Nothing new to add (from {_events_read(p.events)} read).")
    else:
        lines.append(
            f"{verb} {plural(n, 'touch', 'touches')} to {plural(len(people), 'person', 'people')}"
            f" (from {_events_read(p.events)} read):"
        )
    width = max((len(ts[0].name) for ts in people.values()), default=0)
    for ts in sorted(people.values(), key=lambda ts: (ts[0].name.casefold(), ts[0].slug)):
        first, last = ts[0].date, ts[-1].date
        span = str(first) if first == last else f"{first} to {last}"
        channels = ", ".join(sorted({t.channel for t in ts}))
        lines.append(
            f"  {ts[0].name:<{width}}  {plural(len(ts), 'touch', 'touches'):<11} {span:<25} "
            f"{channels}  ({ts[0].path})"
        )
    if p.skipped:
        lines.append("Skipped: " + ", ".join(f"{v:,} {k}" for k, v in p.skipped.items()) + ".")
    return lines


def _json(p: Proposal, applied: bool, damage: Damage) -> dict[str, Any]:
    skipped = dict(p.skipped)
    if damage.total:
        skipped["unreadable"] = damage.total
    return {
        "applied": applied,
        "events": p.events,
        "touches": [
            {
                "slug": t.slug,
                "name": t.name,
                "path": t.path,
                "date": t.date.isoformat(),
                "channel": t.channel,
                "direction": t.direction,
                "kind": "catch-up",
                "note": t.note,
                "events": t.events,
                "from_you": t.mine,
            }
            for t in p.touches
        ],
        "skipped": skipped,
        "unreadable": {
            "count": damage.total,
            "reasons": damage.by_reason(),
            "first": [
                {
                    "file": u.file,
                    "line": u.line,
                    "place": u.place,
                    "reason": u.reason,
                    "message": u.message(),
                }
                for u in damage.first
            ],
        },
    }


def _add_line(s: Suggestion) -> str:
    h = s.handle
    name = s.label or (
        h.value if h.kind == "name" else h.value.split("@")[0] if h.kind == "email" else "NAME"
    )
    option = {"email": "--email", "phone": "--phone", "linkedin": "--linkedin"}.get(h.kind)
    line = f"abc add {shlex.quote(name)}"
    return f"{line} {option} {shlex.quote(h.value)}" if option else line


def _suggest_lines(found: list[Suggestion], contacts: tuple[Contact, ...]) -> list[str]:
    """Each correspondent, and the abc add line; for a chat name that is a contact's
    name, the alias to add instead (a name alone never matches, so it asks)."""
    from abcnet.core.identity import name_key

    if not found:
        return ["No one you write with both ways is missing from your contacts."]
    named = {name_key(c.name): c for c in contacts}
    lines = [f"People you write with both ways who are not in contacts/ ({len(found)}):"]
    for s in found:
        lines.append(
            f"  {s.label or s.handle.value}: {s.sent} from you, {s.received} from them, "
            f"last {s.last} ({', '.join(s.channels)})"
        )
        same = named.get(name_key(s.handle.value)) if s.handle.kind == "name" else None
        if same is not None:
            alias = scalar(s.handle.value, flow=True)
            lines.append(
                f"    the name of {same.source.path}: if that is them, add "
                f"`aliases: [{alias}]` there"
            )
        else:
            lines.append(f"    {_add_line(s)}")
    return lines


def _me_hint(guesses: list[Handle]) -> str:
    lines = ["abc.yaml has no me: block, so abc sync cannot tell what you sent from what you got."]
    if guesses:
        lines.append("These exports suggest (check them, then add them to abc.yaml):")
        lines.append("me:")
        by: dict[str, list[str]] = {}
        for h in guesses:
            by.setdefault(h.kind, []).append(h.value)
        for kind, key in (("email", "emails"), ("linkedin", "linkedin"), ("name", "names")):
            if kind in by:
                value = by[kind][0] if kind == "linkedin" else "[" + ", ".join(by[kind]) + "]"
                lines.append(f"  {key}: {value}")
    lines.append("See site/reference/settings.md (me:).")
    return "\n".join(lines)


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
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy"]),
    help="Day/month order of WhatsApp dates the chat itself does not settle (01/02/26).",
)
@click.option("--apply", "do_apply", is_flag=True, help="Write the touches (default: a dry run).")
@click.option(
    "--suggest", is_flag=True, help="Also list people you write with both ways but haven't added."
)
@json_option
@today_option
@pass_env
def sync_cmd(
    env: Env,
    paths: tuple[Path, ...],
    forced: str | None,
    date_order: str | None,
    do_apply: bool,
    suggest: bool,
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
    you delete during review is not proposed again (.abc/sync-ledger).

    \b
    Examples:
      abc sync ~/Downloads/Takeout/Mail/All\\ mail\\ Including\\ Spam\\ and\\ Trash.mbox
      abc sync Takeout/ linkedin-export.zip --suggest
      abc sync chat.txt --from whatsapp --apply
    """
    from abcnet.storage.syncing import apply, read_ledger
    from abcnet.sync.handles import valid_region
    from abcnet.sync.propose import propose

    day = resolve_today(today, env)
    network = load(env, day)
    settings = network.settings
    if settings.me_region and not valid_region(settings.me_region):
        raise UsageError(
            f"abc.yaml: me.region {settings.me_region!r} is not a country code phone numbers "
            "use (GB, US, DE...)"
        )
    ledger = read_ledger(env.root)
    progress = Progress(0)
    parts = _sources(paths, forced, progress)
    if not any(src.is_dir for _kind, src in parts):
        progress.total = sum(src.size for _kind, src in parts)
    zone = ZoneInfo(settings.timezone)
    until = datetime.combine(day + timedelta(days=1), dtime(), zone)
    from abcnet.sync import readers

    bridges: dict[str, str] = {}
    connections: dict[str, list[tuple[str, str]]] = {}
    for kind, src in parts:
        bridges.update(readers.bridges(kind, src))
        for name, people in readers.connections(kind, src).items():
            if connections.get(name) != people:  # the same export given twice is read once
                connections.setdefault(name, []).extend(people)
    seen: list[Event] = []
    damage = readers.Damage()
    read = _events(
        parts, seen, damage, until=until, date_order=date_order, region=settings.me_region
    )
    try:
        proposal = propose(
            read,
            network.contacts,
            settings,
            day,
            ledger,
            bridges=bridges,
            connections=connections,
        )
    finally:
        progress.finish()
    _check_me(settings, seen)
    if do_apply and proposal.touches:
        apply(env.root, proposal.touches, ledger, day)
    _report(
        proposal,
        network.contacts,
        day,
        damage,
        applied=do_apply,
        suggest=suggest,
        as_json=as_json,
    )


def _check_me(settings: Any, seen: list[Event]) -> None:
    """Stop without ``me:``; warn when the handle in most messages is not in it."""
    from abcnet.sync.handles import me_of
    from abcnet.sync.propose import guess_me

    me = me_of(settings)
    guesses = guess_me(seen)
    if me.empty:
        raise UsageError(_me_hint(guesses))
    if guesses and guesses[0] not in me:
        warn(
            f"abc: {guesses[0].value} is in more of these messages than anyone else but is not "
            "in me: in abc.yaml; if it is you, add it there, or what you sent counts as received"
        )


def _report(
    proposal: Proposal,
    contacts: tuple[Contact, ...],
    day: date,
    damage: Damage,
    *,
    applied: bool,
    suggest: bool,
    as_json: bool,
) -> None:
    from abcnet.sync.propose import suggestions

    found = suggestions(proposal, day) if suggest else []
    if as_json:
        doc = _json(proposal, applied, damage)
        if suggest:
            doc["suggestions"] = [
                {
                    "name": s.label,
                    "kind": s.handle.kind,
                    "value": s.handle.value,
                    "from_you": s.sent,
                    "from_them": s.received,
                    "last": s.last.isoformat(),
                    "add": _add_line(s),
                }
                for s in found
            ]
        print_json(doc)
        return
    for line in _summary(proposal, applied) + _damage_lines(damage):
        echo(line)
    if suggest:
        for line in _suggest_lines(found, contacts):
            echo(line)
    if proposal.touches and not applied:
        echo("Nothing was written. Run again with --apply, then review with git diff and commit.")
    elif proposal.touches:
        echo("Review them with git diff, then commit (or git checkout -- contacts/ to undo).")
