"""``abc import``: a file of another tool's contacts read, planned against the network, and
the plan carried out, each new file created, each known file filled, atomically.

:func:`import_file` is the whole command. In :func:`apply`, a file that appeared
meanwhile, or that cannot be changed, becomes a skip with its reason; everything
else in the plan goes ahead. The files are written in batches under one hold of
the network's lock (:func:`~.atomic.write_many`: every temporary file, one sync,
then each put in place), so that 1,500 new files cost one sync per batch rather
than two each. Ctrl-C stops between batches: the files written stay, and the
same import run again does the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from abcnet.core.import_plan import Create, Parsed, Plan, Skip, Update, plan_import
from abcnet.core.problems import DataError, Interrupted, WriteError
from abcnet.core.words import files_have_problems, plural
from abcnet.formats.contact_text import new_contact
from abcnet.formats.edits import fill_fields
from abcnet.formats.imports import READERS

from .atomic import BOM, Item, write_many
from .contact_files import open_for_edit
from .inputs import read_input
from .layout import CONTACTS_DIR, contact_files, unusable
from .lock import network_lock
from .network import load_network
from .scaffold import contact_header

#: Wraps the steps, to show progress while they run (the identity by default).
Progress = Callable[[list[Create | Update]], Iterable[Create | Update]]
#: Files written with one sync.
BATCH = 250


def _ignore(text: str) -> None:
    """No one to tell (the default ``notice``)."""


def _each(steps: list[Create | Update]) -> Iterator[Create | Update]:
    yield from steps


@dataclass
class _Done:
    created: list[Create]
    updated: list[Update]
    skipped: list[Skip]

    @property
    def written(self) -> int:
        return len(self.created) + len(self.updated)


def apply(
    root: Path, plan: Plan, today: date, header: str | None = None, progress: Progress = _each
) -> Plan:
    """Write ``plan``; return what was really done (the same plan, or with more skips).

    ``header`` becomes comment lines at the top of each new file. Interrupted (exit
    130) on Ctrl-C, saying how many files were written.
    """
    done = _Done([], [], list(plan.skipped))
    with network_lock(root) as temp:
        batch: list[tuple[Create | Update, Item]] = []
        try:
            for step in progress([*plan.created, *plan.updated]):
                item = _prepare(root, step, today, header, done)
                if item is not None:
                    batch.append((step, item))
                if len(batch) >= BATCH:
                    _write(root, batch, temp, done)
            _write(root, batch, temp, done)
        except KeyboardInterrupt:
            raise _interrupted(done.written) from None
        except WriteError as e:
            raise _stopped(e, done.written) from None
    return replace(
        plan, created=tuple(done.created), updated=tuple(done.updated), skipped=tuple(done.skipped)
    )


def _prepare(
    root: Path, step: Create | Update, today: date, header: str | None, done: _Done
) -> Item | None:
    """What to write for ``step``; None when there is nothing to (a skip, or no change)."""
    folder = root / CONTACTS_DIR
    path = folder / f"{step.slug}.yaml"
    if isinstance(step, Create):
        if path.resolve().parent != folder.resolve():
            raise ValueError(f"unsafe file name: {step.slug!r}")
        if os.path.lexists(path) or os.path.lexists(path.with_suffix(".yml")):
            done.skipped.append(Skip(step.name, step.line, _taken(root, step.slug)))
            return None
        text = new_contact(step.fields, header=header)
        return (path, text.encode("utf-8"), True, f"{CONTACTS_DIR}/{path.name}")
    try:
        target, rel, raw, text, data = open_for_edit(root, step.slug, today)
    except DataError as e:
        done.skipped.append(Skip(step.name, step.line, e.message))
        return None
    new = fill_fields(text, data, step.fields)
    if new == text:
        done.updated.append(step)
        return None
    bom = BOM if raw.startswith(BOM) else b""
    return (target, bom + new.encode("utf-8"), False, rel)


def _write(
    root: Path, batch: list[tuple[Create | Update, Item]], temp: Path | None, done: _Done
) -> None:
    """Write the batch (emptying it), recording each step as done or skipped."""

    def placed(i: int, ok: bool) -> None:
        step = batch[i][0]
        if not ok:
            done.skipped.append(Skip(step.name, step.line, _taken(root, step.slug)))
        elif isinstance(step, Create):
            done.created.append(step)
        else:
            done.updated.append(step)

    try:
        write_many([item for _, item in batch], temp=temp, placed=placed)
    finally:
        batch.clear()


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


def _files(done: int) -> str:
    return plural(done, "file was", "files were")


def _interrupted(done: int) -> Interrupted:
    if not done:
        return Interrupted("interrupted; no file was written")
    return Interrupted(
        f"interrupted; {_files(done)} written, and running the same import again finishes the job"
    )


def _stopped(e: WriteError, done: int) -> WriteError:
    """A write that failed part of the way through: what is done stays done."""
    if not done:
        return e
    return WriteError(
        e.path,
        e.reason,
        hint=e.hint,
        outcome=f"the import stopped there; {_files(done)} written before it, and running "
        "the same import again does the rest",
    )
