"""Planning an import: the people an export holds → files to create, fields to fill, skips.

Pure. :func:`plan_import` matches each candidate against the network with the
one identity rule (:mod:`abcnet.core.identity`): a new person becomes a file to
create; a known one gets only the fields their file lacks; nothing is ever
overwritten. The plan is what the CLI prints for ``--dry-run`` and what it
writes otherwise, so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from abcnet.core.checks import parse_contact
from abcnet.core.fields import CONTACT_FIELDS, CONTACT_KEYS
from abcnet.core.identity import Index, keys, keys_of
from abcnet.core.model import Contact
from abcnet.core.problems import Problem

from .contact_text import as_read, new_contact, slugify
from .imports import Candidate, Parsed

#: The fields an import may fill in an existing contact, in file order.
FILLABLE = tuple(f.key for f in CONTACT_FIELDS if f.fillable)


@dataclass(frozen=True)
class Create:
    slug: str
    name: str
    text: str
    line: int


@dataclass(frozen=True)
class Update:
    slug: str
    name: str
    path: str
    fields: dict[str, Any]
    """Only keys the contact's file has no value for, in file order."""
    line: int


@dataclass(frozen=True)
class Skip:
    name: str
    line: int
    reason: str


@dataclass(frozen=True)
class Plan:
    created: tuple[Create, ...]
    updated: tuple[Update, ...]
    unchanged: tuple[tuple[str, str], ...]
    """(name, path) of people already in the network with nothing to add."""
    skipped: tuple[Skip, ...]
    warnings: tuple[Problem, ...] = ()


def _missing(contact: Contact) -> set[str]:
    """The fillable fields a contact has no value for."""
    return {
        f.key
        for f in CONTACT_FIELDS
        if f.fillable and all(getattr(contact, a) in (None, ()) for a in f.held_by())
    }


@dataclass
class _Target:
    """Someone a candidate can match: a contact already in the network, or a new file."""

    name: str
    slug: str | None = None
    path: str = ""
    line: int = 0
    missing: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    """For a new person: all its fields; for a contact: the fields to add."""
    new: bool = False
    matched: bool = False
    """For a contact: whether the import names them."""


def _validate(fields: dict[str, Any], slug: str, today: date) -> str | None:
    """The first error `abc check` would report for a file of these fields, or None."""
    rel = f"contacts/{slug}.yaml"
    _, problems = parse_contact(as_read(fields), rel, slug, today)
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return None
    p = errors[0]
    return f"{p.field}: {p.message}" if p.field else p.message


def _network_targets(contacts: Sequence[Contact], index: Index[_Target]) -> list[_Target]:
    """A target for each contact already in the network, indexed by the identity rule."""
    targets = []
    for contact in sorted(contacts, key=lambda c: c.source.path):
        t = _Target(contact.name, contact.slug, contact.source.path, missing=_missing(contact))
        targets.append(t)
        index.add(t, keys_of(contact))
    return targets


def _reader_problems(parsed: Parsed) -> tuple[list[Skip], list[Problem]]:
    """The reader's warnings: about a whole record (no field) a skip, else a value left out."""
    skipped = [
        Skip("", p.line, p.message)
        for p in parsed.problems
        if p.severity == "warning" and not p.field
    ]
    warnings = [p for p in parsed.problems if p.severity == "warning" and p.field]
    return skipped, warnings


def _checked_fields(
    parsed: Parsed, cand: Candidate, today: date, warnings: list[Problem]
) -> dict[str, Any]:
    """A candidate's fields, less a met date after today (which becomes a warning)."""
    fields = dict(cand.fields)
    met = fields.get("met")
    if isinstance(met, dict) and isinstance(met.get("date"), date) and met["date"] > today:
        message = f"{met['date']} is after today; left out"
        warnings.append(Problem(parsed.path, cand.line, "met", message, "warning"))
        fields["met"] = {k: v for k, v in met.items() if k != "date"}
    return fields


def _take(t: _Target, cand: Candidate, fields: dict[str, Any]) -> None:
    """What a matched candidate gives its target: the fields the target has no value for."""
    for key in FILLABLE:
        if key in fields and key not in t.fields and (t.new or key in t.missing):
            t.fields[key] = fields[key]
    if not t.new and not t.matched:
        t.line, t.matched = cand.line, True


def _match_all(
    parsed: Parsed,
    index: Index[_Target],
    targets: list[_Target],
    today: date,
    *,
    circle: str,
    broken: set[str] | frozenset[str],
) -> tuple[list[Skip], list[Problem]]:
    """Match every candidate to one target (a new one when nobody matches); skip the rest."""
    skipped, warnings = _reader_problems(parsed)
    for cand in parsed.people:
        fields = _checked_fields(parsed, cand, today, warnings)
        k = keys(cand.name, fields.get("email", []), fields.get("links", {}).items())
        found = index.find(k)
        if len(found) > 1:
            names = " and ".join(f"{t.name} ({t.path or 'new in this import'})" for t in found)
            skipped.append(Skip(cand.name, cand.line, f"matches {names}; merge them by hand"))
        elif not found:
            t = _Target(cand.name, line=cand.line, new=True)
            t.fields = _ordered({**fields, "circle": circle})
            targets.append(t)
            index.add(t, k)
        elif found[0].path in broken:
            reason = f"{found[0].path} has problems; fix them first (run abc check)"
            skipped.append(Skip(cand.name, cand.line, reason))
        else:
            _take(found[0], cand, fields)
    return skipped, warnings


