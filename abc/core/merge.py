"""Planning a merge of two contact files that hold the same person. Pure.

`abc merge KEEP OTHER` folds OTHER into KEEP, then deletes OTHER. This module says,
field by field, what KEEP's file gets; :mod:`abcnet.formats.edits` makes the edits,
each verified, keeping every comment of KEEP. The rules:

- **touches** are united: each of OTHER's touches that KEEP does not have (the same
  date, channel, direction, kind and note is the same touch) is added, in date order;
- **a field KEEP has no value for** takes OTHER's (org, role, cadence, birthday, met,
  snooze_until, and circle when KEEP has none);
- **lists** are united: OTHER's emails and phones whose identity key KEEP lacks
  (:mod:`abcnet.core.handle_keys`: ``analima+work@googlemail.com`` is
  ``ana.lima@gmail.com``, ``07700 900123`` is ``+44 7700 900123`` in ``GB``; one
  with no key, by its digits) and tags (case and accents aside) that KEEP lacks
  are added after KEEP's;
- **mappings** are united: OTHER's links under a label KEEP lacks (unless KEEP
  has the same address under another label; LinkedIn profiles by their key),
  met's date or how if KEEP lacks it;
- **notes** are united: OTHER's notes go after KEEP's, under a line naming the file
  they came from, unless KEEP's notes already hold them;
- **circle**: KEEP's stands, but the pool is no circle to keep: a KEEP in the pool
  takes OTHER's kept circle;
- **archived**: KEEP's stands (a merge never archives nor revives anyone); the
  difference is said in what the merge prints;
- **a conflict**, where both files have a value and they differ (name, org, role,
  cadence, birthday, snooze_until, two kept circles, a link under the same label,
  met's date or how): KEEP's value stays, and OTHER's is written beside it as a YAML
  comment for the user to resolve: ``org: Northwind  # abc merge: other file said
  "Contoso"``. Comments are where conflicts go because they keep both values in
  sight on the very line to fix, change no data (the file reads exactly as KEEP
  did), and ``abc check`` stays clean; notes are free text, so both are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .handle_keys import email_key, fold, linkedin_key, phone_key
from .identity import normalise_url
from .model import POOL, Birthday, Contact, Touch


@dataclass(frozen=True)
class Fill:
    """A key KEEP has no value for, and the value OTHER gives it."""

    key: str
    value: Any


@dataclass(frozen=True)
class Extend:
    """Items added at the end of one of KEEP's lists (email, phone, tags)."""

    key: str
    items: tuple[Any, ...]


@dataclass(frozen=True)
class AddEntries:
    """Entries added to one of KEEP's mappings (links, met)."""

    key: str
    entries: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Replace:
    """A value of KEEP's that gives way: a circle of ``pool``."""

    key: str
    value: Any


@dataclass(frozen=True)
class AddText:
    """Lines added at the end of KEEP's text (notes), after a blank line."""

    key: str
    text: str


@dataclass(frozen=True)
class Conflict:
    """Both files have a value and they differ: OTHER's goes in a comment beside KEEP's."""

    key: str
    sub: str | None
    other: str
    """OTHER's value, as the comment shows it."""

    @property
    def field(self) -> str:
        return f"{self.key}.{self.sub}" if self.sub else self.key


@dataclass(frozen=True)
class AddTouch:
    touch: dict[str, Any]
    """The touch as a contact file writes it: date, then channel, direction, kind and
    note where they say something (direction ``out`` and kind ``catch-up`` go unsaid)."""


Step = Fill | Extend | AddEntries | Replace | AddText | Conflict | AddTouch


@dataclass(frozen=True)
class MergePlan:
    keep: Contact
    other: Contact
    steps: tuple[Step, ...]
    same_touches: int
    """How many of OTHER's touches KEEP already had."""
    said: tuple[str, ...] = field(default=())
    """What was not taken, in words (archived)."""
    merged: Contact | None = None
    """KEEP as its file reads once the merge is written (None in a plan not carried out)."""

    def of(self, kind: type[Step]) -> list[Any]:
        return [s for s in self.steps if isinstance(s, kind)]


def touch_key(t: Touch) -> tuple[date, str | None, str, str, str | None]:
    """What makes two touches the same touch."""
    return t.date, t.channel, t.direction, t.kind, t.note


def touch_fields(t: Touch) -> dict[str, Any]:
    """A touch as a contact file writes it (see :class:`AddTouch`)."""
    written: dict[str, Any] = {"date": t.date, "channel": t.channel}
    if t.direction != "out":
        written["direction"] = t.direction
    if t.kind != "catch-up":
        written["kind"] = t.kind
    written["note"] = t.note
    return {k: v for k, v in written.items() if v is not None}


def _email_same(email: str) -> str:
    return email_key(email) or email


def _phone_same(region: str) -> Callable[[str], str]:
    """Phones by their key; one that has none (no country code, no region) by its digits."""
    return lambda phone: phone_key(phone, region) or re.sub(r"[^\d+]", "", phone) or phone


def _link_same(url: str) -> str:
    return linkedin_key(url) or normalise_url(url)


def _birthday_value(b: Birthday) -> date | str:
    """A birthday as a file writes it: a date with its year, else ``MM-DD`` (quoted)."""
    return date(b.year, b.month, b.day) if b.year else str(b)


