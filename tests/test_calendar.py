"""`abc calendar` and abcnet.ics: the subscribable outreach calendar.

The golden files in tests/golden/ are the demo network's calendar on 2026-11-25,
names only (demo.ics) and with --private (demo-private.ics). When a change to
the demo data, the planner or the calendar is intended, regenerate them with

    ABC_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_calendar.py

and read the diff before committing it. The calendar is checked by two
consumers besides icalendar itself: vobject (an independent parser) and khal
(a real calendar client, which imports it into a scratch calendar).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject
from conftest import Net

from abcnet.core.model import Contact, Network, Settings, Source
from abcnet.core.plan import plan
from abcnet.core.problems import AbcError
from abcnet.formats import ics
from abcnet.formats.links import tel_link
from abcnet.storage.network import load_network

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = bool(os.environ.get("ABC_REGENERATE_GOLDEN"))
TODAY = date(2026, 11, 25)
LONDON_0845 = "08:45"


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Net:
    """A copy of the repository's demo network, so nothing is written into the repo."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copytree(REPO / "contacts", root / "contacts")
    shutil.copy(REPO / "abc.yaml", root / "abc.yaml")
    return Net(root)


def parse(data: bytes) -> Any:
    """The calendar as vobject reads it (an iCalendar parser independent of icalendar)."""
    return vobject.readOne(data.decode("utf-8"))


@dataclass(frozen=True)
class Seen:
    """One event as vobject reads it."""

    uid: str
    sequence: int
    stamp: datetime
    modified: datetime
    content: tuple[Any, ...]
    """Everything the event says, as opposed to when it last changed."""


def events(data: bytes) -> dict[str, Seen]:
    out = {}
    for ev in parse(data).vevent_list:
        description = ev.description.value if hasattr(ev, "description") else None
        content = (ev.summary.value, description, ev.dtstart.value, ev.dtend.value)
        out[ev.uid.value] = Seen(
            ev.uid.value,
            int(ev.sequence.value),
            ev.dtstamp.value,
            ev.contents["last-modified"][0].value,
            content,
        )
    return out


def people_events(cal: Any) -> list[Any]:
    """The events about people: all but the one that says the calendar is not updated."""
    return [ev for ev in cal.vevent_list if not is_stale(ev.uid.value)]


def is_stale(uid: str) -> bool:
    return uid.startswith(ics.STALE_UID_PREFIX)


def texts(data: bytes) -> str:
    """Every property value of every event, unfolded and unescaped, one per line."""
    values = []
    for ev in parse(data).vevent_list:
        for lines in ev.contents.values():
            values.extend(str(line.value) for line in lines if hasattr(line, "value"))
    return "\n".join(values)


def calendar(net: Net, *args: str, today: str = "2026-11-25") -> bytes:
    result = net.run("calendar", "--today", today, *args)
    assert result.exit_code == 0, result.output
    private = "--private" in args
    return (net.root / "build" / ("abc-private.ics" if private else "abc.ics")).read_bytes()


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), (
        f"{name} differs from the golden file; if the change is intended, regenerate it "
        "with ABC_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_calendar.py"
    )


def demo_plan(root: Path, today: date = TODAY) -> Any:
    network, _ = load_network(root, today)
    return network, plan(network.contacts, network.settings, today, network.settings.horizon_days)


# --- the demo network: golden files, determinism ------------------------------------------


def test_demo_calendar_matches_golden_file(demo):
    result = demo.run("calendar", "--today", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote build/abc.ics: 34 events (23 outreach, 10 birthdays, 1 not-updated warning on 2026-11-28; 34 new or changed), "
        "names only (private details left out)\n"
    )
    check_golden("demo.ics", (demo.root / "build" / "abc.ics").read_bytes())


def test_the_site_publishes_the_calendar_abc_calendar_writes(demo):
    from abcnet.web.mkdocs.hook import calendar_bytes

    assert demo.run("calendar", "--today", "2026-11-25").exit_code == 0
    written = (demo.root / "build" / "abc.ics").read_bytes()
    network, _ = load_network(demo.root, TODAY)
    assert calendar_bytes(network, TODAY, None) == written
    assert calendar_bytes(network, TODAY, written) == written
    check_golden("demo.ics", written)


def test_private_demo_calendar_matches_golden_file(demo):
    result = demo.run("calendar", "--today", "2026-11-25", "--private")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote build/abc-private.ics: 34 events (23 outreach, 10 birthdays, 1 not-updated warning on 2026-11-28; 34 new or changed), "
        "with emails, phones and notes: keep it private, do not publish it\n"
    )
    check_golden("demo-private.ics", (demo.root / "build" / "abc-private.ics").read_bytes())
    # The names-only calendar, the one that gets published, was not touched.
    assert not (demo.root / "build" / "abc.ics").exists()


