"""A new network: its files, from templates shipped in the package, and writing them.

``abc init`` writes what :func:`network_files` returns with :func:`create_network`. The strategy pages and
``mkdocs.yml`` are this repository's ``site/`` and ``mkdocs.yml``: ``abc/data/site``
and ``abc/data/mkdocs.yml`` are symbolic links to them, which a wheel build
follows, so an installed abc carries the current pages without a copy to keep
in step.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from abcnet.core import site_pages
from abcnet.core.problems import UsageError, WriteError

from .atomic import atomic_write, write_error
from .install import Install, how_installed
from .layout import (
    BUILD_DIR,
    CACHE_DIR,
    CONTACT_SCHEMA,
    INBOX_DIR,
    SCHEMA_DIR,
    SETTINGS_SCHEMA,
)

EXAMPLE_SLUG = "ada-example"
#: Where this repository's mkdocs.yml finds its hook, and where a new network's does.
HOOK_HERE = "abc/web/mkdocs/hook.py"
HOOK_THERE = f"{SCHEMA_DIR}/mkdocs_hook.py"
WORKFLOW = site_pages.WORKFLOW
#: So that ``inbox/`` is in the repository before the pocket's first Log it: GitHub's
#: new-file page then opens in a folder that exists. ``abc inbox`` reads only its YAML files.
INBOX_README = f"{INBOX_DIR}/README.md"
#: The repository secret that makes the workflow publish the calendar at /<secret>/abc.ics.
CALENDAR_SECRET = "ABC_CALENDAR_SECRET"
#: What the workflow accepts as that secret: 128 bits or more, and safe in a path.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,}")


def data_dir() -> Traversable:
    return files("abcnet").joinpath("data")


def data_file(name: str) -> bytes:
    """A file under abc/data/, by its /-separated path."""
    node = data_dir()
    for part in name.split("/"):
        node = node.joinpath(part)
    return node.read_bytes()


def data_tree(name: str) -> dict[str, bytes]:
    """Every file under a folder of abc/data/, by path relative to it, sorted."""
    node = data_dir()
    for part in name.split("/"):
        node = node.joinpath(part)
    out: dict[str, bytes] = {}
    stack: list[tuple[str, Traversable]] = [("", node)]
    while stack:
        prefix, folder = stack.pop()
        for child in folder.iterdir():
            if child.name.startswith(".") or child.name == "__pycache__":
                continue
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                stack.append((f"{rel}/", child))
            else:
                out[rel] = child.read_bytes()
    return dict(sorted(out.items()))


def _fill(text: bytes, **values: str) -> bytes:
    """``{key}`` in ``text`` replaced by its value, in one pass (a value's own braces stay)."""

    def value(m: re.Match[str]) -> str:
        return values.get(m.group(1), m.group(0))

    return re.sub(r"\{(\w+)\}", value, text.decode("utf-8")).encode("utf-8")


def mkdocs_config() -> bytes:
    """This repository's mkdocs.yml, with the hook pointing at the network's own copy."""
    text = data_file("mkdocs.yml").decode("utf-8")
    if HOOK_HERE not in text:
        raise RuntimeError(
            f"mkdocs.yml no longer names {HOOK_HERE}; update abc/storage/scaffold.py"
        )
    return text.replace(HOOK_HERE, HOOK_THERE).encode("utf-8")


def install_note(install: Install) -> str:
    """The workflow's comment above ABC_INSTALL, in YAML comment lines."""
    if install.by_hand:
        lines = [
            "SET ABC_INSTALL BY HAND: the abc that created this repository was not",
            "installed from git or from PyPI (a local folder without a git remote),",
            "so this is only its version, which may not be on PyPI. Put here any pip",
            "requirement the runner can install, e.g. git+https://github.com/OWNER/abc@COMMIT.",
        ]
    else:
        lines = [
            "How to install abc here: the way the abc that created this repository",
            "was installed. To change it, put any pip requirement here, for example",
            "abc-connect==VERSION or git+https://github.com/OWNER/abc@COMMIT.",
        ]
    return "\n".join(f"  # {line}" for line in lines)


def publish_workflow(version: str, install: Install) -> bytes:
    """The publish workflow, with how to install abc and where the build goes."""
    return workflow_with(install_note(install), json.dumps(install.spec))


def workflow_with(note: str, install: str) -> bytes:
    """The publish workflow with these comment lines above ``ABC_INSTALL`` and this value
    (as a network's workflow has them, for ``abc site update``)."""
    return _fill(data_file("init/publish.yml"), install_note=note, install=install, build=BUILD_DIR)


def install_line(workflow: bytes) -> int:
    """The line of the workflow that sets ABC_INSTALL (1-based)."""
    lines = workflow.decode("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith("ABC_INSTALL:"))


COACH_WORKFLOW = ".github/workflows/coach.yml"
COACH_CLIENTS = "clients.txt"


def coach_files(version: str, install: Install | None = None) -> dict[str, bytes]:
    """Relative path → bytes of what ``abc coach init`` writes: the workflow, the list."""
    install = how_installed(version) if install is None else install
    workflow = _fill(
        data_file("coach/coach.yml"),
        install_note=install_note(install),
        install=json.dumps(install.spec),
    )
    return {COACH_CLIENTS: data_file("coach/clients.txt"), COACH_WORKFLOW: workflow}


def write_new(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Write each of ``files`` into ``folder`` that is not there yet; the paths written.

    A file already there is kept as it is (the coach's own list of clients, say).
    """
    written = []
    for rel, data in sorted(files.items()):
        path = folder / rel
        if path.exists():
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise write_error(e, str(path)) from None
        atomic_write(path, data)
        written.append(rel)
    return written


def _site_base(site_url: str) -> str:
    base = site_url.strip().rstrip("/")
    if not base.startswith("https://") or len(base) == len("https://"):
        raise UsageError(
            f"the site address must start with https:// (e.g. https://you.github.io/network), "
            f"not {base!r}"
        )
    return base


def pocket_address(site_url: str) -> str:
    """The address where the workflow publishes the pocket."""
    return f"{_site_base(site_url)}/pocket/"


def calendar_addresses(site_url: str, secret: str) -> tuple[str, str]:
    """The https:// and webcal:// addresses where the workflow publishes the calendar."""
    base = _site_base(site_url)
    if not SECRET_PATTERN.fullmatch(secret):
        raise UsageError(
            f"{CALENDAR_SECRET} must be 32 or more letters, digits, - or _ (the workflow "
            "publishes nothing otherwise)"
        )
    https = f"{base}/{secret}/abc.ics"
    return https, "webcal://" + https.removeprefix("https://")


def network_files(today: date, version: str, install: Install | None = None) -> dict[str, bytes]:
    """Relative path → bytes of every file ``abc init`` creates.

    ``install`` is how the workflow installs abc; by default, the way this abc was.
    """
    install = how_installed(version) if install is None else install
    out = {
        "abc.yaml": data_file("init/abc.yaml"),
        f"contacts/{EXAMPLE_SLUG}.yaml": _fill(
            data_file("init/example.yaml"), today=today.isoformat()
        ),
        **abc_files(publish_workflow(version, install)),
    }
    return dict(sorted(out.items()))


def abc_files(workflow: bytes) -> dict[str, bytes]:
    """What ``abc init`` writes that stays abc's, and ``abc site update`` keeps up to
    date, by path in the network: every file but the user's own (``abc.yaml``, the
    example person); ``workflow`` is the publish workflow, as filled in."""
    init = "init/"
    out = {
        "README.md": data_file(init + "README.md"),
        INBOX_README: data_file(init + "inbox-README.md"),
        ".gitignore": _fill(data_file(init + "gitignore"), build=BUILD_DIR, cache=CACHE_DIR),
        ".pre-commit-config.yaml": data_file(init + "pre-commit-config.yaml"),
        WORKFLOW: workflow,
        f"{SCHEMA_DIR}/{CONTACT_SCHEMA}": data_file(CONTACT_SCHEMA),
        f"{SCHEMA_DIR}/{SETTINGS_SCHEMA}": data_file(SETTINGS_SCHEMA),
        HOOK_THERE: data_file(init + "mkdocs_hook.py"),
        **shipped_pages(),
    }
    return dict(sorted(out.items()))


def shipped_pages() -> dict[str, bytes]:
    """The pages ``abc init`` copies into a network: ``mkdocs.yml`` and every file of
    ``site/``, by path in the network."""
    out = {"mkdocs.yml": mkdocs_config()}
    for rel, data in data_tree("site").items():
        out[f"site/{rel}"] = data
    return out


def contact_header(root: Path) -> str | None:
    """The editor modeline for a new contact file, if the network has the schema it names."""
    if (root / SCHEMA_DIR / CONTACT_SCHEMA).is_file():
        return f"yaml-language-server: $schema=../{SCHEMA_DIR}/{CONTACT_SCHEMA}"
    return None


def create_network(folder: Path, files: dict[str, bytes]) -> None:
    """Write a new network's files into ``folder``, which must not exist or be empty."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; abc init needs a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(
            f"{folder} is not empty; abc init only creates a new network in a new or empty "
            "folder (nothing was written)"
        )
    for written, (rel, data) in enumerate(sorted(files.items())):
        path = folder / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
        except OSError as e:  # making the folder
            raise write_error(e, str(path), outcome=_outcome(folder, written)) from None
        except WriteError as e:
            outcome = _outcome(folder, written)
            raise WriteError(str(path), e.reason, hint=e.hint, outcome=outcome) from None


def _outcome(folder: Path, written: int) -> str:
    if not written:
        return "nothing was written"
    return f"{folder} is incomplete: delete it and run abc init again"
