"""The outreach calendar: a plan → the bytes of an iCalendar feed. Pure.

The feed is meant to be subscribed to: it is regenerated after every change and
fetched again by calendar clients, which match events by UID. So:

- every event has a UID derived from what it is about, never random: the day
  for an outreach event (``outreach-2026-11-25@abc``), the contact's slug for a
  birthday (``birthday-ada-okafor@abc``);
- DTSTAMP, LAST-MODIFIED and SEQUENCE come from the previous version of the
  same file, passed in as bytes: an event whose content did not change keeps
  all three; one that changed gets SEQUENCE + 1 and is stamped with ``now``
  (today at 00:00 UTC); a new event starts at SEQUENCE 0. Nothing reads the
  clock, so the same data, date and previous file give the same bytes;
- timed events carry a TZID with a VTIMEZONE that covers them; birthdays are
  all-day DATE events with an exclusive end, repeating yearly;
- one all-day event, STALE_AFTER days after the build day, says that if it is
  today, the calendar stopped updating on the build day, and what to check: true
  whenever it is read, since a week view shows it days ahead. Every build moves it
  forward under one UID (``not-updated-<digest>@abc``), so it moves instead of
  multiplying; the digest is of the network and of which feed it is (names only or
  private), so two subscriptions never share it. Its alarm, at the reminder time,
  rings only once the builds have stopped (where a client keeps alarms at all).

Made for a phone: a title is the names alone (``Ada Okafor, Kwame Asante``),
since month and week views show only its first few characters; the setting
``calendar_tag`` adds a tag after them (``Ada Okafor, Kwame Asante · ABC``).

Names only by default: each person's reason and last touch (date and channel),
and, for a birthday, how long since you were last in touch. Emails and phones
(as ``mailto:`` and ``tel:`` links a phone can tap), notes, the notes of touches
and the suggested opener (which may name an org or where you met) go in only
when ``private`` is true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, NotRequired, TypedDict

from abcnet.core.model import Birthday, Contact, Network, Settings, Touch, last_until
from abcnet.core.plan import Entry, Plan
from abcnet.core.problems import AbcError
from abcnet.core.words import plural

from .links import tel_link
from .opener import MONTHS, ago, opener

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Event

PRODID = "-//abc//Always Be Connecting//EN"
UID_DOMAIN = "abc"
#: How often clients are asked to fetch the feed again (a hint; they choose).
REFRESH = timedelta(hours=12)
#: Birthdays repeat from this year: a leap year, so 29 February exists, and no
#: birth year is revealed.
BIRTHDAY_YEAR = 2000
#: Part of every event's content digest: raise it when the way events are written
#: changes, so that every event is written anew (with a higher SEQUENCE).
FORMAT = 2
#: Between the names and the ``calendar_tag`` in a title.
TAG_SEPARATOR = " · "
#: How many days after the build day the "not updated" event falls: a daily build
#: moves it on long before, so it shows only when builds have stopped for that long.
STALE_AFTER = timedelta(days=3)
#: How the "not updated" event's UID starts; :func:`stale_uid` adds the digest.
STALE_UID_PREFIX = "not-updated-"


class TimeZoneError(AbcError):
    """The settings name a time zone that the calendar cannot describe; nothing was written."""

    exit_code = 1


#: A yearly repetition rule, as icalendar's ``vRecur`` takes it.
Rule = dict[str, str | int]


class OutreachFields(TypedDict):
    """Everything one day's outreach event says, as plain values (its content digest)."""

    day: str
    time: str
    timezone: str
    minutes: int
    summary: str
    description: str
    pocket: NotRequired[str]
    """The pocket's address, when the calendar links to it (absent otherwise, so a feed
    without it keeps its events' digests)."""


class StaleFields(TypedDict):
    """Everything the "not updated" event says, as plain values (its content digest)."""

    day: str
    time: str
    """When its alarm rings that day: the reminder time."""
    summary: str
    description: str


class BirthdayFields(TypedDict):
    """Everything one birthday event says, as plain values (its content digest)."""

    slug: str
    first: str
    rule: Rule
    summary: str
    description: str


@dataclass(frozen=True)
class Feed:
    """A generated calendar and what is in it."""

    data: bytes
    outreach: int
    """Timed events, one per planned day with people."""
    birthdays: int
    """All-day yearly events."""
    private: bool
    changed: int
    """Events that are new or differ from the previous file."""
    stale_on: date
    """The day of the one event that says the calendar has not been updated."""

    @property
    def events(self) -> int:
        return self.outreach + self.birthdays + 1


