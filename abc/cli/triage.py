"""Choosing who to keep: triage the pool one key at a time; keep, archive, unarchive."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from abcnet.core.model import CIRCLES, Contact, Settings

from .base import (
    Commit,
    Env,
    commit_option,
    echo,
    echo_lines,
    load,
    pass_env,
    resolve_today,
    today_option,
    warn,
)

KEYS = {"i": "inner", "c": "core", "w": "wide", "a": "archive", "s": "skip", "q": "quit"}
PROMPT = "  i inner · c core · w wide · a archive · s skip · q quit: "

Change = Callable[[str, Any], str]


def _edit(env: Env, contact: Contact, day: date, change: Change, committed: Commit) -> None:
    from abcnet.storage.contact_files import edit_contact

    edit_contact(env.root, contact.slug, day, change, then=committed)


def _set(key: str, value: Any) -> Change:
    from abcnet.formats.edits import set_key

    return lambda text, data: set_key(text, data, key, value)


def _write_skipped(root: Path, slugs: set[str]) -> bool:
    """Remember ``slugs`` as skipped; False (with a warning) when that cannot be written."""
    from abcnet.storage.skipped import write_skipped

    why = write_skipped(root, slugs)
    if why is not None:
        warn(f"abc: {why}; the next triage will not know who was skipped")
    return why is None


def _key() -> str:
    """One key: a key press on a terminal, else the first letter of a line (EOF quits)."""
    stdin = sys.stdin
    try:
        if stdin.isatty():
            typed = click.getchar()
        else:
            line = stdin.readline()
            typed = line.strip()[:1] if line else "q"
    except (KeyboardInterrupt, EOFError):
        typed = "q"
    return typed.lower() if typed.lower() in KEYS else ""


def _ask() -> str:
    echo(PROMPT, nl=False)
    while True:
        key = _key()
        echo(key or "?")
        if key:
            return KEYS[key]
        echo("  press i, c, w, a, s or q: ", nl=False)


@click.command()
@commit_option
@today_option
@pass_env
def triage(env: Env, commit: bool | None, today: date | None) -> None:
    """Go through the pool one person at a time and choose who to keep.

    The pool holds people imported but not kept yet (`circle: pool`). The most
    promising come first: an email or a phone, touches either way, a `met.how`
    that says more than "Connected on LinkedIn", a recent `met.date`, tags. For
    each, one key: i keep in inner, c core, w wide, a archive, s skip, q quit.
    Each choice is written to the person's file at once, so quitting loses
    nothing; the next run goes on with who is left, the people you skipped last.

    \b
    Examples:
      abc triage
      abc triage --commit
    """
    from abcnet.core.triage import Tally, pool_order
    from abcnet.formats.triage import card_lines, summary_line
    from abcnet.storage.skipped import read_skipped

    day = resolve_today(today, env)
    network = load(env, day)
    before = read_skipped(env.root)
    queue = pool_order(network.contacts, day, before)
    skipped = before & {s.contact.slug for s in queue}  # who was kept meanwhile is let go
    remember = True
    if not queue:
        echo("Nobody in the pool: everyone is kept or archived.")
        return
    n = len(queue)
    echo(f"Triage: {n:,} {'person' if n == 1 else 'people'} in the pool, most promising first.")
    tally = Tally()
    for i, scored in enumerate(queue, 1):
        c = scored.contact
        echo("")
        echo_lines(card_lines(scored, i, n))
        choice = _ask()
        if choice == "quit":
            break
        if choice == "skip":
            skipped.add(c.slug)
            remember = remember and _write_skipped(env.root, skipped)
            tally.skipped += 1
            echo("  skipped: again next run, after the others")
            continue
        if choice == "archive":
            committed = Commit(env, network.settings, commit, f"Archive {c.name}")
            _edit(env, c, day, _set("archived", True), committed)
            tally.archived += 1
            echo(f"  archived ({c.source.path})")
        else:
            committed = Commit(env, network.settings, commit, f"Keep {c.name} in {choice}")
            _edit(env, c, day, _set("circle", choice), committed)
            tally.keep(choice)
            echo(f"  kept in {choice} ({c.source.path})")
        committed.report()
    left = n - sum(tally.kept.values()) - tally.archived
    echo("")
    echo(f"Done: {summary_line(tally, left)}.")


def _person(env: Env, name: str, day: date) -> tuple[Contact, Settings]:
    """The one person ``name`` names (files with problems included, to say what is wrong)."""
    from abcnet.core.people import resolve

    network = load(env, day, keep_all=True)
    return resolve(name, network.contacts), network.settings


@click.command()
@click.argument("name")
@click.option("--circle", type=click.Choice(CIRCLES), required=True, help="inner, core or wide.")
@commit_option
@today_option
@pass_env
def keep(env: Env, name: str, circle: str, commit: bool | None, today: date | None) -> None:
    """Keep someone in a circle: out of the pool, or from another circle.

    NAME is a file name (slug), a name, or a unique part of one. Only the
    `circle:` line of the file changes.

    \b
    Examples:
      abc keep "Priya Natarajan" --circle core
      abc keep priya --circle wide
    """
    day = resolve_today(today, env)
    contact, settings = _person(env, name, day)
    where = contact.source.path
    if contact.circle == circle:
        echo(f"{contact.name} is already in {circle} ({where}); nothing changed.")
        return
    was = "out of the pool" if contact.in_pool else f"was {contact.circle}"
    committed = Commit(env, settings, commit, f"Keep {contact.name} in {circle}")
    _edit(env, contact, day, _set("circle", circle), committed)
    echo(f"Kept {contact.name} in {circle}, {was} ({where}).")
    if contact.archived:
        warn(f"abc: {contact.name} is archived, so not planned: abc unarchive {contact.slug}")
    committed.report()


@click.command()
@click.argument("name")
@commit_option
@today_option
@pass_env
def archive(env: Env, name: str, commit: bool | None, today: date | None) -> None:
    """Archive someone you no longer keep up with: `archived: true` in their file.

    They leave the plan, the cadence report, the calendar and the counts; their
    file and its history stay. `abc unarchive` brings them back.

    \b
    Examples:
      abc archive "Priya Natarajan"
      abc archive priya --commit
    """
    day = resolve_today(today, env)
    contact, settings = _person(env, name, day)
    where = contact.source.path
    if contact.archived:
        echo(f"{contact.name} is already archived ({where}); nothing changed.")
        return
    committed = Commit(env, settings, commit, f"Archive {contact.name}")
    _edit(env, contact, day, _set("archived", True), committed)
    echo(f"Archived {contact.name} ({where}).")
    committed.report()


@click.command()
@click.argument("name")
@commit_option
@today_option
@pass_env
def unarchive(env: Env, name: str, commit: bool | None, today: date | None) -> None:
    """Bring an archived person back: removes `archived:` from their file.

    They return to their circle (or to the pool, if that is where they were).

    \b
    Examples:
      abc unarchive "Priya Natarajan"
      abc unarchive priya --commit
    """
    from abcnet.formats.edits import remove_key

    day = resolve_today(today, env)
    contact, settings = _person(env, name, day)
    where = contact.source.path
    if not contact.archived:
        echo(f"{contact.name} is not archived ({where}); nothing changed.")
        return
    back = "the pool" if contact.in_pool else contact.circle
    committed = Commit(env, settings, commit, f"Unarchive {contact.name}")
    _edit(env, contact, day, lambda text, data: remove_key(text, data, "archived"), committed)
    echo(f"{contact.name} is no longer archived: back in {back} ({where}).")
    committed.report()
