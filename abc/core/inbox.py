"""The inbox: touches written elsewhere (the pocket's Log it, by hand) waiting to be logged.

An entry is one file in ``inbox/``, one touch: ``person:`` (a slug, name, email,
phone, LinkedIn URL or alias), ``date:``, ``channel:``, and optional ``kind:``,
``direction:`` and ``note:`` (the fields are declared in
:data:`abcnet.core.fields.INBOX_FIELDS`). Pure: the rules that decide what
``abc inbox`` does with each entry; the files are read and written in
:mod:`abcnet.storage.inbox`.

Who ``person:`` names is decided strictly, because the inbox is folded where nobody
watches (the workflow): an email, phone or LinkedIn URL by its identity key
(:mod:`abcnet.core.handle_keys`; a phone without its country code is read in the
settings' ``me: region:``); anything else by the file name, then the whole name,
then an alias, case and accents aside. A prefix or a close spelling,
which `abc log` accepts from someone at the keyboard, is only offered as a
suggestion (:func:`abcnet.core.people.resolve`): the entry waits until it says
exactly whom it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .checks import Locator, no_lines, read_mapping
from .fields import INBOX_FIELDS, TOUCH_FIELDS
from .handle_keys import email_key, fold, linkedin_key, name_key, phone_key
from .model import Contact, Source, Touch
from .people import resolve
from .problems import NotFoundError, Problem

#: What ``abc inbox`` does with an entry.
LOG = "log"
DUPLICATE = "duplicate"
REFUSE = "refuse"


@dataclass(frozen=True)
class Entry:
    """One inbox entry that reads as a touch: whom it names, and the touch."""

    source: Source
    """The entry's file, and the line of its ``person:``."""
    person: str
    touch: Touch


@dataclass(frozen=True)
class Step:
    """What to do with one entry: log its touch, drop it as a duplicate, or leave it."""

    entry: Entry
    action: str
    """:data:`LOG`, :data:`DUPLICATE` or :data:`REFUSE`."""
    contact: Contact | None = None
    problem: Problem | None = None
    """Why its entry is left, with the entry's file and line: it is :data:`REFUSE`, or
    its touch was logged (or found logged) and the entry could not be deleted."""
    twin: str | None = None
    """For a duplicate of an entry before it in the same run (not of a touch the file
    has), that entry's path."""


def read_entry(
    data: Any, path: str, today: date, locate: Locator = no_lines
) -> tuple[Entry | None, list[Problem]]:
    """An entry from one loaded inbox file, or None and the problems that stop it."""
    values, problems = read_mapping(data, INBOX_FIELDS, path, today, locate)
    errs = [p for p in problems if p.severity == "error"]
    if values is None or errs:
        return None, problems
    values = {key: _paired(v) for key, v in values.items()}
    halves = [_lone_half(path, locate, key, v) for key, v in values.items()]
    if any(halves):
        return None, [p for p in halves if p is not None]
    person = " ".join(str(values["person"]).split())
    if not person:
        return None, [
            Problem(path, locate(("person",)), "person", "missing; write whom the touch was with")
        ]
    return Entry(Source(path, locate(("person",))), person, _touch(values)), problems


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _paired(value: Any) -> Any:
    """Text with each surrogate pair made the one character it stands for, as JSON reads
    ``"\\ud83d\\ude00"`` (YAML takes each escape alone, as half of a character).

    >>> _paired("x" + chr(0xD83D) + chr(0xDE00)) == "x" + chr(0x1F600)
    True
    """
    if not isinstance(value, str):
        return value
    return _PAIR.sub(
        lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), value
    )


def _lone_half(path: str, locate: Locator, key: str, value: Any) -> Problem | None:
    """A problem for text holding half of a character (a lone UTF-16 surrogate, as a JSON
    ``\\ud800`` or a broken phone keyboard writes), which no UTF-8 file can keep."""
    if not isinstance(value, str):
        return None
    for i, ch in enumerate(value):
        if "\ud800" <= ch <= "\udfff":
            return Problem(
                path,
                locate((key,)),
                key,
                f"half of a character at position {i + 1} (\\u{ord(ch):04x}: a broken emoji "
                "or accent, or a JSON escape of one), which no UTF-8 file can hold; retype "
                f"the {key} in this file without it, or delete the file and log the touch "
                "with abc log",
            )
    return None


