"""Loading a whole network: every contact that could be read, the settings, every problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from abcnet.core.model import Network
from abcnet.core.problems import Problem

from .layout import SETTINGS_FILE, contact_files


def load_network(root: Path, today: date, *, cache: bool = True) -> tuple[Network, list[Problem]]:
    """Every contact that could be read, the settings, and every problem found.

    With ``cache`` (the default) a file unchanged since the last load is not parsed
    again: its contact and problems come from ``.abc-cache/`` (see :mod:`abcnet.storage.cache`).
    """
    if cache:
        from .cache import load_cached

        return load_cached(root, today)
    from .contacts import check_file, duplicates, gather, load_settings

    settings, problems = load_settings(root)
    paths = contact_files(root, problems)
    contacts = gather([check_file(path, root, today) for path in paths], problems)
    problems.extend(duplicates(root, contacts, settings.me.region))
    return Network(tuple(contacts), settings, len(paths)), sorted(problems)


def without_broken(network: Network, problems: list[Problem]) -> tuple[Network, list[str]]:
    """The network less the contacts whose files have errors, and those files' paths.

    For every command but ``check``: one broken file is left out, not fatal. The
    settings file is not a contact file: its bad keys already fell back to defaults.
    """
    bad = broken_files(problems)
    if not bad:
        return network, []
    left_out = set(bad)
    kept = tuple(c for c in network.contacts if c.source.path not in left_out)
    return Network(kept, network.settings, network.files), bad


def broken_files(problems: list[Problem]) -> list[str]:
    """The contact files with errors: those every command but ``check`` leaves out."""
    return sorted({p.path for p in problems if p.severity == "error"} - {SETTINGS_FILE})