def test_regenerating_unchanged_data_gives_identical_bytes(demo):
    first = calendar(demo)
    result = demo.run("calendar", "--today", "2026-11-25")
    assert "; 0 new or changed)" in result.stdout
    assert (demo.root / "build" / "abc.ics").read_bytes() == first


def test_output_depends_on_the_date_given_not_the_clock(demo, tmp_path):
    # --today and ABC_TODAY agree, and a fresh copy of the data gives the same bytes.
    by_option = calendar(demo)
    other = Net(tmp_path / "other")
    shutil.copytree(demo.root, other.root, ignore=shutil.ignore_patterns("build"))
    result = other.run("calendar", today="2026-11-25")
    assert result.exit_code == 0, result.output
    assert (other.root / "build" / "abc.ics").read_bytes() == by_option
    # Another day is another calendar: the first event and every stamp move.
    later = Net(tmp_path / "later")
    shutil.copytree(demo.root, later.root, ignore=shutil.ignore_patterns("build"))
    assert b"DTSTAMP:20261202T000000Z" in calendar(later, today="2026-12-02")
    assert b"DTSTAMP:20261202T000000Z" not in by_option


def test_default_output_goes_to_build_folder_and_o_writes_elsewhere(demo, tmp_path):
    target = tmp_path / "elsewhere" / "mine.ics"
    target.parent.mkdir()
    result = demo.run("calendar", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {target}: 34 events")
    assert not (demo.root / "build").exists()
    assert target.read_bytes() == (GOLDEN / "demo.ics").read_bytes()


# --- an independent parser -----------------------------------------------------------------


def test_vobject_reads_events_uids_start_times_and_time_zones(demo):
    data = calendar(demo)
    network, p = demo_plan(demo.root)
    cal = parse(data)
    days = [d for d in p.days if d.entries]

    assert cal.method.value == "PUBLISH"
    assert cal.prodid.value == "-//abc//Always Be Connecting//EN"
    assert cal.contents["name"][0].value == "ABC outreach"
    assert cal.contents["x-wr-calname"][0].value == "ABC outreach"
    refresh = cal.contents["refresh-interval"][0]
    assert (refresh.value, refresh.params) == ("PT12H", {"VALUE": ["DURATION"]})
    assert cal.contents["x-published-ttl"][0].value == "PT12H"
    assert "x-wr-timezone" not in cal.contents
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["Europe/London"]

    outreach = [e for e in cal.vevent_list if e.uid.value.startswith("outreach-")]
    birthdays = [e for e in cal.vevent_list if e.uid.value.startswith("birthday-")]
    assert len(cal.vevent_list) == len(outreach) + len(birthdays) + 1 == 34
    assert len({e.uid.value for e in cal.vevent_list}) == 34
    assert [e.uid.value for e in outreach] == [f"outreach-{d.day}@abc" for d in days]
    for ev, d in zip(outreach, days, strict=True):
        start, end = ev.dtstart.value, ev.dtend.value
        assert ev.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/London"]
        assert str(start.tzinfo) == "Europe/London"
        assert (start.date(), start.strftime("%H:%M")) == (d.day, LONDON_0845)
        # Late November and December in London are GMT: 08:45 local is 08:45 UTC.
        assert start.astimezone(UTC) == datetime(
            d.day.year, d.day.month, d.day.day, 8, 45, tzinfo=UTC
        )
        assert end - start == timedelta(minutes=10)
        assert ev.summary.value == ", ".join(e.contact.name for e in d.entries)
        assert (ev.valarm.action.value, ev.valarm.trigger.value) == ("DISPLAY", timedelta(0))

    with_birthday = sorted(
        (c for c in network.contacts if c.birthday and not c.archived),
        key=lambda c: (c.birthday.month, c.birthday.day, c.slug),
    )
    assert [e.uid.value for e in birthdays] == [f"birthday-{c.slug}@abc" for c in with_birthday]
    for ev, c in zip(birthdays, with_birthday, strict=True):
        assert ev.summary.value == f"Birthday: {c.name}"
        assert ev.dtstart.value == date(2000, c.birthday.month, c.birthday.day)
        assert ev.dtend.value == ev.dtstart.value + timedelta(days=1)
        assert ev.rrule.value == "FREQ=YEARLY"
        upcoming = ev.getrruleset().after(datetime(2026, 11, 25), inc=True)
        assert (upcoming.month, upcoming.day) == (c.birthday.month, c.birthday.day)


# --- privacy --------------------------------------------------------------------------------


def private_strings(root: Path) -> list[str]:
    """Every email, phone and note (of the contact or of a touch) in the demo network."""
    network, _ = load_network(root, TODAY)
    found = []
    for c in network.contacts:
        found += [*c.emails, *c.phones, *(tel_link(p)[4:] for p in c.phones)]
        if c.notes:
            found += [line.strip() for line in c.notes.splitlines() if line.strip()]
        found += [t.note.strip() for t in c.touches if t.note]
    return found


def test_names_only_calendar_has_no_email_phone_or_note(demo):
    text = texts(calendar(demo))
    secrets = private_strings(demo.root)
    assert len(secrets) > 300
    assert [s for s in secrets if s in text] == []
    assert "@" not in text.replace("@abc", "")
    # No links to tap, and no opener (it may name an org or where you met).
    assert [w for w in ("mailto:", "tel:", "Opener", "Hi ") if w in text] == []
    network, _ = load_network(demo.root, TODAY)
    orgs = {c.org for c in network.contacts if c.org}
    assert len(orgs) > 10
    assert [o for o in orgs if o in text] == []


def test_private_calendar_has_emails_phones_and_notes_of_the_people_in_it(demo):
    text = texts(calendar(demo, "--private"))
    _, p = demo_plan(demo.root)
    people = {e.contact.slug: e for d in p.days for e in d.entries}
    assert len(people) == 32
    for entry in people.values():
        c = entry.contact
        links = [f"mailto:{e}" for e in c.emails] + [tel_link(p) for p in c.phones]
        for value in (*links, *(c.notes or "").splitlines()):
            assert value.strip() in text, (c.slug, value)
        assert ics.opener(c, entry.last, entry.day) in text
        if entry.last and entry.last.note:
            assert entry.last.note.strip() in text


def test_private_setting_is_the_default_and_names_only_overrides_it(demo):
    settings = demo.root / "abc.yaml"
    settings.write_text(settings.read_text().replace("private: false", "private: true"))
    result = demo.run("calendar")
    assert "build/abc-private.ics" in result.stdout
    assert "with emails, phones and notes" in result.stdout
    result = demo.run("calendar", "--names-only")
    assert "wrote build/abc.ics" in result.stdout
    assert (demo.root / "build" / "abc.ics").read_bytes() == (GOLDEN / "demo.ics").read_bytes()


# --- a subscribed feed: UIDs, SEQUENCE and stamps across changes ----------------------------


def test_after_a_logged_touch_uids_stay_and_only_changed_events_move_on(demo):
    before = events(calendar(demo))
    # What `abc log "Kwame Asante" --channel email` adds: one of today's people is done.
    kwame = demo.contacts / "kwame-asante.yaml"
    assert kwame.read_text().endswith(
        "  note: Liked and commented on my post about the data contracts talk\n"
    )
    with kwame.open("a") as f:
        f.write("- date: 2026-11-25\n  channel: email\n  kind: give\n")
    after = events(calendar(demo))

    assert set(after) == set(before)
    changed = [u for u in after if after[u].content != before[u].content]
    # His day, and his birthday (which says when you were last in touch).
    assert changed == ["outreach-2026-11-25@abc", "birthday-kwame-asante@abc"]
    assert after[changed[0]].content[0] == "Mateo Ferreira"
    assert after[changed[1]].content[1] == "Last in touch 3 months ago (25 Nov 2026, email)"
    for uid, new in after.items():
        old = before[uid]
        if uid in changed:
            assert new.sequence == old.sequence + 1
        else:
            assert (new.sequence, new.stamp, new.modified) == (
                old.sequence,
                old.stamp,
                old.modified,
            )


def test_next_day_events_keep_their_stamps_and_a_change_bumps_the_sequence(demo):
    before = events(calendar(demo))
    # Both of the 25th's people were reached that day, as planned.
    with (demo.contacts / "mateo-ferreira.yaml").open("a") as f:
        f.write("- date: 2026-11-25\n  channel: email\n")
    with (demo.contacts / "kwame-asante.yaml").open("a") as f:
        f.write("- date: 2026-11-25\n  channel: call\n")
    next_day = events(calendar(demo, today="2026-11-26"))

    assert "outreach-2026-11-25@abc" not in next_day
    kept = set(next_day) & set(before)
    assert len(kept) == 33
    # Mateo (inner) comes again on 2026-12-10: that event now names the touch he had
    # instead of "also planned for 2026-11-25", and moves on, as do the birthdays of
    # the two (which say when you were last in touch), as does the not-updated warning
    # (a day later); every other one stays.
    moved = {
        "outreach-2026-12-10@abc",
        "birthday-mateo-ferreira@abc",
        "birthday-kwame-asante@abc",
        *filter(is_stale, before),
    }
    for uid in moved:
        assert next_day[uid].sequence == before[uid].sequence + 1
    for uid in kept - moved:
        assert next_day[uid].content == before[uid].content, uid
        assert next_day[uid] == before[uid]
    # Nobody is planned on the new last day, 2026-12-23, so no event is new.
    assert set(next_day) - set(before) == set()

    # Then Yuki (planned on the 26th) writes in first: her day changes, stamped with that day.
    with (demo.contacts / "yuki-sato.yaml").open("a") as f:
        f.write(written_in(demo.contacts / "yuki-sato.yaml"))
    third = events(calendar(demo, today="2026-11-26"))
    moved = {u for u in third if u in next_day and third[u].content != next_day[u].content}
    assert "outreach-2026-11-26@abc" in moved
    for uid in third.keys() & next_day.keys():
        if uid in moved:
            assert third[uid].sequence == next_day[uid].sequence + 1
            assert third[uid].stamp == third[uid].modified == datetime(2026, 11, 26, tzinfo=UTC)
        else:
            assert third[uid] == next_day[uid]


def written_in(path: Path) -> str:
    """A touch from them on 2026-11-26, indented like the file's own list."""
    indent = "  " if "\n  - date:" in path.read_text() else ""
    return f"{indent}- date: 2026-11-26\n{indent}  channel: email\n{indent}  direction: in\n"


def test_new_events_start_at_zero_stamped_with_the_day_they_appear(net):
    net.settings("daily_quota: 1\nhorizon: 1w\nbirthdays: false\n")
    for i in range(10):
        net.write(f"p{i}", f"name: Person {i}\n")
    first = events(calendar(net, today="2026-11-24"))
    assert len(first) == 8
    # Person 0 was reached as planned; the next day looks two weeks ahead.
    net.write("p0", "name: Person 0\ntouches: [{date: 2026-11-24}]\n")
    net.settings("daily_quota: 1\nhorizon: 2w\nbirthdays: false\n")
    second = events(calendar(net, today="2026-11-25"))
    assert sorted(set(first) - set(second)) == ["outreach-2026-11-24@abc"]
    assert sorted(set(second) - set(first)) == [
        "outreach-2026-12-01@abc",
        "outreach-2026-12-02@abc",
        "outreach-2026-12-03@abc",
    ]
    # The not-updated warning moved on a day, under its UID.
    [stale] = filter(is_stale, first)
    assert (second[stale].sequence, second[stale].stamp) == (1, datetime(2026, 11, 25, tzinfo=UTC))
    for uid, seen in second.items():
        if uid == stale:
            continue
        if uid in first:
            assert seen == first[uid]
            assert seen.stamp == datetime(2026, 11, 24, tzinfo=UTC)
        else:
            assert (seen.sequence, seen.stamp) == (0, datetime(2026, 11, 25, tzinfo=UTC))


def test_sequence_never_goes_down(net):
    net.write("ada", "name: Ada Lovelace\ncircle: inner\n")
    first = calendar(net)
    assert b"SEQUENCE:0" in first
    # A previous file whose events are at SEQUENCE 7: unchanged ones stay there.
    (net.root / "build" / "abc.ics").write_bytes(first.replace(b"SEQUENCE:0", b"SEQUENCE:7"))
    again = calendar(net)
    assert b"SEQUENCE:0" not in again
    assert again == first.replace(b"SEQUENCE:0", b"SEQUENCE:7")
    # A changed event goes on from there.
    net.write("ada", "name: Ada King\ncircle: inner\n")
    changed = events(calendar(net))
    assert changed["outreach-2026-11-25@abc"].sequence == 8


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a calendar at all", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", b"\xff\xfe\x00"],
)
def test_a_missing_or_garbled_previous_file_starts_again_at_zero(net, garbage):
    net.write("ada", "name: Ada Lovelace\n")
    clean = calendar(net)
    (net.root / "build" / "abc.ics").write_bytes(garbage)
    assert calendar(net) == clean


