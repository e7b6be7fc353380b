"""The history of ``contacts/`` from git: the files as they stood at the end of each month.

Read with the git command, in two processes whatever the length of the history:

- one ``git log`` over ``contacts/``, oldest first, following the first parent
  (a merge counts as one change against the branch it was merged into), with
  ``--raw -z``: for each commit its date and, for each file it added, changed or
  deleted, the blob the file holds afterwards. Replaying it gives, for every
  month with a commit, which blob each contact file held after that month's last
  commit;
- one ``git cat-file --batch`` for the blobs those months need, each asked once,
  however many months it stood unchanged; each is then checked once, like a file
  on disk (:func:`~abcnet.storage.contacts.check_raw`), so a file unchanged for
  years is parsed once.

A month is the committer's date as git records it (with the committer's own
offset), so a commit made late in the evening east of UTC counts on its own day.
Commit dates are taken never to go back: a commit dated before one already read
(after a rebase, say) counts in the later month.

Without git, outside a repository, with a shallow clone or with no commit of
``contacts/`` yet, :func:`read_months` says why instead, in one line.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.history import History, from_files, from_snapshots
from abcnet.core.model import Contact, Network
from abcnet.core.problems import AbcError

from . import cachefile
from .atomic import atomic_write
from .cache import cache_stamp, check_in_parallel
from .contacts import check_raw
from .layout import CACHE_DIR, CONTACTS_DIR, SUFFIXES, cache_folder

#: The blob id of a file git records as deleted.
_NO_BLOB = "0" * 40
#: The history cache, in ``.abc-cache/``: each file version checked, by path and blob id.
HISTORY_CACHE = "history.cache"
#: A file version has no stat: its record's key.
_NO_KEY = (0, 0, 0, 0)
#: Git modes of plain files (a link or a submodule is never a contact file).
_FILE_MODES = ("100644", "100755")


@dataclass(frozen=True)
class GitMonths:
    """Each month with a commit of ``contacts/``: its first day and the contacts then."""

    months: tuple[tuple[date, tuple[Contact, ...]], ...]
    commits: int
    """Commits that changed ``contacts/``."""
    unreadable: int
    """File versions left out because they had errors, or git had lost them."""


def _git(
    root: Path, args: list[str], data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=root,
        input=data,
        capture_output=True,
        check=False,
    )


def why_no_history(root: Path) -> str | None:
    """Why git cannot give the history of ``contacts/`` here, or None when it can."""
    try:
        done = _git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"])
    except OSError as e:
        return f"git is not available ({e.strerror})"
    answers = done.stdout.decode("utf-8", "replace").split()
    if done.returncode != 0 or answers[:1] != ["true"]:
        return "not a git repository"
    if answers[1:2] == ["true"]:
        return "a shallow clone, with only the latest commits; git fetch --unshallow gets the rest"
    return None


def _is_contact_path(path: str) -> bool:
    folder, _, name = path.rpartition("/")
    return folder == CONTACTS_DIR and name.endswith(SUFFIXES) and not name.startswith(".")


def _month(day: str) -> date:
    return date(int(day[:4]), int(day[5:7]), 1)


def replay(log: bytes) -> tuple[list[tuple[date, dict[str, str]]], int]:
    """``git log --raw -z`` output → each month's files (path → blob) after its last commit.

    The log is oldest first; each commit starts with ``\\x01``, then its date
    (``YYYY-MM-DD``) and a NUL, then for each changed file ``:modes blobs status``
    and the path, NUL-separated. Returns the months, oldest first, and how many
    commits there were.
    """
    files: dict[str, str] = {}
    months: list[tuple[date, dict[str, str]]] = []
    current: date | None = None
    commits = 0
    for chunk in log.split(b"\x01")[1:]:
        head, _, body = chunk.partition(b"\x00")
        month = _month(head.decode("ascii").strip())
        if current is not None and month < current:
            month = current
        if current is not None and month != current:
            months.append((current, dict(files)))
        current = month
        commits += 1
        fields = body.lstrip(b"\n").split(b"\x00")
        for meta, raw_path in zip(fields[::2], fields[1::2], strict=False):
            if not meta.startswith(b":"):
                break
            _old_mode, new_mode, _old, new, _status = meta[1:].decode("ascii").split()
            path = raw_path.decode("utf-8", "surrogateescape")
            if new == _NO_BLOB or new_mode not in _FILE_MODES or not _is_contact_path(path):
                files.pop(path, None)
            else:
                files[path] = new
    if current is not None:
        months.append((current, dict(files)))
    return months, commits


def read_blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The bytes of each blob in ``ids`` that git has, from one ``git cat-file --batch``."""
    if not ids:
        return {}
    done = _git(root, ["cat-file", "--batch"], "".join(f"{i}\n" for i in ids).encode("ascii"))
    out = done.stdout
    blobs: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.find(b"\n", at)
        header = out[at:end].split() if end >= 0 else []
        if end < 0 or len(header) not in (2, 3) or (len(header) == 3 and not header[2].isdigit()):
            break  # cut short: what is missing counts as lost
        at = end + 1
        if len(header) == 2:  # "<id> missing": git has lost it (a partial clone, say)
            continue
        size = int(header[2])
        blobs[header[0].decode("ascii", "replace")] = out[at : at + size]
        at += size + 1
    return blobs


