"""`abc coach build`'s reading: the sources a coach lists, each read once."""

from __future__ import annotations

from pathlib import Path

from abcnet.core.problems import ReadError
from abcnet.formats.shared import Shared, SharedError, from_json

from .fetch import FetchError, fetch


def read_sources(path: Path) -> list[str]:
    """The sources listed in a file: one a line, blank lines and ``#`` comments left out."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        why = getattr(e, "strerror", None) or str(e)
        raise ReadError(f"cannot read {path}: {why}") from None
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def _unique(label: str, taken: set[str]) -> str:
    name, n = label, 2
    while name in taken:
        name, n = f"{label} ({n})", n + 1
    taken.add(name)
    return name


def read_clients(sources: list[str], cwd: Path) -> tuple[list[tuple[str, Shared]], list[str]]:
    """Each source's figures, under a label of its own, and what could not be read."""
    clients: list[tuple[str, Shared]] = []
    problems: list[str] = []
    taken: set[str] = set()
    for source in sources:
        try:
            got = fetch(source, cwd)
            shared = from_json(got.data)
        except FetchError as e:
            problems.append(e.message)
            continue
        except SharedError as e:
            problems.append(f"{source}: {e}")
            continue
        clients.append((_unique(got.label, taken), shared))
    return clients, problems
