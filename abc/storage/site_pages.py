"""``abc site update``: the network's copy of abc's pages read, planned
(:mod:`abcnet.core.site_pages`) and brought up to date under the network's lock.

Each page is written atomically and read back (:func:`~abcnet.storage.atomic.write_file`);
a new page is linked into place, so a file that appeared meanwhile is never
overwritten, and a page is replaced only if it still holds, just before, the bytes
the plan saw. A page the user changed is never written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from abcnet.core.site_pages import ADD, EDITED, UPDATE, PageStep, plan, read_versions

from .atomic import link_new, write_file
from .lock import network_lock
from .scaffold import data_file, shipped_pages

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


def update(
    root: Path, *, dry_run: bool, then: Callable[[list[Path]], object] | None = None
) -> list[PageStep]:
    """Bring the network's copy of abc's pages up to date: add those it lacks, replace
    those still as abc shipped them, leave the rest. With ``dry_run``, only say what
    would be done. ``then`` gets the files written, still under the lock (abc's git
    commit). The steps, in path order, as they turned out. WriteError when a page
    cannot be written: the pages written before it stay, each whole."""
    shipped = shipped_pages()
    versions = read_versions(data_file(VERSIONS_FILE).decode("utf-8"))
    if dry_run:
        return plan(shipped, *_present(root, sorted(shipped)), versions)
    with network_lock(root):
        present, blocked = _present(root, sorted(shipped))
        steps = plan(shipped, present, blocked, versions)
        out = []
        for step in steps:
            if step.action in (ADD, UPDATE):
                step = _write(root, step, shipped[step.path], present.get(step.path))
            out.append(step)
        written = [root / s.path for s in out if s.action in (ADD, UPDATE)]
        if written and then is not None:
            then(written)
    return out
