"""The only module that reads or writes the network's files.

Reading: every ``contacts/*.yaml`` file is parsed with ruamel.yaml's safe loader
(with its C speedups where installed). Dates are kept as text so an impossible
date becomes a problem with a line number instead of a bare ValueError. A file
with problems is read again with the round-trip loader, whose nodes know their
lines, so every problem carries ``file:line``.

Writing: a read-modify-write of one file holds a lock on the contacts folder,
checks the file first, and replaces it atomically (temp file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

from .cadence import duplicate_problems
from .model import Contact, Network, Settings
from .parse import Locator, no_lines, parse_contact, parse_settings
from .problems import DataError, NoNetworkError, Problem

CONTACTS_DIR = "contacts"
SETTINGS_FILE = "abc.yaml"
CACHE_DIR = ".abc-cache"
BUILD_DIR = "build"
SUFFIXES = (".yaml", ".yml")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MAX_DEPTH = 64


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``contacts/``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONTACTS_DIR).is_dir():
            return folder
    raise NoNetworkError(
        f"no contacts/ folder in {start} or above it; run abc inside your network (or pass -C DIR)"
    )


def contact_files(root: Path) -> list[Path]:
    """Every contact file, sorted by name; other files and hidden files are ignored."""
    folder = root / CONTACTS_DIR
    return [folder / name for name, _ in _scan(root, stat=False)]


# --- YAML loaders -----------------------------------------------------------------------


def _text_timestamps(constructor: Any, node: Any) -> Any:
    return constructor.construct_scalar(node)


_loaders: dict[str, Any] = {}


def _loader(kind: str) -> Any:
    """A cached YAML instance: ``safe`` (fast, plain data) or ``rt`` (positions)."""
    if kind not in _loaders:
        from ruamel.yaml import YAML
        from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor

        base = SafeConstructor if kind == "safe" else RoundTripConstructor
        constructor = type(f"Abc{base.__name__}", (base,), {})
        constructor.add_constructor(TIMESTAMP_TAG, _text_timestamps)
        yaml = YAML(typ="safe") if kind == "safe" else YAML()
        yaml.Constructor = constructor
        yaml.allow_duplicate_keys = False
        _loaders[kind] = yaml
        if kind == "safe":
            _loaders[kind] = _CSafe.build(constructor) or yaml
    return _loaders[kind]


class _CSafe:
    """``YAML(typ="safe").load`` with its C parser, without its cost on every call.

    ruamel.yaml builds a new loader class on each ``load`` and resolves each scalar
    through a version lookup that, with the C parser, always ends at YAML 1.2 (half
    the time of a safe load goes there). This builds the equivalent class once: the
    C parser, our constructor, the YAML 1.2 resolver. tests/test_cache.py checks that
    it reads tricky documents exactly as YAML() does.
    """

    def __init__(self, cls: Any) -> None:
        self._cls = cls

    @classmethod
    def build(cls, constructor: Any) -> _CSafe | None:
        try:
            from ruamel.yaml.cyaml import CParser
        except ImportError:  # pragma: no cover - no C extension: YAML() it is
            return None
        from ruamel.yaml.resolver import Resolver

        class Loader(CParser, constructor, Resolver):  # type: ignore[misc, valid-type]
            # What YAML()'s VersionedResolver works out, slowly, for every scalar: with the
            # C parser it never sees a %YAML directive, so it is always 1.2.
            processing_version = (1, 2)

            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                constructor.__init__(self, loader=self)
                self.allow_duplicate_keys = False
                Resolver.__init__(self, loadumper=self)

        return cls(Loader)

    def load(self, text: str) -> Any:
        loader = self._cls(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, [Problem(rel, line, "", "this file is not UTF-8 text; save it as UTF-8")]


def _yaml_problem(e: Exception, rel: str, text: str) -> Problem:
    mark = getattr(e, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = str(getattr(e, "problem", None) or e).strip()
    if type(e).__name__ == "DuplicateKeyError":
        m = re.search(r'duplicate key "(.*?)"', problem)
        first = getattr(e, "context_mark", None)
        key = m.group(1) if m else "?"
        where = f" (first on line {first.line + 1})" if first is not None else ""
        return Problem(rel, line, key, f"duplicate key{where}; keep only one")
    if "could not determine a constructor" in problem or ("tag" in problem and "!" in problem):
        return Problem(rel, line, "", f"{problem}; abc reads plain YAML only, remove the tag")
    hint = "check the indentation and quoting around here"
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "\t" in problem:
        hint = "YAML indents with spaces, not tabs"
    return Problem(rel, line, "", f"YAML syntax: {problem}; {hint}")


def _depth_ok(data: Any) -> bool:
    """Whether the data nests at most _MAX_DEPTH deep (aliases are not followed twice)."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return False
        if isinstance(item, dict | list) and id(item) not in seen:
            seen.add(id(item))
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def load_text(text: str, rel: str, kind: str = "safe") -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data, or a problem with the line it names."""
    from ruamel.yaml.error import YAMLError

    try:
        data = _loader(kind).load(text)
    except YAMLError as e:
        return None, [_yaml_problem(e, rel, text)]
    except RecursionError:
        return None, [Problem(rel, 0, "", "nested too deeply to be a contact file")]
    if not _depth_ok(data):
        return None, [Problem(rel, 0, "", "nested too deeply to be a contact file")]
    return data, []


def rt_locator(data: Any) -> Locator:
    """A locator over round-trip data: the 1-based line of the node at a path."""

    def locate(path: tuple[str | int, ...]) -> int:
        node = data
        line = 1
        for part in path:
            lc = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and part in node:
                    # The key's line: a value may be an alias whose node sits elsewhere.
                    line = lc.key(part)[0] + 1
                    node = node[part]
                elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                    line = lc.item(part)[0] + 1
                    node = node[part]
                else:
                    break
            except (AttributeError, KeyError, TypeError, IndexError):
                break
        return line

    return locate


@dataclass(frozen=True)
class Loaded:
    """One contact file after checking."""

    rel: str
    contact: Contact | None
    problems: tuple[Problem, ...]


def check_file(path: Path, root: Path, today: date, raw: bytes | None = None) -> Loaded:
    """Read and check one contact file, with exact lines for any problem."""
    rel = path.relative_to(root).as_posix()
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as e:
            return Loaded(rel, None, (Problem(rel, 0, "", f"cannot read: {e.strerror}"),))
    return _check_raw(raw, rel, path.stem, today)[0]


def _check_raw(raw: bytes, rel: str, slug: str, today: date) -> tuple[Loaded, Any]:
    """Check one contact file's bytes; also return the plain data, for the cache."""
    text, problems = _decode(raw, rel)
    if text is None:
        return Loaded(rel, None, tuple(problems)), None
    data, problems = load_text(text, rel, "safe")
    if problems:
        return Loaded(rel, None, tuple(problems)), None
    contact, problems = parse_contact(data, rel, slug, today, no_lines)
    if problems:
        # Check the same data again, finding each problem's line in a second reading
        # with positions. (Checking the round-trip data instead would differ: it
        # keeps `!!str 42` as a tagged scalar where the safe loader gives "42".)
        rt_data, rt_problems = load_text(text, rel, "rt")
        if not rt_problems:
            contact, problems = parse_contact(data, rel, slug, today, rt_locator(rt_data))
    return Loaded(rel, contact, tuple(problems)), data


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    path = root / SETTINGS_FILE
    if not path.exists():
        return Settings(), []
    try:
        raw = path.read_bytes()
    except OSError as e:
        why = e.strerror or str(e)
        return Settings(), [Problem(SETTINGS_FILE, 0, "", f"cannot read: {why}; using defaults")]
    text, problems = _decode(raw, SETTINGS_FILE)
    if text is None:
        return Settings(), problems
    data, problems = load_text(text, SETTINGS_FILE, "safe")
    if problems:
        return Settings(), problems
    settings, problems = parse_settings(data, SETTINGS_FILE, no_lines)
    if problems:  # as for contact files: the same data, lines from a second reading
        rt_data, rt_problems = load_text(text, SETTINGS_FILE, "rt")
        if not rt_problems:
            settings, problems = parse_settings(data, SETTINGS_FILE, rt_locator(rt_data))
    return settings, problems