def _new_slug(name: str, used: set[str]) -> str:
    """A file name for a new person, unique among ``used`` (empty when none can be made)."""
    base = slugify(name)
    slug, n = base, 2
    while base and slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _outcome(
    targets: list[_Target], taken: set[str], today: date, header: str | None
) -> tuple[list[Create], list[Update], list[tuple[str, str]], list[Skip]]:
    """What each target comes to: a file to create, fields to fill, nothing, or a skip."""
    created: list[Create] = []
    updated: list[Update] = []
    unchanged: list[tuple[str, str]] = []
    skipped: list[Skip] = []
    used = set(taken)
    for t in targets:
        if t.new:
            slug = _new_slug(t.name, used)
            fields = _ordered(t.fields)
            why = (
                _validate(fields, slug, today) if slug else "cannot make a file name from this name"
            )
            if why:
                skipped.append(Skip(t.name, t.line, why))
                continue
            used.add(slug)
            created.append(Create(slug, t.name, new_contact(fields, header=header), t.line))
        elif t.fields:
            fill = _ordered(t.fields)
            why = _validate({"name": t.name, **fill}, t.slug or "x", today)
            if why:
                skipped.append(Skip(t.name, t.line, why))
                continue
            updated.append(Update(t.slug or "", t.name, t.path, fill, t.line))
        elif t.matched:
            unchanged.append((t.name, t.path))
    return created, updated, unchanged, skipped


def plan_import(
    parsed: Parsed,
    contacts: Sequence[Contact],
    taken: set[str],
    today: date,
    *,
    circle: str = "wide",
    header: str | None = None,
    broken: set[str] | frozenset[str] = frozenset(),
) -> Plan:
    """Decide, for every candidate, whether to create a file, fill fields, or skip.

    ``taken`` holds the slugs of every file in contacts/ (also those with errors,
    which may not be in ``contacts``); ``broken`` the paths of files with errors,
    whose people are matched but never changed. ``header`` becomes comment lines at
    the top of new files. People who appear twice in the export are merged, the first
    spelling winning, the same way as with a contact already in the network.
    """
    index: Index[_Target] = Index()
    targets = _network_targets(contacts, index)
    skipped, warnings = _match_all(parsed, index, targets, today, circle=circle, broken=broken)
    created, updated, unchanged, more_skipped = _outcome(targets, taken, today, header)
    return Plan(
        tuple(created),
        tuple(updated),
        tuple(unchanged),
        tuple(sorted(skipped + more_skipped, key=lambda s: s.line)),
        tuple(sorted(warnings)),
    )


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in CONTACT_KEYS if k in fields and fields[k] not in (None, "")}


# --- the report -----------------------------------------------------------------------


def _where(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path


def report_lines(parsed: Parsed, plan: Plan, *, dry_run: bool, circle: str) -> list[str]:
    """What an import did (or, with ``dry_run``, would do), for people to read."""
    lines = [f"{parsed.kind}: {len(parsed.people)} people in {parsed.path}."]
    create, update = ("Would create", "Would update") if dry_run else ("Created", "Updated")
    if plan.created:
        lines.append(f"{create} {len(plan.created)} (circle {circle}):")
        width = max(len(c.slug) for c in plan.created) + len("contacts/.yaml")
        lines += [f"  {f'contacts/{c.slug}.yaml':<{width}}  {c.name}" for c in plan.created]
    if plan.updated:
        lines.append(f"{update} {len(plan.updated)}, adding only what their file lacked:")
        width = max(len(u.path) for u in plan.updated)
        lines += [f"  {u.path:<{width}}  {u.name}: {', '.join(u.fields)}" for u in plan.updated]
    skipped = [f"  {name}: already in {path}, nothing to add" for name, path in plan.unchanged] + [
        f"  {_where(parsed.path, s.line)}: {s.name + ': ' if s.name else ''}{s.reason}"
        for s in plan.skipped
    ]
    if skipped:
        lines.append(f"Skipped {len(skipped)}:")
        lines += skipped
    if plan.warnings:
        lines.append(
            f"Left out {len(plan.warnings)} value{'s' if len(plan.warnings) != 1 else ''}:"
        )
        lines += [f"  {p}" for p in plan.warnings]
    c, u, k = len(plan.created), len(plan.updated), len(skipped)
    if dry_run:
        lines.append(f"Dry run: would create {c}, update {u}, skip {k}; nothing was written.")
    else:
        lines.append(f"Done: {c} created, {u} updated, {k} skipped.")
    return lines


def plan_json(parsed: Parsed, plan: Plan, *, dry_run: bool) -> dict[str, Any]:
    """The same as :func:`report_lines`, as stable JSON."""
    return {
        "source": parsed.kind,
        "file": parsed.path,
        "dry_run": dry_run,
        "people": len(parsed.people),
        "created": [
            {"name": c.name, "path": f"contacts/{c.slug}.yaml", "line": c.line}
            for c in plan.created
        ],
        "updated": [
            {"name": u.name, "path": u.path, "fields": list(u.fields), "line": u.line}
            for u in plan.updated
        ],
        "unchanged": [{"name": name, "path": path} for name, path in plan.unchanged],
        "skipped": [{"name": s.name, "line": s.line, "reason": s.reason} for s in plan.skipped],
        "warnings": [p.to_json() for p in plan.warnings],
    }
