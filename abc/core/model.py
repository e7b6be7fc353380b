"""The data model: frozen values built from contact files and settings.

Nothing here reads files or the clock.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Protocol, cast, overload

CHANNELS = ("email", "call", "video", "meeting", "message", "social", "letter", "other")
#: What people type for a channel, by the apps they use: taken as the channel itself.
CHANNEL_WORDS = {
    **dict.fromkeys(
        ("whatsapp", "signal", "telegram", "sms", "text", "imessage", "chat", "dm"), "message"
    ),
    **dict.fromkeys(("zoom", "teams", "facetime", "meet"), "video"),
    **dict.fromkeys(("coffee", "lunch", "dinner", "in-person"), "meeting"),
}
#: Words that are not a channel but say which one is meant: "did you mean ...?".
CHANNEL_HINTS = {"phone": "call", "telephone": "call", "ring": "call", "mail": "email"}
DIRECTIONS = ("out", "in")
TOUCH_KINDS = ("give", "ask", "catch-up")
CIRCLES = ("inner", "core", "wide")
#: Not a circle you keep up with: people imported and not yet triaged. They are kept
#: in their files and can be found, but never planned nor counted in capacity.
POOL = "pool"
#: What a contact file's ``circle`` may say.
CIRCLE_CHOICES = (*CIRCLES, POOL)
#: Where someone stands, as `abc list` and `abc show` say it. The cadence report's
#: ``due-soon`` (due within a week) is ``due`` there.
STATES = ("ok", "due", "overdue", "never", "pool", "snoozed", "archived")
#: The orders of a listing: by name, or by due date (most overdue first).
SORTS = ("name", "due")

#: The ABC floor: every good connection hears from you at least twice a year.
FLOOR_DAYS = 182

#: The years a date abc reads may fall in (a date, a touch, ``--today``).
MIN_YEAR = 1900
MAX_YEAR = 2200

#: The longest cadence (or snooze, or calendar horizon) abc accepts: ten years.
MAX_CADENCE_DAYS = 3650


def check_year(day: date) -> str | None:
    """Why ``day`` is outside the years abc works with, or None when it is inside them.

    With every date from :data:`MIN_YEAR` to :data:`MAX_YEAR` and every span at most
    :data:`MAX_CADENCE_DAYS`, no date arithmetic can leave the calendar.

    >>> check_year(date(2026, 11, 25)) is None, check_year(date(1, 1, 1))
    (True, '0001-01-01 is out of range; use a year from 1900 to 2200')
    """
    if MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return f"{day} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"


def check_days(days: int) -> str | None:
    """Why a span of ``days`` (a cadence, a snooze, a horizon) is too long, or None."""
    if days <= MAX_CADENCE_DAYS:
        return None
    return f"is longer than abc allows ({MAX_CADENCE_DAYS} days, ten years)"


NAMED_CADENCES = {
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "bimonthly": 61,
    "quarterly": 91,
    "twice-a-year": 182,
    "twice-yearly": 182,
    "half-yearly": 182,
    "semiannually": 182,
    "yearly": 365,
    "annually": 365,
}
#: The units a cadence may be written in, short or as words: ``45d``, ``90 days``, ``2 weeks``.
CADENCE_UNITS: tuple[str, ...] = ("d", "day", "days", "w", "week", "weeks", "m", "month")
CADENCE_UNITS += ("months", "y", "year", "years")
_CADENCE_RE = re.compile(
    r"^\s*(\d+)\s*-?\s*(" + "|".join(sorted(CADENCE_UNITS, key=len, reverse=True)) + r")?\s*$"
)
_UNIT_DAYS = {"": 1, "d": 1, "w": 7}


def parse_cadence(text: str | int) -> int | None:
    """Turn a cadence such as ``45d``, ``6w``, ``3m``, ``1y``, ``90 days``, ``2 weeks`` or
    ``quarterly`` into days.

    Months are a twelfth of 365 days, rounded down, so ``6m`` is 182 days, the floor.
    Returns None when the text is not a cadence. A cadence of any length is read
    (:func:`check_days` says whether it is too long); a number of more than 15
    digits counts as 10**15.

    >>> parse_cadence("6w"), parse_cadence("3m"), parse_cadence("twice-a-year")
    (42, 91, 182)
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if text > 0 else None
    key = str(text).strip().lower().replace("_", "-").replace(" ", "-")
    if key in NAMED_CADENCES:
        return NAMED_CADENCES[key]
    m = _CADENCE_RE.match(key)
    if not m:
        return None
    digits, unit = m.group(1).lstrip("0") or "0", (m.group(2) or "")[:1]
    # Beyond 15 digits a number is far too long to matter (and int() refuses 4,301).
    n = int(digits) if len(digits) <= 15 else 10**15
    if n <= 0:
        return None
    if unit == "m":
        return n * 365 // 12
    if unit == "y":
        return n * 365
    return n * _UNIT_DAYS[unit]


