"""Choosing who to keep: triage the pool one key at a time; keep, archive, unarchive."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from abcnet.core.model import CIRCLES, Contact, Network, Settings
from abcnet.core.words import counted

if TYPE_CHECKING:
    from abcnet.core.triage import LookAlike, Scored

from .base import (
    NetworkRef,
    commit_option,
    echo,
    echo_lines,
    load,
    load_with_reasons,
    pass_ref,
    resolve_today,
    today_option,
    warn,
)
from .commits import Commit

KEYS = {
    "i": "inner",
    "c": "core",
    "w": "wide",
    "a": "archive",
    "s": "skip",
    "f": "fields",
    "m": "merge",
    "o": "org",
    "q": "quit",
}
PROMPT = "  i inner · c core · w wide · a archive · s skip · f fields · q quit: "


def _set_field(
    ref: NetworkRef,
    contact: Contact,
    settings: Settings,
    day: date,
    key: str,
    value: Any,
    *,
    commit: bool | None,
    message: str,
) -> Commit:
    """Set (None: remove) one key of ``contact``'s file, committed as ``message`` when
    wanted; the commit, to report once the command has said what it changed."""
    from abcnet.storage.changes import set_field

    committer = Commit(ref, settings, commit, message)
    set_field(ref.root, contact, day, key, value, commit=committer)
    return committer


def _write_skipped(root: Path, slugs: set[str]) -> bool:
    """Remember ``slugs`` as skipped; False (with a warning) when that cannot be written."""
    from abcnet.storage.skipped import write_skipped

    why = write_skipped(root, slugs)
    if why is not None:
        warn(f"abc: {why}; the next triage will not know who was skipped")
    return why is None


def _key(valid: Iterable[str]) -> str:
    """One key: a key press on a terminal, else the first letter of a line (EOF quits).
    Empty when it is not one of ``valid``."""
    stdin = sys.stdin
    try:
        if stdin.isatty():
            typed = click.getchar()
        else:
            line = stdin.readline()
            typed = line.strip()[:1] if line else "q"
    except (KeyboardInterrupt, EOFError):
        typed = "q"
    return typed.lower() if typed.lower() in valid else ""


def _ask(extra: dict[str, str]) -> str:
    """The choice for one person: a key of :data:`KEYS` (``extra``: the keys this person
    also has, with how the prompt says them)."""
    valid = [k for k in KEYS if k not in ("m", "o")] + list(extra)
    more = "".join(f"{k} {what} · " for k, what in extra.items())
    echo(PROMPT.replace("q quit", more + "q quit"), nl=False)
    while True:
        key = _key(valid)
        echo(key or "?")
        if key:
            return KEYS[key]
        echo(f"  press {', '.join(valid[:-1])} or q: ", nl=False)


def _yes(question: str) -> bool:
    echo(f"  {question} y/n: ", nl=False)
    key = _key("yn")
    echo(key or "?")
    return key == "y"


class _Session:
    """One triage: the queue, what was decided, and the writes, each at once."""

    def __init__(self, ref: NetworkRef, network: Network, day: date, commit: bool | None) -> None:
        from abcnet.core.triage import Tally

        self.ref, self.network, self.day, self.commit = ref, network, day, commit
        self.tally = Tally()
        self.done: set[str] = set()
        self.merged: dict[str, Contact] = {}
        """Each file a merge wrote, by slug: the person as the file now reads."""
        self.remember = True
        """Whether who was skipped can still be written down."""

    def write(self, c: Contact, key: str, value: Any, message: str) -> Commit | None:
        """Change ``c``'s file, and the commit to report (None: a file that cannot be
        changed is skipped, saying why)."""
        from abcnet.core.problems import DataError, ReadError, WriteError

        try:
            committer = _set_field(
                self.ref,
                c,
                self.network.settings,
                self.day,
                key,
                value,
                commit=self.commit,
                message=message,
            )
        except (DataError, ReadError, WriteError) as e:
            first = e.problems[0] if isinstance(e, DataError) and e.problems else None
            echo(f"  not changed: {e.message}" + (f"; {first}" if first else ""))
            self.tally.skipped += 1
            return None
        self.done.add(c.slug)
        return committer

    def archive(self, c: Contact) -> None:
        committer = self.write(c, "archived", True, f"Archive {c.name}")
        if committer is not None:
            self.tally.archived += 1
            echo(f"  archived ({c.source.path})")
            committer.report()

    def keep(self, c: Contact, circle: str) -> None:
        committer = self.write(c, "circle", circle, f"Keep {c.name} in {circle}")
        if committer is not None:
            self.tally.keep(circle)
            echo(f"  kept in {circle} ({c.source.path})")
            committer.report()

    def merge(self, c: Contact, into: Contact) -> bool:
        """Fold ``c``'s file into ``into``'s; whether it was done."""
        from abcnet.core.problems import AbcError, DataError
        from abcnet.formats.people import merge_lines
        from abcnet.storage.merging import merge_files

        message = f"Merge {c.source.path} into {into.source.path}"
        committer = Commit(self.ref, self.network.settings, self.commit, message)
        try:
            done = merge_files(
                self.ref.root,
                into,
                c,
                self.day,
                region=self.network.settings.me.region,
                then=committer.all,
            )
        except AbcError as e:
            first = e.problems[0] if isinstance(e, DataError) and e.problems else None
            echo(f"  not merged: {e.message}" + (f"; {first}" if first else ""))
            self.tally.skipped += 1
            return False
        echo_lines([f"  {line}" for line in merge_lines(done)])
        committer.report()
        self.tally.merged += 1
        self.done.add(c.slug)
        if done.merged is not None:
            self.merged[into.slug] = done.merged
        return True

    def archive_org(self, c: Contact, others: list[Scored]) -> None:
        """Archive ``c`` and, if the user says so, the ``others`` at their org."""
        self.archive(c)
        if _yes(f"archive the {len(others):,} others at {c.org} too?"):
            for s in others:
                self.archive(s.contact)


def _extra(c: Contact, same: tuple[LookAlike, ...], others: list[Scored]) -> dict[str, str]:
    extra = {"m": "merge"} if same else {}
    if others:
        extra["o"] = f"archive all {len(others) + 1:,} at {c.org}"
    return extra


def _decide(
    session: _Session,
    c: Contact,
    same: tuple[LookAlike, ...],
    others: list[Scored],
    skipped: set[str],
) -> bool:
    """Ask about ``c`` and do what the key says; False when it says quit."""
    from abcnet.core.triage import staying
    from abcnet.formats.triage import field_lines

    choice = _ask(_extra(c, same, others))
    while choice == "fields":
        echo_lines(field_lines(c))
        choice = _ask(_extra(c, same, others))
    if choice == "merge":
        keep, other = staying(c, same[0].other)
        if session.merge(other, keep) and keep is c:  # still in the pool: ask again
            return _decide(session, session.merged.get(c.slug, c), (), others, skipped)
        return True
    if choice == "quit":
        return False
    if choice == "skip":
        skipped.add(c.slug)
        session.remember = session.remember and _write_skipped(session.ref.root, skipped)
        session.tally.skipped += 1
        echo("  skipped: again next run, after the others")
    elif choice == "archive":
        session.archive(c)
    elif choice == "org":
        session.archive_org(c, others)
    else:
        session.keep(c, choice)
    return True


def _header(n: int, orgs: tuple[str, ...], tags: tuple[str, ...]) -> str:
    which = []
    if orgs:
        which.append(f"at {' or '.join(orgs)}")
    if tags:
        which.append(f"tagged {', '.join(tags)}")
    who = f"{counted(n, 'person', 'people')} in the pool"
    return f"Triage: {' '.join([who, *which])}, most promising first."


@click.command()
@click.option("--org", "orgs", multiple=True, help="Only people at this org (a part of its name).")
@click.option(
    "--tag", "tags", multiple=True, help="Only people with this tag (repeat: all of them)."
)
@commit_option
@today_option
@pass_ref
def triage(
    ref: NetworkRef,
    orgs: tuple[str, ...],
    tags: tuple[str, ...],
    commit: bool | None,
    today: date | None,
) -> None:
    """Go through the pool one person at a time and choose who to keep.

    The pool holds people imported but not kept yet (`circle: pool`). The most
    promising come first: an email or a phone, touches either way, a `met.how`
    that says more than "Connected on LinkedIn", a recent `met.date`, tags. For
    each, one key: i keep in inner, c core, w wide, a archive, s skip, f show
    the rest of their file, q quit; m merges two files that look like one
    person (a shared email, LinkedIn URL or phone, or the same name and nothing
    else in common), keeping the file kept already, else the earlier one, and
    o archives everyone left at their org. Each choice is written
    to the person's file at once, so quitting loses nothing; the next run goes
    on with who is left, the people you skipped last. A file that cannot be
    changed is skipped, saying why. --org and --tag go through part of the pool.

    \b
    Examples:
      abc triage
      abc triage --org Wipro
      abc triage --tag python --commit
    """
    from abcnet.core.triage import look_alikes, picked, pool_order, same_org, score
    from abcnet.formats.triage import card_lines, summary_line
    from abcnet.storage.skipped import read_skipped

    day = resolve_today(today, ref)
    network, everyone, left_out = load_with_reasons(ref, day)
    before = read_skipped(ref.root)
    queue = picked(pool_order(network.contacts, day, before), orgs, tags)
    if not queue:
        where = " that fits --org and --tag" if orgs or tags else ""
        echo(f"Nobody in the pool{where}: everyone is kept or archived.")
        return
    n = len(queue)
    echo(_header(n, orgs, tags))
    alike = look_alikes(everyone.contacts, region=network.settings.me.region)
    session = _Session(ref, network, day, commit)
    skipped = before & {s.contact.slug for s in queue}  # who was kept meanwhile is let go
    for i, scored in enumerate(queue, 1):
        if scored.contact.slug in session.done:
            continue
        if scored.contact.slug in session.merged:  # another file was merged into this one
            scored = score(session.merged[scored.contact.slug], day)
        same = tuple(
            a for a in alike.get(scored.contact.slug, ()) if a.other.slug not in session.done
        )
        others = [
            s for s in same_org(queue[i:], scored.contact) if s.contact.slug not in session.done
        ]
        echo("")
        echo_lines(card_lines(scored, i, n, same, left_out))
        if not _decide(session, scored.contact, same, others, skipped):
            break
    t = session.tally
    left = n - sum(t.kept.values()) - t.archived - t.merged
    echo("")
    echo(f"Done: {summary_line(t, left)}.")


def _person(ref: NetworkRef, name: str, day: date) -> tuple[Contact, Settings]:
    """The one person ``name`` names (files with problems included, to say what is wrong)."""
    from abcnet.core.people import resolve

    network = load(ref, day, keep_all=True)
    return resolve(name, network.contacts), network.settings


@click.command()
@click.argument("name")
@click.option("--circle", type=click.Choice(CIRCLES), required=True, help="inner, core or wide.")
@commit_option
@today_option
@pass_ref
def keep(ref: NetworkRef, name: str, circle: str, commit: bool | None, today: date | None) -> None:
    """Keep someone in a circle: out of the pool, or from another circle.

    NAME is a file name (slug), a name, or a unique part of one. Only the
    `circle:` line of the file changes.

    \b
    Examples:
      abc keep "Priya Natarajan" --circle core
      abc keep priya --circle wide
    """
    day = resolve_today(today, ref)
    contact, settings = _person(ref, name, day)
    where = contact.source.path
    if contact.circle == circle:
        echo(f"{contact.name} is already in {circle} ({where}); nothing changed.")
        return
    was = "out of the pool" if contact.in_pool else f"was {contact.circle}"
    committer = _set_field(
        ref,
        contact,
        settings,
        day,
        "circle",
        circle,
        commit=commit,
        message=f"Keep {contact.name} in {circle}",
    )
    echo(f"Kept {contact.name} in {circle}, {was} ({where}).")
    if contact.archived:
        warn(f"abc: {contact.name} is archived, so not planned: abc unarchive {contact.slug}")
    committer.report()


@click.command()
@click.argument("name")
@commit_option
@today_option
@pass_ref
def archive(ref: NetworkRef, name: str, commit: bool | None, today: date | None) -> None:
    """Archive someone you no longer keep up with: `archived: true` in their file.

    They leave the plan, the cadence report, the calendar and the counts; their
    file and its history stay. `abc unarchive` brings them back.

    \b
    Examples:
      abc archive "Priya Natarajan"
      abc archive priya --commit
    """
    day = resolve_today(today, ref)
    contact, settings = _person(ref, name, day)
    where = contact.source.path
    if contact.archived:
        echo(f"{contact.name} is already archived ({where}); nothing changed.")
        return
    committer = _set_field(
        ref,
        contact,
        settings,
        day,
        "archived",
        True,
        commit=commit,
        message=f"Archive {contact.name}",
    )
    echo(f"Archived {contact.name} ({where}).")
    committer.report()


@click.command()
@click.argument("name")
@commit_option
@today_option
@pass_ref
def unarchive(ref: NetworkRef, name: str, commit: bool | None, today: date | None) -> None:
    """Bring an archived person back: removes `archived:` from their file.

    They return to their circle (or to the pool, if that is where they were).

    \b
    Examples:
      abc unarchive "Priya Natarajan"
      abc unarchive priya --commit
    """
    day = resolve_today(today, ref)
    contact, settings = _person(ref, name, day)
    where = contact.source.path
    if not contact.archived:
        echo(f"{contact.name} is not archived ({where}); nothing changed.")
        return
    back = "the pool" if contact.in_pool else contact.circle
    committer = _set_field(
        ref,
        contact,
        settings,
        day,
        "archived",
        None,
        commit=commit,
        message=f"Unarchive {contact.name}",
    )
    echo(f"{contact.name} is no longer archived: back in {back} ({where}).")
    committer.report()
