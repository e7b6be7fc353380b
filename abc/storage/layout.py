"""Where things are in a network: its folders and files, found from any folder inside it."""

from __future__ import annotations

import errno
import os
import stat as stats
from operator import attrgetter, itemgetter
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from abcnet.core.problems import NoNetworkError, Problem, ReadError

CONTACTS_DIR = "contacts"


SETTINGS_FILE = "abc.yaml"


CACHE_DIR = ".abc-cache"


BUILD_DIR = "build"


SUFFIXES = (".yaml", ".yml")


INBOX_DIR = "inbox"


#: Folders abc does not walk up into while looking for a network (like git's
#: ``GIT_CEILING_DIRECTORIES``): absolute paths separated by ``os.pathsep``.
CEILING_ENV = "ABC_CEILING_DIRECTORIES"


def is_network(folder: Path) -> bool:
    """Whether ``folder`` is a network: it holds ``abc.yaml`` or ``contacts/``.

    Either is enough, so a network whose last contact was removed (git then removes
    the empty ``contacts/`` too) is still the network, not a folder to walk out of.
    """
    return (folder / SETTINGS_FILE).is_file() or (folder / CONTACTS_DIR).is_dir()


def ceilings(text: str | None) -> set[Path]:
    """The folders named in an ``ABC_CEILING_DIRECTORIES`` value; relative ones are ignored."""
    return {Path(os.path.realpath(p)) for p in (text or "").split(os.pathsep) if os.path.isabs(p)}


def find_root(start: Path, ceiling: str | None = None) -> Path:
    """The nearest folder at or above ``start`` that is a network (:func:`is_network`).

    The walk stops below any folder named in ``ceiling`` (default: the
    ``ABC_CEILING_DIRECTORIES`` environment variable); ``start`` itself is always looked at.
    """
    start = start.resolve()
    stop = ceilings(os.environ.get(CEILING_ENV) if ceiling is None else ceiling)
    for folder in (start, *start.parents):
        if folder != start and folder in stop:
            break
        if is_network(folder):
            return folder
    raise NoNetworkError(
        f"no network (a folder with {SETTINGS_FILE} or {CONTACTS_DIR}/) in {start} or above it; "
        "run abc inside your network, pass -C DIR, or start one with abc init"
    )


