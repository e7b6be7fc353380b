"""Shared fixtures: a temporary network, a helper that writes raw YAML, and a runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner, Result

from abcnet.cli import cli

DEMO = Path(__file__).resolve().parent.parent


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
