"""Triage in words: one person as a card, and what a session decided. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from abcnet.core.identity import SAME_NAME_ONLY
from abcnet.core.model import Contact
from abcnet.core.problems import Problem
from abcnet.core.triage import LookAlike, Scored, Tally, staying
from abcnet.core.words import work


def card_lines(
    s: Scored,
    number: int,
    total: int,
    alike: Sequence[LookAlike] = (),
    left_out: Mapping[str, Problem] | None = None,
) -> list[str]:
    """One person as triage shows them: name, org and role, how you met, the reasons; and
    the files that may hold the same person (``alike``, in the words `abc check` and
    imports use), with what ``m`` merges into what. A file of those that is left out
    (``left_out``: its first error) says why."""
    c = s.contact
    job = work(c.role, c.org)
    head = f"[{number}/{total:,}] {c.name}" + (f" — {job}" if job else "")
    met = ", ".join(x for x in (str(c.met_date) if c.met_date else None, c.met_how) if x)
    why = ", ".join(s.reasons) or "nothing yet: no email, phone, touch, how you met or tag"
    lines = [head, f"  met:  {met or 'not in the file'}", f"  why:  {why}"]
    for a in alike:
        o = a.other
        if a.shared:
            lines.append(
                f"  looks like the same person as {o.name} ({o.source.path}): the same {a.shared}"
            )
        else:
            lines.append(f"  possible duplicate of {o.source.path} ({SAME_NAME_ONLY})")
        problem = (left_out or {}).get(o.source.path)
        if problem is not None:
            lines.append(f"    left out until fixed: {problem}")
    if alike:
        keep, other = staying(c, alike[0].other)
        lines.append(f"  m merges {other.source.path} into {keep.source.path}")
    return lines


def field_lines(c: Contact) -> list[str]:
    """The rest of a person's file, for triage's f key: how to reach them, links, tags,
    notes, touches, and the file itself."""
    last = c.touches[-1] if c.touches else None
    rows = [
        ("email", ", ".join(c.emails)),
        ("phone", ", ".join(c.phones)),
        *((label, url) for label, url in c.links),
        ("tags", ", ".join(c.tags)),
        ("aliases", ", ".join(c.aliases)),
        ("birthday", str(c.birthday) if c.birthday else ""),
        ("touches", f"{len(c.touches)}, the last on {last.date}" if last else ""),
        ("notes", " ".join((c.notes or "").split())[:NOTES_CHARS]),
        ("file", c.source.path),
    ]
    shown = [(k, v) for k, v in rows if v]
    width = max(len(k) for k, _ in shown)
    return [f"  {k + ':':<{width + 1}} {v}" for k, v in shown]


#: How much of the notes triage's f key shows.
NOTES_CHARS = 200


def summary_line(t: Tally, left: int) -> str:
    """``kept 3 (inner 1, core 1, wide 1), archived 2, skipped 1; 1,494 left in the pool``."""
    kept = sum(t.kept.values())
    circles = ", ".join(f"{name} {n:,}" for name, n in t.kept.items() if n)
    head = f"kept {kept:,}" + (f" ({circles})" if circles else "")
    merged = f", merged {t.merged:,}" if t.merged else ""
    return (
        f"{head}, archived {t.archived:,}{merged}, skipped {t.skipped:,}; {left:,} left in the pool"
    )
