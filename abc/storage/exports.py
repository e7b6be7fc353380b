"""Exports on disk as :class:`abcnet.sync.event.ExportSource` values: opened read-only, never changed.

A file is opened ``rb``; a folder lists its regular files in sorted order; a zip
file (LinkedIn's "Get a copy of your data", an iOS WhatsApp export) reads as a
folder of its members; a SQLite database opens with ``mode=ro``. Symbolic links
inside a folder are not followed out of it. Reading moves ``progress`` (bytes).
A reader can have part of a file on disk read in a forked process
(:meth:`FileSource.in_background`), its results sent back pickled through a pipe.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import pickle
import signal
import sqlite3
import struct
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import quote

from abcnet.core.problems import ReadError

Progress = Callable[[int], None]


def _no_progress(n: int) -> None:
    pass


class _Counting(io.RawIOBase):
    """A read-only file that reports the bytes read past ``furthest[0]``, the furthest any
    reading of the same file got: a file read again from its start (a Telegram export
    the fast reading gave up on) moves the progress on only where it gets further, so
    that the progress never passes the file's size."""

    def __init__(self, raw: BinaryIO, progress: Progress, furthest: list[int]) -> None:
        self._raw = raw
        self._progress = progress
        self._furthest = furthest
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if n:
            self._at += n
            if self._at > self._furthest[0]:
                self._progress(self._at - self._furthest[0])
                self._furthest[0] = self._at
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Forked:
    """Work running in a forked child process, its results coming back pickled through a
    pipe as it gives them: frames of a kind byte (result, error, done), the bytes of the
    file the child had read by then (they move the progress bar here) and a length."""

    def __init__(self, pid: int, pipe: int, name: str, progress: Progress) -> None:
        self._pid = pid
        self._pipe: BinaryIO | None = open(pipe, "rb", closefd=True)  # noqa: SIM115 - see cancel
        self._name = name
        self._progress = progress
        self._read = 0

    def results(self) -> Iterator[object]:
        while self._pipe is not None:
            head = self._pipe.read(_FRAME.size)
            kind, read, size = _FRAME.unpack(head) if len(head) == _FRAME.size else (b"", 0, 0)
            data = self._pipe.read(size)
            if read > self._read:
                self._progress(read - self._read)
                self._read = read
            if kind == b"R" and len(data) == size:
                yield pickle.loads(data)
                continue
            self._end()
            if kind == b"D":
                return
            err = pickle.loads(data) if kind == b"E" and len(data) == size else None
            if isinstance(err, Exception):
                raise err
            raise ReadError(
                f"{self._name}: the second process reading it ended before it was done "
                "(run the command again)"
            )

    def _end(self, kill: bool = False) -> None:
        if self._pipe is None:
            return
        self._pipe.close()
        self._pipe = None
        if kill:
            os.kill(self._pid, signal.SIGKILL)  # not reaped yet, so the process is still there
        os.waitpid(self._pid, 0)

    def cancel(self) -> None:
        self._end(kill=True)


#: A frame's head: its kind (``R`` a result, ``E`` the exception the work raised, ``D`` done),
#: the bytes the child had read from its offset, and the length of the pickle after it.
_FRAME = struct.Struct("=cQQ")


def can_fork() -> bool:
    """Whether work may go to a forked process: Linux (macOS advises against fork, Windows
    has none), two CPUs or more, and no other thread (forking one can deadlock the child)."""
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _in_child(
    work: Callable[[BinaryIO], Iterable[object]], path: Path, offset: int, pipe: int
) -> None:
    """The forked child: ``work`` on the file from ``offset``, each result pickled into ``pipe``
    as it comes, then the exception it raised or "done"; never returns (no atexit handler,
    no buffer of the parent's flushed twice)."""
    code = 1
    try:
        with open(pipe, "wb", closefd=True) as out:
            try:
                with open(path, "rb", buffering=0) as raw:
                    raw.seek(offset)
                    for result in work(raw):
                        data = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
                        out.write(_FRAME.pack(b"R", raw.tell() - offset, len(data)) + data)
                        out.flush()
                    read = raw.tell() - offset
            except Exception as err:  # the parent raises it where it would have been raised
                data = _pickled_error(err)
                out.write(_FRAME.pack(b"E", 0, len(data)) + data)
            else:
                out.write(_FRAME.pack(b"D", read, 0))
        code = 0
    finally:
        os._exit(code)


