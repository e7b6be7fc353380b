"""An import plan in words: the report ``abc import`` prints, and its JSON.

The plan itself is made in :mod:`abcnet.core.import_plan`; this says, row by row,
what came of each one, so the dry run and the real import read the same.
"""

from __future__ import annotations

from typing import Any

from abcnet.core.identity import SAME_NAME_ONLY
from abcnet.core.import_plan import Create, Merged, Parsed, Plan
from abcnet.core.words import counted


def _where(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path


def _row_word(parsed: Parsed) -> str:
    return "card" if parsed.kind == "vCard" else "row"


def _counted(n: int, one: str) -> str:
    """``1,511 rows``: a count with thousands separators, and its noun."""
    return counted(n, one)


def duplicate_note(c: Create, *, dry_run: bool) -> str:
    """What the report says about a person created beside a possible duplicate."""
    done = "would be created" if dry_run else "created"
    return (
        f"possible duplicate of {' and '.join(c.duplicate_of)} ({SAME_NAME_ONLY}): "
        f"{done} as contacts/{c.slug}.yaml; merge with abc merge if they are one person"
    )


def merged_note(m: Merged, *, dry_run: bool) -> str:
    """What the report says about a row merged into an earlier one."""
    done = "would be merged" if dry_run else "merged"
    if m.by_name:
        return f"same name as line {m.into}, {done} (--accept-name-matches)"
    return f"same person as line {m.into}, {done}"


def _section(title: str, rows: list[str]) -> list[str]:
    return [title, *rows] if rows else []


def _table(pairs: list[tuple[str, str]]) -> list[str]:
    width = max((len(a) for a, _ in pairs), default=0)
    return [f"  {a:<{width}}  {b}" for a, b in pairs]


def _row_lines(parsed: Parsed, plan: Plan, *, dry_run: bool) -> list[str]:
    """The sections about single rows: merged, skipped, left out, possible duplicates."""
    path = parsed.path
    merged = [
        f"  {_where(path, m.line)}: {m.name}: {merged_note(m, dry_run=dry_run)}"
        for m in plan.merged
    ]
    skipped = [
        f"  {_where(path, s.line)}: {s.name + ': ' if s.name else ''}{s.reason}"
        for s in plan.skipped
    ]
    doubles = [
        f"  {_where(path, c.line)}: {c.name}: {duplicate_note(c, dry_run=dry_run)}"
        for c in plan.created
        if c.duplicate_of
    ]
    namesakes = [
        f"  {_where(path, c.line)}: {c.name}: contacts/{c.slug}.yaml, beside {c.namesake_of}"
        for c in plan.created
        if c.namesake_of
    ]
    values = _counted(len(plan.warnings), "value")
    return [
        *_section(
            f"{'Would merge' if dry_run else 'Merged'} {len(merged):,} into an earlier row:", merged
        ),
        *_section(f"Skipped {len(skipped):,}:", skipped),
        *_section(f"Left out {values}:", [f"  {p}" for p in plan.warnings]),
        *_section(f"Check {_counted(len(doubles), 'possible duplicate')}:", doubles),
        *_section(
            f"Kept apart {_counted(len(namesakes), 'namesake')} (a LinkedIn URL, email or "
            "phone tells them apart from the file of that name):",
            namesakes,
        ),
    ]


def report_lines(parsed: Parsed, plan: Plan, *, dry_run: bool, circle: str) -> list[str]:
    """What an import did (or, with ``dry_run``, would do), for people to read."""
    word = _row_word(parsed)
    lines = [f"{parsed.kind}: {_counted(plan.rows, word)} in {parsed.path}."]
    create, update = ("Would create", "Would update") if dry_run else ("Created", "Updated")
    only = " (same name only)"
    lines += _section(
        f"{create} {len(plan.created):,} (circle {circle}):",
        _table([(f"contacts/{c.slug}.yaml", c.name) for c in plan.created]),
    )
    lines += _section(
        f"{update} {len(plan.updated):,}, adding only what their file lacked:",
        _table(
            [
                (u.path, f"{u.name}: {', '.join(u.fields)}{only if u.by_name else ''}")
                for u in plan.updated
            ]
        ),
    )
    lines += _section(
        f"Unchanged {len(plan.unchanged):,}, already here with nothing to add:",
        _table([(u.path, f"{u.name}{only if u.by_name else ''}") for u in plan.unchanged]),
    )
    lines += _row_lines(parsed, plan, dry_run=dry_run)
    n = {k: f"{v:,}" for k, v in plan.counts.items()}
    rows = _counted(plan.rows, word)
    if dry_run:
        lines.append(
            f"Dry run: would create {n['created']}, update {n['updated']}, leave "
            f"{n['unchanged']} unchanged, skip {n['skipped']}, merge {n['merged']}; "
            f"{rows}; nothing was written."
        )
    else:
        lines.append(
            f"Done: {n['created']} created, {n['updated']} updated, {n['unchanged']} "
            f"unchanged, {n['skipped']} skipped, {n['merged']} merged; {rows}."
        )
    return lines


def plan_json(parsed: Parsed, plan: Plan, *, dry_run: bool) -> dict[str, Any]:
    """The same as :func:`report_lines`, as stable JSON."""
    return {
        "source": parsed.kind,
        "file": parsed.path,
        "dry_run": dry_run,
        "people": len(parsed.people),
        "rows": plan.rows,
        "counts": plan.counts,
        "created": [
            {
                "name": c.name,
                "path": f"contacts/{c.slug}.yaml",
                "line": c.line,
                "possible_duplicate_of": list(c.duplicate_of),
                "namesake_of": c.namesake_of or None,
            }
            for c in plan.created
        ],
        "updated": [
            {
                "name": u.name,
                "path": u.path,
                "fields": list(u.fields),
                "line": u.line,
                "by_name": u.by_name,
            }
            for u in plan.updated
        ],
        "unchanged": [
            {"name": u.name, "path": u.path, "line": u.line, "by_name": u.by_name}
            for u in plan.unchanged
        ],
        "merged": [
            {"name": m.name, "line": m.line, "into_line": m.into, "by_name": m.by_name}
            for m in plan.merged
        ],
        "skipped": [{"name": s.name, "line": s.line, "reason": s.reason} for s in plan.skipped],
        "warnings": [p.to_json() for p in plan.warnings],
    }
