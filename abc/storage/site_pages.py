"""``abc site update``: the files ``abc init`` wrote read, planned
(:mod:`abcnet.core.site_pages`) and brought up to date under the network's lock.

Each file is written atomically and read back (:func:`~abcnet.storage.atomic.write_file`);
a new file is linked into place, so a file that appeared meanwhile is never
overwritten, and a file is replaced only if it still holds, just before, the bytes
the plan saw. A file the user changed is never written. abc's workflow is filled in
with the network's own ``ABC_INSTALL`` line and the comment above it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from abcnet import __version__
from abcnet.core.problems import UsageError
from abcnet.core.site_pages import (
    ADD,
    EDITED,
    MERGED,
    UPDATE,
    WORKFLOW,
    PageStep,
    install_lines,
    line_ends_of,
    plan,
    read_versions,
)
from abcnet.formats.mkdocs_config import NAV_FILE, merge

from .atomic import link_new, write_file
from .install import how_installed
from .lock import network_lock
from .scaffold import abc_files, data_file, publish_workflow, workflow_with

#: abc's list of every version it shipped of each page, in ``abc/data/``.
VERSIONS_FILE = "site-versions.txt"


def _present(root: Path, paths: list[str]) -> tuple[dict[str, bytes], set[str]]:
    """The plain files the network has at ``paths``, and the paths where something
    else stands (a link, a folder, a device, an unreadable file)."""
    present: dict[str, bytes] = {}
    blocked: set[str] = set()
    for rel in paths:
        path = root / rel
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError:
            blocked.add(rel)
            continue
        if not stat.S_ISREG(st.st_mode):
            blocked.add(rel)
            continue
        try:
            present[rel] = path.read_bytes()
        except OSError:
            blocked.add(rel)
    return present, blocked


def _folders_free(root: Path, rel: str) -> bool:
    """Make the folders a new page goes in; False when a file stands where one goes."""
    folder = (root / rel).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        return False
    return folder.is_dir() and not folder.is_symlink()


def _write(root: Path, step: PageStep, data: bytes, before: bytes | None) -> PageStep:
    path = root / step.path
    if step.action == ADD:
        if not _folders_free(root, step.path):
            return replace(step, action=EDITED)
        try:
            write_file(path, data, shown=step.path, place=link_new, verify=True)
        except FileExistsError:  # it appeared meanwhile: it is the user's
            return replace(step, action=EDITED)
        return step
    present, _ = _present(root, [step.path])
    if present.get(step.path) != before:  # changed since it was read: the user's
        return replace(step, action=EDITED)
    write_file(path, data, shown=step.path, verify=True)
    return step


def shipped_files(root: Path) -> dict[str, bytes]:
    """abc's version of today of every file it keeps up to date, by path in the
    network: the workflow with the network's ``ABC_INSTALL`` line and the comment above
    it when its workflow has one, else filled in as ``abc init`` would."""
    present, _ = _present(root, [WORKFLOW])
    mine = present.get(WORKFLOW)
    found = None
    if mine is not None:
        try:
            found = install_lines(mine.decode("utf-8"))
        except UnicodeDecodeError:
            found = None
    if found is None:
        workflow = publish_workflow(__version__, how_installed(__version__))
    else:
        workflow = workflow_with(*found)
    return abc_files(workflow)


def abcs_version(root: Path, name: str) -> tuple[str, bytes]:
    """abc's version of today of the file at ``name`` (its path in the network, or a
    file name that only one of them has), and that path. UsageError for any other."""
    shipped = shipped_files(root)
    if name in shipped:
        return name, shipped[name]
    named = [path for path in shipped if path.rsplit("/", 1)[-1] == name]
    if len(named) == 1:
        return named[0], shipped[named[0]]
    if named:
        raise UsageError(f"several of abc's files are named {name}: give one of {', '.join(named)}")
    raise UsageError(
        f"abc keeps no file at {name} up to date (abc site update --dry-run lists the "
        "ones that differ; a path is relative to the network's folder, e.g. "
        f"{WORKFLOW})"
    )


def _keyed(step: PageStep, versions: Mapping[str, frozenset[str]]) -> tuple[PageStep, bytes | None]:
    """A changed mkdocs.yml with its keys still as abc wrote them taken from abc's
    (:func:`~abcnet.formats.mkdocs_config.merge`): the step, and the bytes to write."""
    if step.path != NAV_FILE or step.action != EDITED or step.mine is None:
        return step, None
    try:
        mine = step.mine.decode("utf-8")
    except UnicodeDecodeError:
        return step, None
    done = merge(mine, step.abcs.decode("utf-8"), versions)
    step = replace(step, taken=done.taken, kept=done.kept, lacking=done.lacking)
    if done.text is None:
        return step, None
    return replace(step, action=MERGED), done.text.encode("utf-8")


def _steps(
    root: Path, shipped: dict[str, bytes], versions: Mapping[str, frozenset[str]]
) -> tuple[list[tuple[PageStep, bytes]], dict[str, bytes]]:
    """Each step with the bytes it would write, and the files the network has."""
    present, blocked = _present(root, sorted(shipped))
    out = []
    for step in plan(shipped, present, blocked, versions):
        step, keyed = _keyed(step, versions)
        out.append((step, shipped[step.path] if keyed is None else keyed))
    return out, present


def update(
    root: Path, *, dry_run: bool, then: Callable[[list[Path]], object] | None = None
) -> list[PageStep]:
    """Bring the files abc init wrote up to date: add those the network lacks (but the
    workflow), replace those still as abc shipped them, leave the rest. With
    ``dry_run``, only say what would be done. ``then`` gets the files written, still
    under the lock (abc's git commit). The steps, in path order, as they turned out.
    WriteError when a file cannot be written: the files written before it stay, each
    whole."""
    versions = read_versions(data_file(VERSIONS_FILE).decode("utf-8"))
    if dry_run:
        return [step for step, _ in _steps(root, shipped_files(root), versions)[0]]
    with network_lock(root):
        steps, present = _steps(root, shipped_files(root), versions)
        out = []
        for step, data in steps:
            if step.action in (ADD, UPDATE, MERGED):
                before = present.get(step.path)
                if step.action == UPDATE:
                    data = line_ends_of(before, data)
                step = _write(root, step, data, before)
            out.append(step)
        written = [root / s.path for s in out if s.action in (ADD, UPDATE, MERGED)]
        if written and then is not None:
            then(written)
    return out
