"""What every command shares: the options, the network and today, output, and errors.

abc's own errors are turned into a message and an exit code in one place
(:class:`AbcGroup`); commands only raise them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from functools import update_wrapper
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from abcnet.core.model import Network, Settings
from abcnet.core.problems import AbcError, DataError, NotFoundError, Problem
from abcnet.core.words import files_have_problems

F = TypeVar("F", bound=Callable[..., Any])


if TYPE_CHECKING:  # click 8.3 and later declare the converted type; older ones do not
    _DateParam = click.ParamType[date]
else:
    _DateParam = click.ParamType


class DateType(_DateParam):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
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


def warn(text: str) -> None:
    """A line on standard error, in yellow where colour is on."""
    click.echo(style(text, fg="yellow"), err=True)


class Env:
    """What every command shares: where the network is."""

    def __init__(self, root: Path | None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        from abcnet.storage.layout import find_root

        return find_root(self._root or Path.cwd())


def echo_problems(problems: list[Problem]) -> None:
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


def commit_option(f: F) -> F:
    return click.option(
        "--commit/--no-commit",
        default=None,
        help="Make the change a git commit (default: the `commit` setting).",
    )(f)


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


def echo_lines(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


def load(env: Env, day: date, *, keep_all: bool = False) -> Network:
    """The network for commands other than check: files with errors are left out, with a note.

    With ``keep_all`` (for commands that find a person by name) they stay, so that
    naming someone whose file has problems says what is wrong with it.
    """
    from abcnet.storage.layout import SETTINGS_FILE
    from abcnet.storage.network import load_network, without_broken

    network, problems = load_network(env.root, day)
    if any(p.path == SETTINGS_FILE and p.severity == "error" for p in problems):
        warn(
            f"abc: {SETTINGS_FILE} has problems (run abc check); "
            "the keys it could not read have their defaults"
        )
    if keep_all:
        return network
    network, bad = without_broken(network, problems)
    if bad:
        warn(files_have_problems(bad, "left out"))
    return network


def maybe_commit(
    env: Env, settings: Settings, commit: bool | None, path: Path, message: str
) -> None:
    """Commit ``path`` when ``--commit`` or the ``commit`` setting says so."""
    from abcnet.storage.git import git_commit

    if commit if commit is not None else settings.commit:
        why = git_commit(env.root, [path], message)
        if why:
            warn(f"abc: not committed: {why}")
        else:
            click.echo(f"Committed: {message}")
