"""The layers are in the folder tree, no layer imports one above it, and the pure ones do no I/O.

Read from the source with ``ast``, so a lazy import inside a function counts as
much as one at the top of a module.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from textwrap import dedent

PACKAGE = Path(__file__).resolve().parent.parent / "abc"

#: Each layer and what it may import of abc besides itself. Any library outside
#: abc is allowed; what a pure layer may do is below (``PURE``).
ALLOWED = {
    "core": set(),
    "sync": {"core"},
    "formats": {"core", "sync"},
    "storage": {"core", "formats", "sync"},
    "web": {"core", "formats", "storage"},
    "cli": {"core", "formats", "sync", "storage", "web"},
}
#: The top-level modules: the version, ``python -m``, and the hook's stable name.
TOP = {"__init__.py": set(), "__main__.py": {"cli"}, "mkdocs_hook.py": {"web"}}


#: The layers that do no I/O: no disk, no clock, no process, no environment. Only
#: ``storage`` (and the MkDocs adapter, ``web/mkdocs/``) may; ``cli`` parses and prints.
PURE = ("core", "formats", "sync", "web")
IMPURE_PARTS = ("web/mkdocs",)
#: Modules a pure layer never imports: each is a way to the disk or a process.
#: ``time`` is the clock (``datetime.time``, the class, is fine).
FORBIDDEN = {"os", "shutil", "subprocess", "tempfile", "sqlite3", "time", "glob"}
#: A sync reader is handed an opened SQLite database (``ExportSource.sqlite()``, from
#: ``storage.exports``): it may name ``sqlite3.Connection`` and catch ``sqlite3.Error``,
#: but it never connects to a file itself.
SQLITE_NAMES = {"Connection", "Cursor", "Row", "Error", "DatabaseError", "OperationalError"}
#: ``date.today()``, ``datetime.now()`` and the like read the clock; "today" is injected.
CLOCK = {"now", "utcnow", "today"}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, as absolute names, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = ["abcnet", *path.relative_to(PACKAGE).with_suffix("").parts]
    package = parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name == "abcnet" or (node.level and not node.module):
                found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
    return found


def abc_layer(module: str) -> str | None:
    """The layer an ``abcnet`` module belongs to (None for other modules)."""
    parts = module.split(".")
    if parts[0] != "abcnet":
        return None
    if len(parts) == 1 or parts[1] == "__version__":
        return "__init__.py"
    return parts[1] if parts[1] in ALLOWED else f"{parts[1]}.py"


def violations() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "data" in path.relative_to(PACKAGE).parts:
            continue  # templates for new networks, not the package's code
        here = layer_of(path)
        allowed = ALLOWED.get(here, TOP.get(here))
        assert allowed is not None, f"{path}: not in a layer; put it in one of {sorted(ALLOWED)}"
        rel = path.relative_to(PACKAGE.parent)
        for line, module in imports(path):
            there = abc_layer(module)
            if there is None:
                continue
            if there != here and there not in allowed and there != "__init__.py":
                out.append(f"{rel}:{line}: {here} imports {module} ({there} is not below it)")
    return out


def is_pure(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return rel.split("/")[0] in PURE and not any(rel.startswith(p + "/") for p in IMPURE_PARTS)


def _clock_read(node: ast.Attribute) -> bool:
    """``date.today``, ``datetime.now``, ``datetime.datetime.utcnow``..."""
    value = node.value
    name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
    return node.attr in CLOCK and name in ("date", "datetime")


def _sqlite_use(node: ast.Attribute) -> bool:
    """``sqlite3.connect`` (or anything but the types a reader is handed)."""
    value = node.value
    return isinstance(value, ast.Name) and value.id == "sqlite3" and node.attr not in SQLITE_NAMES


def _forbidden_import(layer: str, module: str, names: list[str]) -> bool:
    top = module.split(".")[0]
    if top == "sqlite3" and layer == "sync":
        return not set(names) <= SQLITE_NAMES
    return top in FORBIDDEN


def io_calls(path: Path) -> list[tuple[int, str]]:
    """What ``path`` does that a pure layer must not: its line and what it is."""
    layer = layer_of(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _forbidden_import(layer, alias.name, []):
                    found.append((node.lineno, f"imports {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [alias.name for alias in node.names]
            if _forbidden_import(layer, node.module, names):
                found.append((node.lineno, f"imports {node.module}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "open":
                found.append((node.lineno, "calls open()"))
        elif isinstance(node, ast.Attribute):
            dotted = f"{getattr(node.value, 'id', '…')}.{node.attr}"
            if _clock_read(node):
                found.append((node.lineno, f"reads the clock ({dotted})"))
            elif _sqlite_use(node):
                found.append((node.lineno, f"uses {dotted}"))
    return sorted(found)


def io_violations() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "data" in path.relative_to(PACKAGE).parts or not is_pure(path):
            continue
        rel = path.relative_to(PACKAGE.parent)
        here = layer_of(path)
        out += [
            f"{rel}:{line}: {here} {what}, but {here} does no I/O" for line, what in io_calls(path)
        ]
    return out


def test_the_layers_are_folders():
    folders = {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name not in ("data", "__pycache__")
    }
    assert folders == set(ALLOWED)
    for name in ALLOWED:
        assert (PACKAGE / name / "__init__.py").is_file(), name


def test_every_module_has_a_row_in_the_module_map():
    """CONTRIBUTING's module map names every module, and no module that is gone."""
    text = (PACKAGE.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(abc/[^`]+\.py)` \|", text, re.MULTILINE))
    modules = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "data" not in path.relative_to(PACKAGE).parts
        and (path.name != "__init__.py" or path.parent == PACKAGE)
    }
    assert sorted(modules - rows) == [], "add a row to CONTRIBUTING.md's module map"
    assert sorted(rows - modules) == [], "remove the row of a module that is gone"


def test_no_layer_imports_a_layer_above_it():
    assert violations() == []


def test_the_pure_layers_do_no_io():
    assert io_violations() == []


def test_the_rule_catches_an_upward_import(tmp_path, monkeypatch):
    """The checker itself: a core module that reads the disk layer is reported."""
    fake = tmp_path / "abc"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "bad.py").write_text(
        "import phonenumbers\n\n\ndef f():\n    from ..storage import files\n    from abcnet.cli import cli\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert violations() == [
        "abc/core/bad.py:5: core imports abcnet.storage (storage is not below it)",
        "abc/core/bad.py:6: core imports abcnet.cli (cli is not below it)",
    ]


def test_the_rule_catches_io_in_a_pure_layer(tmp_path, monkeypatch):
    """The checker itself: an ``open()``, a clock read or a connect in a pure layer is reported."""
    fake = tmp_path / "abc"
    for name in ("core", "sync", "storage", "web/mkdocs"):
        (fake / name).mkdir(parents=True)
    bad = """\
        import os.path
        from datetime import date, datetime, time
        from shutil import copyfile


        def f(path, today):
            with open(path) as stream:
                return stream.read(), date.today(), datetime.now(), time(9)
        """
    (fake / "core" / "bad.py").write_text(dedent(bad), encoding="utf-8")
    reader = """\
        import sqlite3
        from sqlite3 import Connection, connect


        def read(src) -> sqlite3.Connection:
            try:
                return sqlite3.connect(src.name)
            except sqlite3.Error:
                raise
        """
    (fake / "sync" / "reader.py").write_text(dedent(reader), encoding="utf-8")
    # storage and the MkDocs adapter may do all of it
    (fake / "storage" / "disk.py").write_text(dedent(bad), encoding="utf-8")
    (fake / "web" / "mkdocs" / "hook.py").write_text(dedent(bad), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert io_violations() == [
        "abc/core/bad.py:1: core imports os.path, but core does no I/O",
        "abc/core/bad.py:3: core imports shutil, but core does no I/O",
        "abc/core/bad.py:7: core calls open(), but core does no I/O",
        "abc/core/bad.py:8: core reads the clock (date.today), but core does no I/O",
        "abc/core/bad.py:8: core reads the clock (datetime.now), but core does no I/O",
        "abc/sync/reader.py:2: sync imports sqlite3, but sync does no I/O",
        "abc/sync/reader.py:7: sync uses sqlite3.connect, but sync does no I/O",
    ]