@dataclass(frozen=True)
class _History:
    sequence: int
    content: str
    """The event's X-ABC-CONTENT: a digest of everything it says."""
    block: bytes
    """The event exactly as the previous file wrote it, history included."""


def written_line(feed: Feed, where: str, *, birthdays: bool) -> str:
    """What `abc calendar` says it wrote."""
    born = f", {plural(feed.birthdays, 'birthday')}" if birthdays else ""
    counts = (
        f"{plural(feed.events, 'event')} ({feed.outreach} outreach{born}, "
        f"1 not-updated warning on {feed.stale_on.isoformat()}; "
        f"{feed.changed} new or changed)"
    )
    if feed.private:
        mode = "with emails, phones and notes: keep it private, do not publish it"
    else:
        mode = "names only (private details left out)"
    return f"wrote {where}: {counts}, {mode}"


def now_of(today: date) -> datetime:
    """The stamp of a change made on ``today``: its midnight, in UTC."""
    return datetime.combine(today, time(0, 0), tzinfo=UTC)


def outreach_uid(day: date) -> str:
    return f"outreach-{day.isoformat()}@{UID_DOMAIN}"


def birthday_uid(contact: Contact) -> str:
    return f"birthday-{contact.slug}@{UID_DOMAIN}"


def title(entries: Iterable[Entry], tag: str | None = None) -> str:
    """``Ada Okafor, Kwame Asante``, or ``Ada Okafor, Kwame Asante · ABC`` with a tag."""
    names = ", ".join(e.contact.name for e in entries)
    tag = (tag or "").strip()
    return f"{names}{TAG_SEPARATOR}{tag}" if tag else names


def contact_links(c: Contact) -> list[str]:
    """A ``mailto:`` line per email and a ``tel:`` line per phone, for a phone to tap."""
    return [f"mailto:{e}" for e in c.emails] + [
        tel_link(p) for p in c.phones if any(ch.isdigit() for ch in p)
    ]


def short_date(day: date) -> str:
    """``12 Aug 2026``."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def touch_phrase(touch: Touch, private: bool) -> str:
    """``2026-11-12 (meeting)``, ``2026-11-04 (email, from them)``, plus the note if private."""
    bits = [touch.channel or "touch"]
    if touch.direction == "in":
        bits.append("from them")
    text = f"{touch.date.isoformat()} ({', '.join(bits)})"
    if private and touch.note:
        text += f": {touch.note.strip()}"
    return text


def describe_entry(entry: Entry, private: bool, planned_before: date | None = None) -> str:
    """One person's paragraph in an outreach event's description.

    ``planned_before`` is an earlier day of the same plan that has this person too:
    the reason counts from it, so the description says so. Private, it adds the
    role and org, the contact links, the opener for the day and the notes.
    """
    c = entry.contact
    lines = [f"{c.name}: {entry.reason}"]
    also = f"also planned for {planned_before.isoformat()}" if planned_before else ""
    if entry.last is not None:
        last = touch_phrase(entry.last, private)
        lines.append(f"Last touch: {last}; {also}" if also else f"Last touch: {last}")
    elif also:
        lines.append(also[0].upper() + also[1:])
    if private:
        work = ", ".join(x for x in (c.role, c.org) if x)
        if work:
            lines.append(work)
        lines += contact_links(c)
        lines.append("Opener: " + opener(c, entry.last, entry.day))
        if c.notes and c.notes.strip():
            lines.append("Notes: " + c.notes.strip())
    return "\n".join(lines)


def describe(
    entries: Iterable[Entry], private: bool, planned: dict[str, date] | None = None
) -> str:
    """The description of one day: a paragraph per person.

    ``planned`` maps a slug to the last earlier day of the plan that has them.
    """
    planned = planned or {}
    return "\n\n".join(describe_entry(e, private, planned.get(e.contact.slug)) for e in entries)


def next_birthday(birthday: Birthday, today: date) -> date:
    """The birthday's next day on or after ``today`` (29 February: the 28th in common years)."""
    for year in (today.year, today.year + 1):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        day = 28 if (birthday.month, birthday.day, leap) == (2, 29, False) else birthday.day
        when = date(year, birthday.month, day)
        if when >= today:
            return when
    raise AssertionError("a birthday comes within a year")  # pragma: no cover


