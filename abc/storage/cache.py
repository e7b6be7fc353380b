"""The parse cache: what checking each contact file gave, kept in ``.abc-cache/``.

``.abc-cache/network.cache`` remembers, for each contact file, what checking it
gave, keyed by the file's size, mtime, ctime and inode. A load stats every file
and parses only those whose stat changed; the format and its checks are in
``cachefile``. A file changed less than RACY_NS before it was read could change
again within the same timestamp tick, so its entry is trusted only after its
bytes match the digest.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from stat import S_ISREG
from typing import Any, TypeVar

from abcnet.core.cadence import standings
from abcnet.core.identity import DuplicateKeys, duplicate_keys, duplicates_among
from abcnet.core.model import Network, Settings
from abcnet.core.problems import AbcError, Problem
from abcnet.formats.yamltext import loader

from . import cachefile
from .atomic import atomic_write
from .cachestamp import StatKey, _no_gc, _stamp, _stat_key
from .contacts import Loaded, check_file, check_raw, gather, line_of, load_settings
from .layout import CACHE_DIR, CONTACTS_DIR, SETTINGS_FILE, Swept, cache_folder, scan, unusable
from .summary import SUMMARY_FILE

CACHE_FILE = "network.cache"


RACY_NS = 2_000_000_000


#: Below this many files to parse, worker processes cost more than they save.
PARALLEL_FROM = 400


#: A file to check: its path, its path relative to the network, its stat key.
Job = tuple[str, str, StatKey]
#: The contact files and their stats as :func:`scan` lists them, and the problems it found.
Listing = tuple[list[tuple[str, os.stat_result | None]], list[Problem]]
#: Any job :func:`check_in_parallel` hands out.
J = TypeVar("J")


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _is_racy(key: StatKey, now: int) -> bool:
    return now - key[1] < RACY_NS or now - key[2] < RACY_NS


def cache_stamp(root: Path) -> dict[str, Any]:
    """What a cache of checked files must have been written by (see :func:`_stamp`)."""
    return _stamp(root)


def _read_cache(root: Path, stamp: dict[str, Any]) -> cachefile.Cached | None:
    try:
        data = (root / CACHE_DIR / CACHE_FILE).read_bytes()
    except OSError:
        return None
    with _no_gc():
        return cachefile.decode(data, stamp)


def _save_cache(root: Path, data: bytes, summary: bytes | None) -> None:
    try:
        folder = cache_folder(root)
        atomic_write(folder / CACHE_FILE, data)
        if summary is not None:
            atomic_write(folder / SUMMARY_FILE, summary)
        for stale in folder.glob("network.*"):  # what earlier versions wrote
            if stale.name != CACHE_FILE:
                stale.unlink()
    except (OSError, AbcError):
        pass  # a read-only checkout works, only more slowly


def save_summary(root: Path, summary: bytes) -> None:
    with contextlib.suppress(OSError, AbcError):  # as for the cache
        atomic_write(cache_folder(root) / SUMMARY_FILE, summary)


def _still_same(path: Path, entry: cachefile.CachedFile | cachefile.CachedSettings) -> bool:
    """Whether a racy entry's file still has the bytes it was checked with.

    Once the file is old enough that a change would show in its stat, the entry
    stops being racy (and the caller saves the cache).
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if _digest(raw) != entry.digest:
        return False
    if not _is_racy(entry.key, time.time_ns()):
        entry.settle()
    return True


def check_jobs(jobs: list[Job], today: date) -> bytes:
    """Check files (path, relative path, stat key); return their cache records as bytes.

    As bytes, so that what a first run returns went through the same decoding as what
    the next run reads from the cache (and crosses from a worker process cheaply).
    """
    records = []
    for path, rel, key in jobs:
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            problem = Problem(rel, 0, "", f"cannot read: {e.strerror}")
            records.append(
                cachefile.record(rel, (-1, -1, -1, -1), "", True, today, None, None, [problem])
            )
            continue
        racy = _is_racy(key, time.time_ns())
        name = rel.rpartition("/")[2]
        loaded, data = check_raw(raw, rel, name[: name.rfind(".")], today)
        latest = None if data is None else cachefile.latest_date(raw, data)
        contact, problems = loaded.contact, loaded.problems
        records.append(
            cachefile.record(rel, key, _digest(raw), racy, today, latest, contact, problems)
        )
    return cachefile.dump_records(records)


