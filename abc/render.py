"""Pure formatting: values → lines of terminal text and JSON-ready dicts."""

from __future__ import annotations

from datetime import date
from typing import Any

from .cadence import Capacity, Report, Status
from .problems import Problem


def days_phrase(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def problem_summary(problems: list[Problem], files: int) -> str:
    errs = [p for p in problems if p.severity == "error"]
    warns = [p for p in problems if p.severity == "warning"]
    if not errs and not warns:
        return f"All {files} contact files are valid."
    paths = {p.path for p in problems}
    parts = []
    if errs:
        parts.append(f"{len(errs)} problem{'s' if len(errs) != 1 else ''}")
    if warns:
        parts.append(f"{len(warns)} warning{'s' if len(warns) != 1 else ''}")
    return f"{' and '.join(parts)} in {len(paths)} file{'s' if len(paths) != 1 else ''}."


def capacity_line(cap: Capacity) -> str:
    head = (
        f"Capacity: {cap.people} people need about {round(cap.needed_per_year)} touches a year; "
        f"{cap.quota} a day gives {cap.available_per_year}."
    )
    if cap.enough:
        return head + " The daily quota keeps everyone within cadence."
    return head + f" Not enough: it would take {cap.quota_needed} a day."


def _last(s: Status) -> str:
    return f"last {s.last.date}" if s.last else "never"


def report_lines(rep: Report) -> list[str]:
    today = rep.today
    lines: list[str] = []
    width = max((len(s.contact.name) for s in rep.statuses), default=10) + 2

    def section(title: str, rows: list[str]) -> None:
        lines.append(f"{title} ({len(rows)}):")
        lines.extend(rows or ["  nobody"])
        lines.append("")

    section(
        "Overdue",
        [
            f"  {s.contact.name:<{width}}overdue by {days_phrase(s.days_overdue(today))}"
            f" ({_last(s)}, every {days_phrase(s.cadence)})"
            for s in rep.overdue
        ],
    )
    section(
        "Due in the next 7 days",
        [
            f"  {s.contact.name:<{width}}"
            + ("due today" if s.due == today else f"due in {days_phrase((s.due - today).days)}")
            + f" ({s.due})"
            for s in rep.due_soon
        ],
    )
    section(
        "Never contacted",
        [f"  {s.contact.name:<{width}}{s.contact.source.path}" for s in rep.never],
    )
    section(
        "Snoozed",
        [f"  {s.contact.name:<{width}}until {s.contact.snooze_until}" for s in rep.snoozed],
    )
    lines.append(capacity_line(rep.capacity))
    return lines


def _status_json(s: Status, today: date) -> dict[str, Any]:
    return {
        "slug": s.contact.slug,
        "name": s.contact.name,
        "path": s.contact.source.path,
        "circle": s.contact.circle,
        "cadence_days": s.cadence,
        "last_touch": s.last.date.isoformat() if s.last else None,
        "due": s.due.isoformat(),
        "days_overdue": max(0, (today - s.due).days),
        "snooze_until": s.contact.snooze_until.isoformat() if s.contact.snooze_until else None,
    }


def check_json(rep: Report, problems: list[Problem], files: int, strict: bool) -> dict[str, Any]:
    errs = [p for p in problems if p.severity == "error"]
    cap = rep.capacity
    return {
        "today": rep.today.isoformat(),
        "files": files,
        "valid": not errs,
        "ok": not errs and not (strict and rep.overdue),
        "problems": [p.to_json() for p in problems],
        "overdue": [_status_json(s, rep.today) for s in rep.overdue],
        "due_soon": [_status_json(s, rep.today) for s in rep.due_soon],
        "never_contacted": [_status_json(s, rep.today) for s in rep.never],
        "snoozed": [_status_json(s, rep.today) for s in rep.snoozed],
        "capacity": {
            "people": cap.people,
            "needed_per_year": round(cap.needed_per_year, 1),
            "available_per_year": cap.available_per_year,
            "daily_quota": cap.quota,
            "enough": cap.enough,
            "quota_needed": cap.quota_needed,
        },
    }
