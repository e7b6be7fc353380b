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
from .model import CHANNELS, CIRCLES, DIRECTIONS, KINDS
from .problems import AbcError, DataError, NotFoundError, UsageError

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
    files = network.files
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


def load(env: Env, day: date, *, keep_all: bool = False) -> Any:
    """The network for commands other than check: files with errors are left out, with a note.

    With ``keep_all`` (for commands that find a person by name) they stay, so that
    naming someone whose file has problems says what is wrong with it.
    """
    from . import store

    network, problems = store.load_network(env.root, day)
    if any(p.path == store.SETTINGS_FILE and p.severity == "error" for p in problems):
        click.echo(
            style(
                f"abc: {store.SETTINGS_FILE} has problems (run abc check); "
                "the keys it could not read have their defaults",
                fg="yellow",
            ),
            err=True,
        )
    if keep_all:
        return network
    network, bad = store.without_broken(network, problems)
    if bad:
        n = len(bad)
        click.echo(
            style(
                f"abc: {n} file{'s' if n != 1 else ''} {'have' if n != 1 else 'has'} problems "
                f"(run abc check); left out: {', '.join(bad)}",
                fg="yellow",
            ),
            err=True,
        )
    return network


@cli.command()
@json_option
@today_option
@pass_env
def today(env: Env, as_json: bool, today: date | None) -> None:
    """Who to reach out to today, and why.

    Shows today's people (the daily quota, 2 by default): why each is due, how to
    reach them, the last touch and a one-line opener that fits the history.
    People you already reached out to today count against the quota.

    \b
    Examples:
      abc today
      abc today --json
    """
    from . import render
    from .opener import opener
    from .plan import plan

    day = resolve_today(today)
    network = load(env, day)
    p = plan(network.contacts, network.settings, day, days=30)
    first = p.days[0]
    openers = [opener(e.contact, e.last, day) for e in first.entries]
    if as_json:
        print_json(
            {
                "today": day.isoformat(),
                "people": [
                    render.entry_json(e, o) for e, o in zip(first.entries, openers, strict=True)
                ],
                "done": [c.slug for c in first.done],
                "overdue_now": p.overdue_now,
                "backlog_clears_on": p.clears_on.isoformat() if p.clears_on else None,
            }
        )
        return
    for line in render.today_lines(p, openers, network.settings.minutes):
        click.echo(line)


@cli.command("plan")
@click.option(
    "--days",
    "-n",
    type=click.IntRange(1, 3660),
    default=14,
    show_default=True,
    help="How many days ahead, today included.",
)
@json_option
@today_option
@pass_env
def plan_cmd(env: Env, days: int, as_json: bool, today: date | None) -> None:
    """The outreach plan for the days ahead.

    Each day gets at most the daily quota of people, most overdue first, then
    whoever falls due soonest, so nobody goes overdue when the quota allows it.

    \b
    Examples:
      abc plan
      abc plan --days 28 --json
    """
    from . import render
    from .plan import plan

    day = resolve_today(today)
    network = load(env, day)
    p = plan(network.contacts, network.settings, day, days=days)
    if as_json:
        print_json(render.plan_json(p))
        return
    for line in render.plan_lines(p):
        click.echo(line)


def commit_option(f: F) -> F:
    return click.option(
        "--commit/--no-commit",
        default=None,
        help="Make the change a git commit (default: the `commit` setting).",
    )(f)


def _maybe_commit(env: Env, settings: Any, commit: bool | None, path: Path, message: str) -> None:
    from . import store

    if commit if commit is not None else settings.commit:
        why = store.git_commit(env.root, [path], message)
        if why:
            click.echo(style(f"abc: not committed: {why}", fg="yellow"), err=True)
        else:
            click.echo(f"Committed: {message}")


