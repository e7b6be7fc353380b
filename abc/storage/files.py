"""Writing user files: atomically (temp file, fsync, rename), under a lock, checked first.

A write that fails (permissions, a full disk) raises WriteError naming the file as
the user knows it; what was there is unchanged.

Writes into a network take its lock (:func:`network_lock`) and put their temporary
file in ``.abc-cache/tmp/``, which git ignores (``.abc-cache/`` carries a
``.gitignore`` of ``*``), when that is on the file system of the file written (a
rename cannot cross file systems); otherwise beside the file, hidden, as
``.<name>.<random>.tmp``. The first write under the lock deletes what earlier runs
left in either place when killed mid-write: every process that makes such files
holds the same lock while it does, so none of them is still being written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.problems import DataError, Problem, ReadError, UsageError, WriteError

from .contacts import check_file
from .layout import CACHE_DIR, CONTACTS_DIR, is_network, reason, unusable
from .yamltext import decode, load_text

#: The most of a file ``abc import`` reads: a LinkedIn export of 30,000 connections
#: is about 5 MiB; a file larger than this is not an export of one person's contacts.
MAX_INPUT = 64 * 1024 * 1024

#: Where writes in a network put their temporary files, under CACHE_DIR.
TMP_DIR = "tmp"

_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# abc's parse cache: safe to delete, rebuilt on the next run. See bford.info/cachedir\n"
)

#: A temporary file beside the file it was for, as tempfile names them:
#: ``.<name>.<8 random characters>.tmp``.
_BESIDE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")

_HINTS = {
    errno.EACCES: "check the folder's permissions",
    errno.EPERM: "check the folder's permissions",
    errno.ENOSPC: "free some space and try again",
    errno.EDQUOT: "free some space and try again",
}

_BOM = b"\xef\xbb\xbf"


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


def cache_folder(root: Path) -> Path:
    """The network's ``.abc-cache/``, made if needed: ignored by git and by backup tools."""
    folder = root / CACHE_DIR
    if not folder.is_dir():
        try:
            folder.mkdir()
        except FileExistsError:
            return folder  # made meanwhile (or a file, which whoever uses it finds out)
        # Ignored by git and by backup tools even where the repository does not say so.
        (folder / ".gitignore").write_text("# abc's parse cache\n*\n", encoding="utf-8")
        (folder / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")
    return folder


# Writing ------------------------------------------------------------------------------


def _replace(tmp: str, path: Path) -> bool:
    os.replace(tmp, path)
    return False


def _link_new(tmp: str, path: Path) -> bool:
    os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrites
    return True


#: Puts a finished temporary file in place; True when the temporary file is still there.
Place = Callable[[str, Path], bool]


def _put(
    folder: Path, prefix: str, path: Path, data: bytes, mode: int, place: Place, verify: bool
) -> None:
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    left = True
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
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


def _write(
    path: Path,
    data: bytes,
    *,
    temp: Path | None = None,
    shown: str | None = None,
    place: Place = _replace,
    verify: bool = False,
) -> None:
    """Put ``data`` at ``path`` through a temporary file in ``temp`` (or beside ``path``).

    Raises WriteError when it cannot (FileExistsError when ``place`` refuses to
    overwrite); then ``path`` is as it was and no temporary file is left.
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    spots = [(path.parent, f".{path.name}.")]
    if temp is not None and _same_device(temp, path.parent):
        spots.insert(0, (temp, f"{path.name}."))
    for i, (folder, prefix) in enumerate(spots):
        try:
            _put(folder, prefix, path, data, mode, place, verify)
            break
        except FileExistsError:
            raise
        except OSError as e:  # in the temporary folder: beside the file, then (EXDEV, say)
            if i == len(spots) - 1:
                raise write_error(e, shown or shown_path(path)) from None
    if CACHE_DIR not in path.parts:
        _written.append(os.path.abspath(path))
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    The temporary file is beside ``path``; WriteError if it cannot be written.
    """
    _write(path, data)


def read_output(path: Path) -> bytes | None:
    """A generated file as it is now (such as a calendar), or None if there is none to read."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


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
        _write(path, data, shown=shown)
        return
    with network_lock(root) as temp:
        _write(path, data, temp=temp, shown=shown)


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    atomic_write(path, (_BOM if bom else b"") + text.encode("utf-8"))


# Locking ------------------------------------------------------------------------------


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


def holds(folder: Path) -> bool:
    """Whether this thread holds the lock on ``folder``."""
    return _key(folder) in _held


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder, so edits by two processes happen one after the other.

    Taken again by the thread that holds it, it is the same lock (nothing waits).
    Raises WriteError when the folder cannot be opened or locked.
    """
    try:
        import fcntl  # noqa: F401
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
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


# Contact files ------------------------------------------------------------------------


def read_for_edit(path: Path, root: Path, today: date, raw: bytes | None = None) -> tuple[str, Any]:
    """The text of a contact file and its round-trip data, if the file has no errors.

    Call inside :func:`locked`. Raises DataError with the problems otherwise.
    """
    raw = path.read_bytes() if raw is None else raw
    loaded = check_file(path, root, today, raw=raw)
    errs = [p for p in loaded.problems if p.severity == "error"]
    if errs:
        raise DataError(f"{loaded.rel} has problems; fix them first (nothing was changed)", errs)
    text = raw.decode("utf-8-sig")
    data, _ = load_text(text, loaded.rel, "rt")
    return text, data


def _target(path: Path, root: Path, rel: str) -> Path:
    """The file a write to the contact file at ``path`` goes to: the file itself, or the
    one its link points at, in the network (DataError for a link out of it, or nowhere)."""
    if not path.is_symlink():
        return path
    why = unusable(path, root)
    if why is not None:
        problem = Problem(rel, 0, "", why[1], why[0])
        raise DataError(f"{rel} has problems; fix them first (nothing was changed)", [problem])
    return Path(os.path.realpath(path))


#: What to do with the file just written, still under the lock: abc's git commit of it,
#: so that abc runs at the same time commit one after the other.
Then = Callable[[Path], object] | None


def edit_contact(root: Path, slug: str, today: date, change: Any, *, then: Then = None) -> Path:
    """Apply ``change(text, rt_data) -> new_text`` to one contact file, atomically, under a lock.

    The file is checked first: a file with errors is not edited (DataError). A link
    to a file elsewhere in the network stays a link: its file is written. ``then``
    gets the file written, under the same lock. Returns the file written.
    """
    path = root / CONTACTS_DIR / f"{slug}.yaml"
    if not os.path.lexists(path):
        path = path.with_suffix(".yml")
    rel = f"{CONTACTS_DIR}/{path.name}"
    with network_lock(root) as temp:
        target = _target(path, root, rel)
        try:
            raw = target.read_bytes()
        except OSError as e:
            raise ReadError(f"cannot read {rel}: {reason(e)}; nothing was changed") from None
        text, data = read_for_edit(path, root, today, raw)
        new = change(text, data)
        if new != text:
            bom = _BOM if raw.startswith(_BOM) else b""
            _write(target, bom + new.encode("utf-8"), temp=temp, shown=rel)
            if then is not None:
                then(target)
    return target


def create_contact(root: Path, slug: str, text: str, *, then: Then = None) -> Path:
    """Write a new contact file; never overwrites (FileExistsError if the slug is taken).

    What was written is read back before it is linked into place; ``then`` gets the
    new file, under the same lock.
    """
    folder = root / CONTACTS_DIR
    path = folder / f"{slug}.yaml"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"unsafe file name: {slug!r}")
    with network_lock(root) as temp:
        if os.path.lexists(path) or os.path.lexists(path.with_suffix(".yml")):
            raise FileExistsError(path)
        data = text.encode("utf-8")
        shown = f"{CONTACTS_DIR}/{path.name}"
        _write(path, data, temp=temp, shown=shown, place=_link_new, verify=True)
        if then is not None:
            then(path)
    return path


