"""The check summary, ``.abc-cache/check.cache``: what ``abc check`` needs of each
contact file, beside the parse cache (``cache``). Only ``abc check`` writes it:
from the whole parse cache when it falls back to that, else by updating it.

Per file only its stamp, the day it was checked and its latest date (as the parse
cache has them), its problems, and a :class:`~abcnet.core.model.Brief` of the
contact: a tenth of the parse cache's objects, so a warm ``abc check`` loads in a
fraction of the time. It is trusted by the same rules as the parse cache (its
header's stamp and checksum, every file's stat, no racy entry, no date that makes
today matter, the same settings); a file that fails them is checked again, and
each file's identity keys are kept so that the duplicate check across files
needs no other file read again. Where the summary cannot serve (it is missing,
damaged or foreign, the settings changed, many files changed, a file cannot be
read), the whole parse cache is loaded instead, and saves the summary anew.
"""

from __future__ import annotations

import os
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, NamedTuple

from abcnet.core.cadence import Standings, standings
from abcnet.core.model import Settings, Standing
from abcnet.core.problems import Problem

from . import cachefile, clock
from .cachestamp import _no_gc, _stamp, _stat_key
from .layout import CACHE_DIR, CONTACTS_DIR, SETTINGS_FILE, Swept, scan, sweep

if TYPE_CHECKING:
    from .cache import Listing

SUMMARY_FILE = "check.cache"


class ForCheck(NamedTuple):
    """What abc check loads."""

    people: Sequence[Standing]
    """Each person as far as the report goes."""
    settings: Settings
    files: int
    """How many contact files there are."""
    problems: list[Problem]
    """Every problem."""
    standings: Standings | None = None
    """Where ``people`` stand, when the check summary had it (see :func:`check_report`)."""


def load_for_check(root: Path, today: date) -> ForCheck:
    """What ``abc check`` needs: each contact as far as its report goes, the settings,
    how many contact files there are, and every problem, as :func:`load_cached` finds
    them.

    From the check summary alone when it still stands for every file (the same
    stat, none racy, none that checking on ``today`` could change) and for the
    settings. When a few files are new, changed or gone, only those are checked
    again, the duplicate check runs again on every file's kept keys, and the
    summary is saved (the parse cache is left as it is: the next command that
    loads it checks those files again and saves it). Else, and when the summary
    cannot be used, from :func:`~abcnet.storage.cache.load_cached`, which writes
    it anew.
    """
    return load_check(root, today)[1]


def load_check(root: Path, today: date | None) -> tuple[date, ForCheck]:
    """The day checked and :func:`load_for_check` on it. With ``today`` None, the
    network's today (:func:`~abcnet.storage.clock.network_today`), found from the
    settings the summary holds while abc.yaml is unchanged, so that abc.yaml is
    not read again."""
    stamp = _stamp(root)
    try:
        data = (root / CACHE_DIR / SUMMARY_FILE).read_bytes()
    except OSError:
        data = b""
    listed: list[Problem] = []
    made: list[Listing] = []

    def listing() -> Listing:
        """The contact files, sorted, with their problems: listed once, when asked."""
        if not made:
            made.append((scan(root, problems=listed, swept=swept), listed))
        return made[0]

    # A stat for each file too: none forms a cycle. abc check runs this first thing in a
    # process of its own, with no garbage yet to collect.
    with _no_gc(collect=False):
        swept = sweep(root)
        quick = _from_summary(root, data, stamp, today, swept, listing) if data else None
        if quick is None:
            listing()
    if quick is not None:
        return quick
    from .cache import load_cached

    if today is None:
        today = clock.network_today(root)
    plain = swept if swept is not None and swept.plain() else None
    network, problems = load_cached(root, today, summary=True, listing=made[0], swept=plain)
    return today, ForCheck(network.contacts, network.settings, network.files, problems)


#: Above this many files to check again, the whole parse cache is loaded instead (and
#: saved), which checks them on every CPU.
UPDATE_UP_TO = 200


def _from_summary(
    root: Path,
    data: bytes,
    stamp: dict[str, Any],
    today: date | None,
    swept: Swept | None,
    listing: Callable[[], Listing],
) -> tuple[date, ForCheck] | None:
    """:func:`load_check` from the summary in ``data`` for the contact folder as
    ``swept`` found it (or, when the summary cannot tell from that alone, for the
    contact files ``listing`` gives), checking again the few files it cannot vouch
    for (and then saving it anew); None where it cannot serve."""
    summary = cachefile.decode_summary(data, stamp)
    if summary is None:
        return None
    settings = _settings_unchanged(root, summary.settings)
    if settings is None:
        return None
    today = clock.settings_today(settings[0]) if today is None else today
    day = today.toordinal()
    problems = [*settings[1]]
    try:
        if swept is not None and _same_sweep(summary, swept) and _holds(summary, day):
            files = len(summary.checked)  # and no problem in listing them, as then
        else:
            entries, listed = listing()
            problems += listed
            plain = swept if swept is not None and not listed and swept.plain() else None
            if not (_same_entries(summary, entries) and _holds(summary, day)):
                return _changed(root, stamp, summary, entries, today, problems, plain)
            files = len(entries)
            if plain is not None:  # such as a README added: the next check needs no sort
                _save_sweep(root, data, stamp, plain)
        problems += cachefile.summary_problems(summary)
        people = cachefile.Briefs(summary)
    except (ValueError, TypeError, IndexError, OverflowError, EOFError):
        return None  # a row not in the summary's shape
    problems.extend(summary.duplicates)
    found = ForCheck(people, settings[0], files, sorted(problems), summary.standings)
    return today, found


def _save_sweep(root: Path, data: bytes, stamp: dict[str, Any], swept: Swept) -> None:
    from .cache import save_summary

    updated = cachefile.with_sweep(data, stamp, swept)
    if updated is not None:
        save_summary(root, updated)


