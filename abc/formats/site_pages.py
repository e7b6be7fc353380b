"""``abc site update`` in words: each file added, updated or left, with what to do; what
abc's workflow adds to the network's; the pages a changed ``mkdocs.yml`` leaves out of
its navigation; and the last line."""

from __future__ import annotations

from typing import Any

from abcnet.core.site_pages import (
    ADD,
    EDITED,
    MERGED,
    MISSING,
    NOT_A_FILE,
    SAME,
    UPDATE,
    WORKFLOW,
    PageStep,
)
from abcnet.core.words import plural

from .mkdocs_config import NAV_FILE
from .yamltext import loader


def step_lines(step: PageStep, *, dry_run: bool) -> list[str]:
    """The lines for a file added, updated or left (none for one already up to date)."""
    p = step.path
    show = f"abc site update --show {p}"
    if step.action == ADD:
        return [f"{'Would add' if dry_run else 'Added'} {p}: abc ships it and it was missing."]
    if step.action == UPDATE:
        verb = "Would update" if dry_run else "Updated"
        if p != WORKFLOW:
            return [f"{verb} {p} to abc's version: you had not changed it."]
        head = (
            f"{verb} {p} to abc's version: you had not changed it (its ABC_INSTALL line "
            "and the comment above it stay yours). Read it before you push"
        )
        return _with_news(head, step)
    if step.action == MERGED:
        verb = "Would update" if dry_run else "Updated"
        return [
            f"{verb} in {p} the keys you had not changed to abc's: {', '.join(step.taken)}.",
            *_keys_lines(step, show),
        ]
    if step.action == MISSING:
        return [
            f"Left out {p}: this network has no publish workflow, and abc adds one only "
            "when it creates a network, since a workflow publishes and may write to the "
            f"repository. To add abc's: {show} > {p}"
        ]
    if step.action == EDITED:
        return _edited(step, show)
    if step.action == NOT_A_FILE:
        return [
            f"Left {p}: it is not a plain file (a link or a folder). To take abc's file, "
            "move it away and run abc site update again."
        ]
    return []


def _edited(step: PageStep, show: str) -> list[str]:
    p = step.path
    if p == WORKFLOW:
        head = (
            f"Left {p}: you changed it, and abc never replaces a workflow you changed. "
            f"abc's version differs: read it with {show} and take by hand what you want"
        )
        return _with_news(head, step)
    lines = [
        f"Left {p}: you changed it, and abc's version differs. To see abc's: {show}; to "
        "take it, delete yours (git keeps it) and run abc site update again; to keep "
        "yours, do nothing."
    ]
    return lines + _keys_lines(step, show)


def _keys_lines(step: PageStep, show: str) -> list[str]:
    """For mkdocs.yml: the keys left as the user changed them, those abc's file has
    and the user's lacks, and the pages the user's nav leaves out."""
    out = []
    if step.kept:
        out.append(
            f"  Left as you changed them: {', '.join(step.kept)} (abc's differ; {show} has them)."
        )
    if step.lacking:
        out.append(
            f"  Yours lacks abc's {', '.join(step.lacking)}: not added, in case you "
            f"removed it; {show} has it."
        )
    if step.path == NAV_FILE and step.mine is not None and "nav" not in step.taken:
        out += nav_lines(step.mine, step.abcs)
    return out


def _with_news(head: str, step: PageStep) -> list[str]:
    news = workflow_news(step.mine, step.abcs)
    if not news:
        return [head + "."]
    return [head + "; beside yours, it has:", *(f"  - {line}" for line in news)]


def _load(data: bytes | None) -> dict[str, Any]:
    if data is None:
        return {}
    from ruamel.yaml.error import YAMLError

    try:
        found = loader("safe").load(data.decode("utf-8"))
    except (YAMLError, ValueError):  # not YAML, or not UTF-8: nothing to compare
        return {}
    return found if isinstance(found, dict) else {}


def _permissions(job: Any) -> str:
    granted = job.get("permissions") if isinstance(job, dict) else None
    if isinstance(granted, dict):
        return ", ".join(f"{k}: {v}" for k, v in granted.items()) or "none"
    return "none" if granted is None else str(granted)


