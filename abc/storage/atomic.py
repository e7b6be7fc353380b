"""Writing a file atomically: a temporary file, fsync, then a rename, and the folder synced.

A write that fails (permissions, a full disk) raises WriteError naming the file as
the user knows it; what was there is unchanged. Writes into a network go through
:mod:`.lock` (its lock, and a temporary folder git ignores) and :mod:`.contact_files`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from abcnet.core.problems import WriteError

from .layout import CACHE_DIR, is_network, reason

_HINTS = {
    errno.EACCES: "check the folder's permissions",
    errno.EPERM: "check the folder's permissions",
    errno.ENOSPC: "free some space and try again",
    errno.EDQUOT: "free some space and try again",
}

#: The UTF-8 byte-order mark, which a file keeps when abc rewrites it.
BOM = b"\xef\xbb\xbf"


def write_error(
    e: OSError, shown: str, *, outcome: str = "nothing was changed", action: str = "write"
) -> WriteError:
    """The WriteError for ``e``, met while writing what the user knows as ``shown``."""
    return WriteError(
        shown, reason(e), hint=_HINTS.get(e.errno or 0, ""), outcome=outcome, action=action
    )


def network_of(path: Path) -> Path | None:
    """The network ``path`` is in: the nearest folder above it that is one (abc.yaml or contacts/)."""
    here = Path(os.path.abspath(path)).parent
    for folder in (here, *here.parents):
        if is_network(folder):
            return folder
    return None


def shown_path(path: Path, root: Path | None = None) -> str:
    """``path`` as the user knows it: relative to its network where it is in one."""
    root = root if root is not None else network_of(path)
    if root is not None:
        with contextlib.suppress(ValueError):
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    return str(path)


# Writing ------------------------------------------------------------------------------


def _replace(tmp: str, path: Path) -> bool:
    os.replace(tmp, path)
    return False


def link_new(tmp: str, path: Path) -> bool:
    os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrites
    return True


#: Puts a finished temporary file in place; True when the temporary file is still there.
Place = Callable[[str, Path], bool]


def _put(
    folder: Path,
    prefix: str,
    path: Path,
    data: bytes,
    mode: int,
    place: Place,
    verify: bool,
    sync: bool = True,
) -> None:
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    left = True
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if sync:
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if verify:
            with open(tmp, "rb") as f:
                if f.read() != data:
                    raise OSError(errno.EIO, "what was written reads back differently")
        left = place(tmp, path)
    finally:
        if left:
            with contextlib.suppress(OSError):  # else the next write clears it
                os.unlink(tmp)


def _same_device(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def write_file(
    path: Path,
    data: bytes,
    *,
    temp: Path | None = None,
    shown: str | None = None,
    place: Place = _replace,
    verify: bool = False,
    sync: bool = True,
) -> None:
    """Put ``data`` at ``path`` through a temporary file in ``temp`` (or beside ``path``).

    Raises WriteError when it cannot (FileExistsError when ``place`` refuses to
    overwrite); then ``path`` is as it was and no temporary file is left. A symbolic
    link stays a link: the file it points to is written. What is not a file (a
    device, a pipe, such as ``/dev/stdout``) is written to as it is, not replaced.
    ``sync=False`` skips the fsyncs, for a cache: after a crash the file may be the
    old one, the new one, or cut short (which a cache's checks refuse).
    """
    asked = path
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        st = path.stat()
        mode = st.st_mode & 0o7777
    except OSError:
        st, mode = None, 0o644
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        _write_through(path, data, shown or shown_path(asked))
        return
    spots = [(path.parent, f".{path.name}.")]
    if temp is not None and _same_device(temp, path.parent):
        spots.insert(0, (temp, f"{path.name}."))
    for i, (folder, prefix) in enumerate(spots):
        try:
            _put(folder, prefix, path, data, mode, place, verify, sync)
            break
        except FileExistsError:
            raise
        except OSError as e:  # in the temporary folder: beside the file, then (EXDEV, say)
            if i == len(spots) - 1:
                raise write_error(e, shown or shown_path(asked)) from None
    if CACHE_DIR not in asked.parts:
        _written.append(os.path.abspath(asked))
    fsync_dir(path.parent)


def _write_through(path: Path, data: bytes, shown: str) -> None:
    """Write ``data`` into what is not a regular file (a device, a pipe), as a shell's
    ``>`` would: renaming a file over it would put a file where it was."""
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise write_error(e, shown) from None


#: The files this process wrote, in order (not counting abc's own cache), for :func:`wrote_under`.
_written: list[str] = []


def write_mark() -> int:
    """A mark for :func:`wrote_under`: the writes made so far."""
    return len(_written)


def wrote_under(root: Path, since: int = 0) -> bool:
    """Whether this process has written a file in the folder ``root`` (its cache aside)
    since the mark ``since``."""
    top = os.path.abspath(root).rstrip(os.sep) + os.sep
    return any(p.startswith(top) for p in _written[since:])


def fsync_dir(folder: Path) -> None:
    """Make a rename or a deletion in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    The temporary file is beside ``path``; WriteError if it cannot be written.
    """
    write_file(path, data)


def read_output(path: Path) -> bytes | None:
    """A generated file as it is now (such as a calendar), or None if there is none to read."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    atomic_write(path, (BOM if bom else b"") + text.encode("utf-8"))


# Many files at once ------------------------------------------------------------------


#: A file to write with :func:`write_many`: where, what, whether it must be new (linked
#: into place, never overwriting) and how the user knows it.
Item = tuple[Path, bytes, bool, str]


def write_many(
    items: list[Item], *, temp: Path | None, placed: Callable[[int, bool], object]
) -> None:
    """Write several files as :func:`write_file` writes one, with one sync for all.

    Every temporary file is written and read back first; then one ``sync`` makes them
    all durable; then each is put in place (a new one linked, so that a file that
    appeared meanwhile is never overwritten, the others renamed over the old) and
    ``placed(i, True)`` is called, or ``placed(i, False)`` when a new file's name was
    taken; then each folder is synced once. A crash or an interrupt at any point
    leaves each file old or new, never half written, and the temporary files that
    were not placed are deleted (or the next write under the lock does it).

    WriteError when a file cannot be written: the files placed before it stay.
    """
    with _no_interrupt():
        _write_many(items, temp, placed)


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Ctrl-C held back until the batch is written, so that it stops between batches
    and the count of files written is exact (in the main thread, where it is handled)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _write_many(
    items: list[Item], temp: Path | None, placed: Callable[[int, bool], object]
) -> None:
    tmps: list[str | None] = [None] * len(items)
    folders: set[Path] = set()
    try:
        for i, (path, data, _new, shown) in enumerate(items):
            tmps[i] = _stage(path, data, temp, shown)
        _sync_all([t for t in tmps if t is not None])
        for i, (path, _data, new, shown) in enumerate(items):
            tmp = tmps[i]
            assert tmp is not None
            try:
                if new:
                    os.link(tmp, path)
                else:
                    os.replace(tmp, path)
                    tmps[i] = None
            except FileExistsError:
                placed(i, False)
                continue
            except OSError as e:
                raise write_error(e, shown) from None
            folders.add(path.parent)
            placed(i, True)
    finally:
        for tmp in tmps:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        for folder in folders:
            fsync_dir(folder)


def _stage(path: Path, data: bytes, temp: Path | None, shown: str) -> str:
    """A temporary file with ``data``, read back, on the file system of ``path``."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    folder, prefix = (path.parent, f".{path.name}.")
    if temp is not None and _same_device(temp, path.parent):
        folder, prefix = temp, f"{path.name}."
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as e:
        raise write_error(e, shown) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        with open(tmp, "rb") as f:
            if f.read() != data:
                raise OSError(errno.EIO, "what was written reads back differently")
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise write_error(e, shown) from None
    return tmp


def _sync_all(paths: list[str]) -> None:
    """Make the files at ``paths`` durable: one ``sync`` where the system has it."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for p in paths:  # pragma: no cover - every POSIX system has sync
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
