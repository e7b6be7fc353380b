"""Changing the network: log a touch, add a person, snooze someone."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from abcnet.core.model import CHANNELS, CIRCLES, DIRECTIONS, KINDS
from abcnet.core.problems import UsageError

from .base import (
    DATE,
    Env,
    commit_option,
    load,
    maybe_commit,
    pass_env,
    resolve_today,
    today_option,
)


@click.command()
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
    from abcnet.core.people import resolve
    from abcnet.storage.edit import add_touch
    from abcnet.storage.files import edit_contact

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
    path = edit_contact(
        env.root, contact.slug, day, lambda text, data: add_touch(text, data, touch)
    )
    what = channel or "touch"
    click.echo(f"Logged {what} with {contact.name} on {when} ({contact.source.path}).")
    verb = {"call": "call", "video": "video call", "meeting": "meeting"}.get(what, what)
    maybe_commit(env, network.settings, commit, path, f"Log {verb} with {contact.name}")


@click.command()
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
    from abcnet.core.checks import is_email
    from abcnet.core.identity import first_same, keys
    from abcnet.core.model import parse_cadence
    from abcnet.formats.contact_text import new_contact, slugify
    from abcnet.storage.files import create_contact
    from abcnet.storage.scaffold import contact_header

    day = resolve_today(today)
    name = " ".join(name.split())
    slug = slugify(name)
    if not slug:
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    for e in email:
        if not is_email(e):
            raise UsageError(f"{e!r} is not an email address")
    if cadence is not None and parse_cadence(cadence) is None:
        raise UsageError(f"cannot read cadence {cadence!r}; write e.g. 45d, 6w, 3m or quarterly")
    network = load(env, day, keep_all=True)
    links = {"linkedin": linkedin} if linkedin else {}
    same = first_same(network.contacts, keys(name, email, links.items()))
    if same is not None:
        raise UsageError(f"{name} seems to be here already: {same.name} in {same.source.path}")
    fields: dict[str, Any] = {
        "name": name,
        "email": list(email),
        "phone": list(phone),
        "links": links,
        "org": org,
        "role": role,
        "circle": circle,
        "cadence": cadence,
        "tags": list(tags),
        "met": {"date": day, "how": met_how} if met_how else {},
    }
    try:
        path = create_contact(env.root, slug, new_contact(fields, header=contact_header(env.root)))
    except FileExistsError:
        raise UsageError(
            f"contacts/{slug}.yaml already exists; nothing was written. Pick another "
            "spelling of the name, or edit that file"
        ) from None
    click.echo(f"Added {name}: {path.relative_to(env.root).as_posix()}")
    maybe_commit(env, network.settings, commit, path, f"Add {name}")


@click.command()
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

    from abcnet.core.model import parse_cadence
    from abcnet.core.people import resolve
    from abcnet.storage.edit import remove_key, set_key
    from abcnet.storage.files import edit_contact

    if sum((until is not None, for_ is not None, end)) != 1:
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
        path = edit_contact(
            env.root, contact.slug, day, lambda text, data: remove_key(text, data, "snooze_until")
        )
        click.echo(f"{contact.name} is no longer snoozed ({contact.source.path}).")
        message = f"End snooze for {contact.name}"
    else:
        path = edit_contact(
            env.root,
            contact.slug,
            day,
            lambda text, data: set_key(text, data, "snooze_until", until),
        )
        click.echo(f"Snoozed {contact.name} until {until} ({contact.source.path}).")
        message = f"Snooze {contact.name} until {until}"
    maybe_commit(env, network.settings, commit, path, message)
