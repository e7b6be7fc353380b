"""The layers are in the folder tree, and no layer imports one above it.

Read from the source with ``ast``, so a lazy import inside a function counts as
much as one at the top of a module.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "abc"

#: Each layer and what it may import of abc besides itself. The standard library
#: is always allowed; ``core`` allows nothing else but the pure libraries below.
ALLOWED = {
    "core": set(),
    "formats": {"core"},
    "sync": {"core"},
    "storage": {"core", "formats", "sync"},
    "web": {"core", "formats", "storage"},
    "cli": {"core", "formats", "sync", "storage", "web"},
}
#: Third-party libraries ``core`` may import: they do no I/O (phonenumbers reads its
#: metadata from its own package).
CORE_LIBRARIES = {"phonenumbers"}
#: The top-level modules: the version, ``python -m``, and the hook's stable name.
TOP = {"__init__.py": set(), "__main__.py": {"cli"}, "mkdocs_hook.py": {"web"}}


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
                top = module.split(".")[0]
                if here == "core" and top not in sys.stdlib_module_names | CORE_LIBRARIES:
                    out.append(f"{rel}:{line}: core imports {module}, outside the standard library")
                continue
            if there != here and there not in allowed and there != "__init__.py":
                out.append(f"{rel}:{line}: {here} imports {module} ({there} is not below it)")
    return out


def test_the_layers_are_folders():
    folders = {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name not in ("data", "__pycache__")
    }
    assert folders == set(ALLOWED)
    for name in ALLOWED:
        assert (PACKAGE / name / "__init__.py").is_file(), name


def test_no_layer_imports_a_layer_above_it():
    assert violations() == []


def test_the_rule_catches_an_upward_import(tmp_path, monkeypatch):
    """The checker itself: a core module that reads the disk layer is reported."""
    fake = tmp_path / "abc"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "bad.py").write_text(
        "import ruamel.yaml\n\n\ndef f():\n    from ..storage import files\n    from abcnet.cli import cli\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert violations() == [
        "abc/core/bad.py:1: core imports ruamel.yaml, outside the standard library",
        "abc/core/bad.py:5: core imports abcnet.storage (storage is not below it)",
        "abc/core/bad.py:6: core imports abcnet.cli (cli is not below it)",
    ]