#: A stat's :func:`~abcnet.storage.cachestamp._stat_key`, as one C call.
_STAT_KEY = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")


def _keys(stats: Iterable[os.stat_result]) -> array[int] | None:
    """The stat keys of ``stats``, one after the other; None when one does not fit."""
    try:
        return array("q", chain.from_iterable(map(_STAT_KEY, stats)))
    except OverflowError:
        return None  # a huge inode


def _same_sweep(summary: cachefile.Summary, swept: Swept) -> bool:
    """Whether the folder is as the summary's sweep found it: the same entries listed in
    the same order, each with the same stat. Then so are its contact files, and none
    is a link (the summary holds a sweep only then), with no sorting to find them."""
    if summary.raw_stats is None or "\0".join(swept.names) != summary.raw:
        return False
    keys = _keys(swept.stats)
    return keys is not None and keys == summary.raw_stats


def _same_entries(
    summary: cachefile.Summary, entries: list[tuple[str, os.stat_result | None]]
) -> bool:
    """Whether the summary's files are those of ``entries``, with the same stats."""
    if "\0".join(map(itemgetter(0), entries)) != summary.listing:
        return False
    try:
        keys = _keys(map(itemgetter(1), entries))
    except AttributeError:
        return False  # a file that cannot be read (load_cached says why)
    return keys is not None and keys == summary.stats


def _holds(summary: cachefile.Summary, day: int) -> bool:
    """Whether the summary's files as it has them are checked on ``day`` as it says: none
    racy, and none whose check on ``day`` could differ
    (:func:`~abcnet.storage.cachefile.holds_on`)."""
    if summary.racy:
        return False
    checked = summary.checked
    # Only a file with a date on or after the day it was checked or on or after day can differ.
    since = min(day, min(checked, default=day))
    late = summary.latest_of[bisect_left(summary.latest, since) :]
    latest = dict(zip(summary.latest_of, summary.latest, strict=True)) if late else {}
    return all(cachefile.holds_on(day, checked[i], latest[i]) for i in late)


def _changed(
    root: Path,
    stamp: dict[str, Any],
    summary: cachefile.Summary,
    entries: list[tuple[str, os.stat_result | None]],
    today: date,
    problems: list[Problem],
    swept: Swept | None,
) -> tuple[date, ForCheck] | None:
    """:func:`load_check` when some files of ``entries`` are new, changed or gone, or
    the summary cannot vouch for them: those checked again, and the summary saved
    anew; None when it cannot serve (too many, or one cannot be read)."""
    rows = summary.rows()
    prefix = CONTACTS_DIR + "/"
    day = today.toordinal()
    kept: list[list[Any] | None] = []
    jobs: list[tuple[str, str, tuple[int, int, int, int]]] = []
    where = {r[0]: r for r in rows}
    for name, st in entries:
        if st is None:
            return None  # a file that cannot be read: load_cached says why
        rel = prefix + name
        row = where.get(rel)
        key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)  # _stat_key, inline
        if row is not None:
            seen = row[1]
            # A racy row is checked again: its stat cannot vouch for its bytes.
            if not seen[5] and seen[:4] == key and cachefile.holds_on(day, row[2], row[3]):
                kept.append(row)
                continue
        kept.append(None)
        jobs.append((str(root / rel), rel, key))
    if len(jobs) > UPDATE_UP_TO:
        return None
    updated = _updated(root, stamp, summary, rows, kept, jobs, today, problems, swept)
    return None if updated is None else (today, updated)


def _updated(
    root: Path,
    stamp: dict[str, Any],
    summary: cachefile.Summary,
    rows_before: list[list[Any]],
    kept: list[list[Any] | None],
    jobs: list[tuple[str, str, tuple[int, int, int, int]]],
    today: date,
    problems: list[Problem],
    swept: Swept | None,
) -> ForCheck | None:
    """The summary with the files of ``jobs`` checked again (where ``kept`` has None)
    and the files gone left out, and the duplicate check across files run again on
    every file's keys; saved, and what it gives ``abc check``."""
    from abcnet.core.identity import DuplicateKeys, duplicate_keys, duplicates_among

    from .cache import check_jobs, save_summary
    from .contacts import line_of

    region = (summary.settings.settings if summary.settings else Settings()).me.region
    old_keys = dict(zip((r[0] for r in rows_before), cachefile.summary_keys(summary), strict=True))
    fresh = iter(cachefile.decode_records(cachefile.load_records(check_jobs(jobs, today))))
    rows, keys = [], []
    for row in kept:
        if row is not None:
            if row[5] is not None and old_keys[row[0]] is None:
                return None  # a contact without its keys: not what this code writes
            rows.append(row)
            keys.append(old_keys[row[0]])
            continue
        entry = next(fresh)
        if entry.key[0] < 0:
            return None  # could not be read: load_cached says why
        record = entry.record
        if entry.contact is not None:
            record = record._replace(keys=(region, *duplicate_keys(entry.contact, region=region)))
        rows.append(cachefile.summary_row(record))
        keys.append(record.keys)
    found = [DuplicateKeys._make(k[1:]) for k in keys if k is not None]
    across = duplicates_among(found, lambda rel, field, value: line_of(root, rel, field, value))
    settings_record = None if summary.settings is None else summary.settings.record
    settings = Settings() if summary.settings is None else summary.settings.settings
    briefs = cachefile.briefs(rows, problems)
    known = standings(briefs, settings)
    data = cachefile.encode_summary(stamp, settings_record, rows, keys, across, known, swept)
    save_summary(root, data)
    problems.extend(across)
    return ForCheck(tuple(briefs), settings, len(rows), sorted(problems))


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
