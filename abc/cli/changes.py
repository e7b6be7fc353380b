"""Changing the network: log a touch, add a person, snooze someone."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from abcnet.core.model import CIRCLES, DIRECTIONS, MAX_YEAR, MIN_YEAR, TOUCH_KINDS
from abcnet.core.problems import UsageError

from .base import (
    CHANNEL,
    DATE,
    NetworkRef,
    commit_option,
    echo,
    load,
    pass_ref,
    resolve_today,
    today_option,
)
from .commits import Commit, report_commit, wants_commit


def _refuse_bytes(typed: dict[str, str | tuple[str, ...] | None]) -> None:
    """Refuse text typed for an option (``--note``) that holds bytes that are not text."""
    from abcnet.core.checks import not_text

    for label, values in typed.items():
        for value in (values,) if isinstance(values, str | None) else values:
            why = None if value is None else not_text(label, value)
            if why is not None:
                raise UsageError(why)


def _span(option: str, text: str, unreadable: str) -> int:
    """The days of a cadence or duration typed for ``option``; refused with the message
    ``unreadable`` when it is not one, and when it is longer than abc allows."""
    from abcnet.core.model import check_days, parse_cadence

    days = parse_cadence(text)
    if days is None:
        raise UsageError(unreadable)
    too_long = check_days(days)
    if too_long is not None:
        raise UsageError(f"{option} {text} {too_long}; write a shorter one")
    return days


def _web_address(option: str, typed: str) -> str:
    """A web address typed for ``option``, as a contact file keeps it; refused if it is none."""
    from abcnet.core.identity import web_address

    url = web_address(typed)
    if url is None:
        raise UsageError(
            f"{option} {typed!r} is not a web address; "
            "write it like https://www.linkedin.com/in/name"
        )
    return url


@click.command()
@click.argument("name")
@click.option("--date", "when", type=DATE, default=None, help="When it happened (default: today).")
@click.option(
    "--channel",
    "-c",
    type=CHANNEL,
    help="How you talked (an app's name works too: whatsapp is message, zoom is video).",
)
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
    type=click.Choice(TOUCH_KINDS),
    default="catch-up",
    show_default=True,
    help="Did you give help, ask for it, or catch up?",
)
@click.option("--note", "-m", help="What it was about, for next time.")
@commit_option
@today_option
@pass_ref
def log(
    ref: NetworkRef,
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
      abc log "Rosa Lindgren" --channel call --kind give --note "Sent the dbt article"
      abc log ada -c email -d in -k ask -m "Asked for an intro to Kwame"
    """
    from abcnet.storage.changes import log_touch

    _refuse_bytes({"NAME": name, "--note": note})
    day = resolve_today(today, ref)
    when = when or day
    if when > day:
        raise UsageError(f"--date {when} is after today ({day}); log touches once they happened")
    network = load(ref, day, keep_all=True)
    touch: dict[str, Any] = {"date": when, "channel": channel}
    if direction != "out":
        touch["direction"] = direction
    if kind != "catch-up":
        touch["kind"] = kind
    touch["note"] = note
    wanted = wants_commit(commit, network.settings)
    done = log_touch(ref.root, network, name, day, touch, commit=wanted)
    where = done.contact.source.path
    echo(f"Logged {done.what} with {done.contact.name} on {done.when} ({where}).")
    report_commit(done.commit)


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
@click.option("--met", "met_how", help="How you met: where, at what.")
@click.option(
    "--met-date",
    type=DATE,
    help="When you met (default: a date written in --met, else today when --met is given).",
)
@click.option("--birthday", help="Birthday: YYYY-MM-DD, or MM-DD without the year.")
@click.option(
    "--new",
    "namesake",
    is_flag=True,
    help="Another person with the same name as someone here: add them as <slug>-2.",
)
@commit_option
@today_option
@pass_ref
def add(
    ref: NetworkRef,
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
    met_date: date | None,
    birthday: str | None,
    namesake: bool,
    commit: bool | None,
    today: date | None,
) -> None:
    """Add a person: creates contacts/<slug>.yaml.

    Never overwrites a file; if the person seems to exist already (same name,
    email or LinkedIn URL), says where and changes nothing. Someone else who
    shares a name with a person here is added with --new, as <slug>-2.

    The meeting's date is --met-date, or a date written in --met ("PyData,
    2025-06-12"); a --met that names no single day ("Web Summit 2025") is kept
    without a date rather than dated today.

    \b
    Examples:
      abc add "Rosa Lindgren" --email rosa@example.org --circle core
      abc add "Noel Okonkwo" --org Fabrikam --met "PyData London" --met-date 2025-06-12
      abc add "Tom Baker" --new --org Contoso
    """
    from abcnet.core.checks import is_email
    from abcnet.core.slugs import slugify
    from abcnet.storage.changes import add_person

    _refuse_bytes(
        {"NAME": name, "--email": email, "--phone": phone, "--cadence": cadence, "--org": org}
        | {"--role": role, "--linkedin": linkedin, "--tag": tags, "--met": met_how}
    )
    day = resolve_today(today, ref)
    name = " ".join(name.split())
    if not slugify(name):
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    for e in email:
        if not is_email(e):
            raise UsageError(f"{e!r} is not an email address")
    if cadence is not None:
        _span(
            "--cadence",
            cadence,
            f"cannot read cadence {cadence!r}; write e.g. 45d, 6w, 3m or quarterly",
        )
    if linkedin:
        linkedin = _web_address("--linkedin", linkedin)
    met, met_note = _met(met_how, met_date, day)
    if birthday is not None:
        birthday = _birthday(birthday)
    network = load(ref, day, keep_all=True)
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
        "met": met,
        "birthday": birthday,
    }
    wanted = wants_commit(commit, network.settings)
    done = add_person(ref.root, network, fields, day, namesake=namesake, commit=wanted)
    echo(f"Added {done.name}: {done.path}")
    if met_note:
        echo(f"  met.date left out: {met_note}; add it to the file, or use --met-date")
    report_commit(done.commit)


