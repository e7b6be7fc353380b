"""How this abc was installed, as a pip requirement a GitHub runner can install too.

The installer's record (PEP 610, ``direct_url.json`` in the installed metadata)
says where abc came from: a VCS URL and commit, a local folder, an archive, or
nothing at all for an install from a package index. ``abc init`` writes the
answer into the publish workflow, so a new network's first run installs the
same abc.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

DISTRIBUTION = "abc-connect"

#: A folder → (remote URL, HEAD commit) of its git checkout, or None.
GitLookup = Callable[[Path], "tuple[str, str] | None"]


@dataclass(frozen=True)
class Install:
    """A pip requirement for abc, and whether the user has to replace it by hand."""

    spec: str
    by_hand: bool = False


def from_index(version: str) -> Install:
    return Install(f"{DISTRIBUTION}=={version}")


def reachable_url(url: str) -> str | None:
    """A remote's URL as a runner could clone it: https without credentials, or None.

    ``git@host:owner/repo`` becomes ``https://host/owner/repo``; a local path
    or ``file://`` URL cannot be reached from a runner.
    """
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(?!//)(.+)", url)
    if scp:
        return f"https://{scp[1]}/{scp[2]}"
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http", "ssh", "git") or not parts.hostname:
        return None
    host = parts.hostname + (f":{parts.port}" if parts.port and parts.scheme == "https" else "")
    return urlunsplit(("https", host, parts.path, "", ""))


def from_direct_url(text: str | None, version: str, git: GitLookup) -> Install:
    """The requirement that installs the abc a ``direct_url.json`` text describes."""
    if text is None:
        return from_index(version)
    try:
        record = json.loads(text)
        url = str(record["url"])
    except (ValueError, KeyError, TypeError):
        return Install(from_index(version).spec, by_hand=True)
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        remote = reachable_url(url)
        if remote:
            return Install(f"git+{remote}@{vcs['commit_id']}")
    if "dir_info" in record and url.startswith("file://"):
        found = git(Path(unquote(urlsplit(url).path)))
        remote = reachable_url(found[0]) if found else None
        if found and remote:
            return Install(f"git+{remote}@{found[1]}")
    if "archive_info" in record and urlsplit(url).scheme == "https":
        return Install(url)
    return Install(from_index(version).spec, by_hand=True)


def git_checkout(folder: Path) -> tuple[str, str] | None:
    """The first remote's URL (origin if there is one) and the HEAD commit of ``folder``;
    None when no branch of that remote holds the commit (made here and not pushed: a
    runner could not fetch it)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    try:
        remotes = git("remote").split()
        if not remotes:
            return None
        name = "origin" if "origin" in remotes else remotes[0]
        head = git("rev-parse", "HEAD")
        if not git("branch", "--remotes", "--contains", head, "--list", f"{name}/*"):
            return None
        return git("remote", "get-url", name), head
    except (OSError, subprocess.CalledProcessError):
        return None


def source_checkout(package: Path) -> Path | None:
    """The git checkout of abc's own repository that ``package`` (the folder of the
    package that is running) is in, or None: abc runs from a clone (``pip install -e .``,
    or the folder on the path) when the folder above it holds abc's ``pyproject.toml``
    and a ``.git``. An installed copy in site-packages has neither beside it."""
    top = package.resolve().parent
    try:
        project = (top / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return None
    named = re.search(rf'^name\s*=\s*"{re.escape(DISTRIBUTION)}"', project, re.MULTILINE)
    return top if named and (top / ".git").exists() else None


def from_checkout(version: str, top: Path, git: GitLookup) -> Install:
    """The requirement for the abc of the checkout ``top``: its remote at its HEAD commit,
    or (no remote a runner can reach) one the user has to set by hand."""
    found = git(top)
    remote = reachable_url(found[0]) if found else None
    if found and remote:
        return Install(f"git+{remote}@{found[1]}")
    return Install(from_index(version).spec, by_hand=True)


def how_installed(version: str, package: Path | None = None) -> Install:
    """How the abc running now was installed, as a requirement for the publish workflow.

    Running from a git checkout of abc, it is that checkout's remote and commit,
    whatever the installer recorded (an editable install may record nothing).
    ``package`` is the package's folder (default: this one's).
    """
    top = source_checkout(package or Path(__file__).resolve().parent.parent)
    if top is not None:
        return from_checkout(version, top, git_checkout)
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return Install(from_index(version).spec, by_hand=True)
    return from_direct_url(text, version, git_checkout)