def test_an_event_with_unreadable_stamps_in_the_previous_file_starts_again(net):
    net.write("ada", "name: Ada Lovelace\n")
    clean = calendar(net)
    (net.root / "build" / "abc.ics").write_bytes(clean.replace(b"SEQUENCE:0", b"SEQUENCE:x"))
    assert calendar(net) == clean


# --- what the events say ----------------------------------------------------------------------


def test_outreach_event_text_time_and_alarm(net):
    net.settings(
        """
        reminder_time: "07:30"
        timezone: America/New_York
        minutes: 15
        horizon: 3d
        calendar_name: "Network, mine"
        """
    )
    net.write(
        "ada",
        """
        name: Ada Lovelace
        email: ada@example.com
        circle: inner
        notes: Likes engines
        touches:
          - date: 2026-10-01
            channel: call
            note: Talked engines
        """,
    )
    net.write("grace", "name: Grace Hopper\nphone: '+1 555 0100'\n")
    net.write(
        "alan", "name: Alan Turing\ncircle: inner\ntouches: [{date: 2026-11-24, direction: in}]\n"
    )
    cal = parse(calendar(net))
    assert cal.contents["x-wr-calname"][0].value == "Network, mine"
    [ev] = people_events(cal)  # Alan is resting; only today has people within 3 days
    assert ev.uid.value == "outreach-2026-11-25@abc"
    assert ev.summary.value == "Ada Lovelace, Grace Hopper"  # inner and late: first
    assert ev.description.value == (
        "Ada Lovelace: overdue by 25 days\n"
        "Last touch: 2026-10-01 (call)\n"
        "\n"
        "Grace Hopper: never contacted"
    )
    assert ev.dtstart.value.isoformat() == "2026-11-25T07:30:00-05:00"
    assert ev.dtend.value - ev.dtstart.value == timedelta(minutes=15)
    assert ev.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["America/New_York"]
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["America/New_York"]
    assert ev.valarm.description.value == "Ada Lovelace, Grace Hopper"

    private = parse(calendar(net, "--private")).vevent_list[0]
    assert private.description.value == (
        "Ada Lovelace: overdue by 25 days\n"
        "Last touch: 2026-10-01 (call): Talked engines\n"
        "mailto:ada@example.com\n"
        "Opener: Hi Ada, I've been thinking of you: it's been 2 months since we last talked. "
        "How are things going?\n"
        "Notes: Likes engines\n"
        "\n"
        "Grace Hopper: never contacted\n"
        "tel:+15550100\n"
        "Opener: Hi Grace, I've been meaning to get in touch: what are you working on these days?"
    )


