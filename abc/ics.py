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
  all-day DATE events with an exclusive end, repeating yearly.

Names only by default: emails, phones, notes and the notes of touches go in
only when ``private`` is true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .model import Birthday, Contact, Network, Settings, Touch
from .plan import Entry, Plan

PRODID = "-//abc//Always Be Connecting//EN"
UID_DOMAIN = "abc"
#: How often clients are asked to fetch the feed again (a hint; they choose).
REFRESH = timedelta(hours=12)
#: Birthdays repeat from this year: a leap year, so 29 February exists, and no
#: birth year is revealed.
BIRTHDAY_YEAR = 2000
#: Properties that record when and how often an event changed, not what it says.
_HISTORY = ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE")


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

    @property
    def events(self) -> int:
        return self.outreach + self.birthdays


@dataclass(frozen=True)
class _History:
    sequence: int
    stamp: datetime
    modified: datetime
    content: bytes


def now_of(today: date) -> datetime:
    """The stamp of a change made on ``today``: its midnight, in UTC."""
    return datetime.combine(today, time(0, 0), tzinfo=UTC)


def outreach_uid(day: date) -> str:
    return f"outreach-{day.isoformat()}@{UID_DOMAIN}"


def birthday_uid(contact: Contact) -> str:
    return f"birthday-{contact.slug}@{UID_DOMAIN}"


def title(entries: Iterable[Entry]) -> str:
    """``ABC: Ada Okafor, Kwame Asante``."""
    return "ABC: " + ", ".join(e.contact.name for e in entries)


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
    the reason counts from it, so the description says so.
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
        if c.emails:
            lines.append("Email: " + ", ".join(c.emails))
        if c.phones:
            lines.append("Phone: " + ", ".join(c.phones))
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


def _contact_details(c: Contact) -> str:
    lines = []
    if c.emails:
        lines.append("Email: " + ", ".join(c.emails))
    if c.phones:
        lines.append("Phone: " + ", ".join(c.phones))
    return "\n".join(lines)


def _reminder_time(settings: Settings) -> time:
    hours, minutes = settings.reminder_time.split(":")
    return time(int(hours), int(minutes))


def _outreach_event(
    day: date,
    entries: tuple[Entry, ...],
    settings: Settings,
    private: bool,
    planned: dict[str, date],
) -> Any:
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Event

    start = datetime.combine(day, _reminder_time(settings), tzinfo=ZoneInfo(settings.timezone))
    summary = title(entries)
    event = Event()
    event.add("uid", outreach_uid(day))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=settings.minutes))
    event.add("summary", summary)
    event.add("description", describe(entries, private, planned))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def birthday_rule(birthday: Birthday) -> tuple[date, dict[str, Any]]:
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


def _birthday_event(contact: Contact, birthday: Birthday, private: bool) -> Any:
    from icalendar import Event

    first, rule = birthday_rule(birthday)
    event = Event()
    event.add("uid", birthday_uid(contact))
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    event.add("rrule", rule)
    event.add("summary", f"Birthday: {contact.name}")
    details = _contact_details(contact) if private else ""
    if details:
        event.add("description", details)
    event.add("transp", "TRANSPARENT")
    return event


def _without_history(event: Any) -> bytes:
    """An event's content: what it says, without when or how often it changed."""
    from icalendar import Event

    copy = Event.from_ical(event.to_ical())
    for name in _HISTORY:
        copy.pop(name, None)
    return bytes(copy.to_ical())


def read_history(previous: bytes | None) -> dict[str, _History]:
    """UID → the sequence, stamps and content of each event in a previous feed.

    A missing or unreadable feed has no history; so does an event whose own
    stamps cannot be read.
    """
    if not previous:
        return {}
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(previous)
        events = list(cal.walk("VEVENT"))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return {}
    history: dict[str, _History] = {}
    for event in events:
        try:
            uid = str(event["UID"])
            sequence = int(event.get("SEQUENCE", 0))
            stamp = event.decoded("DTSTAMP")
            modified = event.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in event else stamp
            content = _without_history(event)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            continue
        if isinstance(stamp, datetime) and isinstance(modified, datetime) and sequence >= 0:
            history[uid] = _History(sequence, stamp, modified, content)
    return history


def _stamp(event: Any, history: dict[str, _History], now: datetime) -> bool:
    """Add DTSTAMP, LAST-MODIFIED and SEQUENCE; return whether the event is new or changed."""
    uid = str(event["UID"])
    content = _without_history(event)
    old = history.get(uid)
    if old is not None and old.content == content:
        sequence, stamp, modified, changed = old.sequence, old.stamp, old.modified, False
    else:
        sequence = old.sequence + 1 if old is not None else 0
        stamp = modified = now
        changed = True
    # icalendar writes properties in its own canonical order, whatever the order added.
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("last-modified", modified.astimezone(UTC))
    event.add("sequence", sequence)
    return changed


def build(
    network: Network,
    plan: Plan,
    today: date,
    *,
    private: bool,
    previous: bytes | None = None,
) -> Feed:
    """The calendar for ``plan``: one timed event per day with people, and birthdays.

    ``previous`` is the last version of the same file (or None): events whose
    content is unchanged keep their stamps and sequence from it.
    """
    from icalendar import Calendar, vDuration, vText

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

    events = []
    days = [d for d in plan.days if d.entries]
    planned: dict[str, date] = {}
    for d in days:
        events.append(_outreach_event(d.day, d.entries, settings, private, planned))
        planned.update((e.contact.slug, d.day) for e in d.entries)
    people = []
    if settings.birthdays:
        people = sorted(
            (c for c in network.contacts if c.birthday is not None and not c.archived),
            key=lambda c: (c.birthday.month, c.birthday.day, c.slug) if c.birthday else (),
        )
        for c in people:
            assert c.birthday is not None
            events.append(_birthday_event(c, c.birthday, private))

    changed = 0
    for event in events:
        changed += _stamp(event, history, now)
        cal.add_component(event)

    if days:
        first = date(days[0].day.year, 1, 1)
        last = date(days[-1].day.year + 1, 1, 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
        missing = cal.get_missing_tzids()
        if missing:
            raise ValueError(f"no time zone definition for {', '.join(sorted(missing))}")
        # Time zones first, as most writers order them.
        zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        others = [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
        cal.subcomponents[:] = zones + others

    return Feed(bytes(cal.to_ical()), len(days), len(people), private, changed)
