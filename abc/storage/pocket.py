"""The pocket's I/O: the randomness a seal needs, the files abc ships for it, and the
build written to its folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from abcnet.formats.pocket import NONCE_BYTES, SALT_BYTES

from .lock import write_output

#: Where ``abc site build --pocket`` writes, under the network.
POCKET_DIR = "build/pocket"


def fresh() -> tuple[bytes, bytes]:
    """A new random salt and nonce, for one build."""
    return os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)


def shipped(names: tuple[str, ...]) -> dict[str, bytes]:
    """The pocket's files as abc ships them (``abc/data/pocket/``)."""
    folder = resources.files("abcnet") / "data" / "pocket"
    return {name: (folder / name).read_bytes() for name in names}


def write(folder: Path, files: dict[str, bytes]) -> Path:
    """Write the pocket's files into ``folder``; returns its ``index.html``."""
    for name, data in sorted(files.items()):
        write_output(folder / name, data)
    return folder / "index.html"