def contact_files(root: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every contact file, sorted by name; other files and hidden files are ignored.

    A name like a contact file's that abc cannot read as one (a broken link, a folder,
    a link out of the network) is left out, with a problem added to ``problems``.
    """
    folder = root / CONTACTS_DIR
    return [folder / name for name, _ in scan(root, stat=False, problems=problems)]


class Swept(NamedTuple):
    """Every entry of ``contacts/`` as the system lists it, unsorted, each with its lstat
    (:func:`sweep`)."""

    names: list[str]
    stats: list[os.stat_result]

    def plain(self) -> bool:
        """Whether every name of a contact file among them is a plain file: then
        :func:`scan` of it gives these stats, and nothing else stands behind them."""
        return all(
            S_ISREG(st.st_mode)
            for name, st in zip(self.names, self.stats, strict=True)
            if _contact_name(name)
        )


def sweep(root: Path) -> Swept | None:
    """Every entry of ``contacts/`` in the order the system lists them, each with its
    lstat: one listing and one stat each, so that ``abc check`` can tell that nothing
    in the folder changed before it sorts anything (:func:`scan` takes it from there).
    None when the folder cannot be listed or an entry's lstat fails (:func:`scan` says
    why)."""
    folder = root / CONTACTS_DIR
    try:
        names = os.listdir(folder)
        return Swept(names, _sweep(folder, names))
    except OSError:
        return None


def _contact_name(name: str) -> bool:
    return name.endswith(SUFFIXES) and not name.startswith(".")


def scan(
    root: Path, stat: bool = True, problems: list[Problem] | None = None, swept: Swept | None = None
) -> list[tuple[str, os.stat_result | None]]:
    """The contact files' names, sorted, each with its stat (None if it failed or not asked).

    Contact files end in .yaml or .yml and are not hidden; other files are ignored.
    A name like a contact file's that cannot be one (see :func:`unusable`) is left
    out, and its problem added to ``problems``. Raises only when the folder itself
    cannot be listed (ReadError). ``swept``, when given, is the folder as
    :func:`sweep` found it just before, which is not listed again.
    """
    found: list[tuple[str, os.stat_result | None]] = []
    folder = root / CONTACTS_DIR
    if swept is None:
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return found  # a network with no one in it yet
        except OSError as e:
            raise ReadError(
                f"cannot read {CONTACTS_DIR}/: {reason(e)} (check the folder's permissions)"
            ) from None
        names = [n for n in names if _contact_name(n)]
        names.sort()
        try:  # the usual case, in one sweep: every one a plain file
            stats = _sweep(folder, names)
        except OSError:
            stats = []
    else:
        pairs = [p for p in zip(swept.names, swept.stats, strict=True) if _contact_name(p[0])]
        pairs.sort(key=itemgetter(0))
        names, stats = [n for n, _ in pairs], [st for _, st in pairs]
    if stats and all(map(S_ISREG, map(_MODE, stats))):
        return list(zip(names, stats, strict=True)) if stat else [(name, None) for name in names]
    where, lstat = f"{folder}{os.sep}", os.lstat
    for name in names:
        path = where + name
        try:
            st = lstat(path)
        except OSError:
            found.append((name, None))  # the caller says why it cannot be read
            continue
        if S_ISREG(st.st_mode):
            found.append((name, st if stat else None))
            continue
        why = unusable(Path(path), root)
        if why is not None:
            if problems is not None:
                problems.append(Problem(f"{CONTACTS_DIR}/{name}", 0, "", why[1], why[0]))
            continue
        found.append((name, _stat_or_none(path) if stat else None))
    return found


_MODE = attrgetter("st_mode")


def _sweep(folder: Path, names: list[str]) -> list[os.stat_result]:
    """The lstat of each of ``names`` in ``folder``; raises OSError when one fails. Each
    is looked up from the folder, opened once, where the system can: a tenth less time
    than from the root for 10,000 files, the path walked once instead of each time."""
    if os.stat not in os.supports_dir_fd or os.stat not in os.supports_follow_symlinks:
        where = f"{folder}{os.sep}"
        return [os.lstat(where + name) for name in names]
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        stat = os.stat
        return [stat(name, dir_fd=fd, follow_symlinks=False) for name in names]
    finally:
        os.close(fd)


def entry_files(root: Path) -> list[Path]:
    """The entries waiting in ``inbox/`` and in the folders inside it (GitHub's new-file
    page makes one from a slash typed in the name), by path: the ``.yaml`` and ``.yml``
    files that are not hidden nor in a hidden folder (a README or a ``.gitkeep`` beside
    them is not an entry). A link to a folder is not followed; one named like an entry is
    listed, and read as what it is (not a plain file); an ``inbox`` that is a link gives
    none (:func:`abcnet.storage.inbox.read_inbox` says why)."""
    return [path for rel, path in inbox_files(root) if rel.endswith(SUFFIXES)]


#: The one file of ``inbox/`` that is not meant to be an entry (``abc init`` writes it).
INBOX_README = f"{INBOX_DIR}/README.md"


def stray_files(root: Path) -> list[str]:
    """The files in ``inbox/`` that are not entries, by path in the network: an entry
    typed without ``.yaml`` perhaps (the README and hidden files aside)."""
    out = []
    for rel, _ in inbox_files(root):
        there = f"{INBOX_DIR}/{rel}"
        if not rel.endswith(SUFFIXES) and there != INBOX_README:
            out.append(there)
    return out


def inbox_files(root: Path) -> list[tuple[str, Path]]:
    """Every file in ``inbox/`` and the folders inside it, hidden ones aside, by path
    relative to it, sorted; no link to a folder followed, nothing when ``inbox`` is one."""
    found: list[tuple[str, Path]] = []
    if (root / INBOX_DIR).is_symlink():  # it may point anywhere: not followed
        return []
    folders = [(root / INBOX_DIR, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as items:
                listed = [(i.name, i.is_dir(follow_symlinks=False)) for i in items]
        except OSError:
            continue
        for name, is_dir in listed:
            if name[0] == ".":
                continue
            if is_dir:
                folders.append((folder / name, f"{prefix}{name}/"))
            else:
                found.append((prefix + name, folder / name))
    return sorted(found)


def waiting(root: Path) -> int:
    """How many entries wait in ``inbox/`` (read by :mod:`abcnet.storage.inbox`)."""
    return len(entry_files(root))


def _stat_or_none(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


LINK_NOWHERE = "a link that leads nowhere (or in a loop); remove it or point it at a file"
NOT_A_FILE = "a folder, not a file; rename it or move it out of contacts/"
NOT_REGULAR = "not a regular file (a pipe, socket or device); rename it or move it away"


def outside_message(target: str) -> str:
    return f"links to a file outside the network ({target}); abc leaves it alone"


def unusable(path: Path, root: Path) -> tuple[str, str] | None:
    """Why ``path``, named like a file abc reads, cannot be one: (severity, message), or None.

    A link that leads nowhere or to a file outside the network is an error: it
    stands where a contact file (or the settings) should be, git keeps it so every
    clone has the same hole, and the person it was meant to be is missing from every
    plan, as for a file that cannot be read. A folder or a pipe by such a name is a
    warning: it never held anything abc read, so nothing is missing, only the name
    misleads. A link to a file elsewhere in the network is fine (None).
    """
    try:
        st = os.stat(path)  # follows links
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR):
            return "error", LINK_NOWHERE
        return None  # such as permission denied: reading it says why
    if stats.S_ISDIR(st.st_mode):
        return "warning", NOT_A_FILE
    if not stats.S_ISREG(st.st_mode):
        return "warning", NOT_REGULAR
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not inside(target, root):
            return "error", outside_message(target)
    return None


def inside(target: str, root: Path) -> bool:
    """Whether the real path ``target`` is in the network at ``root``.

    The network is its folder, and the folder contacts/ really is, should that be a
    link itself (to a synced folder, say).
    """
    for folder in {os.path.realpath(root), os.path.realpath(root / CONTACTS_DIR)}:
        if target == folder or target.startswith(folder.rstrip(os.sep) + os.sep):
            return True
    return False


def reason(e: OSError) -> str:
    """What the system said, as a phrase: ``permission denied``, ``no space left on device``."""
    text = e.strerror or str(e) or type(e).__name__
    return text[:1].lower() + text[1:]


#: Where `abc init` puts the editor schemas (and the site's hook) in a network.
SCHEMA_DIR = ".abc"


CONTACT_SCHEMA = "contact.schema.json"


SETTINGS_SCHEMA = "settings.schema.json"


CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# abc's parse cache: safe to delete, rebuilt on the next run. See bford.info/cachedir\n"
)


def cache_folder(root: Path) -> Path:
    """The network's ``.abc-cache/``, made if needed: ignored by git and by backup tools."""
    folder = root / CACHE_DIR
    if not folder.is_dir():
        try:
            folder.mkdir()
        except FileExistsError:
            return folder  # made meanwhile (or a file, which whoever uses it finds out)
        # Ignored by git and by backup tools even where the repository does not say so.
        (folder / ".gitignore").write_text("# abc's parse cache\n*\n", encoding="utf-8")
        (folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
    return folder
