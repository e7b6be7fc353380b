"""git: a commit of the files a command changed, and the first commit of a new network."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from abcnet.core.problems import AbcError

from .layout import CONTACTS_DIR
from .lock import locked


def _why(done: subprocess.CompletedProcess[str], default: str) -> str:
    """What went wrong, in one line: git's first ``fatal:`` or ``error:`` line, else its last."""
    lines = [line.strip() for line in f"{done.stderr}\n{done.stdout}".splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    return lines[-1] if lines else default


def git_commit(root: Path, paths: list[Path], message: str) -> str | None:
    """Commit ``paths`` (changed, added or deleted) with ``message``; returns a reason (one
    line) when it could not.

    Under the network's lock: given as ``then`` to
    :func:`~abcnet.storage.contact_files.edit_contact` or ``create_contact``, under the lock of
    the write it commits, so abc runs at the same time commit one after the other, each
    its own change, and none finds git's index locked by another.
    """
    try:
        with locked(root / CONTACTS_DIR):
            return _commit(root, paths, message)
    except AbcError as e:
        return e.message


class Commit:
    """abc's git commit of a change, when ``wanted`` (``--commit``, or the ``commit`` setting).

    Given as ``then`` to a write, it commits under the write's lock (so parallel runs
    commit one after the other). Afterwards ``done`` says whether it tried, and
    ``why`` why it could not.
    """

    def __init__(self, root: Path, message: str, wanted: bool) -> None:
        self.root = root
        self.message = message
        self.wanted = wanted
        self.done = False
        self.why: str | None = None

    def __call__(self, path: Path) -> None:
        self.all([path])

    def all(self, paths: list[Path]) -> None:
        """Commit several files as one change (a merge: one written, one deleted)."""
        if self.wanted:
            self.why = git_commit(self.root, paths, self.message)
            self.done = True


def _commit(root: Path, paths: list[Path], message: str) -> str | None:
    rels = [os.path.relpath(p, root) for p in paths]

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)

    try:
        if git("rev-parse", "--is-inside-work-tree").returncode != 0:
            return "not a git repository"
        # A file deleted (an inbox entry logged) is committed only if git knew it.
        rels = [r for r in rels if os.path.lexists(root / r) or git("ls-files", "--", r).stdout]
        if not rels:
            return "nothing to commit: git never had the file"
        added = git("add", "-A", "--", *rels)
        if added.returncode != 0:
            return _why(added, "git add failed")
        done = git("commit", "-q", "-m", message, "--", *rels)
    except OSError as e:
        return f"git is not available ({e.strerror})"
    if done.returncode != 0:
        return _why(done, "git commit failed")
    return None


def git_init(folder: Path, message: str) -> str | None:
    """Make ``folder`` a git repository with one commit of everything; a reason if not."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)

    try:
        if git("init", "-q", "-b", "main").returncode != 0 and git("init", "-q").returncode:
            return "git init failed"
        if git("add", "-A").returncode != 0:
            return "git add failed"
        done = git("commit", "-q", "-m", message)
    except OSError as e:
        return f"git is not available ({e.strerror})"
    if done.returncode != 0:
        return _why(done, "git commit failed")
    return None