def _check_many(jobs: list[Job], today: date) -> list[cachefile.CachedFile]:
    """The cache entries of files, checked on every CPU when there are many, in order."""
    return check_in_parallel(check_jobs, jobs, today)


def check_in_parallel(
    check: Callable[[list[J], date], bytes], jobs: list[J], today: date
) -> list[cachefile.CachedFile]:
    """``check`` (jobs and today → their records as bytes) over ``jobs``, on every CPU
    when there are many, in order; the entries of the records it gave."""
    # Forked workers, on Linux only: macOS advises against fork, Windows has none.
    workers = len(os.sched_getaffinity(0)) if sys.platform.startswith("linux") else 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        workers = 1  # forking a process that has threads can deadlock the child
    records: list[Any] = []

    def take(data: bytes) -> None:
        with _no_gc():
            records.extend(cachefile.load_records(data))

    if workers < 2 or len(jobs) < PARALLEL_FROM:
        take(check(jobs, today))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        loader("safe")  # import the YAML library once, before forking
        size = -(-len(jobs) // (workers * 4))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                for data in pool.map(check, chunks, [today] * len(chunks)):
                    take(data)  # while the workers go on with the next chunks
        except (OSError, BrokenProcessPool):  # pragma: no cover - cannot fork here
            records.clear()
            take(check(jobs, today))
    with _no_gc():
        return cachefile.decode_records(records)


def _still_holds(
    entry: cachefile.CachedFile | cachefile.CachedSettings, key: StatKey, path: Path
) -> bool:
    """Whether a cached entry still stands for the file at ``path``, whose stat is ``key``."""
    return entry.key == key and (not entry.racy or _still_same(path, entry))


def _settings_cached(
    root: Path, old: cachefile.CachedSettings | None
) -> tuple[Settings, list[Problem], cachefile.SettingsRecord | None, bool]:
    """The settings, their problems, their cache record (None when there is no file),
    and whether the cache needs saving for them (read anew, gone, or settled)."""
    path = root / SETTINGS_FILE
    try:
        st = path.stat()
        usable = S_ISREG(st.st_mode) and (not path.is_symlink() or unusable(path, root) is None)
    except OSError:
        usable = False
    if not usable:  # none, or not a file to read (a link out of the network, say)
        settings, problems = load_settings(root)  # says why, where there is a why
        return settings, problems, None, old is not None
    key = _stat_key(st)
    if old is not None:
        was_racy = old.racy
        if _still_holds(old, key, path):
            return old.settings, list(old.problems), old.record, was_racy and not old.racy
    raw = path.read_bytes()
    racy = _is_racy(key, time.time_ns())
    settings, problems = load_settings(root)
    record = cachefile.settings_record(key, _digest(raw), racy, settings, problems)
    return settings, problems, record, True


@dataclass
class _Scan:
    """What the cache can vouch for among the contact files, and what must be read."""

    outcome: list[Loaded | cachefile.CachedFile | None] = field(default_factory=list)
    """One item a file, in name order: None where the file is to be checked anew."""
    jobs: list[Job] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Names like contact files' that cannot be one (a broken link, a folder)."""
    reused: int = 0
    settled: bool = False
    """Whether an entry stopped being racy (so the cache is worth saving again)."""


def _scan_files(
    root: Path, files: dict[str, cachefile.CachedFile], today: date, listing: Listing | None
) -> _Scan:
    """Each contact file (as ``listing`` has them, else as listed now): its entry from
    the cache where that still holds, else a job."""
    found = _Scan()
    day = today.toordinal()
    folder = root / CONTACTS_DIR
    prefix = CONTACTS_DIR + "/"
    if listing is None:
        entries = scan(root, problems=found.problems)
    else:
        entries, listed_problems = listing
        found.problems.extend(listed_problems)
    for name, st in entries:
        rel = prefix + name
        if st is None:
            found.outcome.append(check_file(folder / name, root, today))  # says why
            continue
        key = _stat_key(st)
        entry = files.get(rel)
        if entry is not None and entry.key == key and entry.holds_on(day):
            # Most entries are settled: only a racy one needs its file read again.
            racy = entry.racy
            if not racy or _still_same(folder / name, entry):
                found.settled = found.settled or (racy and not entry.racy)
                found.outcome.append(entry)
                found.reused += 1
                continue
        found.outcome.append(None)
        found.jobs.append((str(folder / name), rel, key))
    return found


def _duplicate_keys(item: Loaded | cachefile.CachedFile, region: str) -> DuplicateKeys | None:
    """What the duplicate check compares of a checked file (None when it gave no
    contact): from its cache entry when worked out before in the same region, else
    worked out now and kept in the entry, for the cache to save."""
    if item.contact is None:
        return None
    if isinstance(item, cachefile.CachedFile):
        stored = item.record.keys
        if stored is not None and stored[0] == region:
            return DuplicateKeys._make(stored[1:])
        found = duplicate_keys(item.contact, region=region)
        item.record = item.record._replace(keys=(region, *found))
        return found
    return duplicate_keys(item.contact, region=region)


def load_cached(
    root: Path,
    today: date,
    *,
    summary: bool = False,
    listing: Listing | None = None,
    swept: Swept | None = None,
) -> tuple[Network, list[Problem]]:
    """:func:`~abcnet.storage.network.load_network`, parsing only the files the cache
    cannot vouch for.

    Saves the cache when anything changed: there was none, a file was read anew, is
    gone or cannot be read, the settings were read anew, or an entry settled.
    Duplicates across files depend only on the files, so when none changed they come
    from the cache too. With ``summary`` (``abc check`` asks for it) it also saves
    the check summary, even when nothing else changed; other commands leave the
    summary as it is, and ``abc check`` brings it up to date itself. ``listing`` is the
    contact files as :func:`~abcnet.storage.layout.scan` listed them just before, with
    its problems, when the caller has it, and ``swept`` the folder it was listed from
    (:func:`~abcnet.storage.layout.sweep`), when every contact file in it is a plain one.
    """
    stamp = _stamp(root)
    old = _read_cache(root, stamp)
    before = old if old is not None else cachefile.Cached(None, {}, ())
    settings, problems, settings_record, settings_changed = _settings_cached(root, before.settings)
    found = _scan_files(root, before.files, today, listing)
    problems.extend(found.problems)
    outcome: list[Loaded | cachefile.CachedFile] = []
    fresh = iter(_check_many(found.jobs, today) if found.jobs else ())
    outcome = [item if item is not None else next(fresh) for item in found.outcome]
    contacts = gather(outcome, problems)
    changed = (
        old is None
        or bool(found.jobs)
        or found.reused != len(before.files)
        or settings_changed
        or found.settled
    )
    if changed:
        found_keys = [_duplicate_keys(item, settings.me.region) for item in outcome]
        across = duplicates_among(
            [k for k in found_keys if k is not None],
            lambda rel, field, value: line_of(root, rel, field, value),
        )
    else:
        across = list(before.duplicates)
    kept = [e.record for e in outcome if isinstance(e, cachefile.CachedFile) and e.key[0] >= 0]
    # The summary (for abc check, which asks for it) only of a listing the cache holds
    # whole, so that it stands for it; empty otherwise, so that none stands.
    brief = None
    if summary:
        brief = b""
        if len(kept) == len(outcome):
            rows = [cachefile.summary_row(r) for r in kept]
            keys = [r.keys for r in kept]
            known = standings(cachefile.briefs(rows, []), settings)
            brief = cachefile.encode_summary(
                stamp, settings_record, rows, keys, across, known, swept
            )
    if changed:
        _save_cache(root, cachefile.encode(stamp, settings_record, kept, across), brief)
    elif brief is not None:
        save_summary(root, brief)
    problems.extend(across)
    return Network(tuple(contacts), settings, len(outcome)), sorted(problems)
