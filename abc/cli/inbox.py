"""abc inbox: the touches waiting in inbox/ (from the pocket's Log it), a dry run until --apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .base import (
    NetworkRef,
    commit_option,
    echo,
    echo_problems,
    load,
    pass_ref,
    resolve_today,
    today_option,
)
from .commits import Commit


@click.command("inbox")
@click.option("--apply", "apply_", is_flag=True, help="Log the entries and delete them.")
@commit_option
@today_option
@pass_ref
def inbox_cmd(ref: NetworkRef, apply_: bool, commit: bool | None, today: date | None) -> None:
    """Log the touches waiting in inbox/, from the pocket's Log it.

    An entry is one small YAML file in inbox/ or a folder inside it: person
    (a file name, name, email, phone, LinkedIn URL or alias that names one person
    exactly), date, channel, and optionally kind, direction and note. Without
    --apply abc says what it would do and changes nothing. With --apply each
    touch is logged as abc log logs it, then its entry is deleted; an entry
    repeating a touch already in the file (same person, date, channel,
    direction, kind and note) is deleted without a second touch, while a second
    call on one day, with its own note, is logged as its own touch, as abc log
    would. An entry abc cannot take stays, printed with its reason; the exit
    code is 1 while any is left. Another file there (an entry typed without
    .yaml, say) is not read, and is named.

    \b
    Examples:
      abc inbox
      abc inbox --apply
    """
    from abcnet.core.inbox import Step, decide
    from abcnet.formats.inbox import commit_message, step_line, summary
    from abcnet.storage import inbox

    day = resolve_today(today, ref)
    entries, unreadable = inbox.read_inbox(ref.root, day)
    steps: list[Step] = []
    commits: list[Commit] = []
    if entries:
        network = load(ref, day, keep_all=True)
        steps = decide(entries, network.contacts, network.settings.me.region)
        if apply_:

            def done(step: Step, paths: list[Path]) -> None:
                committed = Commit(ref, network.settings, commit, commit_message(step))
                committed.all(paths)
                commits.append(committed)

            steps = inbox.apply(ref.root, steps, day, done)
    for step in steps:
        line = step_line(step, applied=apply_)
        if line is not None:
            echo(line)
    echo_problems(inbox.stray_warnings(ref.root))
    for c in commits:
        c.report()
    left = unreadable + [s.problem for s in steps if s.problem]
    echo_problems(sorted(left))
    echo(summary(steps, len(unreadable), applied=apply_), err=bool(left))
    if left:
        click.get_current_context().exit(1)