def delete_contact(root: Path, path: Path, *, outcome: str = "nothing was changed") -> None:
    """Delete a contact file (a link: the link, not its file) under the network's lock.

    WriteError, saying ``outcome``, when it cannot be deleted; one already gone is fine.
    """
    with network_lock(root):
        try:
            os.unlink(path)
        except FileNotFoundError:
            return
        except OSError as e:
            raise write_error(e, shown_path(path, root), outcome=outcome, action="delete") from None
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


# Files to import ----------------------------------------------------------------------


def _size(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def _kind(raw: bytes) -> str | None:
    """What a file that is not text is, by its first bytes (None: maybe text)."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: Excel 97-2003 (.xls)
        return "spreadsheet"
    if raw.startswith(b"PK\x03\x04"):  # zip: .xlsx, or an archive such as LinkedIn's export
        import io
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        return "spreadsheet" if any(n.startswith("xl/") for n in names) else "zip"
    return None


def _decode_input(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with one (Excel's "Unicode text")."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                why = "this file starts as UTF-16 text but is not; save it as UTF-8"
                problem = Problem(str(path), 0, "", why)
                raise DataError(
                    f"{path} is not UTF-16 text; nothing was written", [problem]
                ) from None
    text, problems = decode(raw, str(path))
    if text is None:
        raise DataError(f"{path} is not UTF-8 text; nothing was written", problems)
    return text


def read_input(path: Path) -> str:
    """A file to import, as text: UTF-8 (a byte-order mark is dropped), or UTF-16 with one.

    Reads at most MAX_INPUT bytes (and one more, to tell). UsageError for a file that
    cannot be read, is larger, or is a spreadsheet or zip archive rather than text.
    """
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_INPUT + 1)
    except OSError as e:
        raise UsageError(f"cannot read {path}: {reason(e)}") from None
    if len(raw) > MAX_INPUT:
        raise UsageError(
            f"{path} is larger than {_size(MAX_INPUT)}, more than abc imports at once; "
            "is it the right file? (split it into smaller files if it is)"
        )
    kind = _kind(raw)
    if kind == "spreadsheet":
        raise UsageError(
            f"{path} is a spreadsheet (Excel), not CSV; export it as CSV first "
            "(File → Save As → CSV UTF-8)"
        )
    if kind == "zip":
        raise UsageError(f"{path} is a zip archive; unzip it and import the file inside")
    return _decode_input(raw, path)