def test_calendar_tag_goes_after_the_names(net):
    net.settings("calendar_tag: '  ABC '\nhorizon: 1d\n")
    net.write("ada", "name: Ada Lovelace\n")
    net.write("grace", "name: Grace Hopper\n")
    [ev] = people_events(parse(calendar(net)))
    assert ev.summary.value == "Ada Lovelace, Grace Hopper · ABC"
    assert ev.valarm.description.value == "Ada Lovelace, Grace Hopper · ABC"


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("+44 20 7946 0342", "tel:+442079460342"),
        ("(020) 7946-0342", "tel:02079460342"),
        (" +1.555.0100 ext", "tel:+15550100"),
    ],
)
def test_tel_links_keep_the_digits_and_a_leading_plus(phone, link):
    assert tel_link(phone) == link


def test_someone_planned_twice_in_the_horizon_says_so(net):
    net.settings("daily_quota: 1\nhorizon: 20d\ncadences: {inner: 14d}\nbirthdays: false\n")
    net.write("ada", "name: Ada Lovelace\ncircle: inner\ntouches: [{date: 2026-11-01}]\n")
    cal = parse(calendar(net))
    days = [(e.dtstart.value.date().isoformat(), e.description.value) for e in people_events(cal)]
    # With a free slot the planner reaches out a step ahead, once the rest (7 days) is over.
    assert days == [
        ("2026-11-25", "Ada Lovelace: overdue by 10 days\nLast touch: 2026-11-01 (touch)"),
        (
            "2026-12-02",
            "Ada Lovelace: due in 7 days\nLast touch: 2026-11-01 (touch); also planned for 2026-11-25",
        ),
        (
            "2026-12-09",
            "Ada Lovelace: due in 7 days\nLast touch: 2026-11-01 (touch); also planned for 2026-12-02",
        ),
    ]


