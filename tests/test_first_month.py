"""Issue 25, the first month as a new user lives it: each trap reproduced as the user met it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from abcnet.cli import cli
from abcnet.core.problems import NoNetworkError
from abcnet.storage.layout import find_root


def invoke(*args: str, today: str = "2026-11-25", stdin: str | None = None) -> Result:
    env = {"NO_COLOR": "1", "ABC_TODAY": today}
    return CliRunner().invoke(cli, list(args), env=env, input=stdin)


# 1. The wrong network -------------------------------------------------------------------


def test_an_emptied_network_is_still_the_network(tmp_path: Path) -> None:
    """The last contact removed (git removes the empty contacts/ too), abc add writes into
    this network, not into a contacts/ in a folder above it."""
    (tmp_path / "contacts").mkdir()  # the clone's demo, say
    net = tmp_path / "net"
    net.mkdir()
    (net / "abc.yaml").write_text("timezone: UTC\n", encoding="utf-8")
    result = invoke("-C", str(net), "add", "X Y")
    assert result.exit_code == 0, result.output
    assert result.output == "Added X Y: contacts/x-y.yaml\n"
    assert (net / "contacts" / "x-y.yaml").is_file()
    assert list((tmp_path / "contacts").iterdir()) == []
    assert invoke("-C", str(net), "check").exit_code == 0


def test_a_write_found_above_names_the_network(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    sub = tmp_path / "notes"
    sub.mkdir()
    result = invoke("-C", str(sub), "add", "X Y")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added X Y: contacts/x-y.yaml\n"
    assert result.stderr == f"abc: wrote in the network at {tmp_path}, above this folder\n"
    # Reading names no network: nothing was written.
    assert invoke("-C", str(sub), "list").stderr == ""


def test_the_walk_up_stops_at_a_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "contacts").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_root(deep, ceiling="") == tmp_path
    assert find_root(deep, ceiling=f"relative{os.pathsep}{tmp_path / 'b'}") == tmp_path
    with pytest.raises(NoNetworkError):
        find_root(deep, ceiling=f"relative{os.pathsep}{tmp_path / 'a'}")
    assert find_root(tmp_path, ceiling=str(tmp_path)) == tmp_path  # the start is looked at
    monkeypatch.setenv("ABC_CEILING_DIRECTORIES", str(tmp_path))
    result = invoke("-C", str(deep), "check")
    assert result.exit_code == 2
    assert result.stderr == (
        f"abc: no network (a folder with abc.yaml or contacts/) in {deep} or above it; "
        "run abc inside your network, pass -C DIR, or start one with abc init\n"
    )
