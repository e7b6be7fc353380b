"""The sync ledger: which touches ``abc sync --apply`` has written, so that one the user
deletes during review is not proposed again.

It is committed with the network (``.abc/sync-ledger``), so it holds nothing
personal: one line per touch, the day and a hash of the contact's file name, the
day and the channel. No address, number or name is in it in clear; the hash is
only a key to look up.

    # abc sync: touches already proposed (date, key); see site/sync.md
    2026-11-03 3f9a0c1d2b4e5f60
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from abcnet.core.problems import Problem

LEDGER_FILE = ".abc/sync-ledger"
HEADER = "# abc sync: touches already proposed (date, key); see site/sync.md"
_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) ([0-9a-f]{16})$")


def key(slug: str, day: date, channel: str) -> str:
    """16 hex digits of SHA-256 over the contact's slug, the day and the channel."""
    text = f"{slug}|{day.isoformat()}|{channel}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Ledger:
    entries: frozenset[tuple[str, str]] = frozenset()
    """(ISO date, key) pairs."""

    def has(self, slug: str, day: date, channel: str) -> bool:
        return (day.isoformat(), key(slug, day, channel)) in self.entries

    def with_touches(self, touches: Iterable[tuple[str, date, str]]) -> Ledger:
        more = {(d.isoformat(), key(s, d, c)) for s, d, c in touches}
        return Ledger(self.entries | more)

    def text(self) -> str:
        """The file's text: sorted, so that a new run's diff shows only its new lines."""
        return "\n".join([HEADER, *(f"{d} {k}" for d, k in sorted(self.entries))]) + "\n"


def parse(text: str, path: str = LEDGER_FILE) -> tuple[Ledger, list[Problem]]:
    """The ledger in ``text``; lines that are not ``YYYY-MM-DD <16 hex digits>`` are problems."""
    entries = set()
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            problems.append(
                Problem(path, n, "", "not a ledger line (YYYY-MM-DD and 16 hex digits)")
            )
            continue
        entries.add((m.group(1), m.group(2)))
    return Ledger(frozenset(entries)), problems