def test_utc_times_are_utc_not_floating(net):
    net.settings('timezone: UTC\nreminder_time: "09:00"\n')
    net.write("ada", "name: Ada Lovelace\n")
    data = calendar(net)
    assert b"DTSTART:20261125T090000Z\r\n" in data
    assert b"VTIMEZONE" not in data
    assert b"X-WR-TIMEZONE" not in data


def test_horizon_setting_limits_the_days(net):
    net.settings("horizon: 1w\ndaily_quota: 1\nbirthdays: false\n")
    for i in range(10):
        net.write(f"p{i}", f"name: Person {i}\n")
    cal = parse(calendar(net))
    assert [e.uid.value for e in people_events(cal)] == [
        "outreach-2026-11-25@abc",
        "outreach-2026-11-26@abc",
        "outreach-2026-11-27@abc",
        "outreach-2026-11-28@abc",
        "outreach-2026-11-29@abc",
        "outreach-2026-11-30@abc",
        "outreach-2026-12-01@abc",
    ]


# --- the feed says when it stops --------------------------------------------------------------

STALE_DESCRIPTION = (
    "abc last wrote this calendar on 2026-11-25. Each time abc writes it, this event moves "
    "to 3 days after that day: seen before its day, all is well; on its day or after, the "
    "updates have stopped and the outreach events are an old plan.\n"
    "\n"
    "What to check:\n"
    "- The publish workflow: on GitHub, Actions > publish; open the latest run and the step "
    "that failed.\n"
    "- Its schedule: the workflow runs daily on its own; GitHub turns off the schedule of a "
    "public repository with no activity for 60 days. Actions > publish > Enable workflow "
    "turns it on again.\n"
    "- The secret ABC_CALENDAR_SECRET: the calendar is published only while it is set, at an "
    "address made from it; after a new value, subscribe to the new address (abc calendar "
    "--url prints it).\n"
    "- Without the workflow: run abc calendar again."
)
STALE_SUMMARY = "abc: if this is today, your calendar stopped updating (last built 2026-11-25)"