def _steps(job: Any) -> dict[str, str]:
    """A job's steps by what they are called (their name, or the action they use), each
    with the action it uses and its version (empty for a step that runs commands)."""
    steps = job.get("steps") if isinstance(job, dict) else None
    out: dict[str, str] = {}
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict):
            uses = str(step.get("uses", ""))
            out[str(step.get("name") or uses.partition("@")[0])] = uses
    return out


def workflow_news(mine: bytes | None, abcs: bytes) -> list[str]:
    """What abc's workflow has that the network's lacks: each job, with the permissions
    it is given; in a job both have, each step and a change of permissions; the actions
    at other versions."""
    theirs_all, ours_all = _load(mine), _load(abcs)
    old, new = theirs_all.get("jobs"), ours_all.get("jobs")
    old = old if isinstance(old, dict) else {}
    out: list[str] = []
    if _permissions(ours_all) != _permissions(theirs_all):
        out.append(f"for the whole workflow, the permissions {_permissions(ours_all)}")
    moved: list[str] = []
    for name, job in (new if isinstance(new, dict) else {}).items():
        if name not in old:
            out.append(f"the job {name} (permissions: {_permissions(job)})")
            continue
        if _permissions(job) != _permissions(old[name]):
            out.append(f"in {name}, the permissions {_permissions(job)}")
        theirs, ours = _steps(old[name]), _steps(job)
        out += [f"in {name}, the step {s}" for s in ours if s not in theirs]
        moved += [u.partition("@")[0] for s, u in ours.items() if u and theirs.get(s, u) != u]
    if moved:
        out.append(f"the actions at other versions: {', '.join(sorted(set(moved)))}")
    return out


def _nav_entries(nav: Any, section: str, out: list[tuple[str, str]]) -> None:
    """Each page a nav lists (its path) with the section it is under ("" at the top)."""
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, str):
            out.append((section, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out.append((section, value))
                else:
                    _nav_entries(value, str(title), out)


def nav_lines(mine: bytes, abcs: bytes) -> list[str]:
    """The pages abc's ``nav:`` lists and the network's leaves out, each with its line
    of abc's mkdocs.yml and where it goes; none when the network lists no ``nav:``
    (MkDocs then lists every page) or its file is not YAML."""
    theirs, ours = _load(mine), _load(abcs)
    if "nav" not in theirs:
        return []
    listed: list[tuple[str, str]] = []
    _nav_entries(theirs["nav"], "", listed)
    have = {page for _, page in listed}
    wanted: list[tuple[str, str]] = []
    _nav_entries(ours.get("nav"), "", wanted)
    lacking = [(section, page) for section, page in wanted if page not in have]
    if not lacking:
        return []
    text = abcs.decode("utf-8").splitlines()
    out = [
        f"  Its nav: leaves out {plural(len(lacking), 'page')} of abc's: MkDocs builds "
        "them, but no menu leads there. To list them, add under nav: these lines of abc's:"
    ]
    for section, page in lacking:
        line = next((x.strip() for x in text if x.rstrip().endswith(" " + page)), f"- {page}")
        where = f"under {section}" if section else "at the top level"
        out.append(f"  - {where}: {line}")
    return out


def summary(steps: list[PageStep], *, dry_run: bool) -> str:
    """The last line: how many files were added, updated, left and already up to date."""
    n = {a: sum(s.action == a for s in steps) for a in (ADD, UPDATE, SAME, MERGED)}
    left = len(steps) - sum(n.values())
    n[UPDATE] += n.pop(MERGED)
    if dry_run:
        done = f"{plural(n[ADD], 'file')} to add, {n[UPDATE]} to update"
    else:
        done = f"{plural(n[ADD], 'file')} added, {n[UPDATE]} updated"
    done += f", {n[SAME]} already up to date"
    if left:
        done += f"; {left} left as {'it is' if left == 1 else 'they are'}"
    if dry_run and n[ADD] + n[UPDATE]:
        done += "; abc site update without --dry-run does it"
    return done + "."