def _check_versions(items: list[tuple[str, str, bytes]], today: date) -> bytes:
    """Check file versions (path, blob id, bytes); their cache records, as bytes (the blob
    id stands for the digest), to cross from a worker process."""
    records = []
    for path, blob, raw in items:
        slug = path.rpartition("/")[2].rpartition(".")[0]
        loaded, data = check_raw(raw, path, slug, today)
        latest = None if data is None else cachefile.latest_date(raw, data)
        contact, problems = loaded.contact, loaded.problems
        records.append(
            cachefile.record(path, _NO_KEY, blob, False, today, latest, contact, problems)
        )
    return cachefile.dump_records(records)


def _read_cache(root: Path, stamp: dict[str, Any]) -> dict[tuple[str, str], cachefile.CachedFile]:
    try:
        body = cachefile.split((root / CACHE_DIR / HISTORY_CACHE).read_bytes(), stamp)
        entries = [] if body is None else cachefile.decode_records(body["versions"])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, EOFError):
        return {}
    return {(e.rel, e.digest): e for e in entries}


def _save_cache(root: Path, stamp: dict[str, Any], records: list[cachefile.Record]) -> None:
    try:
        data = cachefile.join(stamp, {"versions": cachefile.as_lists(records)})
        atomic_write(cache_folder(root) / HISTORY_CACHE, data)
    except (OSError, AbcError):
        pass  # a read-only checkout works, only more slowly


def _versions(
    root: Path, wanted: set[tuple[str, str]], today: date
) -> tuple[dict[tuple[str, str], Contact | None], int]:
    """Each file version (path, blob) as a contact, or None when it has errors or git
    lost it; from the history cache where it holds, else read from git and checked.
    Also how many were checked anew."""
    stamp = cache_stamp(root)
    cached = _read_cache(root, stamp)
    day = today.toordinal()
    kept = {k: e for k, e in cached.items() if k in wanted and e.holds_on(day)}
    missing = sorted(wanted - kept.keys())
    blobs = read_blobs(root, sorted({blob for _, blob in missing}))
    items = [(path, blob, blobs[blob]) for path, blob in missing if blob in blobs]
    fresh = check_in_parallel(_check_versions, items, today) if items else []
    entries = [*kept.values(), *fresh]
    if fresh or len(kept) != len(cached):
        _save_cache(root, stamp, [e.record for e in entries])
    versions: dict[tuple[str, str], Contact | None] = dict.fromkeys(wanted)
    for e in entries:
        if not any(p.severity == "error" for p in e.problems):
            versions[(e.rel, e.digest)] = e.contact
    return versions, len(fresh)


def read_months(root: Path, today: date) -> GitMonths | str:
    """The contacts as they stood at the end of each month with a commit, or why not.

    ``today`` is the day files are checked against (a touch may not be after it).
    Each file version is checked once and remembered in ``.abc-cache/history.cache``
    (by its blob id, which names its bytes), so a later run reads from git only
    the versions committed since.
    """
    why = why_no_history(root)
    if why is not None:
        return why
    fmt = "--format=%x01%cs"
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames"]
    done = _git(root, [*args, "--raw", "-z", "--no-abbrev", fmt, "--relative", "--", CONTACTS_DIR])
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "git log failed"
    months, commits = replay(done.stdout)
    if not months:
        return f"no commit of {CONTACTS_DIR}/ yet"
    wanted = {item for _, files in months for item in files.items()}
    versions, _checked = _versions(root, wanted, today)
    out: list[tuple[date, tuple[Contact, ...]]] = []
    for month, files in months:
        contacts = (versions[item] for item in sorted(files.items()))
        out.append((month, tuple(c for c in contacts if c is not None)))
    unreadable = sum(1 for c in versions.values() if c is None)
    return GitMonths(tuple(out), commits, unreadable)


def network_history(root: Path, network: Network, today: date) -> History:
    """The practice month by month: from git when it can, else from the files alone.

    ``network`` is the files as they are now (today's month is theirs).
    """
    months = read_months(root, today)
    if isinstance(months, str):
        return from_files(network.contacts, network.settings, today, months)
    return from_snapshots(
        months.months,
        network.contacts,
        network.settings,
        today,
        commits=months.commits,
        unreadable=months.unreadable,
    )
