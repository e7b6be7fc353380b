"""Shared fixtures: a temporary network, a helper that writes raw YAML, and a runner.

Nothing the tests do writes into the checkout: the demo network is used from a
temporary copy (``DEMO``), the repository itself (``REPO``) only read; property
tests keep no example database; lint and type checks keep their caches elsewhere.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

# Before anything of abc is imported: compiled modules (abc's, and the tests' as pytest
# rewrites their asserts) go to a folder of their own in the temporary folder, never into
# the checkout, and the next run reuses them.
sys.pycache_prefix = os.path.join(tempfile.gettempdir(), f"abc-pycache-{os.getuid()}")
sys.dont_write_bytecode = False  # written there, whatever PYTHONDONTWRITEBYTECODE says

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

from abcnet.cli import cli
from abcnet.sync.event import Event, Handle

#: The checkout: read, never written.
REPO = Path(__file__).resolve().parent.parent

# No test finds a network by walking up out of the temporary folders (into a
# contacts/ that happens to be above them on this machine): like git's ceiling.
os.environ["ABC_CEILING_DIRECTORIES"] = os.path.realpath(tempfile.gettempdir())


#: How the browser tests start Chromium: headless in a container, offline.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI is set (apt-get install chromium)")
    pytest.skip("chromium is not installed (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium (playwright) for one test module; skipped without one (failed
    under CI)."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def handle_text(handle: Handle | None, brackets: str = "[]") -> str | None:
    """A sync handle as the readers' tests write it: ``kind:value [label]``."""
    if handle is None:
        return None
    label = f" {brackets[0]}{handle.label}{brackets[1]}" if handle.label else ""
    return f"{handle.kind}:{handle.value}{label}"


def event_row(event: Event, *more: object, brackets: str = "[]") -> tuple[Any, ...]:
    """A sync event in the compact form the readers' tests compare: key, when, channel,
    sender, to, from_me, skip, then ``more`` (what a reader adds: declined, people)."""
    return (
        event.key,
        event.when.isoformat(),
        event.channel,
        handle_text(event.sender, brackets),
        tuple(handle_text(h, brackets) for h in event.to),
        event.from_me,
        event.skip,
        *more,
    )


def _demo_copy() -> Path:
    """The bundled demo network, copied once for the whole run (and removed after it):
    what commands write beside it (the parse cache, build/) stays out of the checkout."""
    root = Path(tempfile.mkdtemp(prefix="abc-demo-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for name in ("contacts", "site", ".abc"):
        shutil.copytree(REPO / name, root / name)  # links become files, as in a wheel
    for name in ("abc.yaml", "mkdocs.yml", "abc/web/mkdocs/hook.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    return root


#: A temporary copy of the demo network: contacts/, abc.yaml, mkdocs.yml, site/, .abc/.
DEMO = _demo_copy()

# Property tests: quick by default; thorough (every test at its full count) on demand
# with HYPOTHESIS_PROFILE=thorough, and in CI. Neither keeps an example database.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE", "thorough" if os.environ.get("CI") else "quick")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="abc-hypothesis-")
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)  # as the demo copy
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
hypothesis_settings.register_profile("quick", deadline=None, database=None)
hypothesis_settings.register_profile("thorough", deadline=None, database=None)
hypothesis_settings.load_profile(THOROUGH)


def examples(thorough: int, **more: Any) -> hypothesis_settings:
    """Settings for a property test: ``thorough`` examples in the thorough profile, a
    tenth of them (at least 10) in the quick one; ``more`` are other settings."""
    n = thorough if THOROUGH == "thorough" else max(10, thorough // 10)
    return hypothesis_settings(max_examples=n, **more)


@dataclass
class Net:
    root: Path

    @property
    def contacts(self) -> Path:
        return self.root / "contacts"

    def write(self, slug: str, text: str) -> Path:
        """Write a contact file from an indented, triple-quoted string."""
        path = self.contacts / f"{slug}.yaml"
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.contacts / name
        path.write_bytes(data)
        return path

    def settings(self, text: str) -> Path:
        path = self.root / "abc.yaml"
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def read(self, slug: str) -> str:
        return (self.contacts / f"{slug}.yaml").read_text(encoding="utf-8")

    def run(self, *args: str, today: str | None = "2026-11-25", stdin: str | None = None) -> Result:
        argv = ["-C", str(self.root), *args]
        env = {"ABC_TODAY": today} if today is not None and "--today" not in args else {}
        return CliRunner().invoke(cli, argv, env={"NO_COLOR": "1", **env}, input=stdin)


@pytest.fixture
def net(tmp_path: Path) -> Net:
    (tmp_path / "contacts").mkdir()
    return Net(tmp_path)


@pytest.fixture
def run_in(net: Net) -> Callable[..., Result]:
    return net.run


def pytest_sessionstart(session: pytest.Session) -> None:
    """The coverage floor (pyproject.toml) holds for the whole run, the README's test
    command: a run of some files, or of a marker or keyword selection, still prints the
    coverage but does not fail for covering less."""
    config = session.config
    partial = (
        config.args_source != pytest.Config.ArgsSource.TESTPATHS
        or bool(config.option.markexpr)
        or bool(config.option.keyword)
    )
    cov = config.pluginmanager.getplugin("_cov")
    if partial and cov is not None and getattr(cov, "options", None) is not None:
        cov.options.cov_fail_under = 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts the browser is a browser test, and slow, wherever it is."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
