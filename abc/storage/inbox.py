"""``inbox/``'s files: the entries read, and ``abc inbox --apply``'s writes.

Each entry is taken alone, under the network's lock: its touch is added through
``abc log``'s edit path (:func:`~abcnet.formats.edits.add_touch` in
:func:`~abcnet.storage.contact_files.edit_contact`: lossless, checked, atomic), recorded in
the journal for ``abc unlog``, read back from the file, and only then is the entry
deleted. A run killed before the deletion leaves an entry whose touch the file
already has: the next run sees a duplicate (the same person and the very same touch:
date, channel, direction, kind and note) and deletes it without a second touch. So a
kill at any moment loses nothing and adds nothing twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.inbox import DUPLICATE, LOG, REFUSE, Entry, Step, in_file, read_entry
from abcnet.core.merge import touch_fields
from abcnet.core.problems import AbcError, Problem
from abcnet.formats.edits import add_touch
from abcnet.formats.yamltext import decode, load_text, rt_locator

from . import journal
from .contact_files import delete_contact, edit_contact
from .layout import INBOX_DIR, entry_files, reason, stray_files
from .lock import network_lock

#: The most an entry may hold: the pocket writes a few hundred bytes.
MAX_ENTRY = 64 * 1024

#: What to do once an entry is done, still under the lock (abc's git commit): the step
#: and the files it changed (the contact file, the entry deleted).
Done = Callable[[Step, list[Path]], object] | None


def _read(path: Path, rel: str, today: date) -> tuple[Entry | None, list[Problem]]:
    if path.is_symlink() or not path.is_file():
        return None, [Problem(rel, 0, "", "not a plain file; an entry is a small YAML file")]
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_ENTRY + 1)
    except OSError as e:
        return None, [Problem(rel, 0, "", f"cannot read it: {reason(e)}")]
    if len(raw) > MAX_ENTRY:
        return None, [Problem(rel, 0, "", "too large to be an inbox entry (one touch)")]
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    data, problems = load_text(text, rel, "rt")
    if problems:
        return None, problems
    return read_entry(data, rel, today, rt_locator(data))


def read_inbox(root: Path, today: date) -> tuple[list[Entry], list[Problem]]:
    """Every entry that reads as a touch, and the problems of those that do not. An
    ``inbox`` that is a link is not followed: what it points to may be anywhere."""
    if (root / INBOX_DIR).is_symlink():
        why = (
            "a link, not a folder: abc inbox reads and deletes entries only in a folder of "
            f"this repository; put a folder named {INBOX_DIR} here instead"
        )
        return [], [Problem(INBOX_DIR, 0, "", why)]
    entries, problems = [], []
    for path in entry_files(root):
        entry, found = _read(path, path.relative_to(root).as_posix(), today)
        problems += found
        if entry is not None:
            entries.append(entry)
    return entries, problems


def stray_warnings(root: Path) -> list[Problem]:
    """A warning for each file of ``inbox/`` that is not an entry and is not read (an
    entry typed on GitHub's new-file page without ``.yaml``, say), with the name to give
    it if it is one."""
    out = []
    for rel in stray_files(root):
        name = rel.rsplit("/", 1)[-1]
        typed = re.search(r"\.ya?ml", name, re.IGNORECASE)  # Ada.YAML, ada.yaml.txt
        stem = name[: typed.start()] if typed else name
        why = (
            f"not read: only .yaml and .yml files are entries (if it is one, rename it {stem}.yaml)"
        )
        out.append(Problem(rel, 0, "", why, "warning"))
    return out


def _refused(step: Step, message: str) -> Step:
    e = step.entry
    return replace(step, action=REFUSE, problem=Problem(e.source.path, e.source.line, "", message))


def _log(root: Path, step: Step, today: date) -> tuple[Step, Path | None]:
    """Add the step's touch to its contact file; the step as it turned out, and the file."""
    assert step.contact is not None
    touch = step.entry.touch
    found: list[bool] = []

    def change(text: str, data: Any) -> str:
        if in_file(data, touch):  # logged since the plan was made (or by a killed run)
            found.append(True)
            return text
        return add_touch(text, data, touch_fields(touch))

    rel = step.contact.source.path
    after = journal.recorder(root, rel, touch_fields(touch), None)
    try:
        path = edit_contact(root, step.contact.slug, today, change, then=after)
    except AbcError as e:
        return _refused(step, f"{e.message.rstrip('.')}; the entry stays"), None
    try:
        data, _ = load_text(path.read_bytes().decode("utf-8-sig"), rel, "safe")
    except (OSError, UnicodeDecodeError):
        data = None
    if not in_file(data, touch):
        return _refused(step, f"the touch does not read back from {rel}; the entry stays"), None
    return (replace(step, action=DUPLICATE) if found else step), path


def _delete(root: Path, step: Step, path: Path | None, done: Done) -> Step:
    entry = root / step.entry.source.path
    try:
        delete_contact(root, entry, outcome="the touch is logged; delete the entry yourself")
    except AbcError as e:
        # The touch is in the contact file (and is committed): only the entry stays.
        e_ = step.entry
        if done is not None and path is not None:
            done(step, [path])
        return replace(step, problem=Problem(e_.source.path, e_.source.line, "", e.message))
    _prune(root, entry.parent)
    if done is not None:
        done(step, [p for p in (path, entry) if p is not None])
    return step


def _prune(root: Path, folder: Path) -> None:
    """Remove the folders inside ``inbox/`` that the deletion left empty (git keeps no
    empty folder either); ``inbox/`` itself stays."""
    top = root / INBOX_DIR
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or not ours to remove: leave it
            return
        folder = folder.parent


def apply(root: Path, steps: list[Step], today: date, done: Done = None) -> list[Step]:
    """Carry out ``steps`` under the network's lock: log each touch, then delete its entry;
    delete each duplicate. Returns the steps as they turned out: one that could not be
    done is :data:`REFUSE` with its reason, and its entry is still there."""
    out = []
    with network_lock(root):
        for step in steps:
            path = None
            if step.action == LOG:
                step, path = _log(root, step, today)
            elif step.action == DUPLICATE and step.contact is not None:
                # Its touch may be one a killed run wrote and never committed: the
                # commit of the deletion carries the contact file too.
                path = root / step.contact.source.path
            if step.action in (LOG, DUPLICATE):
                step = _delete(root, step, path, done)
            out.append(step)
    return out