def in_touch_line(last: Touch | None, on: date) -> str:
    """``Last in touch 3 months ago (12 Aug 2026, call)``, counted to ``on``; names-only safe."""
    if last is None:
        return "No touch yet"
    channel = f", {last.channel}" if last.channel else ""
    return f"Last in touch {ago(last.date, on)} ago ({short_date(last.date)}{channel})"


def describe_birthday(contact: Contact, birthday: Birthday, today: date, private: bool) -> str:
    """A birthday's description: how long since the last touch, as of the coming birthday.

    Private, it adds the contact links and the opener for that day.
    """
    on = next_birthday(birthday, today)
    last = last_until(contact.touches, today)
    lines = [in_touch_line(last, on)]
    if private:
        lines += contact_links(contact)
        lines.append("Opener: " + opener(contact, last, on))
    return "\n".join(lines)


def stale_uid(network: Network, private: bool) -> str:
    """The UID of the "not updated" event: one per network and per feed.

    Calendar apps match events by UID, even across calendars, so the names-only and
    the private feed, and the feeds of two networks (a coach's clients), each need
    their own. It is a digest of which feed it is, the calendar's name and
    repository, and every contact's slug (names the public feed shows anyway, and
    no digest of an email or phone): the same network gives the same UID, while
    adding a contact gives a new one, which a subscribed calendar takes as the
    warning replaced, as harmless as its daily move.
    """
    import hashlib
    import json

    settings = network.settings
    key = [
        "private" if private else "names only",
        settings.calendar_name,
        settings.repo or "",
        sorted(c.slug for c in network.contacts),
    ]
    data = json.dumps(key, ensure_ascii=False).encode("utf-8")
    return f"{STALE_UID_PREFIX}{hashlib.sha256(data).hexdigest()[:16]}@{UID_DOMAIN}"


def stale_fields(today: date, reminder_time: str = Settings.reminder_time) -> StaleFields:
    """The "not updated" event of a calendar built on ``today``: STALE_AFTER days later.

    A week view shows it days ahead, so what it says is true whenever it is read:
    only on its own day does it mean the calendar has stopped.
    """
    built = today.isoformat()
    days = plural(STALE_AFTER.days, "day")
    description = "\n".join(
        [
            f"abc last wrote this calendar on {built}. Each time abc writes it, this "
            f"event moves to {days} after that day: seen before its day, all is well; "
            "on its day or after, the updates have stopped and the outreach events are "
            "an old plan.",
            "",
            "What to check:",
            "- The publish workflow: on GitHub, Actions > publish; open the latest run "
            "and the step that failed.",
            "- Its schedule: the workflow runs daily on its own; GitHub turns off the "
            "schedule of a public repository with no activity for 60 days. "
            "Actions > publish > Enable workflow turns it on again.",
            "- The secret ABC_CALENDAR_SECRET: the calendar is published only while it "
            "is set, at an address made from it; after a new value, subscribe to the "
            "new address (abc calendar --url prints it).",
            "- Without the workflow: run abc calendar again.",
        ]
    )
    return {
        "day": (today + STALE_AFTER).isoformat(),
        "time": reminder_time,
        "summary": f"abc: if this is today, your calendar stopped updating (last built {built})",
        "description": description,
    }


def _stale_event(uid: str, fields: StaleFields) -> Event:
    from icalendar import Alarm, Event

    day = date.fromisoformat(fields["day"])
    hours, minutes = fields["time"].split(":")
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", fields["summary"])
    event.add("description", fields["description"])
    event.add("transp", "TRANSPARENT")
    # An all-day event starts at midnight where it is seen: ring at the reminder time.
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", fields["summary"])
    alarm.add("trigger", timedelta(hours=int(hours), minutes=int(minutes)))
    event.add_component(alarm)
    return event


def _outreach_fields(
    day: date,
    entries: tuple[Entry, ...],
    settings: Settings,
    private: bool,
    planned: dict[str, date],
    pocket: str | None = None,
) -> OutreachFields:
    """Everything one day's outreach event says, as plain values."""
    fields: OutreachFields = {
        "day": day.isoformat(),
        "time": settings.reminder_time,
        "timezone": settings.timezone,
        "minutes": settings.minutes,
        "summary": title(entries, settings.calendar_tag),
        "description": describe(entries, private, planned),
    }
    if pocket:
        fields["pocket"] = pocket
        fields["description"] += f"\n\nIn your pocket (openers, links, Log it): {pocket}"
    return fields


