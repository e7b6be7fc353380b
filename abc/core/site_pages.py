"""Bringing the files ``abc init`` wrote up to date (``abc site update``): which file
to add, which to update, which to leave.

``abc init`` writes abc's files into a new network (the pages of ``site/`` and
``mkdocs.yml``, the publish workflow, the editor schemas and the MkDocs hook in
``.abc/``, ``README.md``, ``inbox/README.md``, ``.gitignore``,
``.pre-commit-config.yaml``), and the network keeps that copy. A file is still abc's
while its bytes are exactly those of a version abc shipped at that path (its SHA-256
is in the list of shipped versions, ``abc/data/site-versions.txt``): only such a file
is replaced by abc's version of today. A file the user changed is never replaced; it
is reported, with what to do. The workflow's ``ABC_INSTALL`` and the comment above it
are the user's to set (:func:`fingerprint` leaves them out, and an update keeps them),
and a missing workflow is never added (it may publish and write to the repository).
What ``abc init`` writes as the user's own (``abc.yaml``, the example person) is not
abc's to update. Pure: the files are read and written in
:mod:`abcnet.storage.site_pages`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

#: Where ``abc init`` writes the publish workflow.
WORKFLOW = ".github/workflows/publish.yml"
#: The workflow's line that says how to install abc, at the top of its ``env:``.
INSTALL_KEY = "  ABC_INSTALL: "

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
MERGED = "merged"
"""The user changed ``mkdocs.yml``: its keys still as abc wrote them are replaced."""
MISSING = "missing"
"""The network lacks the workflow: it is left out, since it may publish and write."""

#: The files a network lacks that are not added: the workflow. It may publish and
#: write to the repository, and one that is missing was deleted or renamed on purpose.
ADDED_ONLY_BY_INIT = frozenset({WORKFLOW})


@dataclass(frozen=True)
class PageStep:
    """What to do with one file, by its path in the network (``site/index.md``): with
    the network's bytes (``mine``, None when it has none) and abc's (``abcs``)."""

    path: str
    action: str
    mine: bytes | None = None
    abcs: bytes = b""
    taken: tuple[str, ...] = ()
    """For ``mkdocs.yml``: the top-level keys taken from abc's (:data:`MERGED`)."""
    kept: tuple[str, ...] = ()
    """The keys the user changed, which abc's file writes otherwise."""
    lacking: tuple[str, ...] = ()
    """The keys abc's file has and the user's lacks (not added: the user may have
    removed them)."""


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex, as the list of shipped versions writes it.

    >>> digest(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def install_lines(text: str) -> tuple[str, str] | None:
    """The workflow's comment lines above ``ABC_INSTALL`` and its value, as written.

    >>> install_lines('env:\\n  # How.\\n  ABC_INSTALL: "abc-connect==1.0"\\n')
    ('  # How.', '"abc-connect==1.0"')
    """
    found = _install_span(text.split("\n"))
    if found is None:
        return None
    lines, start, at = found
    return "\n".join(lines[start:at]), lines[at].removeprefix(INSTALL_KEY)


def _install_span(lines: list[str]) -> tuple[list[str], int, int] | None:
    at = next((i for i, line in enumerate(lines) if line.startswith(INSTALL_KEY)), None)
    if at is None:
        return None
    start = at
    while start > 0 and lines[start - 1].startswith("  #"):
        start -= 1
    return lines, start, at


def fingerprint(path: str, data: bytes) -> str:
    """What the list of shipped versions holds for ``data`` at ``path``: its SHA-256,
    or for the workflow, that of its text with the ``ABC_INSTALL`` line and the comment
    above it left out (they are the user's to set).

    >>> a = fingerprint(WORKFLOW, b'env:\\n  # Mine.\\n  ABC_INSTALL: "x"\\njobs: {}\\n')
    >>> a == fingerprint(WORKFLOW, b'env:\\n  ABC_INSTALL: "y"\\njobs: {}\\n')
    True
    """
    if path != WORKFLOW:
        return digest(data)
    try:
        found = _install_span(data.decode("utf-8").split("\n"))
    except UnicodeDecodeError:
        return digest(data)
    if found is None:
        return digest(data)
    lines, start, at = found
    kept = [*lines[:start], INSTALL_KEY + "{install}", *lines[at + 1 :]]
    return digest("\n".join(kept).encode("utf-8"))


def lf(data: bytes) -> bytes:
    """``data`` with Windows line ends (CRLF, as git's ``autocrlf`` checks files out)
    written as abc writes them: a file is compared as its text, whatever its line ends.

    >>> lf(b"a\\r\\nb\\n")
    b'a\\nb\\n'
    """
    return data.replace(b"\r\n", b"\n")


def line_ends_of(have: bytes | None, data: bytes) -> bytes:
    """``data`` (abc's, with LF) with the line ends of the file it replaces, ``have``:
    CRLF when every line of it ends so.

    >>> line_ends_of(b"old\\r\\n", b"new\\ntext\\n"), line_ends_of(b"old\\n", b"new\\n")
    (b'new\\r\\ntext\\r\\n', b'new\\n')
    """
    if have and b"\r\n" in have and have.count(b"\n") == have.count(b"\r\n"):
        return data.replace(b"\n", b"\r\n")
    return data


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
    """What to do with each file abc ships (``shipped``, its bytes by path), in path
    order, given the plain files the network has at those paths (``present``), the
    paths where something else stands (``blocked``) and the versions abc shipped."""
    steps = []
    for path in sorted(shipped):
        have = present.get(path)
        if path in blocked:
            action = NOT_A_FILE
        elif have is None:
            action = MISSING if path in ADDED_ONLY_BY_INIT else ADD
        elif lf(have) == shipped[path]:
            action = SAME
        elif fingerprint(path, lf(have)) in versions.get(path, frozenset()):
            action = UPDATE
        else:
            action = EDITED
        steps.append(PageStep(path, action, have, shipped[path]))
    return steps