def load_network(root: Path, today: date, *, cache: bool = True) -> tuple[Network, list[Problem]]:
    """Every contact that could be read, the settings, and every problem found.

    With ``cache`` (the default) a file unchanged since the last load is not parsed
    again: its contact and problems come from ``.abc-cache/`` (see :func:`_load_cached`).
    """
    if cache:
        return _load_cached(root, today)
    settings, problems = load_settings(root)
    paths = contact_files(root)
    contacts = _gather([check_file(path, root, today) for path in paths], problems)
    problems.extend(_duplicates(root, contacts))
    return Network(tuple(contacts), settings, len(paths)), sorted(problems)


def _gather(loaded: list[Any], problems: list[Problem]) -> list[Contact]:
    """The contacts of checked files (Loaded or cache entries); adds their problems."""
    contacts = []
    for item in loaded:
        if item.problems:
            problems.extend(item.problems)
        if item.contact is not None:
            contacts.append(item.contact)
    return contacts


def _duplicates(root: Path, contacts: list[Contact]) -> list[Problem]:
    return duplicate_problems(contacts, lambda c, f, v: _line_of(root, c, f, v))


# --- the parse cache ------------------------------------------------------------------
#
# .abc-cache/network.cache remembers, for each contact file, what checking it gave,
# keyed by the file's size, mtime, ctime and inode. A load stats every file and parses
# only those whose stat changed; the format and its checks are in cache.py. A file
# changed less than RACY_NS before it was read could change again within the same
# timestamp tick, so its entry is trusted only after its bytes match the digest.

