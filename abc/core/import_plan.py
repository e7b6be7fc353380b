"""Planning an import: the people an export holds → files to create, fields to fill, skips.

Pure. :func:`plan_import` matches each row against the network, and against the
rows before it, with the one identity rule (:mod:`abcnet.core.identity`):

- the same person as a contact already here (an email, LinkedIn URL or phone
  agrees, no LinkedIn URL conflicts) gets only the fields their file lacks;
  nothing is ever overwritten;
- the same person as an earlier row is merged into it, and the report says so
  for the later row (``same person as line 14, merged``);
- rows with different LinkedIn URLs are different people, whatever their names:
  namesakes get ``john-smith``, ``john-smith-2``, ``john-smith-3``;
- a name-only match (the same name, nothing else in common) is created as a new
  person and listed as a possible duplicate, unless ``accept_name_matches``
  treats it as the same person.

Every row read is accounted for: created + updated + unchanged + skipped +
merged = the rows the reader found (:attr:`Plan.counts`). The plan is what the
CLI prints for ``--dry-run`` and what it writes otherwise, so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from abcnet.core.checks import parse_contact
from abcnet.core.fields import CONTACT_FIELDS, CONTACT_KEYS
from abcnet.core.handle_keys import email_key, fold
from abcnet.core.identity import Index, Keys, file_order, keys, keys_of
from abcnet.core.model import Contact
from abcnet.core.problems import Problem
from abcnet.core.readback import as_read
from abcnet.core.slugs import slugify

#: How a LinkedIn connection was met, in an imported file's ``met``.
LINKEDIN_HOW = "Connected on LinkedIn"
#: The fields an import may fill in an existing contact, in file order.
FILLABLE = tuple(f.key for f in CONTACT_FIELDS if f.fillable)


@dataclass(frozen=True)
class Candidate:
    """One person read from an export: contact fields, and the line their record starts on."""

    line: int
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@dataclass(frozen=True)
class Parsed:
    """What a reader found in one file."""

    path: str
    kind: str
    people: tuple[Candidate, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def skipped_rows(self) -> list[Problem]:
        """The warnings about a whole row or card (no field): one for each record skipped.

        With :attr:`people` they are every record the reader found.
        """
        return [p for p in self.problems if p.severity == "warning" and not p.field]


@dataclass(frozen=True)
class Create:
    slug: str
    name: str
    fields: dict[str, Any]
    """The new file's fields, in file order (``formats.contact_text.new_contact`` writes them)."""
    line: int
    duplicate_of: tuple[str, ...] = ()
    """Who this person has the name of, with nothing else in common: the files already
    here (``contacts/john-smith.yaml``) and new ones of earlier rows (``... from line 5``)."""
    namesake_of: str = ""
    """The file whose name this one's was made from, when that was taken by another
    person (another LinkedIn URL, say): ``contacts/john-smith.yaml`` for ``john-smith-2``."""


@dataclass(frozen=True)
class Update:
    slug: str
    name: str
    path: str
    fields: dict[str, Any]
    """Only keys the contact's file has no value for, in file order."""
    line: int
    by_name: bool = False
    """Matched by the name only (``accept_name_matches``)."""


@dataclass(frozen=True)
class Unchanged:
    """A row for someone already in the network, with nothing to add."""

    name: str
    path: str
    line: int
    by_name: bool = False


@dataclass(frozen=True)
class Merged:
    """A row for the same person as an earlier row (``into``): what it adds goes there."""

    name: str
    line: int
    into: int
    by_name: bool = False


@dataclass(frozen=True)
class Skip:
    name: str
    line: int
    reason: str


@dataclass(frozen=True)
class Plan:
    created: tuple[Create, ...]
    updated: tuple[Update, ...]
    unchanged: tuple[Unchanged, ...]
    skipped: tuple[Skip, ...]
    warnings: tuple[Problem, ...] = ()
    merged: tuple[Merged, ...] = ()
    rows: int = 0
    """The rows (or cards) the reader found: each is in exactly one of the five above."""

    @property
    def counts(self) -> dict[str, int]:
        """How many rows came to what, and the rows read; the first five add up to ``rows``."""
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
            "merged": len(self.merged),
            "rows": self.rows,
        }


#: Fields filled together or not at all: a role belongs to its organisation, so a
#: file's ``org: Infosys`` never gets a row's role at Wipro.
TOGETHER = ("org", "role")


def _missing(contact: Contact) -> set[str]:
    """The fillable fields a contact has no value for."""
    return {
        f.key
        for f in CONTACT_FIELDS
        if f.fillable and all(getattr(contact, a) in (None, ()) for a in f.held_by())
    }