def stale_event(data: bytes) -> Any:
    [ev] = [e for e in parse(data).vevent_list if is_stale(e.uid.value)]
    return ev


def test_every_calendar_ends_with_a_warning_three_days_after_its_build_day(net):
    net.settings("reminder_time: '08:30'\n")
    net.write("ada", "name: Ada Lovelace\nemail: ada@example.com\nnotes: Likes engines\n")
    for args in ((), ("--private",)):
        by_uid = {e.uid.value: e for e in parse(calendar(net, *args)).vevent_list}
        assert len(by_uid) == 2
        assert "outreach-2026-11-25@abc" in by_uid
        [ev] = [e for uid, e in by_uid.items() if is_stale(uid)]
        # True whenever it is read, though a week view shows it three days ahead.
        assert ev.summary.value == STALE_SUMMARY
        assert (ev.dtstart.value, ev.dtend.value) == (date(2026, 11, 28), date(2026, 11, 29))
        assert ev.description.value == STALE_DESCRIPTION
        assert ev.transp.value == "TRANSPARENT"
        # It rings on its day at the reminder time (where a client keeps a feed's alarms).
        [alarm] = ev.valarm_list
        assert alarm.action.value == "DISPLAY"
        assert alarm.description.value == STALE_SUMMARY
        assert alarm.trigger.value == timedelta(hours=8, minutes=30)


def test_the_warning_has_a_uid_of_its_own_per_network_and_feed(net):
    net.write("ada", "name: Ada Lovelace\nemail: ada@example.com\n")
    public = stale_event(calendar(net)).uid.value
    private = stale_event(calendar(net, "--private")).uid.value
    assert re.fullmatch(r"not-updated-[0-9a-f]{16}@abc", public)
    assert re.fullmatch(r"not-updated-[0-9a-f]{16}@abc", private)
    assert public != private
    # The same network elsewhere (a laptop, then CI) gives the same UID.
    ada = Contact("ada", "Ada Lovelace", Source("contacts/ada.yaml"), ("ada@example.com",))
    assert ics.stale_uid(Network((ada,)), private=False) == public
    assert ics.stale_uid(Network((ada,)), private=True) == private
    # Another network (a coach's other client) has its own, as has another repository.
    grace = Contact("grace", "Grace Hopper", Source("contacts/grace.yaml"))
    others = {
        ics.stale_uid(Network((grace,)), private=False),
        ics.stale_uid(Network((ada,), Settings(repo="ada/network")), private=False),
        ics.stale_uid(Network((ada,), Settings(calendar_name="Work")), private=False),
    }
    assert len(others) == 3
    assert public not in others


def test_the_warning_moves_with_each_build_day_under_one_uid(net):
    # No people at all: the warning is still there, since the builds can stop all the same.
    net.settings("birthdays: false\n")
    first = calendar(net)
    assert first.count(b"BEGIN:VEVENT") == 1
    # The same day again: the same bytes, stamps and sequence.
    assert calendar(net) == first
    [moved] = parse(calendar(net, today="2026-12-01")).vevent_list
    assert moved.uid.value == stale_event(first).uid.value
    assert moved.summary.value == (
        "abc: if this is today, your calendar stopped updating (last built 2026-12-01)"
    )
    assert moved.dtstart.value == date(2026, 12, 4)
    assert int(moved.sequence.value) == 1
    assert moved.dtstamp.value == datetime(2026, 12, 1, tzinfo=UTC)


