"""Changing one person's file: ``abc log`` (the edit, then the journal, then the commit),
``abc add`` (the duplicate check, then the new file), and setting or removing one key
(``abc snooze``, ``keep``, ``archive``, ``unarchive`` and triage's choices).

Each is one call that the command makes with what it parsed; each write is atomic,
checked, and under the network's lock, with abc's git commit (when wanted) under
the same lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.identity import keys, refusal
from abcnet.core.model import Contact, Network
from abcnet.core.people import resolve
from abcnet.core.problems import UsageError
from abcnet.core.slugs import slugify
from abcnet.formats.contact_text import new_contact
from abcnet.formats.edits import add_touch, new_contact_problems, remove_key, set_key

from . import journal
from .contact_files import Change, create_contact, edit_contact
from .git import Commit
from .layout import CONTACTS_DIR
from .scaffold import contact_header

#: How a commit message names a touch on each channel (the channel itself otherwise).
_VERBS = {"call": "call", "video": "video call", "meeting": "meeting"}


@dataclass(frozen=True)
class Logged:
    """What ``abc log`` did."""

    contact: Contact
    what: str
    """The channel, or ``touch`` without one."""
    when: date
    commit: Commit


def log_touch(
    root: Path,
    network: Network,
    name: str,
    today: date,
    touch: dict[str, Any],
    *,
    commit: bool,
) -> Logged:
    """Add ``touch`` (``date``, ``channel``, and ``direction``, ``kind``, ``note`` where
    given) to the file of the one person ``name`` names; note it in the journal for
    ``abc unlog``; then, with ``commit``, commit the file. NotFoundError when ``name``
    names nobody, or more than one person."""
    contact = resolve(name, network.contacts)
    what = touch.get("channel") or "touch"
    committing = Commit(root, f"Log {_VERBS.get(what, what)} with {contact.name}", commit)
    edit_contact(
        root,
        contact.slug,
        today,
        lambda text, data: add_touch(text, data, touch),
        then=journal.recorder(root, contact.source.path, touch, committing),
    )
    return Logged(contact, what, touch["date"], committing)


@dataclass(frozen=True)
class Added:
    """What ``abc add`` did."""

    name: str
    path: str
    """The new file, relative to the network (``contacts/ada-okafor.yaml``)."""
    commit: Commit


def add_person(
    root: Path,
    network: Network,
    fields: dict[str, Any],
    today: date,
    *,
    namesake: bool = False,
    commit: bool,
) -> Added:
    """Create the file of a new person from ``fields`` (as
    :func:`~abcnet.formats.contact_text.new_contact` takes them), never over another.

    UsageError, with nothing written, when the name makes no file name, when the
    person seems to be here already (the same name, email, phone or LinkedIn URL:
    the identity rule; with ``namesake``, a shared name alone is another person, whose
    file is ``<slug>-2``), when the file would not pass ``abc check``, or when the file
    exists already.
    """
    name = fields["name"]
    slug = slugify(name)
    if not slug:
        raise UsageError(f"cannot make a file name from {name!r}; use letters or digits")
    region = network.settings.me.region
    handles = keys(name, fields["email"], fields["links"].items(), fields["phone"], region=region)
    why = refusal(name, network.contacts, handles, region=region, namesake=namesake)
    if why is not None:
        raise UsageError(why)
    if namesake:
        slug = _free_slug(slug, {c.slug for c in network.contacts})
    text = new_contact(fields, header=contact_header(root))
    rel = f"{CONTACTS_DIR}/{slug}.yaml"
    problems = new_contact_problems(text, rel, today)
    if problems:
        raise UsageError(
            f"{rel} would not pass abc check ({problems[0].field}: {problems[0].message}); "
            "nothing was written"
        )
    committing = Commit(root, f"Add {name}", commit)
    try:
        path = create_contact(root, slug, text, then=committing)
    except FileExistsError:
        raise UsageError(
            f"{rel} already exists; nothing was written. Pick another "
            "spelling of the name, or edit that file"
        ) from None
    return Added(name, path.relative_to(root).as_posix(), committing)


def set_field(
    root: Path, contact: Contact, today: date, key: str, value: Any, *, commit: Commit
) -> Path:
    """Set ``key`` to ``value`` in ``contact``'s file (None: remove the key), then commit."""
    change: Change = (
        (lambda text, data: remove_key(text, data, key))
        if value is None
        else (lambda text, data: set_key(text, data, key, value))
    )
    return edit_contact(root, contact.slug, today, change, then=commit)


def _free_slug(slug: str, used: set[str]) -> str:
    """``slug``, or the first of ``slug-2``, ``slug-3``... that no file has."""
    n, free = 2, slug
    while free in used:
        free, n = f"{slug}-{n}", n + 1
    return free
