"""The package type-checks: mypy in strict mode (settings in pyproject.toml), zero errors.

The folder is abc/ but the package is abcnet, and mypy names modules after their
folders (a module named abc would be the standard library's); so mypy reads the
package through a link named abcnet in a temporary folder. Its cache goes there
too, never into the checkout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # mypy: left out of the fast loop

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict_finds_no_error(tmp_path: Path) -> None:
    (tmp_path / "abcnet").symlink_to(ROOT / "abc", target_is_directory=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "-p",
            "abcnet",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
