"""Finding people: one by what the user types (slug, name, a unique prefix or a close
match), or a listing of those who pass some filters, sorted, with where each stands."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .cadence import status
from .handle_keys import fold
from .model import POOL, Contact, Settings
from .plan import Plan
from .problems import NotFoundError


def _words(name: str) -> list[str]:
    """The words of a name, folded (case and accents aside; a hyphen parts words)."""
    return fold(name).replace("-", " ").split()


def details(c: Contact) -> str:
    """What tells a person apart from a namesake: work, first email, first web address."""
    work = " at ".join(x for x in (c.role, c.org) if x)
    url = c.link("linkedin") or next((v for _, v in c.links), None)
    found = [x for x in (work, c.emails[0] if c.emails else None, url) if x]
    return " · ".join(found) if found else "no work, email or web address in the file"


def labels(found: list[Contact]) -> list[str]:
    """One line for each of ``found``, different from the others: name and file name, and
    for people who share a name, what tells them apart (:func:`details`); the file's
    path where two files share a slug (``.yaml`` and ``.yml``)."""
    names = [fold(c.name) for c in found]
    slugs = [c.slug for c in found]
    out = []
    for c, name, slug in zip(found, names, slugs, strict=True):
        where = c.source.path if slugs.count(slug) > 1 else slug
        line = f"{c.name} ({where})"
        out.append(f"{line}: {details(c)}" if names.count(name) > 1 else line)
    return out


def resolve(query: str, contacts: Iterable[Contact]) -> Contact:
    """The one contact ``query`` names, trying ever looser rules.

    Exact slug; then exact name; then whole words of the name ("Ada" is Ada Lovelace,
    not Adaeze Obi); then a prefix of the slug or name; then a prefix of any word of the
    name; then a close spelling. If a rule matches several people,
    the query is ambiguous and NotFoundError lists them; nothing matches → the
    closest names are offered.
    """
    people = sorted(contacts, key=lambda c: c.slug)
    q = fold(query)
    if not q:
        raise NotFoundError("give a name to look for")
    rules: list[Callable[[Contact], bool]] = [
        lambda c: c.slug == q,  # a file name is unique: it wins over a name
        lambda c: fold(c.name) == q,
        lambda c: set(q.replace("-", " ").split()) <= set(_words(c.name)),
        lambda c: c.slug.startswith(q) or fold(c.name).startswith(q),
        lambda c: any(w.startswith(q) for w in _words(c.name)),
    ]
    for rule in rules:
        found = [c for c in people if rule(c)]
        if len(found) == 1:
            return found[0]
        if found:
            namesakes = len({fold(c.name) for c in found}) < len(found)
            hint = "say which by the file name in brackets" if namesakes else "be more specific"
            raise NotFoundError(f"{query!r} matches {len(found)} people; {hint}:", labels(found))
    names: dict[str, list[Contact]] = {}
    for c in people:
        names.setdefault(fold(c.name), []).append(c)
    close = difflib.get_close_matches(q, list(names), n=5, cutoff=0.75)
    if len(close) == 1 and len(names[close[0]]) == 1:
        return names[close[0]][0]
    suggestions = close or difflib.get_close_matches(q, list(names), n=3, cutoff=0.5)
    raise NotFoundError(
        f"nobody called {query!r}" + ("; did you mean:" if suggestions else ""),
        labels([c for s in suggestions for c in names[s]]),
    )


# --- listing: where each person stands, filtered and sorted ------------------------------

#: Not listed unless asked for: by ``--status``, by ``--circle pool``, or ``--all``.
HIDDEN_STATES = ("pool", "archived")


@dataclass(frozen=True)
class Standing:
    """Where one person stands on a day: their state (one of :data:`STATES`) and due date."""

    contact: Contact
    state: str
    due: date | None
    """When they next come up: the last touch plus the cadence (today if never
    contacted), or the end of their snooze if that is later; None in the pool or archived."""
    cadence: int
    last_day: date | None


def standing(contact: Contact, settings: Settings, today: date) -> Standing:
    s = status(contact, settings, today)
    state = "due" if s.state == "due-soon" else s.state
    due: date | None = s.due
    if state in HIDDEN_STATES:
        due = None
    elif state == "snoozed" and contact.snooze_until is not None:
        due = max(s.due, contact.snooze_until)
    return Standing(contact, state, due, s.cadence, s.last_day)


@dataclass(frozen=True)
class Query:
    """Which people to list. Each filter given must hold; an empty one holds for everyone.

    Circles and states must be one of those given; every tag given must be one of the
    person's; an org given must be part of theirs; every word of ``text`` must be part
    of their name, org, role, tags or notes. All of it case and accents aside
    (:func:`~abcnet.core.handle_keys.fold`). Pool and archived people are left out
    unless ``states`` names them, ``circles`` names the pool, or ``everyone``.
    """

    circles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    text: str = ""
    everyone: bool = False

    def shows(self, state: str) -> bool:
        """Whether a person in ``state`` may be listed (the filters aside)."""
        if self.states:
            return state in self.states
        if self.everyone or state not in HIDDEN_STATES:
            return True
        return state == POOL and POOL in self.circles

    def matches(self, contact: Contact) -> bool:
        """Whether ``contact`` passes the filters (the state aside)."""
        c = contact
        if self.circles and c.circle not in self.circles:
            return False
        if self.tags and not {fold(t) for t in self.tags} <= {fold(t) for t in c.tags}:
            return False
        if self.orgs and not any(fold(o) in fold(c.org or "") for o in self.orgs):
            return False
        words = fold(self.text).split()
        if words:
            found = fold(" ".join([c.name, c.org or "", c.role or "", *c.tags, c.notes or ""]))
            return all(w in found for w in words)
        return True


@dataclass(frozen=True)
class Listing:
    people: tuple[Standing, ...]
    hidden: int
    """How many people who pass the filters were left out for being in the pool or archived."""


def _by_name(s: Standing) -> tuple[str, str]:
    return fold(s.contact.name), s.contact.slug


def _by_due(s: Standing) -> tuple[bool, date, str, str]:
    return s.due is None, s.due or date.max, *_by_name(s)


def listing(
    contacts: Iterable[Contact],
    settings: Settings,
    today: date,
    query: Query = Query(),
    sort: str = "name",
) -> Listing:
    """The people ``query`` picks, by name or (``sort="due"``) by due date, most overdue
    first, then those with no due date (the pool, the archived); ties by name."""
    shown: list[Standing] = []
    hidden = 0
    for c in contacts:
        if not query.matches(c):
            continue
        s = standing(c, settings, today)
        if query.shows(s.state):
            shown.append(s)
        elif not query.states and s.state in HIDDEN_STATES:
            hidden += 1
    shown.sort(key=_by_due if sort == "due" else _by_name)
    return Listing(tuple(shown), hidden)


def next_planned(p: Plan, contact: Contact) -> date | None:
    """The first day of the plan ``p`` that has ``contact``, if any."""
    for day in p.days:
        if any(e.contact.slug == contact.slug for e in day.entries):
            return day.day
    return None
