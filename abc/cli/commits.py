"""abc's git commit of a command's change, as a command makes it (``--commit``) and reports it.

Apart from ``base`` so that the commands that never commit (``abc check``) do not import git.
"""

from __future__ import annotations

from abcnet.core.model import Settings
from abcnet.storage.git import Commit as GitCommit

from .base import NetworkRef, echo, warn


def report_commit(committed: GitCommit) -> None:
    """Say how abc's git commit of a change went, after the command said what it changed."""
    if committed.done and committed.why:
        warn(f"abc: not committed: {committed.why}")
    elif committed.done:
        echo(f"Committed: {committed.message}")


def wants_commit(commit: bool | None, settings: Settings) -> bool:
    """``--commit/--no-commit`` when given, else the ``commit`` setting."""
    return commit if commit is not None else settings.commit


class Commit(GitCommit):
    """:class:`~abcnet.storage.git.Commit` as a command makes it, from its ``--commit``."""

    def __init__(
        self, ref: NetworkRef, settings: Settings, commit: bool | None, message: str
    ) -> None:
        super().__init__(ref.root, message, wants_commit(commit, settings))

    def report(self) -> None:
        report_commit(self)