@cli.command()
@click.argument("name")
@click.option("--date", "when", type=DATE, default=None, help="When it happened (default: today).")
@click.option("--channel", "-c", type=click.Choice(CHANNELS), help="How you talked.")
@click.option(
    "--direction",
    "-d",
    type=click.Choice(DIRECTIONS),
    default="out",
    show_default=True,
    help="out: you reached out; in: they did.",
)
@click.option(
    "--kind",
    "-k",
    type=click.Choice(KINDS),
    default="catch-up",
    show_default=True,
    help="Did you give help, ask for it, or catch up?",
)
@click.option("--note", "-m", help="What it was about, for next time.")
@commit_option
@today_option
@pass_env
def log(
    env: Env,
    name: str,
    when: date | None,
    channel: str | None,
    direction: str,
    kind: str,
    note: str | None,
    commit: bool | None,
    today: date | None,
) -> None:
    """Record a touch with someone.

    NAME is a file name (slug), a name, or a unique part of one. Only the new
    lines are added to the file: comments, order and quoting stay as they are.

    \b
    Examples:
      abc log "Ada Okafor" --channel call --kind give --note "Sent the dbt article"
      abc log ada -c email -d in -k ask -m "Asked for an intro to Kwame"
    """
    from . import edit, store
    from .people import resolve

    day = resolve_today(today)
    when = when or day
    if when > day:
        raise UsageError(f"--date {when} is after today ({day}); log touches once they happened")
    network = load(env, day, keep_all=True)
    contact = resolve(name, network.contacts)
    touch: dict[str, Any] = {"date": when, "channel": channel}
    if direction != "out":
        touch["direction"] = direction
    if kind != "catch-up":
        touch["kind"] = kind
    touch["note"] = note
    path = store.edit_contact(
        env.root, contact.slug, day, lambda text, data: edit.add_touch(text, data, touch)
    )
    what = channel or "touch"
    click.echo(f"Logged {what} with {contact.name} on {when} ({contact.source.path}).")
    verb = {"call": "call", "video": "video call", "meeting": "meeting"}.get(what, what)
    _maybe_commit(env, network.settings, commit, path, f"Log {verb} with {contact.name}")


@cli.command()
@click.argument("name")
@click.option("--email", "-e", multiple=True, help="Email address (repeat for more).")
@click.option("--phone", "-p", multiple=True, help="Phone number (repeat for more).")
@click.option("--circle", type=click.Choice(CIRCLES), help="inner, core or wide (the default).")
@click.option("--cadence", help="Override the circle's cadence: 45d, 6w, 3m, quarterly...")
@click.option("--org", help="Organisation.")
@click.option("--role", help="Role or title.")
@click.option("--linkedin", help="LinkedIn profile URL.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--met", "met_how", help="How you met.")
@commit_option
@today_option
@pass_env
def add(
    env: Env,
    name: str,
    email: tuple[str, ...],
    phone: tuple[str, ...],
    circle: str | None,
    cadence: str | None,
    org: str | None,
    role: str | None,
    linkedin: str | None,
    tags: tuple[str, ...],
    met_how: str | None,
    commit: bool | None,
    today: date | None,
) -> None:
    """Add a person: creates contacts/<slug>.yaml.

    Never overwrites a file; if the person seems to exist already (same name,
    email or LinkedIn URL), says where and changes nothing.

    \b
    Examples:
      abc add "Ada Okafor" --email ada@example.org --circle core
      abc add "Kwame Asante" --org Fabrikam --met "PyData London 2025"
    """
    from . import edit, store
    from .cadence import normalise_url
    from .model import parse_cadence
    from .parse import is_email
    from .people import fold

    day = resolve_today(today)
    name = " ".join(name.split())
    slug = edit.slugify(name)
    if not slug:
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    for e in email:
        if not is_email(e):
            raise UsageError(f"{e!r} is not an email address")
    if cadence is not None and parse_cadence(cadence) is None:
        raise UsageError(f"cannot read cadence {cadence!r}; write e.g. 45d, 6w, 3m or quarterly")
    network = load(env, day, keep_all=True)
    for c in network.contacts:
        same = (
            fold(c.name) == fold(name)
            or {x.lower() for x in c.emails} & {x.lower() for x in email}
            or (
                linkedin
                and c.link("linkedin")
                and normalise_url(c.link("linkedin") or "") == normalise_url(linkedin)
            )
        )
        if same:
            raise UsageError(f"{name} seems to be here already: {c.name} in {c.source.path}")
    fields: dict[str, Any] = {
        "name": name,
        "email": list(email),
        "phone": list(phone),
        "links": {"linkedin": linkedin} if linkedin else {},
        "org": org,
        "role": role,
        "circle": circle,
        "cadence": cadence,
        "tags": list(tags),
        "met": {"date": day, "how": met_how} if met_how else {},
    }
    try:
        path = store.create_contact(
            env.root, slug, edit.new_contact(fields, header=store.contact_header(env.root))
        )
    except FileExistsError:
        raise UsageError(
            f"contacts/{slug}.yaml already exists; nothing was written. Pick another "
            "spelling of the name, or edit that file"
        ) from None
    click.echo(f"Added {name}: {path.relative_to(env.root).as_posix()}")
    _maybe_commit(env, network.settings, commit, path, f"Add {name}")


