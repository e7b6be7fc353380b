"""Reading and checking one contact file, or the settings file.

A file is parsed with the fast safe loader; only a file with problems is read
again with the round-trip loader, whose nodes know their lines, so that every
problem carries ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.checks import no_lines, parse_contact, parse_settings
from abcnet.core.model import Contact, Settings
from abcnet.core.problems import Problem
from abcnet.formats.yamltext import decode, load_text, rt_locator

from .layout import SETTINGS_FILE, unusable


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
    return check_raw(raw, rel, path.stem, today)[0]


def check_raw(raw: bytes, rel: str, slug: str, today: date) -> tuple[Loaded, Any]:
    """Check one contact file's bytes; also return the plain data, for the cache."""
    text, problems = decode(raw, rel)
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
    link = unusable(path, root) if path.is_symlink() else None
    if link is not None and link[0] == "error":  # leads nowhere, or out: neither read nor followed
        return Settings(), [Problem(SETTINGS_FILE, 0, "", f"{link[1]}; using defaults")]
    if not path.exists():
        return Settings(), []
    try:
        raw = path.read_bytes()
    except OSError as e:
        why = e.strerror or str(e)
        return Settings(), [Problem(SETTINGS_FILE, 0, "", f"cannot read: {why}; using defaults")]
    text, problems = decode(raw, SETTINGS_FILE)
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


def gather(loaded: list[Any], problems: list[Problem]) -> list[Contact]:
    """The contacts of checked files (Loaded or cache entries); adds their problems."""
    contacts = []
    for item in loaded:
        if item.problems:
            problems.extend(item.problems)
        if item.contact is not None:
            contacts.append(item.contact)
    return contacts


def duplicates(root: Path, contacts: list[Contact], region: str) -> list[Problem]:
    """Files that hold one person by the identity rule; ``region`` is ``me: region:``."""
    from abcnet.core.identity import duplicate_problems

    return duplicate_problems(
        contacts, lambda c, f, v: line_of(root, c.source.path, f, v), region=region
    )


def line_of(root: Path, rel: str, field: str, value: str) -> int:
    """The line of ``value`` under ``field`` (``email`` or ``links.label``) in the contact
    file ``rel``."""
    text = (root / rel).read_bytes().decode("utf-8-sig")
    data, problems = load_text(text, rel, "rt")
    if problems or not isinstance(data, dict):
        return 0
    path: tuple[str | int, ...] = tuple(field.split("."))
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, list) and value in node:
        path = (*path, node.index(value))
    return rt_locator(data)(path)