def test_written_line_names_the_warning_day(net):
    net.settings("birthdays: false\n")
    result = net.run("calendar", "--today", "2026-11-25")
    assert result.stdout == (
        "wrote build/abc.ics: 1 event (0 outreach, 1 not-updated warning on 2026-11-28; "
        "1 new or changed), names only (private details left out)\n"
    )


# --- birthdays --------------------------------------------------------------------------------


def test_birthdays_year_less_leap_day_archived_and_switched_off(net):
    net.write("ada", "name: Ada Lovelace\nbirthday: 1815-12-10\n")
    net.write("grace", "name: Grace Hopper\nbirthday: '12-09'\n")
    net.write("leap", "name: Leap Person\nbirthday: 1996-02-29\n")
    net.write("gone", "name: Gone Person\nbirthday: '01-01'\narchived: true\n")
    data = calendar(net)
    cal = parse(data)
    bdays = {e.uid.value: e for e in cal.vevent_list if e.uid.value.startswith("birthday-")}
    assert list(bdays) == ["birthday-leap@abc", "birthday-grace@abc", "birthday-ada@abc"]
    assert b"1815" not in data  # the birth year stays out
    ada = bdays["birthday-ada@abc"]
    assert (ada.summary.value, ada.dtstart.value, ada.dtend.value) == (
        "Birthday: Ada Lovelace",
        date(2000, 12, 10),
        date(2000, 12, 11),
    )
    assert ada.dtstart.params == {"VALUE": ["DATE"]}
    assert ada.transp.value == "TRANSPARENT"
    assert bdays["birthday-grace@abc"].dtstart.value == date(2000, 12, 9)
    leap = bdays["birthday-leap@abc"]
    assert leap.dtstart.value == date(2000, 2, 29)
    assert b"RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\r\n" in data
    shown = [
        d.date() for d in leap.getrruleset().between(datetime(2026, 1, 1), datetime(2029, 1, 1))
    ]
    assert shown == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]

    net.settings("birthdays: false\n")
    assert b"birthday-" not in calendar(net)


def test_birthday_says_how_long_since_the_last_touch_and_details_only_when_private(net):
    net.settings("birthdays: true\nhorizon: 1d\n")
    net.write(
        "ada",
        """
        name: Ada Lovelace
        birthday: '02-12'
        email: ada@example.com
        phone: '+1 555 0100'
        org: Analytical Engines
        touches:
          - date: 2026-08-12
            channel: call
            note: Talked engines
        """,
    )
    net.write("grace", "name: Grace Hopper\nbirthday: '11-25'\n")
    names_only = {e.uid.value: e for e in parse(calendar(net)).vevent_list}
    # Counted to the coming birthday (12 February 2027), the day the event is read.
    assert names_only["birthday-ada@abc"].description.value == (
        "Last in touch 6 months ago (12 Aug 2026, call)"
    )
    assert names_only["birthday-grace@abc"].description.value == "No touch yet"
    private = {e.uid.value: e for e in parse(calendar(net, "--private")).vevent_list}
    assert private["birthday-ada@abc"].description.value == (
        "Last in touch 6 months ago (12 Aug 2026, call)\n"
        "mailto:ada@example.com\n"
        "tel:+15550100\n"
        "Opener: Hi Ada, happy birthday! I hope the year ahead is a good one: "
        "what are you looking forward to?"
    )
    assert private["birthday-grace@abc"].description.value == (
        "No touch yet\n"
        "Opener: Hi Grace, happy birthday! I hope the year ahead is a good one: "
        "what are you looking forward to?"
    )


# --- the pure function ------------------------------------------------------------------------


def test_a_new_format_rewrites_every_event_under_the_same_uids(demo, monkeypatch):
    network, p = demo_plan(demo.root)
    current = ics.FORMAT
    monkeypatch.setattr(ics, "FORMAT", current - 1)
    old = ics.build(network, p, TODAY, private=False)
    monkeypatch.setattr(ics, "FORMAT", current)
    new = ics.build(network, p, TODAY + timedelta(days=1), private=False, previous=old.data)
    assert new.changed == new.events == 34
    before, after = events(old.data), events(new.data)
    assert set(after) == set(before)
    assert {e.sequence for e in after.values()} == {1}


def test_build_is_pure_and_counts_what_it_wrote(demo):
    network, p = demo_plan(demo.root)
    feed = ics.build(network, p, TODAY, private=False)
    assert (feed.outreach, feed.birthdays, feed.events, feed.changed) == (23, 10, 34, 34)
    assert feed.data == (GOLDEN / "demo.ics").read_bytes()
    again = ics.build(network, p, TODAY, private=False, previous=feed.data)
    assert (again.data, again.changed) == (feed.data, 0)


