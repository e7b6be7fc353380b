"""From events to proposed touches: who, which local day, which channel, which direction.

Pure: events, contacts, settings, today and the ledger in; a :class:`Proposal` out.
The rules, in order:

1. **Once each**: an event seen twice (one Message-ID in two mbox files, Gmail's
   labels, two overlapping SMS backups) counts once.
2. **What the source says** does not count: drafts, spam, trash, automated mail,
   cancelled or declined meetings, all-day events, missed calls... (``Event.skip``).
3. **Not yet**: an event after today (in the network's time zone) is ``future``.
4. **Not a conversation**: more people than ``sync.max_people`` (the user included)
   is a ``group`` (a broadcast, an all-hands, a big group chat): it counts for nobody.
5. **Who**: mail the user sent counts with everyone it went to; mail the user got,
   with its sender only (being copied is not a conversation); a meeting, with
   everyone in it. Each handle must name exactly one contact: none is ``unknown``
   (kept in memory for ``--suggest``, never written), several are ``ambiguous``.
   An event with no way to tell who the user is (no ``me:`` matches, no flag from the
   source) whose sender is not the user counts as received.
6. **One touch per person per local day per channel**; ``out`` when the user sent
   anything that day (or organised the meeting), else ``in``; kind ``catch-up``; a
   note that counts, never quotes: ``3 emails, 2 from you``.
7. **Not twice**: a day and channel the contact's file already has a touch on is
   ``already logged`` (a touch logged by hand, or synced before); one in the ledger
   is ``reviewed`` (proposed and applied before, then deleted by the user).

Counts in :attr:`Proposal.skipped` are of events (messages, calls, meetings), except
``already logged`` and ``reviewed``, which count touches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from abcnet.core.model import Contact, Settings
from abcnet.core.words import plural

from .event import SKIP_REASONS, Event, Handle
from .handles import Found, Index, Me, forms, me_of
from .ledger import Ledger

#: Reasons the pipeline adds to the readers' own, in the order the summary shows them.
PIPELINE_REASONS = ("duplicate", "future", "group", "unknown", "ambiguous", "already logged",
                    "reviewed")  # fmt: skip
REASONS = (*SKIP_REASONS, *PIPELINE_REASONS)

#: How a note names what happened on one channel: (one, many).
_WHAT = {
    "email": ("email", "emails"),
    "message": ("message", "messages"),
    "call": ("call", "calls"),
    "video": ("video call", "video calls"),
    "meeting": ("meeting", "meetings"),
    "social": ("LinkedIn invitation", "LinkedIn invitations"),
}


@dataclass(frozen=True)
class Proposed:
    """One touch to add to one contact's file."""

    slug: str
    name: str
    path: str
    date: date
    channel: str
    direction: str
    note: str
    events: int
    mine: int
    sources: tuple[str, ...]

    def touch(self) -> dict[str, object]:
        """The touch as ``abc log`` writes it: defaults (direction out, catch-up) left out."""
        t: dict[str, object] = {"date": self.date, "channel": self.channel}
        if self.direction != "out":
            t["direction"] = self.direction
        t["note"] = self.note
        return t


@dataclass
class Correspondent:
    """Someone the user exchanged messages with who is no contact (for ``--suggest``)."""

    handle: Handle
    label: str = ""
    sent: int = 0
    """Events from the user to them, one to one (or in a small group)."""
    received: int = 0
    """Events from them to the user."""
    days_sent: set[date] = field(default_factory=set)
    days_received: set[date] = field(default_factory=set)
    last: date = date.min
    channels: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Proposal:
    touches: tuple[Proposed, ...]
    skipped: Mapping[str, int]
    unknown: Mapping[str, Correspondent]
    events: int
    me_known: bool


def local_day(when: datetime, zone: ZoneInfo) -> date:
    """The day in the network's zone; a naive time is already local (WhatsApp)."""
    return (when.astimezone(zone) if when.tzinfo is not None else when).date()


def _dedupe_key(e: Event) -> tuple[object, ...] | None:
    """What makes two events one: the same id in the same family of sources; for mail, the
    same Message-ID with the same date and sender (two different mails can share an id when
    a client reuses one, and both count)."""
    if not e.key:
        return None
    if e.channel != "email":
        return (e.source, e.key)
    # An aware instant equals another at the same moment in any zone, and never a naive one.
    sender = e.sender.value.casefold() if e.sender is not None else ""
    return ("mail", e.key, e.when, sender)


#: Entries kept in :class:`_Work`'s memo of each event's people.
_MEMO = 65536


@dataclass
class _Day:
    events: int = 0
    mine: int = 0
    sources: set[str] = field(default_factory=set)
    subject: str | None = None


