"""The inbox in words: what ``abc inbox`` would do, or did, with each entry, the commit
of each, and the line that says entries wait."""

from __future__ import annotations

from abcnet.core.inbox import DUPLICATE, LOG, REFUSE, Step
from abcnet.core.words import plural


def _what(step: Step) -> str:
    t = step.entry.touch
    name = step.contact.name if step.contact is not None else step.entry.person
    return f"{t.channel} with {name} on {t.date}"


def step_line(step: Step, *, applied: bool) -> str | None:
    """One line for an entry logged or dropped (None for one left: it is a problem)."""
    entry = step.entry.source.path
    if step.action == LOG and step.contact is not None:
        verb = "Logged" if applied else "Would log"
        return f"{verb} {_what(step)} ({entry} → {step.contact.source.path})."
    if step.action == DUPLICATE and step.problem is None:  # else its problem says why it stays
        verb = "Deleted" if applied else "Would delete"
        if step.twin is not None:
            return f"{verb} {entry}: {_what(step)} is the same as {step.twin}."
        return f"{verb} {entry}: {_what(step)} is already logged."
    return None


def commit_message(step: Step) -> str:
    """The git commit of one entry logged, or deleted as a duplicate."""
    what = "Log" if step.action == LOG else "Inbox: delete a duplicate of"
    return f"{what} {_what(step)}"


def summary(steps: list[Step], unreadable: int, *, applied: bool) -> str:
    """The last line: how many were logged, dropped and left."""
    logged = sum(s.action == LOG for s in steps)
    dropped = sum(s.action == DUPLICATE and s.problem is None for s in steps)
    left = unreadable + sum(s.action == REFUSE or s.problem is not None for s in steps)
    if not steps and not unreadable:
        return "Nothing waits in inbox/."
    done = (
        f"{plural(logged, 'touch', 'touches')} logged, {plural(dropped, 'duplicate')} deleted"
        if applied
        else f"{plural(logged, 'touch', 'touches')} to log, "
        f"{plural(dropped, 'duplicate')} to delete"
    )
    if left:
        them = "it" if left == 1 else "them"
        done += f"; {plural(left, 'entry', 'entries')} left in inbox/ (fix or delete {them})"
    elif not applied:
        done += "; abc inbox --apply does it"
    return done + "."


def waiting_line(n: int) -> str:
    """What ``abc check`` and the Today page say of the entries waiting in ``inbox/``."""
    wait = "waits" if n == 1 else "wait"
    return (
        f"{plural(n, 'entry', 'entries')} {wait} in inbox/: abc inbox shows what it "
        "would log, abc inbox --apply logs it."
    )
