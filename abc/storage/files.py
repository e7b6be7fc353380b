"""Writing user files: atomically (temp file, fsync, rename), under a lock, checked first."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.problems import DataError, UsageError

from .contacts import check_file
from .layout import CONTACTS_DIR
from .yamltext import decode, load_text


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def read_output(path: Path) -> bytes | None:
    """A generated file as it is now (such as a calendar), or None if there is none to read."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def write_output(path: Path, data: bytes) -> None:
    """Write a generated file atomically, creating its folder (such as build/) if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder, so edits by two processes happen one after the other."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def read_for_edit(path: Path, root: Path, today: date) -> tuple[str, Any]:
    """The text of a contact file and its round-trip data, if the file has no errors.

    Call inside :func:`locked`. Raises DataError with the problems otherwise.
    """
    raw = path.read_bytes()
    loaded = check_file(path, root, today, raw=raw)
    errs = [p for p in loaded.problems if p.severity == "error"]
    if errs:
        raise DataError(f"{loaded.rel} has problems; fix them first (nothing was changed)", errs)
    text = raw.decode("utf-8-sig")
    data, _ = load_text(text, loaded.rel, "rt")
    return text, data


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def edit_contact(root: Path, slug: str, today: date, change: Any) -> Path:
    """Apply ``change(text, rt_data) -> new_text`` to one contact file, atomically, under a lock.

    The file is checked first: a file with errors is not edited (DataError).
    """
    path = root / CONTACTS_DIR / f"{slug}.yaml"
    if not path.exists():
        path = path.with_suffix(".yml")
    with locked(root / CONTACTS_DIR):
        raw = path.read_bytes()
        text, data = read_for_edit(path, root, today)
        new = change(text, data)
        if new != text:
            write_text(path, new, bom=raw.startswith(b"\xef\xbb\xbf"))
    return path


def create_contact(root: Path, slug: str, text: str) -> Path:
    """Write a new contact file; never overwrites (FileExistsError if the slug is taken)."""
    folder = root / CONTACTS_DIR
    path = folder / f"{slug}.yaml"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"unsafe file name: {slug!r}")
    with locked(folder):
        if path.exists() or path.with_suffix(".yml").exists():
            raise FileExistsError(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{slug}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(text.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.link(tmp, path)  # fails if the file appeared meanwhile: never overwrites
        finally:
            os.unlink(tmp)
    return path


def read_input(path: Path) -> str:
    """A file to import, as text (UTF-8; a byte-order mark is dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None
    text, problems = decode(raw, str(path))
    if text is None:
        raise DataError(f"{path} is not UTF-8 text; nothing was written", problems)
    return text
