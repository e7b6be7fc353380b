"""Contact files: checked before an edit, edited and created atomically under the network's
lock, deleted under it; a link to a file in the network stays a link."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.problems import DataError, Problem, ReadError
from abcnet.formats.yamltext import load_text

from .atomic import BOM, fsync_dir, link_new, shown_path, write_error, write_file
from .contacts import check_file
from .layout import CONTACTS_DIR, reason, unusable
from .lock import network_lock


def read_for_edit(path: Path, root: Path, today: date, raw: bytes | None = None) -> tuple[str, Any]:
    """The text of a contact file and its round-trip data, if the file has no errors.

    Call under :func:`~abcnet.storage.lock.network_lock`. Raises DataError with the problems otherwise.
    """
    raw = path.read_bytes() if raw is None else raw
    loaded = check_file(path, root, today, raw=raw)
    errs = [p for p in loaded.problems if p.severity == "error"]
    if errs:
        raise DataError(f"{loaded.rel} has problems; fix them first (nothing was changed)", errs)
    text = raw.decode("utf-8-sig")
    data, _ = load_text(text, loaded.rel, "rt")
    return text, data


def target_of(path: Path, root: Path, rel: str) -> Path:
    """The file a write to the contact file at ``path`` goes to: the file itself, or the
    one its link points at, in the network (DataError for a link out of it, or nowhere)."""
    if not path.is_symlink():
        return path
    why = unusable(path, root)
    if why is not None:
        problem = Problem(rel, 0, "", why[1], why[0])
        raise DataError(f"{rel} has problems; fix them first (nothing was changed)", [problem])
    return Path(os.path.realpath(path))


def open_for_edit(root: Path, slug: str, today: date) -> tuple[Path, str, bytes, str, Any]:
    """The contact file ``slug`` (``.yaml``, else ``.yml``) read for an edit: the file to
    write (a link's target), its name as shown, its bytes, its text and round-trip data.
    A file that cannot be read raises ReadError, one with errors DataError."""
    path = root / CONTACTS_DIR / f"{slug}.yaml"
    if not os.path.lexists(path):
        path = path.with_suffix(".yml")
    rel = f"{CONTACTS_DIR}/{path.name}"
    target = target_of(path, root, rel)
    try:
        raw = target.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot read {rel}: {reason(e)}; nothing was changed") from None
    text, data = read_for_edit(path, root, today, raw)
    return target, rel, raw, text, data


#: An edit of a contact file: its text and round-trip data (ruamel's) to the new text.
Change = Callable[[str, Any], str]

#: What to do with the file just written, still under the lock: abc's git commit of it,
#: so that abc runs at the same time commit one after the other.
Then = Callable[[Path], object] | None


def edit_contact(root: Path, slug: str, today: date, change: Change, *, then: Then = None) -> Path:
    """Apply ``change(text, rt_data) -> new_text`` to one contact file, atomically, under a lock.

    The file is checked first: a file with errors is not edited (DataError). A link
    to a file elsewhere in the network stays a link: its file is written. ``then``
    gets the file written, under the same lock. Returns the file written.
    """
    with network_lock(root) as temp:
        target, rel, raw, text, data = open_for_edit(root, slug, today)
        new = change(text, data)
        if new != text:
            bom = BOM if raw.startswith(BOM) else b""
            write_file(target, bom + new.encode("utf-8"), temp=temp, shown=rel)
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
        write_file(path, data, temp=temp, shown=shown, place=link_new, verify=True)
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
        fsync_dir(path.parent)
