"""Who triage skipped, so the next run asks them after the others (``.abc-cache/triage-skipped``).

One slug a line, sorted. In the parse cache's folder: deleting it only forgets
that order, and failing to write it only loses the order of the next run.
"""

from __future__ import annotations

from pathlib import Path

from abcnet.core.problems import WriteError

from .atomic import atomic_write, read_output
from .layout import CACHE_DIR, cache_folder

SKIPPED_FILE = "triage-skipped"


def read_skipped(root: Path) -> set[str]:
    """The slugs the last triage skipped (none when it remembered nothing)."""
    raw = read_output(root / CACHE_DIR / SKIPPED_FILE)
    return set(raw.decode("utf-8", "replace").split()) if raw else set()


def write_skipped(root: Path, slugs: set[str]) -> str | None:
    """Remember ``slugs`` as skipped; why not, when that cannot be written."""
    data = "".join(f"{slug}\n" for slug in sorted(slugs)).encode("utf-8")
    try:
        atomic_write(cache_folder(root) / SKIPPED_FILE, data)
    except (WriteError, OSError) as e:
        return e.message if isinstance(e, WriteError) else str(e)
    return None
