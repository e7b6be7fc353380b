"""People: show one, list them, merge two files of one person, take back a logged touch."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from abcnet.core.model import CIRCLE_CHOICES, SORTS, STATES
from abcnet.core.problems import DataError, NotFoundError, UsageError

from .base import (
    NetworkRef,
    commit_option,
    echo,
    echo_lines,
    echo_problems,
    json_option,
    load,
    pass_ref,
    print_json,
    resolve_today,
    shown,
    today_option,
)
from .commits import Commit

if TYPE_CHECKING:
    pass


@click.command()
@click.argument("name")
@json_option
@today_option
@pass_ref
def show(ref: NetworkRef, name: str, as_json: bool, today: date | None) -> None:
    """Everything about one person: the card, where they stand, the history.

    NAME is a file name (slug), a name, or a unique part of one. Shows the card
    (org, role, circle and cadence, emails, phones, links, tags, met, birthday,
    notes), the status with the due date, the next day the plan has them (over the
    calendar's horizon) and every touch, newest first.

    \b
    Examples:
      abc show ada
      abc show "Noel Okonkwo" --json
    """
    from abcnet.core.people import next_planned, resolve, standing
    from abcnet.core.plan import plan
    from abcnet.formats.people import show_json, show_lines
    from abcnet.storage.layout import SETTINGS_FILE
    from abcnet.storage.network import load_network, without_broken

    day = resolve_today(today, ref)
    network, problems = load_network(ref.root, day)
    contact = resolve(name, network.contacts)
    echo_problems([p for p in problems if p.path in (contact.source.path, SETTINGS_FILE)])
    planned_from, _ = without_broken(network, problems)
    settings = network.settings
    horizon = settings.horizon_days
    p = plan(planned_from.contacts, settings, day, horizon, find_clear_day=False)
    planned = next_planned(p, contact)
    where = standing(contact, settings, day)
    if as_json:
        print_json(show_json(where, settings, planned, horizon))
    else:
        echo_lines(show_lines(where, planned, day, horizon))


@click.command("list")
@click.option(
    "--circle", "circles", multiple=True, type=click.Choice(CIRCLE_CHOICES), help="Repeat for more."
)
@click.option("--tag", "tags", multiple=True, help="Has this tag (repeat: has every one).")
@click.option(
    "--status",
    "states",
    multiple=True,
    type=click.Choice(STATES),
    help="due: within the next week. Repeat for more.",
)
@click.option("--org", "orgs", multiple=True, help="Works at an org whose name holds this.")
@click.option("--text", default="", help="Every word in the name, org, role, tags or notes.")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="name",
    show_default=True,
    help="due: most overdue first.",
)
@click.option("--all", "everyone", is_flag=True, help="Also the pool and the archived.")
@json_option
@today_option
@pass_ref
def list_cmd(
    ref: NetworkRef,
    circles: tuple[str, ...],
    tags: tuple[str, ...],
    states: tuple[str, ...],
    orgs: tuple[str, ...],
    text: str,
    sort: str,
    everyone: bool,
    as_json: bool,
    today: date | None,
) -> None:
    """List people, with their circle, status and due date.

    Filters combine: each one given must hold. Case and accents do not matter.
    People in the pool and the archived are left out unless --status or
    --circle asks for them, or --all.

    \b
    Examples:
      abc list
      abc list --status overdue --sort due
      abc list --circle inner --tag data --json
      abc list --text "pydata london" --all
    """
    from abcnet.core.people import Query, listing
    from abcnet.formats.people import list_json, list_lines

    day = resolve_today(today, ref)
    network = load(ref, day)
    query = Query(circles, tags, states, orgs, text, everyone)
    found = listing(network.contacts, network.settings, day, query, sort)
    if as_json:
        print_json(list_json(found))
    else:
        echo_lines(list_lines(found))


@click.command()
@click.argument("keep")
@click.argument("other")
@commit_option
@today_option
@pass_ref
def merge(ref: NetworkRef, keep: str, other: str, commit: bool | None, today: date | None) -> None:
    """Fold OTHER's file into KEEP's, then delete OTHER's.

    KEEP and OTHER are names, as for abc log. Touches are united (the same date,
    channel, direction, kind and note is one touch); fields KEEP has no value for
    take OTHER's; emails, phones, tags and links are united; OTHER's notes go after
    KEEP's. Where both have a value and they differ, KEEP's stays and OTHER's is
    written beside it as a comment for you to resolve:

    \b
      org: Northwind  # abc merge: other file said "Contoso"

    KEEP's comments all stay. Nothing is changed if either file has problems.

    \b
    Examples:
      abc merge "Rosa Lindgren" rosa-lindgren-2
      abc merge rosa-lindgren rosa-l --commit
    """
    from abcnet.core.people import resolve
    from abcnet.formats.people import merge_lines

    day = resolve_today(today, ref)
    network = load(ref, day, keep_all=True)
    kept, gone = resolve(keep, network.contacts), resolve(other, network.contacts)
    if (ref.root / kept.source.path).resolve() == (ref.root / gone.source.path).resolve():
        raise UsageError(f"{keep!r} and {other!r} are both {kept.source.path}; name two files")
    message = f"Merge {gone.source.path} into {kept.source.path}"
    committer = Commit(ref, network.settings, commit, message)
    from abcnet.storage.merging import merge_files

    done = merge_files(
        ref.root, kept, gone, day, region=network.settings.me.region, then=committer.all
    )
    echo_lines(merge_lines(done))
    committer.report()


@click.command()
@click.argument("name")
@click.option("--yes", "-y", is_flag=True, help="Remove it without asking.")
@commit_option
@today_option
@pass_ref
def unlog(ref: NetworkRef, name: str, yes: bool, commit: bool | None, today: date | None) -> None:
    """Take back the touch abc log added to someone most recently.

    Shows the touch and asks first (--yes does not ask). Only a touch abc log
    added, unchanged since, is removed: abc keeps a note of what it logged in
    .abc-cache/. A touch you wrote or changed by hand is never removed; edit the
    file for those.

    \b
    Examples:
      abc unlog ada
      abc unlog "Rosa Lindgren" --yes
    """
    from abcnet.core.people import resolve
    from abcnet.formats.edits import remove_touch
    from abcnet.formats.people import touch_words
    from abcnet.storage import journal
    from abcnet.storage.contact_files import edit_contact

    day = resolve_today(today, ref)
    network = load(ref, day, keep_all=True)
    contact = resolve(name, network.contacts)
    rel = contact.source.path
    entry = journal.last(ref.root, rel)
    if entry is None:
        raise NotFoundError(
            f"no touch abc logged for {contact.name} is left to take back in {rel}: abc "
            "knows only what abc log added since .abc-cache/ was made. Nothing was changed"
        )
    what = f"the touch of {touch_words(entry.touch)}"
    if journal.find_in_file(ref.root, entry) is None:
        journal.forget(ref.root, entry)
        raise NotFoundError(
            f"{what}, which abc logged, is no longer in {rel} as abc wrote it; nothing was changed"
        )
    if not yes and not click.confirm(shown(f"Remove {what} from {rel}?"), default=False):
        echo("Nothing was changed.")
        return
    committer = Commit(ref, network.settings, commit, f"Unlog {what} with {contact.name}")

    def change(text: str, data: Any) -> str:
        index = journal.find(text, entry)
        if index is None:
            raise DataError(f"{what} is no longer in {rel}; nothing was changed")
        return remove_touch(text, data, index)

    def after(path: Path) -> None:
        journal.forget(ref.root, entry)
        committer(path)

    edit_contact(ref.root, contact.slug, day, change, then=after)
    echo(f"Removed {what} from {rel}.")
    committer.report()