CACHE_FILE = "network.cache"
RACY_NS = 2_000_000_000
#: Below this many files to parse, worker processes cost more than they save.
PARALLEL_FROM = 400
_CACHE_CODE = ("cache.py", "cadence.py", "model.py", "parse.py", "problems.py", "store.py")
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# abc's parse cache: safe to delete, rebuilt on the next run. See bford.info/cachedir\n"
)


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _is_racy(key: tuple[int, int, int, int], now: int) -> bool:
    return now - key[1] < RACY_NS or now - key[2] < RACY_NS


def _stamp(root: Path) -> dict[str, Any]:
    """What a usable cache was written by: this abc (code and version), Python,
    YAML library, and network folder. Anything else is a foreign cache."""
    import importlib.util

    from . import __version__, cache

    def mark(path: str | Path | None) -> list[Any]:
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        return [str(path), st.st_size, st.st_mtime_ns] if st else [str(path)]

    here = Path(__file__).parent
    yaml = []
    for module in ("ruamel.yaml", "_ruamel_yaml"):
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        yaml.append(mark(spec.origin if spec else None))
    return {
        "abc": __version__,
        "python": sys.version,
        "code": [mark(here / name) for name in _CACHE_CODE],
        "yaml": yaml,
        "native": cache.NATIVE,
        "root": str(root.resolve()),
    }


def _scan(root: Path, stat: bool = True) -> list[tuple[str, os.stat_result | None]]:
    """The contact files' names, sorted, each with its stat (None if it failed or not asked).

    Contact files end in .yaml or .yml and are not hidden; other files are ignored.
    """
    found = []
    with os.scandir(root / CONTACTS_DIR) as entries:
        for e in entries:
            name = e.name
            if name.startswith(".") or not name.endswith(SUFFIXES) or not e.is_file():
                continue
            try:
                st = e.stat() if stat else None
            except OSError:
                st = None  # the caller says why it cannot be read
            found.append((name, st))
    found.sort(key=_first)
    return found


