"""``abc import``: a file of another tool's contacts read, planned against the network, and
the plan carried out, each new file created, each known file filled, atomically.

:func:`import_file` is the whole command. In :func:`apply`, a file that appeared
meanwhile, or that cannot be changed, becomes a skip with its reason; everything
else in the plan goes ahead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.import_plan import Create, Parsed, Plan, Skip, Update, plan_import
from abcnet.core.problems import DataError, WriteError
from abcnet.core.words import files_have_problems, plural
from abcnet.formats.contact_text import new_contact
from abcnet.formats.edits import fill_fields
from abcnet.formats.imports import READERS

from .contact_files import Change, create_contact, edit_contact
from .inputs import read_input
from .layout import CONTACTS_DIR, contact_files, unusable
from .network import load_network
from .scaffold import contact_header

#: Wraps the steps, to show progress while they run (the identity by default).
Progress = Callable[[list[Create | Update]], Iterable[Create | Update]]


def _ignore(text: str) -> None:
    """No one to tell (the default ``notice``)."""


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


@dataclass(frozen=True)
class Imported:
    """What ``abc import`` read, and what it did (or, in a dry run, would do)."""

    parsed: Parsed
    plan: Plan


def import_file(
    root: Path,
    source: str,
    file: Path,
    today: date,
    *,
    circle: str,
    accept_name_matches: bool = False,
    dry_run: bool = False,
    progress: Progress = _each,
    notice: Callable[[str], object] = _ignore,
) -> Imported:
    """``abc import SOURCE FILE``: read ``file`` as ``source`` (a key of
    :data:`~abcnet.formats.imports.READERS`), plan it against the network, and
    unless ``dry_run`` carry the plan out.

    The whole file is read first: DataError, with every problem, if it cannot be
    imported. People in contact files with errors are not changed (``notice`` says
    which files).
    """
    parsed = READERS[source](read_input(file), str(file))
    if parsed.errors:
        raise DataError(f"{file} cannot be imported; nothing was written", parsed.errors)
    network, problems = load_network(root, today)
    broken = {p.path for p in problems if p.severity == "error"}
    if broken:
        notice(files_have_problems(sorted(broken), "nobody in them is changed"))
    taken = {p.stem for p in contact_files(root)}
    plan = plan_import(
        parsed,
        network.contacts,
        taken,
        today,
        circle=circle,
        broken=broken,
        accept_name_matches=accept_name_matches,
        region=network.settings.me.region,
    )
    if not dry_run:
        plan = apply(root, plan, today, contact_header(root), progress)
    return Imported(parsed, plan)


def _taken(root: Path, slug: str) -> str:
    """Why a new file could not be created: another is there now, or something unusable."""
    rel = f"{CONTACTS_DIR}/{slug}.yaml"
    why = unusable(root / rel, root)
    return f"{rel} is {why[1]}" if why is not None else f"{rel} appeared meanwhile"


def _stopped(e: WriteError, done: int) -> WriteError:
    """A write that failed part of the way through: what is done stays done."""
    if not done:
        return e
    files = plural(done, "file was", "files were")
    return WriteError(
        e.path,
        e.reason,
        hint=e.hint,
        outcome=f"the import stopped there; {files} written before it, and running "
        "the same import again does the rest",
    )


def _filler(fields: dict[str, Any]) -> Change:
    return lambda text, data: fill_fields(text, data, fields)
