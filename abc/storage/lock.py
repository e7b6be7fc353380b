"""The network's lock: an exclusive ``flock`` on a folder, taken again freely by the thread
that holds it, and where writes under it put their temporary files.

Writes into a network take its lock (:func:`network_lock`) and put their temporary
file in ``.abc-cache/tmp/``, which git ignores (``.abc-cache/`` carries a
``.gitignore`` of ``*``), when that is on the file system of the file written (a
rename cannot cross file systems); otherwise beside the file, hidden, as
``.<name>.<random>.tmp``. The first write under the lock deletes what earlier runs
left in either place when killed mid-write: every process that makes such files
holds the same lock while it does, so none of them is still being written.

Where the system has no ``fcntl`` (Windows outside WSL) abc refuses to write rather
than write without a lock.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from abcnet.core.problems import WriteError

from .atomic import network_of, shown_path, write_error, write_file
from .layout import CACHE_DIR, CONTACTS_DIR, cache_folder

#: Where writes in a network put their temporary files, under CACHE_DIR.
TMP_DIR = "tmp"

#: A temporary file beside the file it was for, as tempfile names them:
#: ``.<name>.<8 random characters>.tmp``.
_BESIDE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


@dataclass
class _Held:
    fd: int
    depth: int = 0


#: The locks this process holds: by folder and thread (two threads exclude each other).
_held: dict[tuple[str, int], _Held] = {}


def _key(folder: Path) -> tuple[str, int]:
    return os.path.realpath(folder), threading.get_ident()


def _take(folder: Path) -> int:
    import fcntl

    shown = f"{folder.name}/"
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as e:
        raise write_error(e, shown, action="lock") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as e:
        os.close(fd)
        raise write_error(e, shown, action="lock") from None
    return fd


def _drop(key: tuple[str, int]) -> None:
    import fcntl

    held = _held.pop(key)
    try:
        fcntl.flock(held.fd, fcntl.LOCK_UN)
    finally:
        os.close(held.fd)


def _require_locks(folder: Path) -> None:
    """Refuse, clearly, where the system has no POSIX file locks: never write unlocked."""
    try:
        import fcntl  # noqa: F401
    except ImportError:  # not on POSIX
        raise WriteError(
            f"{folder.name}/",
            "this system has no POSIX file locks (fcntl), and abc does not write without one",
            hint="run abc on Linux or macOS, or on Windows in WSL",
            action="lock",
        ) from None


def holds(folder: Path) -> bool:
    """Whether this thread holds the lock on ``folder``."""
    return _key(folder) in _held


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder, so edits by two processes happen one after the other.

    Taken again by the thread that holds it, it is the same lock (nothing waits).
    Raises WriteError when the folder cannot be opened or locked.
    """
    _require_locks(folder)
    key = _key(folder)
    held = _held.get(key)
    if held is None:
        held = _held[key] = _Held(_take(folder))
    held.depth += 1
    try:
        yield
    finally:
        held.depth -= 1
        if held.depth == 0:
            _drop(key)


def _temp_folder(root: Path) -> Path | None:
    """The network's folder for temporary files, made if needed; None if it cannot be."""
    try:
        folder = cache_folder(root) / TMP_DIR
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


def _clean_stale(root: Path, temp: Path | None) -> None:
    """Delete the temporary files that runs killed mid-write left. Call under the lock."""
    places: list[tuple[Path, re.Pattern[str] | None]] = [(root / CONTACTS_DIR, _BESIDE)]
    if temp is not None:
        places.append((temp, None))
    for folder, pattern in places:
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for e in entries:
                name = e.name
                if pattern is None or (name.startswith(".") and pattern.fullmatch(name)):
                    with contextlib.suppress(OSError):
                        os.unlink(e.path)


@contextlib.contextmanager
def network_lock(root: Path) -> Iterator[Path | None]:
    """The lock for writing in the network at ``root`` (on its contacts/ folder), and the
    folder for temporary files (None: beside the file).

    The first write under the lock clears what killed runs left. A network with no
    contacts/ folder yet (its last file removed) gets it back, empty, first.
    """
    folder = root / CONTACTS_DIR
    if not folder.is_dir():
        try:
            folder.mkdir(exist_ok=True)
        except OSError as e:
            raise write_error(e, f"{CONTACTS_DIR}/", action="make") from None
    first = not holds(folder)
    with locked(folder):
        temp = _temp_folder(root)
        if first:
            _clean_stale(root, temp)
        yield temp


def write_output(path: Path, data: bytes) -> None:
    """Write a generated file atomically, creating its folder (such as build/) if needed.

    In a network that abc has run in (it has ``.abc-cache/``), under its lock, with
    the temporary file where git does not see it.
    """
    root = network_of(path)
    shown = shown_path(path, root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise write_error(e, shown) from None
    if root is None or not (root / CACHE_DIR).is_dir():
        write_file(path, data, shown=shown)
        return
    with network_lock(root) as temp:
        write_file(path, data, temp=temp, shown=shown)