@dataclass(eq=False)
class _Target:
    """Someone rows can match: a contact already in the network, or a new file."""

    name: str
    slug: str | None = None
    path: str = ""
    line: int = 0
    """For a new person, the row that made it; for a contact, the first row that matched."""
    missing: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    """For a new person: all its fields; for a contact: the fields to add."""
    new: bool = False
    matched: bool = False
    """For a contact: whether the import names them."""
    by_name: bool = False
    broken: bool = False
    later: list[Merged] = field(default_factory=list)
    duplicate_of: list[_Target] = field(default_factory=list)
    created: bool = False
    work: dict[str, str] = field(default_factory=dict)
    """For a contact: the org and role their file has."""
    left_out: list[tuple[int, str]] = field(default_factory=list)
    """Rows' values not taken, with why: (line, message)."""

    def who(self) -> str:
        return f"{self.name} ({self.path})" if not self.new else f"{self.name} (line {self.line})"


def _validate(fields: dict[str, Any], slug: str, today: date) -> str | None:
    """The first error `abc check` would report for a file of these fields, or None."""
    rel = f"contacts/{slug}.yaml"
    _, problems = parse_contact(as_read(fields), rel, slug, today)
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return None
    p = errors[0]
    return f"{p.field}: {p.message}" if p.field else p.message


def _network_targets(
    contacts: Sequence[Contact],
    index: Index[_Target],
    broken: set[str] | frozenset[str],
    region: str,
) -> list[_Target]:
    """A target for each contact already in the network, indexed by the identity rule."""
    targets = []
    for contact in sorted(contacts, key=lambda c: file_order(c.source.path)):
        path = contact.source.path
        t = _Target(contact.name, contact.slug, path, missing=_missing(contact))
        t.work = {k: v for k, v in (("org", contact.org), ("role", contact.role)) if v}
        t.broken = path in broken
        targets.append(t)
        index.add(t, keys_of(contact, region=region))
    return targets


def _reader_problems(parsed: Parsed) -> tuple[list[Skip], list[Problem]]:
    """The reader's warnings: about a whole record (no field) a skip, else a value left out."""
    skipped = [Skip("", p.line, p.message) for p in parsed.skipped_rows]
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


def _take(t: _Target, cand: Candidate, fields: dict[str, Any], by_name: bool) -> None:
    """A row for target ``t``: the first for a contact, else a later row merged into it;
    either way ``t`` gets the fields it has no value for; org and role together."""
    for key in FILLABLE:
        if key in TOGETHER:
            continue
        if key in fields and key not in t.fields and (t.new or key in t.missing):
            t.fields[key] = fields[key]
    _take_work(t, cand, fields)
    if t.new or t.matched:
        t.later.append(Merged(cand.name, cand.line, t.line, by_name))
    else:
        t.line, t.matched, t.by_name = cand.line, True, by_name


def _take_work(t: _Target, cand: Candidate, fields: dict[str, Any]) -> None:
    """A row's org and role for ``t``: both when ``t`` has neither, the one missing when
    the other agrees with ``t``'s, else neither (noted in ``t.left_out``)."""
    offered = {k: str(fields[k]) for k in TOGETHER if fields.get(k)}
    if not offered:
        return
    have = {**t.work, **{k: str(t.fields[k]) for k in TOGETHER if k in t.fields}}
    common = [k for k in offered if k in have]
    if not have or (common and all(fold(offered[k]) == fold(have[k]) for k in common)):
        t.fields.update({k: v for k, v in offered.items() if k not in have})
        return
    if len(common) == len(offered):
        return  # nothing was missing: the file's own values stand, as for every field
    theirs = ", ".join(f"{k}: {v}" for k, v in have.items())
    where = f"line {t.line}" if t.new else t.path
    t.left_out.append(
        (
            cand.line,
            f"{', '.join(offered.values())} left out: {where} has {theirs}, and org and role "
            "are filled together or not at all (edit the file if they changed jobs)",
        )
    )


def _broken_reason(t: _Target) -> str:
    return f"{t.path} has problems; fix them first (run abc check)"


def _place(
    cand: Candidate,
    fields: dict[str, Any],
    k: Keys,
    index: Index[_Target],
    accept_name_matches: bool,
) -> _Target | Skip | None:
    """Where one row goes: the target it is the same person as (taking what it adds),
    a skip, or None for a new person."""
    found = index.find(k)
    if found.clash:
        t, key = found.clash[0]
        email = next(
            (e.strip().lower() for e in fields.get("email", []) if email_key(e) == key), key
        )
        return Skip(
            cand.name,
            cand.line,
            f"{email} is also the email of {t.who()}, who has another LinkedIn URL: one "
            "email, two profiles; merge them with abc merge if they are one person, or "
            "correct the email",
        )
    same, by_name = list(found.same), False
    if not same:
        broken = [t for t in found.names if t.broken]
        if broken and not accept_name_matches:  # its file cannot be trusted to tell
            return Skip(cand.name, cand.line, _broken_reason(broken[0]))
        if accept_name_matches:
            same, by_name = list(found.names), True
    if len(same) > 1:
        names = " and ".join(t.who() for t in same)
        what = "has the name of" if by_name else "matches"
        return Skip(cand.name, cand.line, f"{what} {names}; merge them with abc merge first")
    if not same:
        return None
    t = same[0]
    if t.broken:
        return Skip(cand.name, cand.line, _broken_reason(t))
    _take(t, cand, fields, by_name)
    index.add(t, k)
    return t