def _touch(values: dict[str, Any]) -> Touch:
    return Touch(
        values["date"],
        values["channel"],
        values["direction"] or "out",
        values["kind"] or "catch-up",
        values["note"],
    )


def _label(c: Contact) -> str:
    return f"{c.name} ({c.slug})"


def _rules(query: str, region: str) -> list[tuple[str, Callable[[Contact], bool]]]:
    """The ways ``query`` may name someone, in the order they are tried."""
    text = query.strip()
    email = email_key(text.removeprefix("mailto:")) if "@" in text else None
    if email is not None:
        return [("email", lambda c: any(email_key(e) == email for e in c.emails))]
    profile = linkedin_key(text)
    if profile is not None:
        return [("LinkedIn URL", lambda c: any(linkedin_key(u) == profile for _, u in c.links))]
    phone = phone_key(text, region)
    if phone is not None:
        return [("phone", lambda c: any(phone_key(p, region) == phone for p in c.phones))]
    q, name = fold(text), name_key(text)
    return [
        ("file name", lambda c: c.slug == q),
        ("name", lambda c: name_key(c.name) == name),
        ("alias", lambda c: any(name_key(a) == name for a in c.aliases)),
    ]


def find_person(query: str, contacts: Sequence[Contact], region: str = "") -> Contact | str:
    """The one contact ``query`` names exactly, or why there is none (unknown, ambiguous).
    ``region`` reads a phone number written without its country code."""
    people = sorted(contacts, key=lambda c: c.slug)
    for what, rule in _rules(query, region):
        found = [c for c in people if rule(c)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(_label(c) for c in found[:5])
            return f"{query!r} is the {what} of {len(found)} people ({names}); write the file name"
    return _unknown(query, people)


def _unknown(query: str, people: list[Contact]) -> str:
    try:
        close = [_label(resolve(query, people))]
    except NotFoundError as e:
        close = e.candidates
    hint = f"; did you mean {' or '.join(close[:3])}? write the file name" if close else ""
    return f"nobody is {query!r}{hint}"


def same_touch(a: Touch, b: Touch) -> bool:
    """Whether two touches say the same thing: date, channel, direction, kind and note
    (where each was written in its file aside)."""
    return replace(a, line=0) == replace(b, line=0)


def is_logged(contact: Contact, touch: Touch) -> bool:
    """Whether ``contact`` already has this very touch (the same date, channel,
    direction, kind and note). Another touch on that day by that channel, a second call
    say, is not: ``abc log`` adds it too."""
    return any(same_touch(t, touch) for t in contact.touches)


def decide(entries: Iterable[Entry], contacts: Sequence[Contact], region: str = "") -> list[Step]:
    """What to do with each entry, in order: an entry naming nobody exactly is left; one
    repeating a touch the file has (every field the same), or an entry before it, is a
    duplicate; the rest are logged, a second touch on one day by one channel included."""
    steps = []
    seen: dict[tuple[str, Touch], str] = {}
    for e in entries:
        found = find_person(e.person, contacts, region)
        if isinstance(found, str):
            problem = Problem(e.source.path, e.source.line, "person", found)
            steps.append(Step(e, REFUSE, problem=problem))
            continue
        key = (found.slug, replace(e.touch, line=0))
        if is_logged(found, e.touch):
            steps.append(Step(e, DUPLICATE, found))
        elif key in seen:
            steps.append(Step(e, DUPLICATE, found, twin=seen[key]))
        else:
            seen[key] = e.source.path
            steps.append(Step(e, LOG, found))
    return steps


def in_file(data: Any, touch: Touch) -> bool:
    """Whether a contact file's loaded data already lists this very touch (its text as
    it is now, which may have changed since it was checked), each touch read as the
    checker reads it."""
    touches = data.get("touches") if isinstance(data, dict) else None
    if not isinstance(touches, list):
        return False
    for t in touches:
        values, _ = read_mapping(t, TOUCH_FIELDS, "", date.max)
        if values is not None and values["date"] is not None and same_touch(_touch(values), touch):
            return True
    return False