@dataclass(frozen=True, order=True)
class Source:
    """Where a value came from: a path relative to the network root and a 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Touch:
    """One conversation: you reached out (``out``) or they did (``in``)."""

    date: date
    channel: str | None = None
    direction: str = "out"
    kind: str = "catch-up"
    note: str | None = None
    line: int = 0


class Touches(Sequence[Touch]):
    """A contact's touches, oldest first (stable for touches on the same day).

    A plain immutable sequence that equals (and hashes as) the tuple of the same
    touches, and that also knows each touch's date as an ordinal
    (``date.toordinal()``), so :func:`touches_until` finds a day's place by
    bisection. Made from touches here; the parse cache subclasses it to make each
    touch only when it is looked at (``_one`` for one index, ``_every`` for all),
    since most commands look only at each person's last touch.
    """

    __slots__ = ("_made", "_ordinals")

    def __init__(self, touches: Iterable[Touch] = ()) -> None:
        self._made: tuple[Touch, ...] | None = tuple(touches)
        self._ordinals: Sequence[int] | None = None

    @property
    def ordinals(self) -> Sequence[int]:
        """Each touch's date as an ordinal, oldest first."""
        if self._ordinals is None:
            self._ordinals = [t.date.toordinal() for t in self._all()]
        return self._ordinals

    def _one(self, index: int) -> Touch:
        return self._all()[index]

    def _every(self) -> tuple[Touch, ...]:
        raise NotImplementedError  # pragma: no cover - made from touches, _made is set

    def _all(self) -> tuple[Touch, ...]:
        if self._made is None:
            self._made = self._every()
        return self._made

    def __len__(self) -> int:
        return len(self._made) if self._made is not None else len(self.ordinals)

    @overload
    def __getitem__(self, index: int) -> Touch: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Touch, ...]: ...
    def __getitem__(self, index: int | slice) -> Touch | tuple[Touch, ...]:
        if self._made is not None or isinstance(index, slice):
            return self._all()[index]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("touch index out of range")
        return self._one(i)

    def __iter__(self) -> Iterator[Touch]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Touches | tuple):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[type[Touches], tuple[tuple[Touch, ...]]]:
        """Copied or pickled, it becomes the plain kind, holding every touch."""
        return (Touches, (self._all(),))


NO_TOUCHES = Touches()


class TouchDates(Touches):
    """Touches known by their dates alone (what ``abc check`` reads from the check
    summary): enough for who is due when; a touch itself cannot be made from it."""

    __slots__ = ()

    def __init__(self, ordinals: Sequence[int]) -> None:  # no super().__init__(): no touch
        self._made = None
        self._ordinals = ordinals

    def _every(self) -> tuple[Touch, ...]:
        raise LookupError("only the dates of these touches were read")


def touches_until(touches: Touches, day: date) -> int:
    """How many of ``touches`` (oldest first) are dated on or before ``day``."""
    return bisect_right(touches.ordinals, day.toordinal())


def last_day_until(touches: Touches, day: date) -> date | None:
    """The date of the latest of ``touches`` on or before ``day``, if any (no touch is made)."""
    n = touches_until(touches, day)
    return date.fromordinal(touches.ordinals[n - 1]) if n else None


def last_until(touches: Touches, day: date) -> Touch | None:
    """The latest of ``touches`` (oldest first) dated on or before ``day``, if any."""
    n = touches_until(touches, day)
    return touches[n - 1] if n else None


@dataclass(frozen=True)
class Birthday:
    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        md = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{md}" if self.year else md


def is_kept(archived: bool, circle: str) -> bool:
    """Whether a person is kept up with: neither archived nor in the pool."""
    return not archived and circle != POOL


class Standing(Protocol):
    """What the cadence report (:func:`~abcnet.core.cadence.report`) needs of a person:
    a :class:`Contact` has it, and so has the :class:`Brief` ``abc check`` reads."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def source(self) -> Source: ...
    @property
    def circle(self) -> str: ...
    @property
    def cadence(self) -> int | None: ...
    @property
    def snooze_until(self) -> date | None: ...
    @property
    def archived(self) -> bool: ...
    @property
    def touches(self) -> Touches: ...
    @property
    def in_pool(self) -> bool: ...
    @property
    def kept(self) -> bool: ...


@dataclass(frozen=True, eq=False)
class Brief:
    """A contact file as far as the cadence report goes (see :class:`Standing`), each
    attribute the contact's own: what the check summary in the parse cache keeps."""

    slug: str
    name: str
    source: Source
    circle: str
    cadence: int | None
    snooze_until: date | None
    archived: bool
    touches: Touches

    @property
    def in_pool(self) -> bool:
        return self.circle == POOL

    @property
    def kept(self) -> bool:
        return is_kept(self.archived, self.circle)


