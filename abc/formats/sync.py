"""``abc sync`` in words: what it adds, as lines and as JSON, who to add, and ``me:``. Pure."""

from __future__ import annotations

import shlex
from typing import Any

from abcnet.core.handle_keys import name_key
from abcnet.core.model import Contact
from abcnet.core.words import counted, plural
from abcnet.sync.event import Handle
from abcnet.sync.ledger import LEDGER_FILE
from abcnet.sync.propose import Proposal, Proposed, Suggestion
from abcnet.sync.readers import Damage
from abcnet.sync.registry import READERS

from .contact_text import scalar


def cannot_tell(path: str) -> str:
    """Why sync stops at an export no reader claims, and every kind ``--from`` names."""
    kinds = "\n".join(f"  {r.kind:<9} {r.reads}" for r in READERS)
    return f"{path}: abc cannot tell what export this is; name it with --from KIND:\n{kinds}"


def left_out_line(unknown: list[str]) -> str:
    """The files of a folder that no reader reads, the first three by name."""
    some = ", ".join(unknown[:3]) + (", ..." if len(unknown) > 3 else "")
    return (
        f"abc: left out {plural(len(unknown), 'file')} that abc does not read as an export: {some}"
    )


def not_me_line(guess: Handle) -> str:
    """The handle in most messages, when ``me:`` does not have it."""
    return (
        f"abc: {guess.value} is in more of these messages than anyone else but is not "
        "in me: in abc.yaml; if it is you, add it there, or what you sent counts as received"
    )


def report_lines(
    p: Proposal,
    applied: bool,
    suggested: list[Suggestion] | None,
    contacts: tuple[Contact, ...],
    damage: Damage | None = None,
) -> list[str]:
    """``abc sync``'s whole report: the summary, the records that could not be read, the
    suggestions, and what to do next."""
    lines = summary_lines(p, applied) + damage_lines(damage or Damage())
    if suggested is not None:
        lines += suggestion_lines(suggested, contacts)
    if p.touches and not applied:
        lines.append(
            "Nothing was written. Run again with --apply, then review with git diff and commit."
        )
    elif p.touches:
        lines.append(
            "Review them with git diff, then commit (or git checkout -- contacts/ to undo; "
            "abc sync --forget proposes them again)."
        )
    return lines


def summary_lines(p: Proposal, applied: bool) -> list[str]:
    """What sync added, or would add: one line per person, then what it skipped."""
    lines = []
    people: dict[str, list[Proposed]] = {}
    for t in p.touches:
        people.setdefault(t.slug, []).append(t)
    verb = "Added" if applied else "Would add"
    n = len(p.touches)
    if not n:
        lines.append(f"Nothing new to add (from {counted(p.events, 'event')} read).")
    else:
        lines.append(
            f"{verb} {plural(n, 'touch', 'touches')} to {plural(len(people), 'person', 'people')}"
            f" (from {counted(p.events, 'event')} read):"
        )
    width = max((len(ts[0].name) for ts in people.values()), default=0)
    for ts in sorted(people.values(), key=lambda ts: (ts[0].name.casefold(), ts[0].slug)):
        first, last = ts[0].date, ts[-1].date
        span = str(first) if first == last else f"{first} to {last}"
        channels = ", ".join(sorted({t.channel for t in ts}))
        lines.append(
            f"  {ts[0].name:<{width}}  {plural(len(ts), 'touch', 'touches'):<11} {span:<25} "
            f"{channels}  ({ts[0].path})"
        )
    if p.skipped:
        lines.append("Skipped: " + ", ".join(f"{v:,} {k}" for k, v in p.skipped.items()) + ".")
    reviewed = p.skipped.get("reviewed", 0)
    if reviewed:
        lines.append(
            f"Reviewed: {counted(reviewed, 'touch was', 'touches were')} applied before and deleted since (in review, or "
            f"undone with git checkout), so abc sync leaves {'it' if reviewed == 1 else 'them'} "
            "out; run again with --forget to have them proposed again "
            f"(the ledger, {LEDGER_FILE}, lists them)."
        )
    return lines


def damage_lines(damage: Damage) -> list[str]:
    """One line saying how many records could not be read and why, then the first few places."""
    if not damage.total:
        return []
    reasons = ", ".join(f"{n:,} {r}" for r, n in damage.by_reason().items())
    records, parts, files = (damage.costs[k] for k in ("records", "parts", "files"))
    costs = [
        *([f"{plural(records, 'record')} skipped"] if records else []),
        *([f"{plural(parts, 'part')} of records left out"] if parts else []),
        *([f"{plural(files, 'file')} skipped"] if files else []),
    ]
    lines = [f"Unreadable: {', '.join(costs)} ({reasons}); the rest was read:"]
    lines += [f"  {u.message()}" for u in damage.first[:3]]
    if damage.total > 3:
        lines.append(f"  ... and {damage.total - 3:,} more (--json lists the first {damage.KEEP})")
    return lines


