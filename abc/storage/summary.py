"""The check summary, ``.abc-cache/check.cache``: what ``abc check`` needs of each
contact file, beside the parse cache (``cache``), which writes it whenever it saves.

Per file only its stamp, the day it was checked and its latest date (as the parse
cache has them), its problems, and a :class:`~abcnet.core.model.Brief` of the
contact: a tenth of the parse cache's objects, so a warm ``abc check`` loads in a
fraction of the time. It is trusted by the same rules as the parse cache (its
header's stamp and checksum, every file's stat, no racy entry, no date that makes
today matter), and for the whole listing only: where any of that fails, the
parse cache is loaded instead, and saves the summary anew.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from stat import S_ISREG
from typing import Any

from abcnet.core.model import Settings, Standing
from abcnet.core.problems import Problem

from . import cachefile
from .cachestamp import _no_gc, _stamp, _stat_key
from .layout import CACHE_DIR, CONTACTS_DIR, SETTINGS_FILE, scan

SUMMARY_FILE = "check.cache"


def load_for_check(
    root: Path, today: date
) -> tuple[tuple[Standing, ...], Settings, int, list[Problem]]:
    """What ``abc check`` needs: each contact as far as its report goes, the settings,
    how many contact files there are, and every problem, as :func:`load_cached` finds
    them.

    From the check summary alone when it still stands for every file (the same
    stat, none racy, none that checking on ``today`` could change) and for the
    settings; else from :func:`load_cached`, which writes it anew.
    """
    stamp = _stamp(root)
    try:
        data = (root / CACHE_DIR / SUMMARY_FILE).read_bytes()
    except OSError:
        data = b""
    with _no_gc():
        quick = _from_summary(root, data, stamp, today) if data else None
    if quick is not None:
        return quick
    from .cache import load_cached

    network, problems = load_cached(root, today, summary=True)
    return network.contacts, network.settings, network.files, problems


def _from_summary(
    root: Path, data: bytes, stamp: dict[str, Any], today: date
) -> tuple[tuple[Standing, ...], Settings, int, list[Problem]] | None:
    """:func:`load_for_check` from the summary in ``data``, or None where it cannot vouch."""
    summary = cachefile.decode_summary(data, stamp)
    if summary is None:
        return None
    settings = _settings_unchanged(root, summary.settings)
    if settings is None:
        return None
    problems = list(settings[1])
    listing = scan(root, problems=problems)
    rows = summary.files
    if len(listing) != len(rows):
        return None
    prefix = CONTACTS_DIR + "/"
    day = today.toordinal()
    for (name, st), row in zip(listing, rows, strict=True):
        if st is None or row[0] != prefix + name:
            return None
        seen, checked, latest = row[1], row[2], row[3]
        if seen[5] or seen[:4] != _stat_key(st):
            return None  # changed, or a racy entry: load_cached reads it
        if not cachefile.holds_on(day, checked, latest):
            return None
    briefs = []
    try:
        for row in rows:
            found, file_problems = cachefile.brief(row)
            if found is not None:
                briefs.append(found)
            problems.extend(file_problems)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None  # a row not in the summary's shape
    problems.extend(summary.duplicates)
    return tuple(briefs), settings[0], len(rows), sorted(problems)


def _settings_unchanged(
    root: Path, old: cachefile.CachedSettings | None
) -> tuple[Settings, tuple[Problem, ...]] | None:
    """The settings and their problems as the summary has them, when abc.yaml is a
    plain file with the same stat, not racy (or, with no summary record, still absent)."""
    path = root / SETTINGS_FILE
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return (Settings(), ()) if old is None else None
    except OSError:
        return None
    if old is None or old.racy or not S_ISREG(st.st_mode) or old.key != _stat_key(st):
        return None
    return old.settings, old.problems
