"""What every command shares: the options, the network and today, output, and errors.

abc's own errors are turned into a message and an exit code in one place
(:class:`AbcGroup`); commands only raise them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from abcnet.core.model import (
    CHANNEL_HINTS,
    CHANNEL_WORDS,
    CHANNELS,
    Network,
    check_year,
)
from abcnet.core.problems import AbcError, Problem
from abcnet.core.words import files_have_problems

# What every command shares, said once in .terminal (which Click is not needed for).
from .terminal import NetworkRef as NetworkRef
from .terminal import color_enabled as color_enabled
from .terminal import echo as echo
from .terminal import echo_lines as echo_lines
from .terminal import echo_problems as echo_problems
from .terminal import error_code as error_code
from .terminal import print_json as print_json
from .terminal import shown as shown
from .terminal import style as style

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

if TYPE_CHECKING:  # click 8.3 and later declare the converted type; older ones do not
    _DateParam = click.ParamType[date]
else:
    _DateParam = click.ParamType


class DateType(_DateParam):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a date; use YYYY-MM-DD", param, ctx)
        out_of_range = check_year(day)
        if out_of_range is not None:
            self.fail(out_of_range, param, ctx)
        return day


DATE = DateType()


if TYPE_CHECKING:
    _TextParam = click.ParamType[str]
else:
    _TextParam = click.ParamType


class ChannelType(_TextParam):
    """A channel (``email``, ``call``...), or an app's name taken as one (``whatsapp`` is
    ``message``); a word that is neither gets the channel it most likely means."""

    name = "channel"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(CHANNELS) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        import difflib

        word = str(value).strip().lower()
        if word in CHANNELS:
            return word
        if word in CHANNEL_WORDS:
            return CHANNEL_WORDS[word]
        guess = CHANNEL_HINTS.get(word) or next(
            iter(difflib.get_close_matches(word, [*CHANNELS, *CHANNEL_WORDS], n=1)), None
        )
        meant = f"did you mean {CHANNEL_WORDS.get(guess, guess)}? Use" if guess else "use"
        self.fail(f"{value!r} is not a channel; {meant} one of {', '.join(CHANNELS)}.", param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in CHANNELS if c.startswith(incomplete.lower())]


CHANNEL = ChannelType()


def warn(text: str) -> None:
    """A line on standard error, in yellow where colour is on."""
    echo(text, fg="yellow", err=True)


class Progress:
    """The one progress line abc shows, on standard error: for sync's reading (bytes,
    in MB, of a size known or not) and a long import (files).

    Only on a terminal, and only once the work has taken more than :attr:`AFTER`
    seconds; off a terminal (a pipe, a log, CI) it prints nothing at all, unless
    ``lines`` asks for a whole line every :attr:`LINES_EVERY` seconds (a long import).
    """

    AFTER = 1.5
    """Seconds of work before the line appears: a quick run shows none."""
    EVERY = 0.2
    """Seconds between two redraws."""
    WIDTH = 30
    LINES_EVERY = 3.0
    """Seconds between two lines off a terminal, when ``lines`` asks for them."""

    def __init__(self, label: str, *, in_bytes: bool = True, lines: bool = False) -> None:
        self.label = label
        self.in_bytes = in_bytes
        self.lines = lines
        self.total = 0
        """What there is to do; 0 when unknown (the bytes of a folder)."""
        self.done = 0
        self.begun = time.monotonic()
        self.shown = False
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    def start(self, total: int) -> None:
        self.total = total

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.tty:
            if self.lines:
                self._line_off_terminal()
            return
        now = time.monotonic()
        if now - self.begun < self.AFTER or now - self.last < self.EVERY:
            return
        self.last = now
        sys.stderr.write("\r" + self.line())
        sys.stderr.flush()
        self.shown = True

    def _line_off_terminal(self) -> None:
        now = time.monotonic()
        if now - max(self.begun, self.last) >= self.LINES_EVERY:
            self.last = now
            sys.stderr.write(f"abc: {self.line()}\n")
            sys.stderr.flush()

    def line(self) -> str:
        """The line as it stands: a bar with the share done, or (size unknown) the MB read."""
        count = f"{self.done / 1e6:,.0f} MB" if self.in_bytes else f"{self.done:,}/{self.total:,}"
        if not self.total:  # a folder: its size is not known without walking it twice
            return f"{self.label}... {count}"
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * self.WIDTH)
        return f"{self.label} [{bar:<{self.WIDTH}}] {share:4.0%}  {count}"

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
            self.shown = False

    def each(self, items: list[T]) -> Iterator[T]:
        """``items`` one by one, the line counting them."""
        self.start(len(items))
        try:
            for item in items:
                yield item
                self(1)
        finally:
            self.finish()


class AbcGroup(click.Group):
    """Turns abc's own errors into a message and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            done = super().invoke(ctx)
            ref = ctx.find_object(NetworkRef)
            where = ref.elsewhere() if ref is not None else None
            if where is not None:
                echo(f"abc: wrote in the network at {where}, above this folder", err=True)
            return done
        except AbcError as e:
            ctx.exit(error_code(e))


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