@cli.command()
@click.argument("name")
@click.option("--until", "until", type=DATE, help="Snooze until this date.")
@click.option("--for", "for_", help="Snooze for a while: 10d, 3w, 2m...")
@click.option("--end", is_flag=True, help="End the snooze now.")
@commit_option
@today_option
@pass_env
def snooze(
    env: Env,
    name: str,
    until: date | None,
    for_: str | None,
    end: bool,
    commit: bool | None,
    today: date | None,
) -> None:
    """Pause someone's reminders until a date (or end a snooze).

    \b
    Examples:
      abc snooze "Lucía Herrera" --until 2027-02-01
      abc snooze kwame --for 3w
      abc snooze kwame --end
    """
    from datetime import timedelta

    from . import edit, store
    from .model import parse_cadence
    from .people import resolve

    if sum(x is not None and x is not False for x in (until, for_, end or None)) != 1:
        raise UsageError("give exactly one of --until DATE, --for DURATION or --end")
    day = resolve_today(today)
    if for_ is not None:
        days = parse_cadence(for_)
        if days is None:
            raise UsageError(f"cannot read --for {for_!r}; write e.g. 10d, 3w or 2m")
        until = day + timedelta(days=days)
    if until is not None and until <= day:
        raise UsageError(f"--until {until} is not after today ({day})")
    network = load(env, day, keep_all=True)
    contact = resolve(name, network.contacts)
    if end:
        path = store.edit_contact(
            env.root,
            contact.slug,
            day,
            lambda text, data: edit.remove_key(text, data, "snooze_until"),
        )
        click.echo(f"{contact.name} is no longer snoozed ({contact.source.path}).")
        message = f"End snooze for {contact.name}"
    else:
        path = store.edit_contact(
            env.root,
            contact.slug,
            day,
            lambda text, data: edit.set_key(text, data, "snooze_until", until),
        )
        click.echo(f"Snoozed {contact.name} until {until} ({contact.source.path}).")
        message = f"Snooze {contact.name} until {until}"
    _maybe_commit(env, network.settings, commit, path, message)