def _match_all(
    parsed: Parsed,
    index: Index[_Target],
    targets: list[_Target],
    today: date,
    *,
    circle: str,
    accept_name_matches: bool,
    region: str,
) -> tuple[list[Skip], list[Problem]]:
    """Place every row: with a target it is the same person as, in a new one, or skipped."""
    skipped, warnings = _reader_problems(parsed)
    for cand in parsed.people:
        fields = _checked_fields(parsed, cand, today, warnings)
        k = keys(
            cand.name,
            fields.get("email", []),
            fields.get("links", {}).items(),
            fields.get("phone", []),
            region=region,
        )
        placed = _place(cand, fields, k, index, accept_name_matches)
        if isinstance(placed, Skip):
            skipped.append(placed)
        elif placed is None:
            t = _Target(cand.name, line=cand.line, new=True)
            t.fields = _ordered({**fields, "circle": circle})
            t.duplicate_of = list(index.find(k).names)
            targets.append(t)
            index.add(t, k)
    return skipped, warnings


def _new_slug(name: str, used: set[str]) -> str:
    """A file name for a new person, unique among ``used`` (empty when none can be made)."""
    base = slugify(name)
    slug, n = base, 2
    while base and slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _duplicate_of(t: _Target) -> tuple[str, ...]:
    """The files ``t`` may duplicate, as the report names them."""
    out = []
    for d in t.duplicate_of:
        if not d.new:
            out.append(d.path)
        elif d.created:
            out.append(f"contacts/{d.slug}.yaml from line {d.line}")
        else:
            out.append(f"line {d.line}")
    return tuple(out)


@dataclass
class _Outcome:
    created: list[Create] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)

    def skip(self, t: _Target, why: str) -> None:
        """``t``'s first row skipped for ``why``; its later rows with it."""
        self.skipped.append(Skip(t.name, t.line, why))
        self.skipped += [
            Skip(m.name, m.line, f"same person as line {m.into}, which is skipped") for m in t.later
        ]


def _new_file(t: _Target, used: set[str], today: date, out: _Outcome) -> None:
    slug = _new_slug(t.name, used)
    fields = _ordered(t.fields)
    why = _validate(fields, slug, today) if slug else "cannot make a file name from this name"
    if why:
        out.skip(t, why)
        return
    used.add(slug)
    t.slug, t.created = slug, True
    doubles = _duplicate_of(t)
    base = slugify(t.name)
    namesake = f"contacts/{base}.yaml" if slug != base and not doubles else ""
    out.created.append(Create(slug, t.name, fields, t.line, doubles, namesake))
    out.merged += t.later


def _outcome(targets: list[_Target], taken: set[str], today: date) -> _Outcome:
    """What each target comes to: a file to create, fields to fill, nothing, or a skip."""
    out = _Outcome()
    used = set(taken)
    for t in targets:
        if t.new:
            _new_file(t, used, today, out)
            continue
        if not t.matched:
            continue
        if t.fields:
            fill = _ordered(t.fields)
            why = _validate({"name": t.name, **fill}, t.slug or "x", today)
            if why:
                out.skip(t, why)
                continue
            out.updated.append(Update(t.slug or "", t.name, t.path, fill, t.line, t.by_name))
        else:
            out.unchanged.append(Unchanged(t.name, t.path, t.line, t.by_name))
        out.merged += t.later
    return out


def plan_import(
    parsed: Parsed,
    contacts: Sequence[Contact],
    taken: set[str],
    today: date,
    *,
    circle: str = "wide",
    broken: set[str] | frozenset[str] = frozenset(),
    accept_name_matches: bool = False,
    region: str,
) -> Plan:
    """Decide, for every row, whether to create a file, fill fields, merge it, or skip.

    ``taken`` holds the slugs of every file in contacts/ (also those with errors,
    which may not be in ``contacts``); ``broken`` the paths of files with errors,
    whose people are matched (by name too) but never changed. A row that is the same person as an
    earlier one is merged into it, the first row's values winning.
    ``accept_name_matches`` treats a name-only match as the same person. ``region``
    (``me: region:``) reads phones without a country code, for the identity rule.
    """
    index: Index[_Target] = Index()
    targets = _network_targets(contacts, index, broken, region)
    skipped, warnings = _match_all(
        parsed,
        index,
        targets,
        today,
        circle=circle,
        accept_name_matches=accept_name_matches,
        region=region,
    )
    out = _outcome(targets, taken, today)
    warnings += [
        Problem(parsed.path, line, "org", why, "warning")
        for t in targets
        for line, why in t.left_out
    ]
    return Plan(
        tuple(out.created),
        tuple(out.updated),
        tuple(sorted(out.unchanged, key=lambda u: u.line)),
        tuple(sorted(skipped + out.skipped, key=lambda s: s.line)),
        tuple(sorted(warnings)),
        tuple(sorted(out.merged, key=lambda m: m.line)),
        len(parsed.people) + len(parsed.skipped_rows),
    )


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in CONTACT_KEYS if k in fields and fields[k] not in (None, "")}
