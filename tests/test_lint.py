"""Lint and format are part of the test run, so one command checks everything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the linter: left out of the fast loop

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    exe = Path(sys.executable).with_name("ruff")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("ruff")
    if not found:
        pytest.fail("ruff is not installed; pip install -e '.[test]'")
    return [found]


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [*_ruff(), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = subprocess.run(
        [*_ruff(), "format", "--no-cache", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contributor_hooks_run_the_tools_this_checkout_installs():
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"].split()[0] for repo in config["repos"] for hook in repo["hooks"]]
    assert entries, "no hook in .pre-commit-config.yaml"
    for entry in entries:
        assert entry.startswith(".venv/bin/"), entry  # the pinned tools, offline
        assert (Path(sys.executable).parent / entry.removeprefix(".venv/bin/")).exists(), entry
