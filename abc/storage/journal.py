"""What `abc log` added, so that `abc unlog` can take back a touch logged by mistake.

The design. A contact file says nothing of who wrote each touch, and it should not:
it is the user's file, and a marker in it (a comment, a key) would be noise in
every diff and would travel with every copy. So abc keeps its own note, beside the
parse cache: ``.abc-cache/journal.jsonl``, one JSON line for each touch `abc log`
added, in the order they were added, with

- ``file``: the contact file, as abc names the person's file (``contacts/ada.yaml``);
- ``touch``: the touch exactly as abc wrote it (``date``, and ``channel``,
  ``direction``, ``kind``, ``note`` where given), as the file reads it back;
- ``same``: how many touches equal to it the file held right after it was added.

`abc unlog NAME` takes the newest line for that person's file, and finds the touch
in the file as it is now: a touch equal in every field (any edit by hand makes it
another touch). If the file holds fewer such touches than ``same``, one of them was
removed since (perhaps abc's), so nothing is removed. Among equal touches it takes
the one where `abc log` puts a new touch (the last, or the first in a file kept
newest first); equal touches being the same data, which one goes changes nothing
else. So abc removes only a touch it added, unchanged since; when the touch is no
longer there, it says so, changes no contact file, and forgets the line (a second
`abc unlog` then looks at the touch logged before it). No journal (a new clone,
``.abc-cache/`` deleted), or no line for the file: abc says it has no record and
changes nothing. A touch written by hand is never in the journal, and so is never
removed.

The journal is read and written under the network's lock; it keeps the newest
:data:`KEPT` lines; a line it cannot read is skipped. Failing to write it never
fails `abc log`: unlog then says it has no record. `abc merge` forgets the lines of
the file it deletes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.problems import AbcError, ReadError
from abcnet.formats.yamltext import load_text

from .atomic import atomic_write
from .layout import CACHE_DIR, cache_folder, reason
from .lock import network_lock

JOURNAL_FILE = "journal.jsonl"

#: How many of the newest lines the journal keeps.
KEPT = 1000


@dataclass(frozen=True)
class Logged:
    """One touch `abc log` added."""

    file: str
    touch: dict[str, Any]
    same: int


def written_touch(touch: dict[str, Any]) -> dict[str, Any]:
    """A touch as the file reads it back: no empty keys, the date as YYYY-MM-DD."""
    return {
        k: v.isoformat() if isinstance(v, date) else v for k, v in touch.items() if v is not None
    }


def _path(root: Path) -> Path:
    return root / CACHE_DIR / JOURNAL_FILE


def _entry(line: str) -> Logged | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    file, touch, same = data.get("file"), data.get("touch"), data.get("same")
    if not isinstance(file, str) or not isinstance(touch, dict) or "date" not in touch:
        return None
    if not isinstance(same, int) or isinstance(same, bool) or same < 1:
        return None
    return Logged(file, touch, same)


def read(root: Path) -> list[Logged]:
    """Every line of the journal that can be read, oldest first (none without a journal)."""
    try:
        text = _path(root).read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    return [e for line in text.splitlines() if (e := _entry(line)) is not None]


def _save(root: Path, entries: list[Logged]) -> None:
    lines = [
        json.dumps({"file": e.file, "touch": e.touch, "same": e.same}, sort_keys=False) + "\n"
        for e in entries[-KEPT:]
    ]
    atomic_write(cache_folder(root) / JOURNAL_FILE, "".join(lines).encode("utf-8"))


def matches(text: str, touch: dict[str, Any]) -> list[int]:
    """The positions in a contact file's list of touches of those equal to ``touch``."""
    data, problems = load_text(text, "journal", "safe")
    touches = data.get("touches") if not problems and isinstance(data, dict) else None
    if not isinstance(touches, list):
        return []
    return [i for i, t in enumerate(touches) if t == touch]


def find(text: str, entry: Logged) -> int | None:
    """Where the touch of ``entry`` is in a contact file's text (the index in its list of
    touches), or None when it is no longer there (see the module's docstring)."""
    found = matches(text, entry.touch)
    if len(found) < entry.same:
        return None
    data, _ = load_text(text, "journal", "safe")
    dates = [str(t.get("date")) if isinstance(t, dict) else "" for t in data["touches"]]
    newest_first = len(dates) >= 2 and dates[0] > dates[-1]
    return found[0] if newest_first else found[-1]


def find_in_file(root: Path, entry: Logged) -> int | None:
    """:func:`find` in the contact file of ``entry`` as it is on disk now.

    Raises :class:`ReadError` (nothing changed) when the file cannot be read.
    """
    try:
        now = (root / entry.file).read_bytes().decode("utf-8-sig", "replace")
    except OSError as e:
        raise ReadError(f"cannot read {entry.file}: {reason(e)}; nothing was changed") from None
    return find(now, entry)


def record(root: Path, rel: str, touch: dict[str, Any], written: Path) -> None:
    """Note that `abc log` added ``touch`` to the contact file ``rel`` (``written`` is the
    file written). Call under the network's lock. Never fails."""
    touch = written_touch(touch)
    with contextlib.suppress(OSError, AbcError, ValueError):
        same = len(matches(written.read_bytes().decode("utf-8-sig"), touch))
        if same:
            _save(root, [*read(root), Logged(rel, touch, same)])


def recorder(
    root: Path, rel: str, touch: dict[str, Any], then: Callable[[Path], object] | None
) -> Callable[[Path], None]:
    """What `abc log` does with the file it wrote, under the lock: :func:`record`, then ``then``."""

    def after(path: Path) -> None:
        record(root, rel, touch, path)
        if then is not None:
            then(path)

    return after


def last(root: Path, rel: str) -> Logged | None:
    """The touch `abc log` added to ``rel`` most recently, of those not taken back yet."""
    return next((e for e in reversed(read(root)) if e.file == rel), None)


def forget(root: Path, entry: Logged) -> None:
    """Drop the newest line equal to ``entry`` (taken back, or no longer in the file).
    Never fails: a line left behind finds its touch gone, and removes nothing."""
    with contextlib.suppress(OSError, AbcError), network_lock(root):
        entries = read(root)
        for i in range(len(entries) - 1, -1, -1):
            if entries[i] == entry:
                del entries[i]
                _save(root, entries)
                return


def forget_file(root: Path, rel: str) -> None:
    """Drop every line about ``rel`` (a file `abc merge` deleted). Never fails."""
    with contextlib.suppress(OSError, AbcError), network_lock(root):
        entries = read(root)
        kept = [e for e in entries if e.file != rel]
        if len(kept) != len(entries):
            _save(root, kept)