@dataclass(frozen=True)
class Contact:
    slug: str
    name: str
    source: Source
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    org: str | None = None
    role: str | None = None
    circle: str = "wide"
    cadence: int | None = None
    """The contact's own cadence in days, overriding the circle's."""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Names chat apps show for the person, which ``abc sync`` matches."""
    met_date: date | None = None
    met_how: str | None = None
    birthday: Birthday | None = None
    snooze_until: date | None = None
    archived: bool = False
    family: bool = False
    """A relative: drift lists them apart (closeness to kin holds up with less contact)."""
    notes: str | None = None
    touches: Touches = NO_TOUCHES
    """Sorted by date, oldest first; a tuple given here becomes :class:`Touches`."""

    def __post_init__(self) -> None:
        given: object = self.touches
        if not isinstance(given, Touches):
            object.__setattr__(self, "touches", Touches(cast("Iterable[Touch]", given)))

    @property
    def in_pool(self) -> bool:
        return self.circle == POOL

    @property
    def kept(self) -> bool:
        """A person you keep up with: neither archived nor in the pool."""
        return is_kept(self.archived, self.circle)

    def link(self, label: str) -> str | None:
        for k, v in self.links:
            if k == label:
                return v
        return None


@dataclass(frozen=True)
class MeSettings:
    """Who the user is in the exports ``abc sync`` reads (``me:``); empty when unset."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin: str = ""
    names: tuple[str, ...] = ()
    """How chat apps show the user."""
    region: str = ""
    """A two-letter country code, for phone numbers written without one."""


@dataclass(frozen=True)
class SyncSettings:
    """What ``abc sync`` counts as a touch (``sync:``)."""

    max_people: int = 5
    """The most people, the user included, a synced message, meeting or chat may have."""
    subjects: bool = False
    """Whether synced notes carry subjects and titles."""


@dataclass(frozen=True)
class Settings:
    """Every key is optional in the settings file; these are the defaults."""

    daily_quota: int = 2
    minutes: int = 10
    cadences: tuple[tuple[str, int], ...] = (("inner", 30), ("core", 90), ("wide", 182))
    reminder_time: str = "09:00"
    timezone: str = "UTC"
    horizon_days: int = 28
    birthdays: bool = True
    private: bool = False
    """Whether the calendar carries emails, phones and notes."""
    calendar_name: str = "ABC outreach"
    calendar_tag: str | None = None
    """Written after the names in each outreach title (``Ada Lovelace · ABC``), if set."""
    commit: bool = False
    """Whether each change made by `abc log`, `add` and `snooze` becomes a git commit."""
    repo: str | None = None
    """The network's GitHub repository, ``OWNER/NAME`` or ``OWNER/NAME@BRANCH``, for the
    pocket's Log it when it is not built by the workflow."""
    shown_as_of: date | None = None
    """For demos: the network's today, unless ``--today`` or ``ABC_TODAY`` says otherwise."""
    public_stats: bool = False
    """Whether the public site has an aggregate stats page."""
    me: MeSettings = MeSettings()
    """Who the user is in exports (``me:``), for ``abc sync``."""
    sync: SyncSettings = SyncSettings()
    """What ``abc sync`` counts (``sync:``)."""
    reconnect: str = "off"
    """``weekly``: the plan offers one dormant tie a week (see :mod:`abcnet.core.reconnect`)."""
    source: Source = field(default=Source("abc.yaml"))

    def circle_cadence(self, circle: str) -> int:
        """A circle's cadence in days: its first entry in ``cadences``, else FLOOR_DAYS."""
        return self._circle_days.get(circle, FLOOR_DAYS)

    @cached_property
    def _circle_days(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for name, days in self.cadences:
            found.setdefault(name, days)
        return found

    def cadence_of(self, contact: Standing) -> int:
        return (
            contact.cadence if contact.cadence is not None else self.circle_cadence(contact.circle)
        )


@dataclass(frozen=True)
class Network:
    """Everything abc read: the contacts that parsed, and the settings."""

    contacts: tuple[Contact, ...]
    settings: Settings = Settings()
    files: int = 0
    """How many contact files were read, those with problems included."""

    def by_slug(self) -> dict[str, Contact]:
        return {c.slug: c for c in self.contacts}