def _met(how: str | None, when: date | None, today: date) -> tuple[dict[str, Any], str | None]:
    """The ``met`` mapping for `abc add`, and why its date was left out (None if it was not).

    The date is ``when`` if given; else one written unambiguously in ``how``; else
    today, unless ``how`` names another time (a year, a month, two dates): that day
    is not known, and today would be wrong.
    """
    if when is None and how:
        from abcnet.formats.contact_text import met_date_in

        when, vague = met_date_in(how)
        if when is None and vague:
            return {"how": how}, f"{how!r} names no single day"
        if when is None:
            when = today
    if when is not None and when > today:
        raise UsageError(f"--met-date {when} is after today ({today})")
    return {k: v for k, v in (("date", when), ("how", how)) if v is not None}, None


def _birthday(text: str) -> str:
    from abcnet.core.checks import parse_birthday

    found = parse_birthday(text)
    if found is None:
        raise UsageError(f"--birthday {text!r} is not a birthday; write YYYY-MM-DD or MM-DD")
    return str(found)


@click.command()
@click.argument("name")
@click.option("--until", "until", type=DATE, help="Snooze until this date.")
@click.option("--for", "for_", help="Snooze for a while: 10d, 3w, 2m...")
@click.option("--end", is_flag=True, help="End the snooze now.")
@commit_option
@today_option
@pass_ref
def snooze(
    ref: NetworkRef,
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
      abc snooze "Marta Solís" --until 2027-02-01
      abc snooze kwame --for 3w
      abc snooze kwame --end
    """
    from datetime import timedelta

    from abcnet.core.model import check_year
    from abcnet.core.people import resolve
    from abcnet.storage.changes import set_field

    if sum((until is not None, for_ is not None, end)) != 1:
        raise UsageError("give exactly one of --until DATE, --for DURATION or --end")
    _refuse_bytes({"NAME": name, "--for": for_})
    day = resolve_today(today, ref)
    if for_ is not None:
        days = _span("--for", for_, f"cannot read --for {for_!r}; write e.g. 10d, 3w or 2m")
        until = day + timedelta(days=days)
        if check_year(until) is not None:
            raise UsageError(
                f"--for {for_} ends on {until}, which is out of range; "
                f"use a year from {MIN_YEAR} to {MAX_YEAR}"
            )
    if until is not None and until <= day:
        raise UsageError(f"--until {until} is not after today ({day})")
    network = load(ref, day, keep_all=True)
    contact = resolve(name, network.contacts)
    if end:
        message = f"End snooze for {contact.name}"
        done = f"{contact.name} is no longer snoozed ({contact.source.path})."
    else:
        message = f"Snooze {contact.name} until {until}"
        done = f"Snoozed {contact.name} until {until} ({contact.source.path})."
    committer = Commit(ref, network.settings, commit, message)
    set_field(ref.root, contact, day, "snooze_until", None if end else until, commit=committer)
    echo(done)
    committer.report()
