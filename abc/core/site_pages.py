"""Bringing a network's copy of abc's pages up to date (``abc site update``): which page
to add, which to update, which to leave.

``abc init`` copies the pages abc ships (``site/``, and ``mkdocs.yml`` that lists them)
into a new network, and the network keeps that copy. A page is still abc's while its
bytes are exactly those of a version abc shipped at that path (its SHA-256 is in the
list of shipped versions, ``abc/data/site-versions.txt``): only such a page is
replaced by abc's version of today. A page the user changed is never replaced; it is
reported, with what to do. Pure: the files are read and written in
:mod:`abcnet.storage.site_pages`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

#: What ``abc site update`` does with each page abc ships.
ADD = "add"
"""The network lacks it: it is written."""
UPDATE = "update"
"""The network has an older version abc shipped, unchanged since: it is replaced."""
SAME = "same"
"""The network's copy is abc's version of today: nothing to do."""
EDITED = "edited"
"""The network's copy is none of abc's versions (the user changed it): it is left."""
NOT_A_FILE = "not-a-file"
"""Something that is not a plain file is where the page goes (a link, a folder): left."""


@dataclass(frozen=True)
class PageStep:
    """What to do with one page, by its path in the network (``site/index.md``)."""

    path: str
    action: str


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex, as the list of shipped versions writes it.

    >>> digest(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def read_versions(text: str) -> dict[str, frozenset[str]]:
    """The list of shipped versions (``DIGEST  PATH`` a line, ``#`` a comment) by path.

    >>> sorted(read_versions("# x\\nab  site/a.md\\ncd  site/a.md\\n")["site/a.md"])
    ['ab', 'cd']
    """
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            value, path = line.split(None, 1)
            found.setdefault(path.strip(), set()).add(value)
    return {path: frozenset(values) for path, values in sorted(found.items())}


def plan(
    shipped: Mapping[str, bytes],
    present: Mapping[str, bytes],
    blocked: Collection[str],
    versions: Mapping[str, frozenset[str]],
) -> list[PageStep]:
    """What to do with each page abc ships (``shipped``, its bytes by path), in path
    order, given the plain files the network has at those paths (``present``), the
    paths where something else stands (``blocked``) and the versions abc shipped."""
    steps = []
    for path in sorted(shipped):
        have = present.get(path)
        if path in blocked:
            action = NOT_A_FILE
        elif have is None:
            action = ADD
        elif have == shipped[path]:
            action = SAME
        elif digest(have) in versions.get(path, frozenset()):
            action = UPDATE
        else:
            action = EDITED
        steps.append(PageStep(path, action))
    return steps
