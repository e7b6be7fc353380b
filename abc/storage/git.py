"""git: a commit of the files a command changed, and the first commit of a new network."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_commit(root: Path, paths: list[Path], message: str) -> str | None:
    """Commit ``paths`` with ``message``; returns a reason when it could not."""
    import subprocess

    rels = [str(p.relative_to(root)) for p in paths]
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if inside.returncode != 0:
            return "not a git repository"
        subprocess.run(["git", "add", "--", *rels], cwd=root, check=True, capture_output=True)
        done = subprocess.run(
            ["git", "commit", "-q", "-m", message, "--", *rels],
            cwd=root,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        return str(e)
    if done.returncode != 0:
        return (
            (done.stderr or done.stdout).strip().splitlines()[-1]
            if (done.stderr or done.stdout)
            else "git commit failed"
        )
    return None


def git_init(folder: Path, message: str) -> str | None:
    """Make ``folder`` a git repository with one commit of everything; a reason if not."""
    import subprocess

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
        lines = (done.stderr or done.stdout).strip().splitlines()
        return lines[-1] if lines else "git commit failed"
    return None