def damage_json(damage: Damage) -> dict[str, Any]:
    """What the readers could not read: counted by reason and by what it cost (records
    skipped, parts of records left out, files skipped), and the first few with their place."""
    return {
        "count": damage.total,
        "reasons": damage.by_reason(),
        "records": damage.costs["records"],
        "parts": damage.costs["parts"],
        "files": damage.costs["files"],
        "first": [
            {
                "file": u.file,
                "line": u.line,
                "place": u.place,
                "reason": u.reason,
                "part": u.part,
                "message": u.message(),
            }
            for u in damage.first
        ],
    }


def proposal_json(
    p: Proposal,
    applied: bool,
    suggested: list[Suggestion] | None = None,
    damage: Damage | None = None,
    refused: list[str] | None = None,
) -> dict[str, Any]:
    """``abc sync --json``: the touches, the skips (records that could not be read among them,
    as ``unreadable``),
    what could not be read, the exports left out whole (``refused``: their messages), and
    with ``--suggest`` the suggestions."""
    damage = damage or Damage()
    skipped = dict(p.skipped)
    if damage.costs["records"]:
        skipped["unreadable"] = damage.costs["records"]
    doc: dict[str, Any] = {
        "applied": applied,
        "events": p.events,
        "touches": [
            {
                "slug": t.slug,
                "name": t.name,
                "path": t.path,
                "date": t.date.isoformat(),
                "channel": t.channel,
                "direction": t.direction,
                "kind": "catch-up",
                "note": t.note,
                "events": t.events,
                "from_you": t.mine,
            }
            for t in p.touches
        ],
        "skipped": skipped,
        "unreadable": damage_json(damage),
        "refused": list(refused or []),
    }
    if suggested is not None:
        doc["suggestions"] = [
            {
                "name": s.label,
                "kind": s.handle.kind,
                "value": s.handle.value,
                "from_you": s.sent,
                "from_them": s.received,
                "last": s.last.isoformat(),
                "add": add_line(s),
            }
            for s in suggested
        ]
    return doc


def add_line(s: Suggestion) -> str:
    """The ``abc add`` line for a suggested correspondent."""
    h = s.handle
    name = s.label or (
        h.value if h.kind == "name" else h.value.split("@")[0] if h.kind == "email" else "NAME"
    )
    option = {"email": "--email", "phone": "--phone", "linkedin": "--linkedin"}.get(h.kind)
    line = f"abc add {shlex.quote(name)}"
    return f"{line} {option} {shlex.quote(h.value)}" if option else line


def suggestion_lines(found: list[Suggestion], contacts: tuple[Contact, ...]) -> list[str]:
    """Each correspondent, and the abc add line; for a chat name that is a contact's
    name, the alias to add instead (a name alone never matches, so it asks)."""
    if not found:
        return ["No one you write with both ways is missing from your contacts."]
    named = {name_key(c.name): c for c in contacts}
    lines = [f"People you write with both ways who are not in contacts/ ({len(found)}):"]
    for s in found:
        lines.append(
            f"  {s.label or s.handle.value}: {s.sent} from you, {s.received} from them, "
            f"last {s.last} ({', '.join(s.channels)})"
        )
        same = named.get(name_key(s.handle.value)) if s.handle.kind == "name" else None
        if same is not None:
            alias = scalar(s.handle.value, flow=True)
            lines.append(
                f"    the name of {same.source.path}: if that is them, add "
                f"`aliases: [{alias}]` there"
            )
        else:
            lines.append(f"    {add_line(s)}")
    return lines


def me_hint(guesses: list[Handle]) -> str:
    """Why sync stops without ``me:``, and the ``me:`` block these exports suggest."""
    lines = ["abc.yaml has no me: block, so abc sync cannot tell what you sent from what you got."]
    if guesses:
        lines.append("These exports suggest (check them, then add them to abc.yaml):")
        lines.append("me:")
        by: dict[str, list[str]] = {}
        for h in guesses:
            by.setdefault(h.kind, []).append(h.value)
        for kind, key in (("email", "emails"), ("linkedin", "linkedin"), ("name", "names")):
            if kind in by:
                value = by[kind][0] if kind == "linkedin" else "[" + ", ".join(by[kind]) + "]"
                lines.append(f"  {key}: {value}")
    lines.append("See site/reference/settings.md (me:).")
    return "\n".join(lines)