@cli.command("calendar")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the calendar. Default: build/abc.ics in the network "
    "(build/abc-private.ics with --private).",
)
@click.option(
    "--private/--names-only",
    default=None,
    help="Put emails, phones and notes in the events, or names only "
    "(default: the `private` setting, which is off).",
)
@today_option
@pass_env
def calendar_cmd(env: Env, output: Path | None, private: bool | None, today: date | None) -> None:
    """Write the outreach plan as an .ics calendar to subscribe to.

    One event per day at reminder_time in the settings' time zone, naming the
    people to reach and why, for horizon days ahead (4 weeks by default), plus
    a yearly all-day event for each birthday (setting: birthdays).

    Names only by default. With --private the events also carry emails, phones
    and notes, and the file goes to build/abc-private.ics unless you say
    otherwise, so the published calendar never has them by accident.

    Run it after every change: an event keeps its UID, and its SEQUENCE rises
    only when it changes, so subscribed calendars update instead of duplicating.

    \b
    Examples:
      abc calendar
      abc calendar --private -o ~/Calendars/abc.ics
      abc calendar --today 2026-11-25
    """
    from . import ics, store
    from .plan import plan

    day = resolve_today(today)
    root = env.root
    network = load(env, day)
    settings = network.settings
    private = settings.private if private is None else private
    name = "abc-private.ics" if private else "abc.ics"
    path = output if output is not None else root / store.BUILD_DIR / name
    shown = str(output) if output is not None else f"{store.BUILD_DIR}/{name}"
    p = plan(network.contacts, settings, day, days=settings.horizon_days, find_clear_day=False)
    feed = ics.build(network, p, day, private=private, previous=store.read_output(path))
    store.write_output(path, feed.data)
    birthdays = f", {feed.birthdays} birthday{'s' if feed.birthdays != 1 else ''}"
    counts = (
        f"{feed.events} event{'s' if feed.events != 1 else ''} "
        f"({feed.outreach} outreach{birthdays if settings.birthdays else ''}; "
        f"{feed.changed} new or changed)"
    )
    if private:
        mode = "with emails, phones and notes: keep it private, do not publish it"
    else:
        mode = "names only (private details left out)"
    click.echo(f"wrote {shown}: {counts}, {mode}")


@cli.command("stats")
@json_option
@today_option
@pass_env
def stats_cmd(env: Env, as_json: bool, today: date | None) -> None:
    """The headline numbers of your practice, as on the site's stats page.

    Network size by circle, coverage (the share of people within their cadence),
    overdue and never-contacted counts, the daily-quota streak, gives and asks,
    how often you were one step ahead, and the burstiness flag. "The year" is the
    365 days up to today.

    \b
    Examples:
      abc stats
      abc stats --json
      abc stats --today 2026-06-30
    """
    from . import stats

    day = resolve_today(today)
    network = load(env, day)
    result = stats.compute(network.contacts, network.settings, day)
    if as_json:
        print_json(stats.as_json(result))
        return
    for line in stats.summary_lines(result):
        click.echo(line)


@cli.group("site")
def site_group() -> None:
    """Build or preview the site: the strategies and your stats.

    The private build (the default) adds a page per person; the public build
    (--public) has no names, emails, phones or notes anywhere.

    \b
    Examples:
      abc site build
      abc site build --public -o public-site
      abc site serve
    """


@site_group.command("build")
@click.option(
    "--public", is_flag=True, help="Leave out every person: safe to publish (e.g. GitHub Pages)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site. Default: build/site in the network.",
)
@today_option
@pass_env
def site_build(env: Env, public: bool, output: Path | None, today: date | None) -> None:
    """Build the site and print where its index.html is.

    Needs mkdocs.yml and site/ beside contacts/ (as in the abc repository).
    Stats are generated from contacts/ as of today; the private build also has
    a page per person and the names-only calendar as abc.ics.

    \b
    Examples:
      abc site build
      abc site build --public -o public-site
      abc site build --today 2026-11-25
    """
    import logging

    from . import sitebuild

    class OneLine(logging.Formatter):
        """MkDocs' warnings, one line each; abc's own hook already says ``abc:``."""

        def format(self, record: logging.LogRecord) -> str:
            message = record.getMessage()
            return message if message.startswith("abc:") else f"mkdocs: {message}"

    day = resolve_today(today)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(OneLine())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        index = sitebuild.build(env.root, public=public, today=day, site_dir=output)
    finally:
        logger.removeHandler(handler)
    if public:
        click.echo("public build: strategies and aggregate stats, no personal data", err=True)
    else:
        click.echo(
            style("private build: it names your contacts; do not publish it", fg="yellow"),
            err=True,
        )
    click.echo(str(index))


