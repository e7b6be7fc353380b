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
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
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
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


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
    return _loaders[kind]


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

    def locate(path: tuple[str | int, ...], key: bool = False) -> int:
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
    text, problems = _decode(raw, rel)
    if text is None:
        return Loaded(rel, None, tuple(problems))
    data, problems = load_text(text, rel, "safe")
    if problems:
        return Loaded(rel, None, tuple(problems))
    slug = path.stem
    contact, problems = parse_contact(data, rel, slug, today, no_lines)
    if problems:
        # Read again with positions, so each problem names its line.
        rt_data, rt_problems = load_text(text, rel, "rt")
        if not rt_problems:
            contact, problems = parse_contact(rt_data, rel, slug, today, rt_locator(rt_data))
    return Loaded(rel, contact, tuple(problems))


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    path = root / SETTINGS_FILE
    if not path.exists():
        return Settings(), []
    raw = path.read_bytes()
    text, problems = _decode(raw, SETTINGS_FILE)
    if text is None:
        return Settings(), problems
    data, problems = load_text(text, SETTINGS_FILE, "rt")
    if problems:
        return Settings(), problems
    return parse_settings(data, SETTINGS_FILE, rt_locator(data))


def load_network(root: Path, today: date) -> tuple[Network, list[Problem]]:
    """Every contact that could be read, the settings, and every problem found."""
    settings, problems = load_settings(root)
    contacts = []
    for path in contact_files(root):
        loaded = check_file(path, root, today)
        problems.extend(loaded.problems)
        if loaded.contact is not None:
            contacts.append(loaded.contact)
    problems.extend(duplicate_problems(contacts, lambda c, f, v: _line_of(root, c, f, v)))
    return Network(tuple(contacts), settings), sorted(problems)


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
    return rt_locator(data)(path, False)


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
