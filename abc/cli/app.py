"""The `abc` command with Click: the top group, and where each command lives
(:data:`COMMANDS`; the package's docstring says how the commands are laid out)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

import click

from abcnet import __version__

from .base import AbcGroup, NetworkRef

#: Each command's name, and the module of this package and the attribute it is.
#: ``tests/test_cli.py`` checks the table against the commands themselves.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("changes", "add"),
    "archive": ("triage", "archive"),
    "calendar": ("outputs", "calendar_cmd"),
    "check": ("daily", "check"),
    "coach": ("coach", "coach_group"),
    "export": ("outputs", "export_cmd"),
    "history": ("history", "history_cmd"),
    "import": ("start", "import_cmd"),
    "inbox": ("inbox", "inbox_cmd"),
    "init": ("start", "init_cmd"),
    "keep": ("triage", "keep"),
    "list": ("people", "list_cmd"),
    "log": ("changes", "log"),
    "merge": ("people", "merge"),
    "plan": ("daily", "plan_cmd"),
    "pocket": ("outputs", "pocket_cmd"),
    "show": ("people", "show"),
    "site": ("outputs", "site_group"),
    "snooze": ("changes", "snooze"),
    "stats": ("daily", "stats_cmd"),
    "sync": ("sync", "sync_cmd"),
    "today": ("daily", "today"),
    "triage": ("triage", "triage"),
    "unarchive": ("triage", "unarchive"),
    "unlog": ("people", "unlog"),
}


class LazyGroup(AbcGroup):
    """The top group: a command's module is imported when the command is first asked for.

    ``abc --help`` asks for every command (for its short help), so it imports them all.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            found = getattr(importlib.import_module(f"abcnet.cli.{module}"), attribute)
            self.add_command(cast(click.Command, found), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
