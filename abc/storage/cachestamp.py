"""What a parse cache was written by, a file's stat as the caches key it, and loads
without the cycle collector: what the parse cache (``cache``) and the check summary
(``summary``) share, in a module light to import."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import cachefile

#: A file's size, mtime_ns, ctime_ns and inode, from one stat taken before it was read.
StatKey = tuple[int, int, int, int]

#: The code whose results the cache keeps: a change to any of it makes the cache foreign.
_CACHE_CODE = (
    "core/checks.py",
    "core/fields.py",
    "core/handle_keys.py",
    "core/identity.py",
    "core/model.py",
    "core/problems.py",
    "storage/cache.py",
    "storage/cachefile.py",
    "storage/cachestamp.py",
    "storage/contacts.py",
    "storage/summary.py",
    "formats/yamltext.py",
)


def _stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _stamp(root: Path) -> dict[str, Any]:
    """What a usable cache was written by: this abc (code and version), Python,
    YAML library, phonenumbers (its metadata decides which phones are one), and
    network folder. Anything else is a foreign cache."""
    import importlib.util

    from abcnet import __version__

    def mark(path: str | Path | None) -> list[Any]:
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        return [str(path), st.st_size, st.st_mtime_ns] if st else [str(path)]

    here = Path(__file__).parent.parent
    libraries = []
    for module in ("ruamel.yaml", "_ruamel_yaml", "phonenumbers"):
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        libraries.append(mark(spec.origin if spec else None))
    return {
        "abc": __version__,
        "python": sys.version,
        "code": [mark(here / name) for name in _CACHE_CODE],
        "libraries": libraries,
        "native": cachefile.NATIVE,
        "root": str(root.resolve()),
    }


@contextlib.contextmanager
def _no_gc(collect: bool = True) -> Iterator[None]:
    """Keep the cycle collector off the many objects a load builds (none forms a cycle).

    Otherwise it walks them again and again as they pile up and age: 0.3 s of a
    0.8 s warm load of 10,000 contacts. ``gc.freeze`` sets what exists aside for good;
    objects are still freed as soon as nothing refers to them. Collecting first
    keeps garbage cycles (from a long-running caller, such as ``abc site serve``)
    out of what is set aside; a caller that starts a process of its own (``abc check``)
    has none yet, and may leave that out (``collect`` false): 2 ms after its imports.
    """
    import gc

    was_on = gc.isenabled()
    if collect:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()