def _united(
    key: str, mine: tuple[str, ...], theirs: tuple[str, ...], same: Callable[[str], str]
) -> list[Step]:
    """OTHER's items KEEP lacks: added to KEEP's list, or the whole list if KEEP has none."""
    have = {same(x) for x in mine}
    new = tuple(dict.fromkeys(x for x in theirs if same(x) not in have))
    if not new:
        return []
    return [Extend(key, new) if mine else Fill(key, list(new))]


def _scalar(key: str, mine: Any, theirs: Any, shown: str, same: bool) -> list[Step]:
    """One value: filled when KEEP has none, a conflict when both have one and differ."""
    if theirs is None:
        return []
    if mine is None:
        return [Fill(key, theirs)]
    return [] if same else [Conflict(key, None, shown)]


def _links(keep: Contact, other: Contact) -> list[Step]:
    mine = dict(keep.links)
    known = {_link_same(u) for u in mine.values()}
    new: list[tuple[str, Any]] = []
    steps: list[Step] = []
    for label, url in other.links:
        if label in mine:
            if _link_same(mine[label]) != _link_same(url):
                steps.append(Conflict("links", label, url))
        elif _link_same(url) not in known:
            new.append((label, url))
    if new:
        steps.insert(0, AddEntries("links", tuple(new)) if mine else Fill("links", dict(new)))
    return steps


def _met(keep: Contact, other: Contact) -> list[Step]:
    theirs = {"date": other.met_date, "how": other.met_how}
    theirs = {k: v for k, v in theirs.items() if v is not None}
    mine = {"date": keep.met_date, "how": keep.met_how}
    if not theirs:
        return []
    if not any(v is not None for v in mine.values()):
        return [Fill("met", theirs)]
    new = tuple((k, v) for k, v in theirs.items() if mine[k] is None)
    steps: list[Step] = [AddEntries("met", new)] if new else []
    steps += [
        Conflict("met", k, str(v))
        for k, v in theirs.items()
        if mine[k] is not None and mine[k] != v
    ]
    return steps


def _circle(keep: Contact, other: Contact, keep_data: Mapping[str, Any]) -> list[Step]:
    theirs = other.circle
    if other.circle == POOL or theirs == keep.circle:
        return []
    if keep_data.get("circle") is None:
        return [Fill("circle", theirs)]
    if keep.circle == POOL:
        return [Replace("circle", theirs)]
    return [Conflict("circle", None, theirs)]


def _notes(keep: Contact, other: Contact) -> list[Step]:
    theirs = (other.notes or "").strip()
    if not theirs:
        return []
    mine = (keep.notes or "").strip()
    if not mine:
        return [Fill("notes", other.notes)]
    if " ".join(fold(theirs).split()) in " ".join(fold(mine).split()):
        return []
    return [AddText("notes", f"(abc merge: from {other.source.path})\n{theirs}")]


def _touches(keep: Contact, other: Contact) -> tuple[list[Step], int]:
    have = {touch_key(t) for t in keep.touches}
    steps: list[Step] = []
    same = 0
    for t in other.touches:
        k = touch_key(t)
        if k in have:
            same += 1
        else:
            have.add(k)
            steps.append(AddTouch(touch_fields(t)))
    return steps, same


def plan_merge(
    keep: Contact,
    other: Contact,
    keep_data: Mapping[str, Any],
    other_data: Mapping[str, Any],
    *,
    region: str,
) -> MergePlan:
    """What KEEP's file gets from OTHER's. ``keep_data`` and ``other_data`` are the files'
    plain data: they say which keys a file has, and how OTHER spells its cadence;
    ``region`` (``me: region:``) reads phones written without a country code."""
    steps: list[Step] = []
    if fold(keep.name) != fold(other.name):
        steps.append(Conflict("name", None, other.name))
    steps += _united("email", keep.emails, other.emails, _email_same)
    steps += _united("phone", keep.phones, other.phones, _phone_same(region))
    steps += _links(keep, other)
    steps += _scalar("org", keep.org, other.org, other.org or "", keep.org == other.org)
    steps += _scalar("role", keep.role, other.role, other.role or "", keep.role == other.role)
    steps += _circle(keep, other, keep_data)
    cadence = other_data.get("cadence")
    steps += _scalar(
        "cadence",
        keep.cadence,
        cadence if other.cadence is not None else None,
        str(cadence),
        keep.cadence == other.cadence,
    )
    steps += _united("tags", keep.tags, other.tags, fold)
    steps += _met(keep, other)
    steps += _scalar(
        "birthday",
        keep.birthday and _birthday_value(keep.birthday),
        other.birthday and _birthday_value(other.birthday),
        str(other.birthday),
        keep.birthday == other.birthday,
    )
    steps += _scalar(
        "snooze_until",
        keep.snooze_until,
        other.snooze_until,
        str(other.snooze_until),
        keep.snooze_until == other.snooze_until,
    )
    steps += _notes(keep, other)
    touches, same = _touches(keep, other)
    said: tuple[str, ...] = ()
    if keep.archived != other.archived:
        k, o = keep.source.path, other.source.path
        said = (
            f"archived: {k} is archived and {o} was not; {k} stays archived"
            if keep.archived
            else f"archived: {o} was archived and {k} is not; {k} stays as it is",
        )
    return MergePlan(keep, other, tuple(steps + touches), same, said)
