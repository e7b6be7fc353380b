"""A network's ``mkdocs.yml`` that the user changed, brought up to date key by key: each
top-level key the user left as some abc wrote it takes abc's lines of today, every other
line stays the user's.

``abc site update`` never replaces a file the user changed, and ``mkdocs.yml`` is the
one a user is invited to change (``site_name``, the colours). It also lists the pages
(``nav:``), so left whole it would keep new pages out of the menu. So it is taken a
top-level key at a time: a key's lines (from the key to the next one, the comments
there included) are abc's while they are byte for byte those of a version abc shipped
(their SHA-256 is in the list of shipped versions under ``mkdocs.yml#KEY``), and only
such lines are replaced, by those of abc's file of today. A key the user changed, one
the user added, the lines before the first key, and the whole layout stay the user's,
byte for byte; a key abc has and the user's file lacks is not added (the user may have
removed it), only named. The result is read back, and must hold each key as it should,
or nothing is done. Pure: text in, text out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from abcnet.core.site_pages import digest

from .yamltext import loader

NAV_FILE = "mkdocs.yml"


def key_path(key: str) -> str:
    """Where a top-level key's lines are filed in the list of shipped versions.

    >>> key_path("nav")
    'mkdocs.yml#nav'
    """
    return f"{NAV_FILE}#{key}"


def blocks(text: str) -> tuple[str, dict[str, str]] | None:
    """The lines before the first top-level key, and each top-level key's lines, by key,
    in the file's order: the comment lines just above the key (they speak of it), the
    key, and what follows to the next key's; None unless the text loads as a mapping.

    >>> blocks("# mine\\n\\na: 1\\n\\n# b's\\nb:\\n  - x\\n")
    ('# mine\\n\\n', {'a': 'a: 1\\n\\n', 'b': "# b's\\nb:\\n  - x\\n"})
    """
    data = _load(text, "rt")
    if not isinstance(data, dict) or not data:
        return None
    lines = text.splitlines(keepends=True)
    node: Any = data  # ruamel's round-trip mapping: it knows the line of each key
    where = node.lc
    starts = sorted((_above(lines, where.key(k)[0]), str(k)) for k in data)
    out = {}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        out[key] = "".join(lines[line:end])
    return "".join(lines[: starts[0][0]]), out


def _above(lines: list[str], line: int) -> int:
    """The first of the comment lines just above ``line`` (``line`` itself if none)."""
    while line > 0 and lines[line - 1].startswith("#"):
        line -= 1
    return line


def _load(text: str, kind: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return loader(kind).load(text)
    except (YAMLError, ValueError):
        return None


@dataclass(frozen=True)
class Merge:
    """What abc's keys did to a changed ``mkdocs.yml``: the text to write (None: leave
    the file), the keys taken from abc, the keys the user changed that abc's file writes
    otherwise, and the keys abc's file has that the user's lacks."""

    text: str | None
    taken: tuple[str, ...]
    kept: tuple[str, ...]
    lacking: tuple[str, ...]


def merge(mine: str, abcs: str, versions: Mapping[str, frozenset[str]]) -> Merge:
    """``mine`` with each top-level key still as some abc wrote it (``versions``: the
    list of shipped versions by path) taken from ``abcs``; a key abc no longer writes,
    still as abc wrote it, goes."""
    if not mine.endswith("\n"):
        mine += "\n"
    split_mine, split_ours = blocks(mine), blocks(abcs)
    if split_mine is None or split_ours is None:
        return Merge(None, (), (), ())
    head, have = split_mine
    _, want = split_ours
    out: dict[str, str] = {}
    taken, kept = [], []
    for key, block in have.items():
        shipped = digest(block.encode("utf-8")) in versions.get(key_path(key), frozenset())
        if not shipped or (key in want and want[key] == block):
            out[key] = block
            if key in want and want[key] != block:
                kept.append(key)
        elif key in want:
            out[key] = want[key] if want[key].endswith("\n") else want[key] + "\n"
            taken.append(key)
        else:
            taken.append(key)  # abc no longer writes it: it goes
    lacking = tuple(k for k in want if k not in have)
    if not taken:
        return Merge(None, (), tuple(kept), lacking)
    text = head + "".join(out.values())
    if not _reads_back(text, mine, abcs, taken):
        return Merge(None, (), tuple(kept), lacking)
    return Merge(text, tuple(taken), tuple(kept), lacking)


def _reads_back(text: str, mine: str, abcs: str, taken: list[str]) -> bool:
    """Whether ``text`` loads with each key taken as ``abcs`` has it (or gone), and every
    other key as ``mine`` has it."""
    back, theirs, ours = (_load(t, "safe") for t in (text, mine, abcs))
    if not all(isinstance(d, dict) for d in (back, theirs, ours)):
        return False
    for key in theirs:
        if key not in taken:
            expected = theirs[key]
        elif key in ours:
            expected = ours[key]
        else:
            if key in back:
                return False
            continue
        if key not in back or back[key] != expected:
            return False
    return set(back) <= set(theirs)
