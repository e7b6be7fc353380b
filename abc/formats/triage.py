"""Triage in words: one person as a card, and what a session decided. Pure."""

from __future__ import annotations

from abcnet.core.triage import Scored, Tally


def card_lines(s: Scored, number: int, total: int) -> list[str]:
    """One person as triage shows them: name, org and role, how you met, the reasons."""
    c = s.contact
    work = " at ".join(x for x in (c.role, c.org) if x)
    head = f"[{number}/{total:,}] {c.name}" + (f" — {work}" if work else "")
    met = ", ".join(x for x in (str(c.met_date) if c.met_date else None, c.met_how) if x)
    why = ", ".join(s.reasons) or "nothing yet: no email, phone, touch, how you met or tag"
    return [head, f"  met:  {met or 'not in the file'}", f"  why:  {why}"]


def summary_line(t: Tally, left: int) -> str:
    """``kept 3 (inner 1, core 1, wide 1), archived 2, skipped 1; 1,494 left in the pool``."""
    kept = sum(t.kept.values())
    circles = ", ".join(f"{name} {n:,}" for name, n in t.kept.items() if n)
    head = f"kept {kept:,}" + (f" ({circles})" if circles else "")
    return f"{head}, archived {t.archived:,}, skipped {t.skipped:,}; {left:,} left in the pool"