@site_group.command("serve")
@click.option("--public", is_flag=True, help="Preview the public build.")
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", default=None, help="Where to serve (127.0.0.1:8000)."
)
@today_option
@pass_env
def site_serve(env: Env, public: bool, dev_addr: str | None, today: date | None) -> None:
    """Preview the site on this machine, rebuilding when a contact changes.

    Serves on http://127.0.0.1:8000/ until you press Ctrl+C. Editing a file in
    contacts/, abc.yaml or site/ rebuilds the site and reloads the page.

    \b
    Examples:
      abc site serve
      abc site serve --public -a 127.0.0.1:8001
    """
    import logging

    from . import sitebuild

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    sitebuild.serve(env.root, public=public, today=today, dev_addr=dev_addr)


# --- onboarding and interop: init, import, export ---------------------------------------


@cli.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-git", is_flag=True, help="Do not make the folder a git repository.")
@today_option
def init_cmd(folder: Path, no_git: bool, today: date | None) -> None:
    """Create a new, private network repository in FOLDER.

    Writes contacts/ with one example person, abc.yaml (settings), the strategy
    pages and mkdocs.yml for `abc site build`, editor schemas in .abc/, a
    .gitignore, a .pre-commit-config.yaml that runs `abc check`, and a GitHub
    Actions workflow that publishes the public site to GitHub Pages; then makes
    it a git repository with a first commit. FOLDER must be new or empty:
    nothing is ever overwritten.

    \b
    Examples:
      abc init ~/network
      abc init ~/network --no-git
    """
    from . import __version__, scaffold, store

    day = resolve_today(today)
    files = scaffold.network_files(day, __version__)
    store.create_network(folder, files)
    click.echo(f"Created a new network in {folder}:")
    rows = [
        ("contacts/", f"one example person ({scaffold.EXAMPLE_SLUG}.yaml): edit or delete it"),
        ("abc.yaml", "settings: set your timezone"),
        ("site/, mkdocs.yml", "strategy pages for abc site build"),
        (f"{store.SCHEMA_DIR}/", "schemas so editors complete and check the YAML files"),
        (".pre-commit-config.yaml", "runs abc check before each commit (pre-commit install)"),
        (scaffold.WORKFLOW, "publishes the public site to GitHub Pages"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, what in rows:
        click.echo(f"  {name:<{width}}  {what}")
    if no_git:
        click.echo("Not a git repository yet (--no-git).")
    else:
        why = store.git_init(folder, "Start a network with abc")
        if why:
            click.echo(
                style(
                    f"abc: git: {why}; commit the files yourself (git add -A && git commit)",
                    fg="yellow",
                ),
                err=True,
            )
        else:
            click.echo("Made it a git repository, with a first commit.")
    click.echo("")
    click.echo(
        style(
            "Keep this repository private: it will hold names, emails, phones and notes.",
            fg="yellow",
        )
    )
    click.echo(
        style(
            "GitHub Pages sites are public, even from a private repository: the workflow "
            "publishes only abc site build --public (strategies and aggregate stats; no names, "
            "emails, phones or notes), and the calendar only if you set PUBLISH_CALENDAR.",
            fg="yellow",
        )
    )
    click.echo("")
    click.echo("Next:")
    click.echo(f"  cd {folder}")
    click.echo("  abc import linkedin ~/Downloads/Connections.csv   (--dry-run to see first)")
    click.echo("  abc today")


@cli.command("import")
@click.argument("source", type=click.Choice(["linkedin", "google", "vcard"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--circle",
    type=click.Choice(CIRCLES),
    default="wide",
    show_default=True,
    help="The circle new people go into.",
)
@json_option
@today_option
@pass_env
def import_cmd(
    env: Env,
    source: str,
    file: Path,
    dry_run: bool,
    circle: str,
    as_json: bool,
    today: date | None,
) -> None:
    """Import people from LinkedIn, Google Contacts or vCard.

    \b
    SOURCE is one of:
      linkedin  Connections.csv from LinkedIn's data export
      google    a Google Contacts CSV export (current or legacy layout)
      vcard     a .vcf file with one or more cards (vCard 2.1, 3.0 or 4.0)

    Never overwrites anything. People already in the network (same email,
    LinkedIn URL, or name) only get the fields their file lacks; new people get a
    file in the wide circle (or --circle). A LinkedIn connection date becomes
    `met`, not a touch. The whole file is read first: if it is malformed,
    nothing is written. Running the same import again changes nothing.

    \b
    Examples:
      abc import linkedin ~/Downloads/Connections.csv --dry-run
      abc import google contacts.csv --circle core
      abc import vcard contacts.vcf --json
    """
    from contextlib import nullcontext
    from dataclasses import replace

    from . import edit, store
    from .importers import READERS, Create, Skip, plan_import, plan_json, report_lines

    day = resolve_today(today)
    root = env.root
    parsed = READERS[source](store.read_input(file), str(file))
    if parsed.errors:
        raise DataError(f"{file} cannot be imported; nothing was written", parsed.errors)
    network, problems = store.load_network(root, day)
    broken = {p.path for p in problems if p.severity == "error"}
    if broken:
        n = len(broken)
        click.echo(
            style(
                f"abc: {n} file{'s' if n != 1 else ''} {'have' if n != 1 else 'has'} problems "
                f"(run abc check); nobody in them is changed: {', '.join(sorted(broken))}",
                fg="yellow",
            ),
            err=True,
        )
    taken = {p.stem for p in store.contact_files(root)}
    header = store.contact_header(root)
    plan = plan_import(
        parsed, network.contacts, taken, day, circle=circle, header=header, broken=broken
    )
    if not dry_run:
        created, updated, skipped = [], [], list(plan.skipped)
        steps: list[Any] = [*plan.created, *plan.updated]
        show = len(steps) > 300 and sys.stderr.isatty()
        bar_cm: Any = (
            click.progressbar(steps, label="Importing", file=sys.stderr)
            if show
            else nullcontext(steps)
        )
        with bar_cm as bar:
            for step in bar:
                try:
                    if isinstance(step, Create):
                        store.create_contact(root, step.slug, step.text)
                        created.append(step)
                    else:
                        fields = step.fields
                        store.edit_contact(
                            root,
                            step.slug,
                            day,
                            lambda text, data, f=fields: edit.fill_fields(text, data, f),
                        )
                        updated.append(step)
                except FileExistsError:
                    skipped.append(
                        Skip(step.name, step.line, f"contacts/{step.slug}.yaml appeared meanwhile")
                    )
                except DataError as e:
                    skipped.append(Skip(step.name, step.line, e.message))
        plan = replace(plan, created=tuple(created), updated=tuple(updated), skipped=tuple(skipped))
    if as_json:
        print_json(plan_json(parsed, plan, dry_run=dry_run))
        return
    for line in report_lines(parsed, plan, dry_run=dry_run, circle=circle):
        click.echo(line)


@cli.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["vcard"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: standard output).",
)
@today_option
@pass_env
def export_cmd(env: Env, fmt: str, output: Path | None, today: date | None) -> None:
    """Export every contact as vCard 4.0, in file-name order.

    Carries name, emails, phones, org, role (TITLE), links (URL, with the label
    as TYPE), birthday (with or without a year), tags (CATEGORIES), notes (NOTE)
    and when and how you met (X-ABC-MET-DATE, X-ABC-MET-HOW), so `abc import
    vcard` reads it all back. Not carried: circle, cadence, snooze, archived and
    touches, which are your practice rather than the person's card.

    \b
    Examples:
      abc export vcard -o contacts.vcf
      abc export vcard > contacts.vcf
    """
    from . import store, vcard

    day = resolve_today(today)
    network = load(env, day)
    text = vcard.cards(network.contacts)
    if output is None:
        click.echo(text, nl=False)
        return
    store.write_output(output, text.encode("utf-8"))
    n = len(network.contacts)
    click.echo(f"wrote {output}: {n} card{'s' if n != 1 else ''} (vCard 4.0)", err=True)


def main() -> None:
    cli(prog_name="abc")
