"""``abc site update`` in words: each page added, updated or left, and the last line."""

from __future__ import annotations

from abcnet.core.site_pages import ADD, EDITED, NOT_A_FILE, SAME, UPDATE, PageStep
from abcnet.core.words import plural


def step_line(step: PageStep, *, dry_run: bool) -> str | None:
    """One line for a page added, updated or left (None for one already up to date)."""
    p = step.path
    if step.action == ADD:
        return f"{'Would add' if dry_run else 'Added'} {p}: abc ships it and it was missing."
    if step.action == UPDATE:
        verb = "Would update" if dry_run else "Updated"
        return f"{verb} {p} to abc's version: you had not changed it."
    if step.action == EDITED:
        return (
            f"Left {p}: you changed it, and abc's version differs. To take abc's, delete "
            "yours (git keeps it) and run abc site update again; to keep yours, do nothing."
        )
    if step.action == NOT_A_FILE:
        return (
            f"Left {p}: it is not a plain file (a link or a folder). To take abc's page, "
            "move it away and run abc site update again."
        )
    return None


def summary(steps: list[PageStep], *, dry_run: bool) -> str:
    """The last line: how many pages were added, updated, left and already up to date."""
    n = {a: sum(s.action == a for s in steps) for a in (ADD, UPDATE, SAME)}
    left = len(steps) - sum(n.values())
    if dry_run:
        done = f"{plural(n[ADD], 'page')} to add, {n[UPDATE]} to update"
    else:
        done = f"{plural(n[ADD], 'page')} added, {n[UPDATE]} updated"
    done += f", {n[SAME]} already up to date"
    if left:
        done += f"; {left} left as {'it is' if left == 1 else 'they are'}"
    if dry_run and n[ADD] + n[UPDATE]:
        done += "; abc site update without --dry-run does it"
    return done + "."
