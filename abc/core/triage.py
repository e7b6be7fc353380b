"""Triage: which people in the pool look most promising to keep, and why; what the
quota can keep.

Pure: contacts and today in, people in order with their reasons out. A person's score
adds up what their file holds that a bare LinkedIn connection does not:

====================================  ==========================================
signal                                points
====================================  ==========================================
an email address                      3
a phone number                        2
touches, in either direction          4 for the first, 1 for each more (up to 3)
a touch from them                     2 more
``met.how`` other than LinkedIn's     4
a recent ``met.date``                 3 within 91 days, 2 within a year, 1 within two
tags                                  1 each, up to 3
====================================  ==========================================

Touches and a ``met.date`` after ``today`` are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .handle_keys import fold
from .identity import Index, file_order, keys_of, shared
from .import_plan import LINKEDIN_HOW
from .model import CIRCLES, Contact, touches_until
from .people import Query
from .words import plural

EMAIL_POINTS = 3
PHONE_POINTS = 2
TOUCH_POINTS = 4
MORE_TOUCHES_POINTS = 3
"""At most this many points for touches beyond the first, one each."""
FROM_THEM_POINTS = 2
MET_HOW_POINTS = 4
#: Days since ``met.date`` and the points for it, the first that fits.
RECENT_POINTS = ((91, 3), (365, 2), (730, 1))
TAG_POINTS = 3
"""At most this many points for tags, one each."""

#: How much of ``met.how`` a reason quotes.
MET_HOW_CHARS = 40
#: Words that read on from "met": "met at PyData London", "met through Ada".
_PREPOSITIONS = frozenset(
    [
        "after",
        "at",
        "by",
        "during",
        "from",
        "in",
        "on",
        "over",
        "through",
        "via",
        "when",
        "while",
        "with",
    ]
)
#: ``met.how`` is quoted up to its first clause.
_CLAUSE = re.compile(r"[,;(]| - | — ")


@dataclass(frozen=True)
class Scored:
    """One person in the pool: how promising they look, and the reasons found."""

    contact: Contact
    points: int
    reasons: tuple[str, ...]


def ago(days: int) -> str:
    """How long ago, in the unit that reads best: ``today``, ``5 days ago``,
    ``3 weeks ago``, ``3 months ago``, ``2 years ago``.

    >>> ago(0), ago(20), ago(95), ago(800)
    ('today', '2 weeks ago', '3 months ago', '2 years ago')
    """
    if days <= 0:
        return "today"
    if days < 14:
        return f"{plural(days, 'day')} ago"
    if days < 61:
        return f"{plural(days // 7, 'week')} ago"
    if days < 365:
        return f"{plural(days * 12 // 365, 'month')} ago"
    return f"{plural(days // 365, 'year')} ago"


def is_bare_linkedin(how: str | None) -> bool:
    """Whether ``met.how`` says nothing beyond a LinkedIn connection (or is missing)."""
    return how is None or not how.strip() or how.strip().casefold() == LINKEDIN_HOW.casefold()


def met_phrase(how: str) -> str:
    """``met.how`` as a reason: its first clause, short, read on from "met".

    >>> met_phrase("PyData London, sat next to each other"), met_phrase("at a meetup")
    ('met: PyData London', 'met at a meetup')
    """
    clause = _CLAUSE.split(" ".join(how.split()), maxsplit=1)[0].strip() or how.strip()
    if len(clause) > MET_HOW_CHARS:
        clause = clause[: MET_HOW_CHARS - 1].rstrip() + "…"
    first = clause.split(" ", 1)[0]
    if first.casefold() in _PREPOSITIONS:
        return f"met {first.lower()}{clause[len(first) :]}"
    return f"met: {clause}"


def _reach(c: Contact) -> tuple[int, list[str]]:
    if c.emails and c.phones:
        return EMAIL_POINTS + PHONE_POINTS, ["has an email and a phone"]
    if c.emails:
        return EMAIL_POINTS, ["has an email"]
    if c.phones:
        return PHONE_POINTS, ["has a phone"]
    return 0, []


def _touches(c: Contact, today: date) -> tuple[int, list[str]]:
    n = touches_until(c.touches, today)
    if not n:
        return 0, []
    from_them = sum(1 for t in c.touches[:n] if t.direction == "in")
    points = TOUCH_POINTS + min(n - 1, MORE_TOUCHES_POINTS)
    reason = plural(n, "touch", "touches")
    if from_them:
        points += FROM_THEM_POINTS
        reason += f" ({from_them} from them)"
    return points, [reason]


def _met(c: Contact, today: date) -> tuple[int, list[str]]:
    points, reasons = 0, []
    if c.met_how is not None and not is_bare_linkedin(c.met_how):
        points += MET_HOW_POINTS
        reasons.append(met_phrase(c.met_how))
    if c.met_date is not None and c.met_date <= today:
        days = (today - c.met_date).days
        for most, worth in RECENT_POINTS:
            if days <= most:
                points += worth
                reasons.append(f"connected {ago(days)}")
                break
    return points, reasons


def score(contact: Contact, today: date) -> Scored:
    """How promising ``contact`` looks to keep, with the reasons (see the module docstring)."""
    points, reasons = 0, []
    for p, r in (_reach(contact), _touches(contact, today), _met(contact, today)):
        points += p
        reasons += r
    if contact.tags:
        points += min(len(contact.tags), TAG_POINTS)
        reasons.append("tagged " + ", ".join(contact.tags))
    return Scored(contact, points, tuple(reasons))


def pool_order(
    contacts: Iterable[Contact], today: date, skipped: Iterable[str] = ()
) -> list[Scored]:
    """The people in the pool (not archived), most promising first.

    Those in ``skipped`` (slugs skipped in an earlier triage) come after the others.
    Ties go to the more recent ``met.date``, then by name and file name.
    """
    later = frozenset(skipped)
    scored = [score(c, today) for c in contacts if c.in_pool and not c.archived]
    return sorted(
        scored,
        key=lambda s: (
            s.contact.slug in later,
            -s.points,
            -(s.contact.met_date.toordinal() if s.contact.met_date else 0),
            s.contact.name.casefold(),
            s.contact.slug,
        ),
    )


@dataclass(frozen=True)
class LookAlike:
    """Another file that may hold the same person as one in the pool, by the identity rule."""

    other: Contact
    shared: str
    """The kind of identifier both files have (``email``, ``LinkedIn URL``, ``phone``), or
    "" when they share only the name."""


def look_alikes(contacts: Iterable[Contact], *, region: str) -> dict[str, tuple[LookAlike, ...]]:
    """Slug → the other files that hold the same person by the identity rule
    (:mod:`abcnet.core.identity`: an email, LinkedIn URL or phone in common, no two
    LinkedIn profiles), then those with the same name and nothing else in common (an
    import's ``tom-baker-2`` and the ``tom-baker`` already here); each group earlier
    file first. ``region`` (``me: region:``) reads phones without a country code."""
    ordered = sorted(contacts, key=lambda c: file_order(c.source.path))
    index: Index[Contact] = Index()
    for c in ordered:
        index.add(c, keys_of(c, region=region))
    found: dict[str, tuple[LookAlike, ...]] = {}
    for c in ordered:
        mine = index.keys(c)
        hits = index.find(mine)
        alike = [
            LookAlike(o, shared(mine, index.keys(o))[0][0]) for o in hits.same if o is not c
        ] + [LookAlike(o, "") for o in hits.names if o is not c]
        if alike:
            found[c.slug] = tuple(alike)
    return found


def staying(contact: Contact, other: Contact) -> tuple[Contact, Contact]:
    """Which of two files a merge keeps, and which it folds in and deletes: the one kept
    out of the pool when only one is, else the earlier file (``tom-baker`` before
    ``tom-baker-2``), so the name people made first stays."""
    if contact.in_pool != other.in_pool:
        return (other, contact) if contact.in_pool else (contact, other)
    if file_order(other.source.path) < file_order(contact.source.path):
        return other, contact
    return contact, other


def picked(
    queue: Iterable[Scored], orgs: Sequence[str] = (), tags: Sequence[str] = ()
) -> list[Scored]:
    """The people of ``queue`` at one of ``orgs`` (a part of their org) with every one of
    ``tags``, case and accents aside; everyone when neither is given."""
    query = Query(orgs=tuple(orgs), tags=tuple(tags), everyone=True)
    return [s for s in queue if query.matches(s.contact)]


def same_org(queue: Sequence[Scored], contact: Contact) -> list[Scored]:
    """The others in ``queue`` whose org is ``contact``'s (case and accents aside)."""
    org = fold(contact.org or "").strip()
    if not org:
        return []
    return [
        s for s in queue if s.contact is not contact and fold(s.contact.org or "").strip() == org
    ]


# --- what one triage decided -------------------------------------------------------------


@dataclass
class Tally:
    """What one triage decided, as it goes."""

    kept: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CIRCLES, 0))
    archived: int = 0
    skipped: int = 0
    merged: int = 0

    def keep(self, circle: str) -> None:
        self.kept[circle] += 1


# --- what the quota can keep ------------------------------------------------------------------
