"""Carrying out an import plan: each new file created, each known file filled, atomically.

A file that appeared meanwhile, or that cannot be changed, becomes a skip with
its reason; everything else in the plan goes ahead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.import_plan import Create, Plan, Skip, Update
from abcnet.core.problems import DataError, WriteError
from abcnet.formats.contact_text import new_contact
from abcnet.formats.edits import fill_fields

from .contact_files import create_contact, edit_contact
from .layout import CONTACTS_DIR, unusable

#: Wraps the steps, to show progress while they run (the identity by default).
Progress = Callable[[list[Create | Update]], Iterable[Create | Update]]


def _each(steps: list[Create | Update]) -> Iterator[Create | Update]:
    yield from steps


def apply(
    root: Path, plan: Plan, today: date, header: str | None = None, progress: Progress = _each
) -> Plan:
    """Write ``plan``; return what was really done (the same plan, or with more skips).

    ``header`` becomes comment lines at the top of each new file.
    """
    created: list[Create] = []
    updated: list[Update] = []
    skipped = list(plan.skipped)
    for step in progress([*plan.created, *plan.updated]):
        try:
            if isinstance(step, Create):
                create_contact(root, step.slug, new_contact(step.fields, header=header))
                created.append(step)
            else:
                edit_contact(root, step.slug, today, _filler(step.fields))
                updated.append(step)
        except FileExistsError:
            skipped.append(Skip(step.name, step.line, _taken(root, step.slug)))
        except DataError as e:
            skipped.append(Skip(step.name, step.line, e.message))
        except WriteError as e:
            raise _stopped(e, len(created) + len(updated)) from None
    return replace(plan, created=tuple(created), updated=tuple(updated), skipped=tuple(skipped))


def _taken(root: Path, slug: str) -> str:
    """Why a new file could not be created: another is there now, or something unusable."""
    rel = f"{CONTACTS_DIR}/{slug}.yaml"
    why = unusable(root / rel, root)
    return f"{rel} is {why[1]}" if why is not None else f"{rel} appeared meanwhile"


def _stopped(e: WriteError, done: int) -> WriteError:
    """A write that failed part of the way through: what is done stays done."""
    if not done:
        return e
    files = "file was" if done == 1 else "files were"
    return WriteError(
        e.path,
        e.reason,
        hint=e.hint,
        outcome=f"the import stopped there; {done} {files} written before it, and running "
        "the same import again does the rest",
    )


def _filler(fields: dict[str, Any]) -> Callable[[str, Any], str]:
    return lambda text, data: fill_fields(text, data, fields)
