"""The command reference page (``site/reference/cli.md``), made from the commands' own help.

Each command's ``--help`` is the one description of it; the page shows every one, at a
fixed width so that the text does not depend on the terminal that made it.
``tests/test_cli_reference.py`` fails when the page and the commands drift apart, and
``ABC_REGENERATE_DOCS=1 .venv/bin/pytest tests/test_cli_reference.py`` rewrites it.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

#: The width the help is wrapped at on the page.
WIDTH = 80

INTRO = """\
# Command reference

Every `abc` command, with what `abc COMMAND --help` prints. The same help is one
`--help` away in a terminal; this page is made from it, so the two never differ.

Every command that depends on the date takes `--today YYYY-MM-DD` (or `ABC_TODAY`),
and every command finds the network from the current folder upwards, or takes
`-C DIR` before the command's name (`abc -C ~/network today`).
"""


def _helps(
    command: click.Command, path: list[str], parent: click.Context | None
) -> Iterator[tuple[str, str]]:
    ctx = click.Context(
        command,
        info_name=path[-1],
        parent=parent,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **command.context_settings,  # -h beside --help, as the command line has it
    )
    yield " ".join(path), command.get_help(ctx)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _helps(sub, [*path, name], ctx)


def reference_page(root: click.Group) -> str:
    """The reference page's Markdown: the introduction, then each command's help."""
    parts = [INTRO]
    for name, text in _helps(root, ["abc"], None):
        parts.append(f"\n## `{name}`\n\n```text\n{text.rstrip()}\n```\n")
    return "".join(parts)
