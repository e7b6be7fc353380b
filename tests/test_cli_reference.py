"""The command reference page shows what each command's --help prints, and nothing else.

After changing a command or its help, rewrite the page with
``ABC_REGENERATE_DOCS=1 .venv/bin/pytest tests/test_cli_reference.py`` and read the diff.
"""

from __future__ import annotations

import os

import click
from click.testing import CliRunner
from conftest import REPO

from abcnet.cli import cli
from abcnet.cli.reference import reference_page

PAGE = REPO / "site" / "reference" / "cli.md"


def test_the_reference_page_is_the_commands_help() -> None:
    made = reference_page(cli)
    if os.environ.get("ABC_REGENERATE_DOCS"):
        PAGE.write_text(made, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == made, (
        "site/reference/cli.md is out of date: ABC_REGENERATE_DOCS=1 "
        ".venv/bin/pytest tests/test_cli_reference.py, then read the diff"
    )


def test_every_command_and_subcommand_is_on_the_page() -> None:
    page = reference_page(cli)
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert f"\n## `abc {name}`\n" in page
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                assert f"\n## `abc {name} {sub}`\n" in page


def test_the_page_holds_what_help_prints_at_its_width() -> None:
    result = CliRunner().invoke(cli, ["log", "--help"], terminal_width=80)
    assert result.exit_code == 0
    # the same lines, with the program's name as the page gives it
    assert result.output.rstrip().replace("Usage: cli log", "Usage: abc log") in reference_page(cli)


def test_a_changed_help_text_is_caught(monkeypatch) -> None:
    before = reference_page(cli)
    command = cli.get_command(click.Context(cli), "today")
    assert command is not None
    monkeypatch.setattr(command, "help", "Something else entirely.")
    assert reference_page(cli) != before