class _Work:
    """The state of one run: counters, the days found, the unknown correspondents."""

    def __init__(
        self,
        contacts: Iterable[Contact],
        settings: Settings,
        bridges: Mapping[str, str],
        connections: Mapping[str, Sequence[tuple[str, str]]],
    ) -> None:
        self.me: Me = me_of(settings)
        self.index = Index(contacts, self.me.region, bridges, connections)
        self.settings = settings
        self.skipped: Counter[str] = Counter()
        self.days: dict[tuple[str, date, str], _Day] = {}
        self.unknown: dict[str, Correspondent] = {}
        # memos: a mailbox names the same few hundred handles thousands of times
        self._mine: dict[Handle, bool] = {}
        self._others: dict[tuple[Handle | None, tuple[Handle, ...]], list[Handle]] = {}
        self._found: dict[tuple[Handle, bool], Found] = {}

    def is_me(self, h: Handle | None) -> bool:
        if h is None:
            return False
        mine = self._mine.get(h)
        if mine is None:
            mine = self._mine[h] = h in self.me
        return mine

    def from_me(self, e: Event) -> bool:
        return e.from_me if e.from_me is not None else self.is_me(e.sender)

    def others(self, e: Event) -> list[Handle]:
        """Everyone in the event but the user, each person once (the list is shared: not to change)."""
        memo = (e.sender, e.to)
        found = self._others.get(memo)
        if found is None:
            if len(self._others) >= _MEMO:
                self._others.clear()  # bounded: a million messages to a million groups
            found = self._others[memo] = self._others_of(e.sender, e.to)
        return found

    def _others_of(self, sender: Handle | None, to: tuple[Handle, ...]) -> list[Handle]:
        seen: set[str] = set()
        out = []
        for h in ((sender,) if sender else ()) + to:
            if self.is_me(h):
                continue
            key = next(iter(forms(h, self.me.region)), f"{h.kind}:{h.value.casefold()}")
            if key not in seen:
                seen.add(key)
                out.append(h)
        return out

    def find(self, h: Handle, by_name: bool) -> Found:
        """The contacts ``h`` names (:meth:`Index.find`), remembered: the index does not change."""
        memo = (h, by_name)
        found = self._found.get(memo)
        if found is None:
            if len(self._found) >= _MEMO:
                self._found.clear()
            found = self._found[memo] = self.index.find(h, by_name=by_name)
        return found

    def counterparts(self, e: Event, mine: bool, others: list[Handle]) -> list[Handle]:
        if e.meeting:
            return others
        if mine:
            return [h for h in e.to if not self.is_me(h)]
        return [e.sender] if e.sender is not None and not self.is_me(e.sender) else []

    def add(self, e: Event, day: date) -> None:
        if e.declined and any(self.is_me(h) for h in e.declined):
            self.skipped["declined"] += 1
            return
        mine = self.from_me(e)
        others = self.others(e)
        if max(e.people, len(others) + 1) > self.settings.sync.max_people:
            self.skipped["group"] += 1
            return
        for h in self.counterparts(e, mine, others):
            found = self.find(h, e.source == "linkedin")
            if found.one is None:
                self.skipped["ambiguous" if found.slugs else "unknown"] += 1
                if not found.slugs:
                    self._unknown(h, e, day, mine)
                continue
            at = (found.one, day, e.channel)
            d = self.days.get(at)
            if d is None:
                d = self.days[at] = _Day()
            d.events += 1
            d.mine += int(mine or (e.meeting and self.is_me(e.sender)))
            d.sources.add(e.source)
            d.subject = d.subject or e.subject

    def _unknown(self, h: Handle, e: Event, day: date, mine: bool) -> None:
        if h.kind == "name" and e.from_me is None and self.me.empty:
            return  # without me:, a name could be the user's own
        key = next(iter(forms(h, self.me.region)), "")
        if not key or e.meeting:
            return
        c = self.unknown.get(key)
        if c is None:
            c = self.unknown[key] = Correspondent(h, h.label)
        c.label = c.label or h.label
        if mine:
            c.sent += 1
            c.days_sent.add(day)
        else:
            c.received += 1
            c.days_received.add(day)
        c.last = max(c.last, day)
        c.channels.add(e.channel)


