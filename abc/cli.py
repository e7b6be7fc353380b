"""The `abc` command: parses options, calls the core, prints. Nothing else lives here.

Heavy libraries (mkdocs, icalendar) are imported inside the commands that use them,
so `abc --help` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import update_wrapper
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .problems import AbcError, DataError, NotFoundError

F = TypeVar("F", bound=Callable[..., Any])


# --- shared plumbing ------------------------------------------------------------------


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD", param, ctx)


DATE = DateType()


def color_enabled() -> bool:
    return "NO_COLOR" not in os.environ


def style(text: str, **kw: Any) -> str:
    return click.style(text, **kw) if color_enabled() else text


class Env:
    """What every command shares: where the network is, and what day it is."""

    def __init__(self, root: Path | None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        from .store import find_root

        return find_root(self._root or Path.cwd())


def echo_problems(problems: list[Any]) -> None:
    for p in problems:
        colour = "yellow" if p.severity == "warning" else "red"
        click.echo(style(str(p), fg=colour), err=True)


class AbcGroup(click.Group):
    """Turns abc's own errors into a message and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as e:
            echo_problems(e.problems)
            click.echo(style(f"abc: {e.message}", fg="red"), err=True)
            ctx.exit(e.exit_code)
        except NotFoundError as e:
            click.echo(f"abc: {e.message}", err=True)
            for name in e.candidates:
                click.echo(f"  {name}", err=True)
            ctx.exit(e.exit_code)
        except AbcError as e:
            click.echo(style(f"abc: {e.message}", fg="red"), err=True)
            ctx.exit(e.exit_code)


def today_option(f: F) -> F:
    return click.option(
        "--today",
        type=DATE,
        envvar="ABC_TODAY",
        default=None,
        help="Treat this date as today (YYYY-MM-DD; also ABC_TODAY).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print stable JSON.")(f)


def resolve_today(today: date | None) -> date:
    """The one place that reads the clock: the edge, never the core."""
    return today or date.today()


def pass_env(f: F) -> F:
    @click.pass_context
    def new(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(f, ctx.find_object(Env), *args, **kwargs)

    return update_wrapper(new, f)  # type: ignore[return-value]


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


# --- the commands ---------------------------------------------------------------------


@click.group(cls=AbcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="abc", message="%(prog)s %(version)s")
@click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="ABC_ROOT",
    help="The network folder (the one holding contacts/). Default: found from here upwards.",
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
    ctx.obj = Env(root)


@cli.command()
@click.option("--strict", is_flag=True, help="Also fail (exit 1) when someone is overdue.")
@json_option
@today_option
@pass_env
def check(env: Env, strict: bool, as_json: bool, today: date | None) -> None:
    """Check every contact file and report the cadence.

    Reports every problem in every file as FILE:LINE: FIELD: MESSAGE, then who is
    overdue, who is due in the next 7 days, who was never contacted and who is
    snoozed, and whether the daily quota can keep everyone within cadence.

    Exits 0 when the data is valid, 1 when a file has problems (or, with --strict,
    when someone is overdue).

    \b
    Examples:
      abc check
      abc check --strict --today 2026-01-31
      abc check --json
    """
    from . import cadence, render, store

    day = resolve_today(today)
    root = env.root
    network, problems = store.load_network(root, day)
    files = len(store.contact_files(root))
    rep = cadence.report(network.contacts, network.settings, day)
    errs = [p for p in problems if p.severity == "error"]
    failed = bool(errs) or (strict and bool(rep.overdue))
    if as_json:
        print_json(render.check_json(rep, problems, files, strict))
    else:
        echo_problems(problems)
        summary = render.problem_summary(problems, files)
        click.echo(style(summary, fg="red" if errs else "green"), err=True)
        click.echo("")
        for line in render.report_lines(rep):
            click.echo(line)
        if strict and rep.overdue:
            click.echo(style(f"--strict: {len(rep.overdue)} overdue.", fg="red"), err=True)
    if failed:
        sys.exit(1)


def main() -> None:
    cli(prog_name="abc")
