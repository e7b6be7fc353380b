"""`history`: the practice month by month, from the git history of contacts/."""

from __future__ import annotations

from datetime import date

import click

from .base import (
    NetworkRef,
    echo_lines,
    json_option,
    load,
    pass_ref,
    print_json,
    resolve_today,
    today_option,
)


@click.command("history")
@json_option
@today_option
@pass_ref
def history_cmd(ref: NetworkRef, as_json: bool, today: date | None) -> None:
    """The practice month by month, from the first commit of contacts/ to today.

    For each month: the kept people in the files as they stood after that
    month's last commit, the touches dated in the month (you reached out, or
    they did), gives and asks, the share of kept people within their cadence at
    the month's end by circle, and the people added and archived. Today's month
    is the files as they are now. Cadences are today's settings.

    Without git, or in a shallow clone, it says so and gives what the files
    alone can tell: each person counted from their met date or first touch.

    \b
    Examples:
      abc history
      abc history --json
    """
    from abcnet.formats import history as text
    from abcnet.storage.gitlog import network_history

    day = resolve_today(today, ref)
    network = load(ref, day)
    result = network_history(ref.root, network, day)
    if as_json:
        print_json(text.as_json(result))
    else:
        echo_lines(text.lines(result))