NO_ZONE = (
    "no time zone definition for Nowhere/Place; "
    "set timezone in abc.yaml to a name like Europe/London"
)


def one_person(timezone: str) -> tuple[Network, Any]:
    ada = Contact("ada", "Ada Lovelace", Source("contacts/ada.yaml"))
    network = Network((ada,), Settings(timezone=timezone), files=1)
    return network, plan(network.contacts, network.settings, TODAY, 1, find_clear_day=False)


def test_a_time_zone_with_no_definition_is_an_abc_error_not_a_traceback():
    network, p = one_person("Nowhere/Place")
    with pytest.raises(ics.TimeZoneError) as raised:
        ics.build(network, p, TODAY, private=False)
    assert isinstance(raised.value, AbcError)
    assert (raised.value.message, raised.value.exit_code) == (NO_ZONE, 1)


def test_a_zone_icalendar_cannot_describe_is_the_same_abc_error(monkeypatch):
    from icalendar import Timezone

    def unknown(tzid: str, **_: object) -> None:
        raise ValueError(f"Unkown timezone {tzid}.")

    monkeypatch.setattr(Timezone, "from_tzid", unknown)
    network, p = one_person("Europe/London")
    with pytest.raises(ics.TimeZoneError) as raised:
        ics.build(network, p, TODAY, private=False)
    assert raised.value.message == (
        "no time zone definition for Europe/London; "
        "set timezone in abc.yaml to a name like Europe/London"
    )


# --- a real client ----------------------------------------------------------------------------


def khal_command() -> list[str]:
    exe = Path(sys.executable).with_name("khal")
    if not exe.exists():
        if os.environ.get("CI"):
            pytest.fail("khal is not installed; it is in the test extra")
        pytest.skip("khal is not installed (pip install -e '.[test]')")
    return [str(exe)]


@pytest.mark.slow
def test_khal_imports_the_feed_and_reimports_a_change_without_duplicates(demo, tmp_path):
    khal = khal_command()
    vdir = tmp_path / "khal" / "abc"
    vdir.mkdir(parents=True)
    config = tmp_path / "khal" / "config"
    config.write_text(
        "[calendars]\n[[abc]]\n"
        f"path = {vdir}\ntype = calendar\n"
        "[locale]\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        # Shown in New York: the events must carry their own time zone to land at 03:45.
        "default_timezone = America/New_York\nlocal_timezone = America/New_York\n"
        "[default]\ndefault_calendar = abc\n"
        f"[sqlite]\npath = {tmp_path / 'khal' / 'khal.db'}\n"
    )
    env = {**os.environ, "TZ": "America/New_York", "HOME": str(tmp_path)}

    def run(*args: str) -> str:
        done = subprocess.run(
            [*khal, "-c", str(config), *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def listing() -> list[str]:
        out = run("list", "--format", "{start-time} {title}", "2026-11-25", "2026-12-23")
        shown = ("03:45 ", " Birthday", " abc: ")
        return [line for line in out.splitlines() if line.startswith(shown)]

    def stored() -> list[str]:
        return sorted(p.name for p in vdir.glob("*.ics"))

    calendar(demo)
    run("import", "--batch", str(demo.root / "build" / "abc.ics"))
    first = listing()
    assert len(stored()) == 34
    outreach = [line for line in first if line.startswith("03:45 ")]
    assert len(outreach) == 23
    assert "03:45 Mateo Ferreira, Kwame Asante" in first
    assert " Birthday: Priya Raman" in first  # all-day: no start time
    assert " abc: if this is today, your calendar stopped updating (last built 2026-11-25)" in (
        first
    )

    with (demo.contacts / "mateo-ferreira.yaml").open("a") as f:
        f.write("- date: 2026-11-25\n  channel: email\n")
    calendar(demo)
    run("import", "--batch", str(demo.root / "build" / "abc.ics"))
    second = listing()
    assert len(stored()) == 34
    assert "03:45 Kwame Asante" in second
    assert "03:45 Mateo Ferreira, Kwame Asante" not in second
    assert len(second) == len(first)

    # A build the next day moves the warning: one warning still, three days on.
    before = stored()
    calendar(demo, today="2026-11-26")
    run("import", "--batch", str(demo.root / "build" / "abc.ics"))
    # A day planned anew, and no second warning.
    assert sorted(set(stored()) - set(before)) == ["outreach-2026-12-11@abc.ics"]
    out = run("list", "--format", "{start-date} {title}", "2026-11-25", "2026-12-23")
    warnings = [line for line in out.splitlines() if " abc: " in line]
    assert warnings == [
        "2026-11-29 abc: if this is today, your calendar stopped updating (last built 2026-11-26)"
    ]