def note(channel: str, events: int, mine: int, subject: str | None = None) -> str:
    """What happened that day, counted: never a word of what was said.

    >>> note("email", 3, 2), note("email", 1, 0), note("message", 4, 4)
    ('3 emails, 2 from you', 'an email from them', '4 messages, all from you')
    >>> note("meeting", 1, 1), note("video", 2, 0), note("email", 2, 0, "Re:  Lunch")
    ('a meeting you organised', '2 video calls, none you organised', '2 emails, none from you: Re: Lunch')
    """
    one, many = _WHAT.get(channel, (channel, channel + "s"))
    meeting = channel in ("meeting", "video")
    if events == 1:
        a = "an" if one[0] in "aeiou" else "a"
        if meeting:
            text = f"{a} {one} you organised" if mine else f"{a} {one}"
        else:
            text = f"{a} {one} from {'you' if mine else 'them'}"
    else:
        who = "all" if mine == events else ("none" if mine == 0 else str(mine))
        text = f"{plural(events, one, many)}, {who} {'you organised' if meeting else 'from you'}"
    if subject and subject.strip():
        text += f": {' '.join(subject.split())[:80]}"
    return text


def propose(
    events: Iterable[Event],
    contacts: Iterable[Contact],
    settings: Settings,
    today: date,
    ledger: Ledger,
    *,
    bridges: Mapping[str, str] | None = None,
    connections: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> Proposal:
    """Every touch the events add to the network, and what was skipped and why."""
    contacts = tuple(contacts)
    zone = ZoneInfo(settings.timezone)
    w = _Work(contacts, settings, bridges or {}, connections or {})
    seen: set[tuple[object, ...]] = set()
    total = 0
    for e in events:
        total += 1
        key = _dedupe_key(e)
        if key is not None:
            if key in seen:
                w.skipped["duplicate"] += 1
                continue
            seen.add(key)
        if e.skip:
            w.skipped[e.skip] += 1
            continue
        day = local_day(e.when, zone)
        if day > today:
            w.skipped["future"] += 1
            continue
        w.add(e, day)
    by_slug = {c.slug: c for c in contacts}
    touches = []
    for (slug, day, channel), d in sorted(w.days.items()):
        c = by_slug[slug]
        if any(t.date == day and t.channel == channel for t in c.touches):
            w.skipped["already logged"] += 1
            continue
        if ledger.has(slug, day, channel):
            w.skipped["reviewed"] += 1
            continue
        subject = d.subject if settings.sync.subjects else None
        touches.append(
            Proposed(
                slug,
                c.name,
                c.source.path,
                day,
                channel,
                "out" if d.mine else "in",
                note(channel, d.events, d.mine, subject),
                d.events,
                d.mine,
                tuple(sorted(d.sources)),
            )
        )
    skipped = {r: w.skipped[r] for r in REASONS if w.skipped[r]}
    return Proposal(tuple(touches), skipped, w.unknown, total, not w.me.empty)


# --- people you talk to but have not added -----------------------------------------------

#: Recency's half-life for ranking correspondents: a year-old exchange counts half.
HALF_LIFE_DAYS = 365


@dataclass(frozen=True)
class Suggestion:
    handle: Handle
    label: str
    sent: int
    received: int
    last: date
    channels: tuple[str, ...]
    score: float


def suggestions(proposal: Proposal, today: date, limit: int = 20) -> list[Suggestion]:
    """Unknown correspondents with a two-way exchange, most engaged and recent first.

    Two-way means the user wrote to them (one to one or in a small group) and they
    wrote to the user. The score is the days with an exchange in the rarer direction,
    weighted by how recent the last one was; newsletters and no-reply senders never
    get here, because nobody writes back to them.
    """
    out = []
    for c in proposal.unknown.values():
        if not c.days_sent or not c.days_received:
            continue
        both = min(len(c.days_sent), len(c.days_received))
        age = max((today - c.last).days, 0)
        score = both * math.pow(0.5, age / HALF_LIFE_DAYS)
        out.append(
            Suggestion(
                c.handle, c.label, c.sent, c.received, c.last, tuple(sorted(c.channels)), score
            )
        )
    out.sort(key=lambda s: (-s.score, -(s.sent + s.received), s.handle.value.casefold()))
    return out[:limit]


def guess_me(events: Iterable[Event], limit: int = 3) -> list[Handle]:
    """The handles in the most events: in one person's own export, that person.

    For ``me:`` suggestions when it is missing; counted once per event. A group
    chat's messages are left out: every member is in each of them, the user in
    none when the user never writes, so they say nothing about who the user is.
    """
    counts: Counter[tuple[str, str]] = Counter()
    labels: dict[tuple[str, str], str] = {}
    for e in events:
        if e.channel == "message" and len(e.to) > 1:
            continue
        here = {}
        for h in ((e.sender,) if e.sender else ()) + e.to:
            key = next(iter(forms(h, "")), None)
            if key and h.kind != "phone":
                here[key] = h
        for key, h in here.items():
            k = (h.kind, key)
            counts[k] += 1
            labels.setdefault(k, h.value)
    if not counts:
        return []
    top = counts.most_common()
    best = top[0][1]
    return [
        Handle(kind, labels[(kind, key)])
        for (kind, key), n in top[:limit]
        if n >= max(2, best // 2)
    ]