def _no_zone(name: str) -> TimeZoneError:
    return TimeZoneError(
        f"no time zone definition for {name}; set timezone in abc.yaml to a name like Europe/London"
    )


def _zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; a name with no definition is a :class:`TimeZoneError`."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, KeyError) as e:  # ZoneInfoNotFoundError is a KeyError
        raise _no_zone(name) from e


def _outreach_event(fields: OutreachFields) -> Event:
    from icalendar import Alarm, Event

    hours, minutes = fields["time"].split(":")
    start = datetime.combine(
        date.fromisoformat(fields["day"]),
        time(int(hours), int(minutes)),
        tzinfo=_zone(fields["timezone"]),
    )
    event = Event()
    event.add("uid", outreach_uid(start.date()))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=fields["minutes"]))
    event.add("summary", fields["summary"])
    event.add("description", fields["description"])
    if "pocket" in fields:
        event.add("url", fields["pocket"])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", fields["summary"])
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def birthday_rule(birthday: Birthday) -> tuple[date, Rule]:
    """The first day and yearly rule of a birthday.

    Every birthday starts in BIRTHDAY_YEAR, so a year-less birthday works and
    the birth year stays out of the calendar. 29 February becomes the last day
    of February, so it shows on the 28th in common years instead of vanishing
    (a plain yearly rule from 29 February only fires in leap years).
    """
    first = date(BIRTHDAY_YEAR, birthday.month, birthday.day)
    if (birthday.month, birthday.day) == (2, 29):
        return first, {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return first, {"freq": "yearly"}


def _birthday_fields(
    contact: Contact, birthday: Birthday, today: date, private: bool
) -> BirthdayFields:
    """Everything one birthday event says, as plain values."""
    first, rule = birthday_rule(birthday)
    return {
        "slug": contact.slug,
        "first": first.isoformat(),
        "rule": rule,
        "summary": f"Birthday: {contact.name}",
        "description": describe_birthday(contact, birthday, today, private),
    }


def _birthday_event(fields: BirthdayFields) -> Event:
    from icalendar import Event

    first = date.fromisoformat(fields["first"])
    event = Event()
    event.add("uid", f"birthday-{fields['slug']}@{UID_DOMAIN}")
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    event.add("rrule", fields["rule"])
    event.add("summary", fields["summary"])
    if fields["description"]:
        event.add("description", fields["description"])
    event.add("transp", "TRANSPARENT")
    return event


def content_digest(uid: str, fields: OutreachFields | BirthdayFields | StaleFields) -> str:
    """A digest of what an event says (not when or how often it changed)."""
    import hashlib
    import json

    data = json.dumps([FORMAT, uid, fields], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def read_history(previous: bytes | None) -> dict[str, _History]:
    """UID → the sequence, content digest and bytes of each event in a previous feed.

    Read as text: every event this module writes carries its content digest
    (X-ABC-CONTENT), so an unchanged event is found, and reused byte for byte,
    without parsing or serialising it again, stamps included. A missing or
    garbled feed, or an event without a UID, stamp and sequence, has no history.
    """
    if not previous:
        return {}
    history: dict[str, _History] = {}
    for chunk in previous.split(b"BEGIN:VEVENT\r\n")[1:]:
        end = chunk.find(b"END:VEVENT\r\n")
        if end < 0:
            continue
        block = b"BEGIN:VEVENT\r\n" + chunk[: end + len(b"END:VEVENT\r\n")]
        props: dict[bytes, bytes] = {}
        for line in block.replace(b"\r\n ", b"").split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if sep and name in (b"UID", b"SEQUENCE", b"DTSTAMP", b"X-ABC-CONTENT"):
                props.setdefault(name, value)
        sequence = props.get(b"SEQUENCE", b"")
        if not sequence.isdigit() or b"UID" not in props or b"DTSTAMP" not in props:
            continue
        try:
            uid = props[b"UID"].decode("utf-8")
            content = props.get(b"X-ABC-CONTENT", b"").decode("ascii")
        except UnicodeDecodeError:
            continue
        history[uid] = _History(int(sequence), content, block)
    return history


def _event_bytes(
    uid: str,
    fields: OutreachFields | BirthdayFields | StaleFields,
    make: Callable[[], Event],
    history: dict[str, _History],
    now: datetime,
) -> tuple[bytes, bool]:
    """The bytes of one event and whether it is new or changed.

    An unchanged event keeps its SEQUENCE, DTSTAMP and LAST-MODIFIED, and its
    previous bytes; a changed one gets SEQUENCE + 1 and is stamped ``now``.
    """
    digest = content_digest(uid, fields)
    old = history.get(uid)
    if old is not None and old.content == digest:
        return old.block, False
    from icalendar import vText

    event = make()
    event.add("x-abc-content", vText(digest))
    event.add("dtstamp", now)
    event.add("last-modified", now)
    event.add("sequence", old.sequence + 1 if old is not None else 0)
    return bytes(event.to_ical()), True


def build(
    network: Network,
    plan: Plan,
    today: date,
    *,
    private: bool,
    previous: bytes | None = None,
    pocket: str | None = None,
) -> Feed:
    """The calendar for ``plan``: one timed event per day with people, birthdays, and
    the event that says when the calendar stopped being updated.

    ``previous`` is the last version of the same file (or None): events whose
    content is unchanged keep their stamps and sequence from it. ``pocket`` is the
    pocket's address, which each outreach event then links to (its address only).
    """
    from icalendar import Calendar, Timezone, vDuration, vText

    settings = network.settings
    history = read_history(previous)
    now = now_of(today)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # vText: icalendar does not escape NAME and X- properties on its own.
    cal.add("name", vText(settings.calendar_name))
    cal.add("x-wr-calname", vText(settings.calendar_name))
    what = "with emails, phones and notes" if private else "names only"
    about = f"Who to reach out to each day, from abc ({what})."
    cal.add("description", about)
    cal.add("x-wr-caldesc", vText(about))
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))

    blocks: list[bytes] = []
    changed = 0
    days = [d for d in plan.days if d.entries]
    planned: dict[str, date] = {}
    for d in days:
        fields = _outreach_fields(d.day, d.entries, settings, private, planned, pocket)
        block, new = _event_bytes(
            outreach_uid(d.day), fields, partial(_outreach_event, fields), history, now
        )
        blocks.append(block)
        changed += new
        planned.update((e.contact.slug, d.day) for e in d.entries)
    people = []
    if settings.birthdays:
        people = sorted(
            (c for c in network.contacts if c.birthday is not None and not c.archived),
            key=lambda c: (c.birthday.month, c.birthday.day, c.slug) if c.birthday else (),
        )
        for c in people:
            assert c.birthday is not None
            born = _birthday_fields(c, c.birthday, today, private)
            block, new = _event_bytes(
                birthday_uid(c), born, partial(_birthday_event, born), history, now
            )
            blocks.append(block)
            changed += new
    stale = stale_fields(today, settings.reminder_time)
    uid = stale_uid(network, private)
    block, new = _event_bytes(uid, stale, partial(_stale_event, uid, stale), history, now)
    blocks.append(block)
    changed += new

    if days and settings.timezone != "UTC":
        # Time zones first, as most writers order them, covering the planned days.
        first = date(days[0].day.year, 1, 1)
        last = date(days[-1].day.year + 1, 1, 1)
        try:
            zone = Timezone.from_tzid(settings.timezone, first_date=first, last_date=last)
        except (ValueError, KeyError) as e:
            raise _no_zone(settings.timezone) from e
        cal.add_component(zone)

    head = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    data = head[: -len(end)] + b"".join(blocks) + end
    return Feed(data, len(days), len(people), private, changed, today + STALE_AFTER)


def network_feed(
    network: Network,
    today: date,
    *,
    private: bool,
    previous: bytes | None = None,
    pocket: str | None = None,
) -> Feed:
    """The network's calendar from ``today``: the plan for the horizon the settings give
    (each day as planned, without moving anyone to a clear day), then :func:`build`.

    The one place the calendar is made, for ``abc calendar`` and the site's ``abc.ics``
    alike; whatever the calendar gains goes here, as a keyword, for both.
    """
    from abcnet.core.plan import plan

    settings = network.settings
    days = plan(network.contacts, settings, today, days=settings.horizon_days, find_clear_day=False)
    return build(network, days, today, private=private, previous=previous, pocket=pocket)
