"""The sync ledger: which touches ``abc sync --apply`` has written, so that one the user
deletes during review is not proposed again.

It is committed with the network (``.abc/sync-ledger``), and read by people too: one
line per touch, the day, the contact's file name and the channel. No address, number,
note or message is in it; the file name is already in the repository.

    # abc sync: touches already applied (date, contact file, channel); see site/sync.md
    2026-11-03 ada-okafor email

Older ledgers wrote a hash of the three instead (``2026-11-03 3f9a0c1d2b4e5f60``):
those lines are still read, and kept as they are.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from abcnet.core.problems import Problem

LEDGER_FILE = ".abc/sync-ledger"
HEADER = "# abc sync: touches already applied (date, contact file, channel); see site/sync.md"
_HASHED = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([0-9a-f]{16})$")
_READABLE = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([a-z0-9][a-z0-9-]*) ([a-z-]+)$")


def key(slug: str, day: date, channel: str) -> str:
    """16 hex digits of SHA-256 over the contact's slug, the day and the channel."""
    text = f"{slug}|{day.isoformat()}|{channel}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Ledger:
    entries: frozenset[tuple[str, str]] = frozenset()
    """(ISO date, key) pairs."""
    lines: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)
    """The readable line of each entry that has one (``2026-11-03 ada-okafor email``)."""

    def has(self, slug: str, day: date, channel: str) -> bool:
        return (day.isoformat(), key(slug, day, channel)) in self.entries

    def with_touches(self, touches: Iterable[tuple[str, date, str]]) -> Ledger:
        more = {(d.isoformat(), key(s, d, c)): f"{d.isoformat()} {s} {c}" for s, d, c in touches}
        return Ledger(self.entries | set(more), {**self.lines, **more})

    def without(self, touches: Iterable[tuple[str, date, str]]) -> Ledger:
        """The ledger less these touches: they will be proposed again (``--forget``)."""
        gone = {(d.isoformat(), key(s, d, c)) for s, d, c in touches}
        kept = {k: v for k, v in self.lines.items() if k not in gone}
        return Ledger(self.entries - gone, kept)

    def text(self) -> str:
        """The file's text: sorted, so that a new run's diff shows only its new lines."""
        rows = sorted(self.lines.get(e, f"{e[0]} {e[1]}") for e in self.entries)
        return "\n".join([HEADER, *rows]) + "\n"


def _entry(line: str) -> tuple[tuple[str, str], str | None] | None:
    """A line's entry, and the line itself when it is a readable one; None if it is none."""
    hashed = _HASHED.match(line)
    if hashed is not None:
        return (hashed.group(1), hashed.group(2)), None
    readable = _READABLE.match(line)
    if readable is None:
        return None
    day, slug, channel = readable.groups()
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return None
    return (day, key(slug, when, channel)), line


def parse(text: str, path: str = LEDGER_FILE) -> tuple[Ledger, list[Problem]]:
    """The ledger in ``text``; lines that are neither ``YYYY-MM-DD file-name channel``
    nor the older ``YYYY-MM-DD <16 hex digits>`` are problems."""
    entries = set()
    lines = {}
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        found = _entry(line)
        if found is None:
            message = "not a ledger line (YYYY-MM-DD, the contact's file name and the channel)"
            problems.append(Problem(path, n, "", message))
            continue
        entries.add(found[0])
        if found[1] is not None:
            lines[found[0]] = found[1]
    return Ledger(frozenset(entries), lines), problems
