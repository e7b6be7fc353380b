"""Where things are in a network: its folders and files, found from any folder inside it."""

from __future__ import annotations

import os
from operator import itemgetter
from pathlib import Path

from abcnet.core.problems import NoNetworkError

CONTACTS_DIR = "contacts"


SETTINGS_FILE = "abc.yaml"


CACHE_DIR = ".abc-cache"


BUILD_DIR = "build"


SUFFIXES = (".yaml", ".yml")


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
    return [folder / name for name, _ in scan(root, stat=False)]


def scan(root: Path, stat: bool = True) -> list[tuple[str, os.stat_result | None]]:
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


#: Where `abc init` puts the editor schemas (and the site's hook) in a network.
SCHEMA_DIR = ".abc"


CONTACT_SCHEMA = "contact.schema.json"


SETTINGS_SCHEMA = "settings.schema.json"