def _pickled_error(err: Exception) -> bytes:
    """The exception pickled, or a RuntimeError saying what it was when it does not unpickle
    (an exception class whose constructor takes other arguments than its message)."""
    try:
        data = pickle.dumps(err, pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
    except Exception:
        data = pickle.dumps(RuntimeError(f"{type(err).__name__}: {err}"))
    return data


def _unreadable(name: str, err: OSError) -> ReadError:
    why = err.strerror or str(err)
    return ReadError(f"cannot read {name}: {why.lower()} (check the path and its permissions)")


class _OnDisk:
    """What a file, a folder and a zip archive on disk share: the path and its name."""

    def __init__(self, path: Path, name: str | None = None, progress: Progress = _no_progress):
        self.path = path
        self._name = name if name is not None else str(path)
        self._progress = progress
        self._furthest = [0]  # see _Counting

    @property
    def name(self) -> str:
        return self._name


class FileSource(_OnDisk):
    """A file or folder on disk."""

    @property
    def is_dir(self) -> bool:
        return self.path.is_dir()

    @property
    def size(self) -> int:
        try:
            return 0 if self.path.is_dir() else self.path.stat().st_size
        except OSError:
            return 0

    def open(self) -> BinaryIO:
        try:
            raw = open(self.path, "rb", buffering=0)  # noqa: SIM115 - the caller closes it
        except OSError as err:
            raise _unreadable(self._name, err) from err
        return io.BufferedReader(_Counting(raw, self._progress, self._furthest), 1 << 20)

    def files(self) -> Iterator[FileSource]:
        root = self.path
        if not root.is_dir():
            return
        for folder, dirs, names in os.walk(root, onerror=self._walk_error):
            dirs.sort()  # walked lazily, in a stable order
            for name in sorted(names):
                path = Path(folder, name)
                if path.is_symlink() or not path.is_file():
                    continue
                rel = path.relative_to(root).as_posix()
                yield FileSource(path, f"{self._name.rstrip('/')}/{rel}", self._progress)

    def entries(self) -> Iterator[FileSource | ZipSource]:
        try:
            paths = sorted(self.path.iterdir()) if self.path.is_dir() else []
        except OSError as err:
            raise _unreadable(self._name, err) from err
        for path in paths:
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                continue
            name = f"{self._name.rstrip('/')}/{path.name}"
            if path.is_file() and zipfile.is_zipfile(path):
                yield ZipSource(path, name, self._progress)
            else:
                yield FileSource(path, name, self._progress)

    def _walk_error(self, err: OSError) -> None:
        raise _unreadable(self._name, err)

    def child(self, relative: str) -> FileSource | None:
        """The file at ``relative``, matched case-insensitively one part at a time."""
        here = self.path
        for part in relative.split("/"):
            try:
                names = {p.name.casefold(): p for p in here.iterdir()}
            except OSError:
                return None
            found = names.get(part.casefold())
            if found is None or found.is_symlink():
                return None
            here = found
        if not here.is_file():
            return None
        rel = here.relative_to(self.path).as_posix()
        return FileSource(here, f"{self._name.rstrip('/')}/{rel}", self._progress)

    def sqlite(self) -> sqlite3.Connection:
        """Read-only (``mode=ro``). A database in WAL mode whose ``-shm`` file cannot be
        made (a copy without it, a folder abc may not write) opens ``immutable`` instead:
        still read-only, and without the last moments the app had not checkpointed."""
        base = "file:" + quote(str(self.path.resolve()))
        err: sqlite3.Error | None = None
        for options in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                db = sqlite3.connect(base + options, uri=True)
                db.execute("select count(*) from sqlite_master").fetchone()
                return db
            except sqlite3.Error as e:
                err = e
        raise ReadError(f"{self._name}: not a SQLite database abc can read ({err})")

    def in_background(
        self, work: Callable[[BinaryIO], Iterable[object]], offset: int
    ) -> _Forked | None:
        """In a forked process; the bytes it reads move the progress bar here as its results
        come."""
        if not can_fork():
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # room for a few batches: the child seldom waits
            fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        progress = self._progress
        try:
            pid = os.fork()
        except OSError:  # pragma: no cover - out of processes
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
            os.close(read_end)
            self._progress = _no_progress  # the child's copy: only the parent draws progress
            _in_child(work, self.path, offset, write_end)
        os.close(write_end)
        return _Forked(pid, read_end, self._name, progress)


class ZipMember:
    """One file inside a zip archive."""

    def __init__(
        self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, progress: Progress
    ):
        self._archive = archive
        self._info = info
        self._name = name
        self._progress = progress
        self._furthest = [0]  # see _Counting

    @property
    def name(self) -> str:
        return self._name

    @property
    def is_dir(self) -> bool:
        return False

    @property
    def size(self) -> int:
        return self._info.file_size

    def open(self) -> BinaryIO:
        raw = self._archive.open(self._info)
        counted = _Counting(raw, self._progress, self._furthest)  # type: ignore[arg-type]
        return io.BufferedReader(counted, 1 << 20)

    def files(self) -> Iterator[ZipMember]:
        return iter(())

    def entries(self) -> Iterator[ZipMember]:
        return iter(())

    def child(self, relative: str) -> ZipMember | None:
        return None

    def sqlite(self) -> sqlite3.Connection:
        raise ReadError(f"{self._name}: unzip it first; abc reads SQLite databases from disk only")

    def in_background(self, work: Callable[[BinaryIO], Iterable[object]], offset: int) -> None:
        """Never: a member is read from the start through its decompressor."""
        return None


class ZipSource(_OnDisk):
    """A zip archive, read as a folder of its members."""

    def __init__(self, path: Path, name: str | None = None, progress: Progress = _no_progress):
        super().__init__(path, name, progress)
        try:
            self._archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as err:
            raise ReadError(f"{self._name}: not a zip file abc can read ({err})") from err

    @property
    def is_dir(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return 0

    def open(self) -> BinaryIO:
        raise ReadError(f"{self._name} is a zip archive, not one file")

    def files(self) -> Iterator[ZipMember]:
        infos = sorted(
            (i for i in self._archive.infolist() if not i.is_dir()), key=lambda i: i.filename
        )
        for info in infos:
            rel = PurePosixPath(info.filename).as_posix()
            yield ZipMember(self._archive, info, f"{self._name}:{rel}", self._progress)

    def entries(self) -> Iterator[ZipMember]:
        return self.files()

    def child(self, relative: str) -> ZipMember | None:
        wanted = relative.casefold()
        for member in self.files():
            if member.name.split(":", 1)[-1].casefold() == wanted:
                return member
        return None

    def sqlite(self) -> sqlite3.Connection:
        raise ReadError(f"{self._name}: unzip it first; abc reads SQLite databases from disk only")

    def in_background(self, work: Callable[[BinaryIO], Iterable[object]], offset: int) -> None:
        """Never: an archive is not one file."""
        return None


def source(path: Path, progress: Progress = _no_progress) -> FileSource | ZipSource:
    """The export at ``path``, as the user typed it, ready to read."""
    name = str(path)
    if not path.exists():
        raise ReadError(f"{name}: no such file or folder")
    if path.is_file() and zipfile.is_zipfile(path):
        return ZipSource(path, name, progress)
    return FileSource(path, name, progress)