_first = itemgetter(0)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Keep the cycle collector off the many objects a load builds (none forms a cycle).

    Otherwise it walks them again and again as they pile up and age: 0.3 s of a
    0.8 s warm load of 10,000 contacts. ``gc.freeze`` sets what exists aside for good;
    objects are still freed as soon as nothing refers to them. Collecting first
    keeps garbage cycles (from a long-running caller, such as ``abc site serve``)
    out of what is set aside.
    """
    import gc

    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def _read_cache(root: Path, stamp: dict[str, Any]) -> Any:
    from . import cache

    try:
        data = (root / CACHE_DIR / CACHE_FILE).read_bytes()
    except OSError:
        return None
    with _no_gc():
        return cache.decode(data, stamp)


def _save_cache(root: Path, data: bytes) -> None:
    folder = root / CACHE_DIR
    try:
        if not folder.is_dir():
            folder.mkdir()
            # Ignored by git and by backup tools even where the repository does not say so.
            (folder / ".gitignore").write_text("# abc's parse cache\n*\n", encoding="utf-8")
            (folder / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")
        atomic_write(folder / CACHE_FILE, data)
        for stale in folder.glob("network.*"):  # what earlier versions wrote
            if stale.name != CACHE_FILE:
                stale.unlink()
    except OSError:
        pass  # a read-only checkout works, only more slowly


def _still_same(path: Path, entry: Any) -> bool:
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


def _check_jobs(jobs: list[tuple[str, str, tuple[int, int, int, int]]], today: date) -> bytes:
    """Check files (path, relative path, stat key); return their cache records as bytes.

    As bytes, so that what a first run returns went through the same decoding as what
    the next run reads from the cache (and crosses from a worker process cheaply).
    """
    from . import cache

    records = []
    for path, rel, key in jobs:
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            problem = Problem(rel, 0, "", f"cannot read: {e.strerror}")
            records.append(
                cache.record(rel, (-1, -1, -1, -1), "", True, today, None, None, [problem])
            )
            continue
        racy = _is_racy(key, time.time_ns())
        name = rel.rpartition("/")[2]
        loaded, data = _check_raw(raw, rel, name[: name.rfind(".")], today)
        latest = None if data is None else cache.latest_date(raw, data)
        contact, problems = loaded.contact, loaded.problems
        records.append(cache.record(rel, key, _digest(raw), racy, today, latest, contact, problems))
    return cache.dump_records(records)


def _check_many(jobs: list[tuple[str, str, tuple[int, int, int, int]]], today: date) -> list[Any]:
    """The cache entries of files, checked on every CPU when there are many, in order."""
    from . import cache

    # Forked workers, on Linux only: macOS advises against fork, Windows has none.
    workers = len(os.sched_getaffinity(0)) if sys.platform.startswith("linux") else 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        workers = 1  # forking a process that has threads can deadlock the child
    records: list[Any] = []

    def take(data: bytes) -> None:
        with _no_gc():
            records.extend(cache.load_records(data))

    if workers < 2 or len(jobs) < PARALLEL_FROM:
        take(_check_jobs(jobs, today))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        _loader("safe")  # import the YAML library once, before forking
        size = -(-len(jobs) // (workers * 4))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                for data in pool.map(_check_jobs, chunks, [today] * len(chunks)):
                    take(data)  # while the workers go on with the next chunks
        except (OSError, BrokenProcessPool):  # pragma: no cover - cannot fork here
            records.clear()
            take(_check_jobs(jobs, today))
    with _no_gc():
        return cache.decode_records(records)


def _settings_cached(root: Path, old: Any) -> tuple[Settings, list[Problem], list[Any] | None]:
    """The settings, their problems, and their cache record (None when there is no file)."""
    from . import cache

    path = root / SETTINGS_FILE
    try:
        st = path.stat()
    except FileNotFoundError:
        settings, problems = load_settings(root)
        return settings, problems, None
    if not path.is_file():
        settings, problems = load_settings(root)  # says why it cannot be read
        return settings, problems, None
    key = _stat_key(st)
    if old is not None and old.key == key and (not old.racy or _still_same(path, old)):
        return old.settings, list(old.problems), old.record
    raw = path.read_bytes()
    racy = _is_racy(key, time.time_ns())
    settings, problems = load_settings(root)
    return settings, problems, cache.settings_record(key, _digest(raw), racy, settings, problems)


def _load_cached(root: Path, today: date) -> tuple[Network, list[Problem]]:
    """:func:`load_network`, parsing only the files the cache cannot vouch for.

    Saves the cache when anything changed. Duplicates across files depend only on
    the files, so when none changed they come from the cache too.
    """
    from . import cache

    stamp = _stamp(root)
    old = _read_cache(root, stamp)
    old_files = old.files if old is not None else {}
    old_settings = old.settings if old is not None else None

    settings_racy = old_settings is not None and old_settings.racy
    settings, problems, settings_record = _settings_cached(root, old_settings)
    settled = settings_racy and old_settings is not None and not old_settings.racy
    day = today.toordinal()
    folder = root / CONTACTS_DIR
    prefix = CONTACTS_DIR + "/"
    outcome: list[Any] = []
    jobs = []
    reused = 0
    find = old_files.get
    for name, st in _scan(root):
        rel = prefix + name
        if st is None:
            outcome.append(check_file(folder / name, root, today))  # says why it cannot be read
            continue
        key = _stat_key(st)
        entry = find(rel)
        if entry is not None and entry.key == key and entry.holds_on(day):
            racy = entry.racy
            if not racy or _still_same(folder / name, entry):
                settled = settled or (racy and not entry.racy)
                outcome.append(entry)
                reused += 1
                continue
        outcome.append(None)
        jobs.append((str(folder / name), rel, key))
    if jobs:
        fresh = iter(_check_many(jobs, today))
        outcome = [item if item is not None else next(fresh) for item in outcome]
    changed = (
        old is None
        or bool(jobs)
        or reused != len(old_files)  # some file is gone or cannot be read
        or settings_record is not (old_settings.record if old_settings else None)
        or settled
    )
    contacts = _gather(outcome, problems)
    if changed:
        kept = [e for e in outcome if isinstance(e, cache.Entry) and e.key[0] >= 0]
        duplicates = _duplicates(root, contacts)
        records = [e.record for e in kept]
        _save_cache(root, cache.encode(stamp, settings_record, records, duplicates))
    else:
        duplicates = list(old.duplicates)
    problems.extend(duplicates)
    return Network(tuple(contacts), settings, len(outcome)), sorted(problems)


def without_broken(network: Network, problems: list[Problem]) -> tuple[Network, list[str]]:
    """The network less the contacts whose files have errors, and those files' paths.

    For every command but ``check``: one broken file is left out, not fatal. The
    settings file is not a contact file: its bad keys already fell back to defaults.
    """
    bad = sorted({p.path for p in problems if p.severity == "error"} - {SETTINGS_FILE})
    if not bad:
        return network, []
    left_out = set(bad)
    kept = tuple(c for c in network.contacts if c.source.path not in left_out)
    return Network(kept, network.settings, network.files), bad


def _line_of(root: Path, contact: Contact, field: str, value: str) -> int:
    """The line of ``value`` under ``field`` (``email`` or ``links.label``) in a contact file."""
    text = (root / contact.source.path).read_bytes().decode("utf-8-sig")
    data, problems = load_text(text, contact.source.path, "rt")
    if problems or not isinstance(data, dict):
        return 0
    path: tuple[str | int, ...] = tuple(field.split("."))
    node = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, list) and value in node:
        path = (*path, node.index(value))
    return rt_locator(data)(path)


# --- writing --------------------------------------------------------------------------


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


def git_commit(root: Path, paths: list[Path], message: str) -> str | None:
    """Commit ``paths`` with ``message``; returns a reason when it could not."""
    import subprocess

    rels = [str(p.relative_to(root)) for p in paths]
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if inside.returncode != 0:
            return "not a git repository"
        subprocess.run(["git", "add", "--", *rels], cwd=root, check=True, capture_output=True)
        done = subprocess.run(
            ["git", "commit", "-q", "-m", message, "--", *rels],
            cwd=root,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        return str(e)
    if done.returncode != 0:
        return (
            (done.stderr or done.stdout).strip().splitlines()[-1]
            if (done.stderr or done.stdout)
            else "git commit failed"
        )
    return None


# --- new networks and editor schemas ---------------------------------------------------

#: Where `abc init` puts the editor schemas (and the site's hook) in a network.
SCHEMA_DIR = ".abc"
CONTACT_SCHEMA = "contact.schema.json"
SETTINGS_SCHEMA = "settings.schema.json"


def contact_header(root: Path) -> str | None:
    """The editor modeline for a new contact file, if the network has the schema it names."""
    if (root / SCHEMA_DIR / CONTACT_SCHEMA).is_file():
        return f"yaml-language-server: $schema=../{SCHEMA_DIR}/{CONTACT_SCHEMA}"
    return None


def create_network(folder: Path, files: dict[str, bytes]) -> None:
    """Write a new network's files into ``folder``, which must not exist or be empty."""
    from .problems import UsageError

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; abc init needs a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(
            f"{folder} is not empty; abc init only creates a new network in a new or empty "
            "folder (nothing was written)"
        )
    for rel, data in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)


def git_init(folder: Path, message: str) -> str | None:
    """Make ``folder`` a git repository with one commit of everything; a reason if not."""
    import subprocess

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)

    try:
        if git("init", "-q", "-b", "main").returncode != 0 and git("init", "-q").returncode:
            return "git init failed"
        if git("add", "-A").returncode != 0:
            return "git add failed"
        done = git("commit", "-q", "-m", message)
    except OSError as e:
        return f"git is not available ({e.strerror})"
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return lines[-1] if lines else "git commit failed"
    return None


def read_input(path: Path) -> str:
    """A file to import, as text (UTF-8; a byte-order mark is dropped)."""
    from .problems import UsageError

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from None
    text, problems = _decode(raw, str(path))
    if text is None:
        raise DataError(f"{path} is not UTF-8 text; nothing was written", problems)
    return text
