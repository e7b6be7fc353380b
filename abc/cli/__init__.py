"""The `abc` command: Click only. Each command parses options, calls the library, prints.

Heavy libraries (mkdocs, icalendar) are imported inside the commands that use them,
so `abc --help` starts fast. Commands live by area: ``daily`` (check, today, plan,
stats), ``history``, ``changes`` (log, add, snooze), ``people`` (show, list, merge, unlog),
``triage`` (triage, keep, archive, unarchive), ``outputs`` (calendar, site, export, pocket)
``start`` (init, import), ``sync``, ``inbox`` and ``coach`` (build, init); ``base`` holds what
they share.
"""

from __future__ import annotations

from pathlib import Path

import click

from abcnet import __version__

from . import changes, coach, daily, history, inbox, outputs, people, start, sync, triage
from .base import AbcGroup, NetworkRef


@click.group(cls=AbcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="abc", message="%(prog)s %(version)s")
@click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="ABC_ROOT",
    help="The network folder (the one holding abc.yaml or contacts/). Default: found from "
    "here upwards.",
)
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """abc: Always Be Connecting.

    Keep a professional network warm with ten minutes a day. Contacts live as one
    YAML file each in contacts/; abc checks the cadence, plans each day's two
    outreaches, records touches without disturbing your comments, writes an .ics
    calendar of reminders and builds a site of strategies and personal stats.

    \b
    Start with:
      abc check     are the files valid, and who is overdue?
      abc today     who to reach out to today, and why
    """
    ctx.obj = NetworkRef(root)


for command in (
    daily.check,
    daily.today,
    daily.plan_cmd,
    daily.stats_cmd,
    history.history_cmd,
    changes.log,
    changes.add,
    changes.snooze,
    inbox.inbox_cmd,
    people.show,
    people.list_cmd,
    people.merge,
    people.unlog,
    triage.triage,
    triage.keep,
    triage.archive,
    triage.unarchive,
    outputs.calendar_cmd,
    outputs.site_group,
    outputs.export_cmd,
    outputs.pocket_cmd,
    start.init_cmd,
    start.import_cmd,
    sync.sync_cmd,
    coach.coach_group,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="abc")