def resolve_today(today: date | None, ref: NetworkRef | None) -> date:
    """Today: ``--today`` (or ``ABC_TODAY``) when given, else the network's today.

    The network's today is its ``shown_as_of`` setting (a demo's), else the date in
    its ``timezone`` setting (UTC by default), wherever the command runs; with no
    network yet (``ref`` None, for ``abc init``) it is this machine's date. The
    clock is read in ``abcnet.storage.clock`` only.
    """
    if today is not None:
        return today
    from abcnet.storage import clock

    return clock.local_today() if ref is None else clock.network_today(ref.root)


#: Gives a command the :class:`NetworkRef` as its first argument.
pass_ref = click.make_pass_decorator(NetworkRef)


def _load_all(ref: NetworkRef, day: date) -> tuple[Network, list[Problem]]:
    """Every contact read and every problem, with a note when the settings have errors."""
    from abcnet.storage.layout import SETTINGS_FILE
    from abcnet.storage.network import load_network

    network, problems = load_network(ref.root, day)
    if any(p.path == SETTINGS_FILE and p.severity == "error" for p in problems):
        warn(
            f"abc: {SETTINGS_FILE} has problems (run abc check); "
            "the keys it could not read have their defaults"
        )
    return network, problems


def load(ref: NetworkRef, day: date, *, keep_all: bool = False) -> Network:
    """The network for commands other than check: files with errors are left out, with a note.

    With ``keep_all`` (for commands that find a person by name) they stay, so that
    naming someone whose file has problems says what is wrong with it.
    """
    from abcnet.storage.network import without_broken

    network, problems = _load_all(ref, day)
    if keep_all:
        return network
    network, bad = without_broken(network, problems)
    if bad:
        warn(files_have_problems(bad, "left out"))
    return network


def load_with_reasons(ref: NetworkRef, day: date) -> tuple[Network, Network, dict[str, Problem]]:
    """:func:`load`'s network; the network with every contact read, the left-out ones
    too; and each left-out file's first error, which a warning line says (for triage:
    an error shared by two files names the other file)."""
    from abcnet.storage.network import without_broken

    everyone, problems = _load_all(ref, day)
    network, bad = without_broken(everyone, problems)
    first: dict[str, Problem] = {}
    for p in problems:
        if p.severity == "error" and p.path in bad:
            first.setdefault(p.path, p)
    for path in bad[:LEFT_OUT_SHOWN]:
        warn(f"abc: left out until fixed (run abc check): {first[path]}")
    if len(bad) > LEFT_OUT_SHOWN:
        warn(files_have_problems(bad[LEFT_OUT_SHOWN:], "left out too"))
    return network, everyone, first


#: How many left-out files :func:`load_with_reasons` names with their reason.
LEFT_OUT_SHOWN = 10
