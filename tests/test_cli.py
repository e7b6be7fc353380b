"""The CLI surface: help everywhere, version, and the demo network end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from abcnet import __version__
from abcnet.cli import cli

REPO = Path(__file__).resolve().parent.parent


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize(("path", "command"), list(all_commands(cli)), ids=lambda x: str(x))
def test_every_command_has_help_with_examples(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help and len(command.help.strip()) > 20
    if not isinstance(command, click.Group):
        assert "Examples:" in command.help, f"abc {' '.join(path)} has no examples"
    assert CliRunner().invoke(cli, [*path, "-h"]).exit_code == 0


def test_the_table_of_commands_is_every_command_under_its_own_name():
    import importlib
    import pkgutil

    from abcnet import cli as package
    from abcnet.cli import COMMANDS

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"abcnet.cli.{info.name}")
        names = vars(module)
        inner = {
            id(c) for g in names.values() if isinstance(g, click.Group) for c in g.commands.values()
        }
        for attribute, value in names.items():
            mine = isinstance(value, click.Command) and value.callback.__module__ == module.__name__
            if mine and id(value) not in inner and value is not package.cli:
                found[value.name] = (info.name, attribute)
    assert found == COMMANDS


def test_check_imports_only_the_module_of_its_command(tmp_path: Path):
    code = (
        "import sys; from abcnet.cli import cli\n"
        "cli(['-C', sys.argv[1], 'check'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('abcnet.cli.')))"
    )
    (tmp_path / "contacts").mkdir()
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert out.stdout.splitlines()[-1] == (
        "['abcnet.cli.app', 'abcnet.cli.base', 'abcnet.cli.daily', 'abcnet.cli.quick', "
        "'abcnet.cli.terminal']"
    )


QUICK_NETWORK = {
    "abc.yaml": "daily_quota: 1\nshown_as_of: 2026-03-01\n",
    "contacts/ada.yaml": "name: Ada Lee\ncircle: inner\ntouches:\n  - date: 2025-12-01\n    channel: email\n",
    "contacts/bo.yaml": "name: Bo Chen\ncircle: wide\nsnooze_until: 2026-04-01\n",
    "contacts/cy.yaml": "name: Cy Roe\nemail: [nope\n",
}


def _abc(
    cwd: Path, *args: str, quick: bool = True, env: dict[str, str] | None = None
) -> tuple[int, str, str, list[str]]:
    """``abc ARGS`` in a process of its own, with ``env`` added to a clean environment:
    by ``main`` (which may start without Click) or by the Click group itself; its exit
    code, output, errors, and whether Click loaded."""
    start = "from abcnet.cli import main as run" if quick else "from abcnet.cli import cli as run"
    code = (
        f"import sys; {start}\n"
        "try:\n    run()\nexcept SystemExit as e:\n    code = e.code or 0\n"
        "print('click' in sys.modules, file=sys.stderr); sys.exit(code)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("ABC_ROOT", "ABC_TODAY", "NO_COLOR")}
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
    )
    *errors, loaded = out.stderr.splitlines(keepends=True)
    return out.returncode, out.stdout, "".join(errors), [loaded.strip()]


@pytest.mark.parametrize(
    "args",
    [["check"], ["check", "--json"], ["check", "--all", "--strict"], ["check", "--strict"]],
)
def test_abc_check_starts_without_click_and_says_what_click_says(tmp_path: Path, args):
    for rel, text in QUICK_NETWORK.items():
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "contacts" / "sub").mkdir()
    below = tmp_path / "contacts" / "sub"  # found from a folder inside the network
    for cwd in (tmp_path, below):
        by_click = _abc(cwd, *args, quick=False)
        by_main = _abc(cwd, *args)
        assert by_main[:3] == by_click[:3]
        assert by_main[3] == ["False"] and by_click[3] == ["True"]
    assert by_main[0] == 1
    if "--json" in args:
        assert '"path": "contacts/cy.yaml"' in by_main[1]
    else:
        assert by_main[2].startswith("contacts/cy.yaml:3: YAML syntax: did not find expected")


@pytest.mark.parametrize(
    "args", [["check", "--today", "2026-03-01"], ["check", "--json", "--json"], ["check", "-h"]]
)
def test_any_other_command_line_goes_to_click(tmp_path: Path, args):
    (tmp_path / "contacts").mkdir()
    code, _, _, loaded = _abc(tmp_path, *args)
    assert loaded == ["True"]
    assert code == 0


def _quick_network(folder: Path) -> None:
    for rel, text in QUICK_NETWORK.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("env", "without_click"),
    [
        ({"ABC_TODAY": "2026-01-20"}, True),  # Ada due soon, not overdue
        ({"ABC_TODAY": " 2026-06-01 "}, True),
        ({"ABC_TODAY": ""}, True),  # blank: unset, as Click takes it
        ({"ABC_TODAY": "2026-02-30"}, False),
        ({"ABC_TODAY": "0001-01-01"}, False),  # a year abc refuses
        ({"ABC_TODAY": "soon"}, False),
        ({"ABC_ROOT": "net"}, True),
        ({"ABC_ROOT": "net", "ABC_TODAY": "2026-06-01"}, True),
        ({"ABC_ROOT": "elsewhere"}, False),
        ({"ABC_ROOT": "net/abc.yaml"}, False),
    ],
)
def test_abc_check_takes_abc_root_and_abc_today_as_click_does(
    tmp_path: Path, env: dict[str, str], without_click: bool
):
    _quick_network(tmp_path / "net")
    cwd = tmp_path / "net" if "ABC_ROOT" not in env else tmp_path
    for args in (["check"], ["check", "--json", "--all"]):
        by_click = _abc(cwd, *args, quick=False, env=env)
        by_main = _abc(cwd, *args, env=env)
        # Click started as `python -c` names the program "-c" where main names it "abc".
        said = by_click[2].replace("Usage: -c ", "Usage: abc ").replace("'-c ", "'abc ")
        assert by_main[:3] == (*by_click[:2], said)
        assert by_main[3] == [str(not without_click)]
    if env.get("ABC_TODAY") == "2026-06-01":
        assert '"today": "2026-06-01"' in by_main[1] and '"name": "Ada Lee"' in by_main[1]


def test_abc_check_without_a_network_says_so_without_click(tmp_path: Path):
    assert _abc(tmp_path, "check")[:3] == _abc(tmp_path, "check", quick=False)[:3]
    code, _, errors, loaded = _abc(tmp_path, "check")
    assert (code, loaded) == (2, ["False"])
    assert errors.startswith("abc: no network (a folder with abc.yaml or contacts/) in ")


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"abc {__version__}\n"


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from abcnet.cli import cli\n"
        "heavy = [m for m in ('ruamel.yaml', 'icalendar', 'mkdocs', 'hypothesis') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "contacts", tmp_path / "contacts")
    shutil.copy(REPO / "abc.yaml", tmp_path / "abc.yaml")
    return tmp_path


def run(root: Path, *args: str) -> click.testing.Result:
    return CliRunner().invoke(
        cli, ["-C", str(root), *args], env={"ABC_TODAY": "2026-11-25", "NO_COLOR": "1"}
    )


def test_demo_network_is_valid_and_has_every_situation(demo):
    result = run(demo, "check", "--json")
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert data["valid"] and data["files"] == 40
    assert len(data["overdue"]) >= 3
    assert len(data["never_contacted"]) == 1
    assert len(data["snoozed"]) == 1
    assert data["capacity"]["enough"]
    assert [p["severity"] for p in data["problems"]] == ["warning"]  # the 1y cadence


def test_demo_today_then_log_moves_on(demo):
    first = run(demo, "today")
    assert first.exit_code == 0
    lines = first.stdout.splitlines()
    assert lines[0] == "Wednesday 25 November 2026: 2 people, about 10 minutes."
    people = [line for line in lines if line[:3] in ("1. ", "2. ")]
    assert len(people) == 2 and all(" — overdue by " in p for p in people)
    name = people[0][3:].split(" — ")[0]
    slug = name.lower().replace(" ", "-")
    before = (demo / "contacts" / f"{slug}.yaml").read_text()
    assert run(demo, "log", name, "-c", "email").exit_code == 0
    after = (demo / "contacts" / f"{slug}.yaml").read_text()
    # git diff shows only the new touch: the old text is untouched, two lines are added.
    assert after.startswith(before)
    assert [x.strip() for x in after[len(before) :].splitlines()] == [
        "- date: 2026-11-25",
        "channel: email",
    ]
    again = run(demo, "today").stdout
    assert f"1. {name}" not in again and f"Done today: {name}." in again


def test_an_error_abc_did_not_foresee_ends_in_one_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import abcnet.cli as cli_package

    def broken(**_: object) -> None:
        raise ValueError("Exceeds the limit\n(4300 digits)")

    monkeypatch.setattr(cli_package.cli, "main", broken)
    monkeypatch.delenv("ABC_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli_package.main()
    assert stop.value.code == 70
    assert capsys.readouterr().err == (
        "abc: internal error (ValueError: Exceeds the limit (4300 digits)). This is a bug in "
        "abc: your files are as they were or whole. Run again with ABC_DEBUG=1 to see where "
        "it happened, and report it with that output.\n"
    )
    monkeypatch.setenv("ABC_DEBUG", "1")
    with pytest.raises(ValueError, match="4300 digits"):
        cli_package.main()


def test_abc_check_interrupted_says_aborted_as_click_does(tmp_path: Path, monkeypatch, capsys):
    from abcnet.cli import quick

    def interrupted(*args: object, **kw: object) -> int:
        raise KeyboardInterrupt

    (tmp_path / "contacts").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ABC_ROOT", raising=False)
    monkeypatch.delenv("ABC_TODAY", raising=False)
    monkeypatch.setattr(quick, "check_network", interrupted)
    assert quick.run(["check"]) == 1
    assert capsys.readouterr().err == "\nAborted!\n"
