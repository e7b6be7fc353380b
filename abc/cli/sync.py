"""abc sync: your own exports → proposed touches, a dry run until --apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from abcnet.sync.registry import EXPORT_KINDS

from .base import (
    NetworkRef,
    Progress,
    echo_lines,
    json_option,
    load,
    pass_ref,
    print_json,
    resolve_today,
    today_option,
    warn,
)


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
    type=click.Choice(EXPORT_KINDS),
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
    date_order: str | None,
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
    from abcnet.formats.sync import proposal_json, report_lines
    from abcnet.storage.syncing import sync_exports

    day = resolve_today(today, ref)
    network = load(ref, day)
    done = sync_exports(
        ref.root,
        network,
        paths,
        day,
        forced=forced,
        do_apply=do_apply,
        suggest=suggest,
        forget=forget,
        date_order=date_order,
        meter=Progress("reading"),
        notice=warn,
    )
    if as_json:
        doc = proposal_json(
            done.proposal, done.applied, done.suggestions, done.damage, list(done.refused)
        )
        print_json(doc)
    else:
        echo_lines(
            report_lines(
                done.proposal, done.applied, done.suggestions, network.contacts, done.damage
            )
        )
